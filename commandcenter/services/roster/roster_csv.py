"""Roster CSV: import all-or-nothing, export the same columns back.

The importer takes what a spreadsheet program writes: UTF-8 with or without a BOM, commas or
semicolons (some locales), CRLF, columns in any order matched by header name (a few common
spellings each). Every row is checked before anything is written; any problem — a bad
e-mail, a missing required column, a duplicate (by e-mail or phone, within the file or against
the roster), a stray quote, bytes that are not UTF-8 — is reported with its line number and
nothing is imported. Then all rows go in one transaction, sealed by one audit entry.
"""

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import select

from commandcenter.models import Spokesperson
from commandcenter.services import audit
from commandcenter.services.errors import ValidationError
from commandcenter.services.roster import roster, shifts as shift_rules
from commandcenter.services.roster.inputs import (
    AUDIENCE_NAMES, SpokespersonInput, normalise_phone,
)
from commandcenter.vault.unlocked import UnlockedVault

MAX_BYTES = 20 * 1024 * 1024  # a roster, not a data dump
# Column -> the header spellings accepted (compared lower-case, spaces/_/- ignored).
HEADERS = {
    "name": ("name", "fullname", "spokesperson"),
    "role_title": ("role", "title", "jobtitle", "position"),
    "organisation": ("organisation", "organization", "org", "company"),
    "phone": ("phone", "mobile", "telephone", "tel", "phonenumber"),
    "email": ("email", "emailaddress", "mail"),
    "messenger": ("messenger", "securemessenger", "signal", "chat"),
    "languages": ("languages", "language", "lang"),
    "time_zone": ("timezone", "tz", "zone"),
    "media_trained_on": ("mediatraining", "mediatrained", "mediatrainingdate", "trained"),
    "audiences": ("audiences", "audience", "clearedaudiences"),
    "topics": ("topics", "clearedtopics", "topic"),
    "backup": ("backup", "backupspokesperson", "deputy"),
    "shifts": ("shifts", "shift", "rota", "hours"),
}
EXPORT_HEADERS = ("Name", "Role", "Organisation", "Phone", "E-mail", "Messenger", "Languages",
                  "Time zone", "Media training", "Audiences", "Topics", "Backup", "Shifts")


class ImportProblem(ValidationError):
    """The file cannot be imported; `line` is the 1-based line of the first problem."""

    def __init__(self, line: int | None, message: str):
        where = f"Line {line}: " if line else ""
        super().__init__("file", where + message + " Nothing was imported.")
        self.line = line


@dataclass(frozen=True)
class ImportResult:
    imported: int
    names: list[str]


def _key(header: str) -> str:
    return re.sub(r"[\s_\-.]", "", header.strip().lower())


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise ImportProblem(None, f"The file is larger than {MAX_BYTES // 2**20} MB.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ImportProblem(line, "This is not UTF-8 text (perhaps Latin-1 or Windows-1252). "
                            "Save the file as “CSV UTF-8” and import it again.") from None


def _reader(text: str):
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        for column, names in HEADERS.items():
            if _key(title) in names:
                if column in found:
                    raise ImportProblem(1, f"Two columns mean {column.replace('_', ' ')}: "
                                        f"“{header[found[column]]}” and “{title}”.")
                found[column] = index
    if "name" not in found:
        raise ImportProblem(1, "The required column “Name” is missing (headers found: "
                            + ", ".join(h for h in header if h.strip()) + ").")
    if not {"phone", "email", "messenger"} & found.keys():
        raise ImportProblem(1, "Add a column “Phone”, “E-mail” or “Messenger”: each "
                            "spokesperson needs a way to be reached.")
    return found


def _split(value: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in re.split(r"[;,|]", value or "") if x.strip())


def _date(value: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValidationError("media_trained_on", f"{value!r} is not a date; use YYYY-MM-DD.")


def _input(cells: dict[str, str]) -> SpokespersonInput:
    try:
        shifts = tuple(shift_rules.parse_shift_text(cells.get("shifts", "")))
    except shift_rules.ShiftError as exc:
        raise ValidationError("shifts", str(exc)) from None
    return SpokespersonInput(
        cells.get("name", ""), cells.get("role_title", ""), cells.get("organisation", ""),
        cells.get("phone", ""), cells.get("email", ""), cells.get("messenger", ""),
        _split(cells.get("languages", "")) or ("en",), cells.get("time_zone", "") or "UTC",
        _date(cells.get("media_trained_on", "")), _split(cells.get("audiences", "")),
        _split(cells.get("topics", "")), shifts=shifts).cleaned()


def parse(raw: bytes) -> list[tuple[int, SpokespersonInput, str]]:
    """Every data row as (line, validated input, backup reference) or ImportProblem."""
    reader = _reader(_decode(raw))
    rows = []
    try:
        header = next(reader, None)
        if not header:
            raise ImportProblem(1, "The file is empty.")
        columns = _columns(header)
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                raise ImportProblem(line, f"{len(cells)} cells but {len(header)} columns "
                                    "(a comma inside an unquoted cell?).")
            values = {col: cells[i] if i < len(cells) else "" for col, i in columns.items()}
            try:
                rows.append((line, _input(values), values.get("backup", "").strip()))
            except ValidationError as exc:
                raise ImportProblem(line, f"{label(exc.field)}: {exc.message}") from None
    except csv.Error as exc:
        raise ImportProblem(reader.line_num, f"The CSV is malformed ({exc}); check for a "
                            "stray quote.") from None
    if not rows:
        raise ImportProblem(2, "There are no spokespersons in the file.")
    return rows


def label(field: str) -> str:
    return {"email": "E-mail", "time_zone": "Time zone", "media_trained_on": "Media training",
            "role_title": "Role"}.get(field, field.replace("_", " ").capitalize())


def _check_duplicates(rows, existing: list[Spokesperson]) -> None:
    seen: dict[str, int] = {}
    for p in existing:
        for key in (p.email and f"e-mail {p.email}",
                    p.phone and f"phone {normalise_phone(p.phone)}"):
            if key:
                seen.setdefault(key, 0)  # 0: on the roster already
    for line, data, _backup in rows:
        for key in (data.email and f"e-mail {data.email}",
                    data.phone and f"phone {normalise_phone(data.phone)}"):
            if not key:
                continue
            if key in seen:
                where = "someone on the roster" if seen[key] == 0 else f"line {seen[key]}"
                raise ImportProblem(line, f"Duplicate: {data.name} has the same {key} as "
                                    f"{where}.")
            seen[key] = line


def _resolve_backups(rows, existing: list[Spokesperson]) -> dict[int, str]:
    """Line -> the backup's name or e-mail as written, checked to exist (file or roster)."""
    known = {p.name.lower() for p in existing} | {p.email for p in existing if p.email}
    known |= {d.name.lower() for _, d, _ in rows} | {d.email for _, d, _ in rows if d.email}
    out = {}
    for line, data, backup in rows:
        if not backup:
            continue
        if backup.lower() not in known:
            raise ImportProblem(line, f"Backup {backup!r} is neither in the file nor on the "
                                "roster (give their name or e-mail).")
        if backup.lower() in (data.name.lower(), data.email):
            raise ImportProblem(line, "A spokesperson cannot be their own backup.")
        out[line] = backup.lower()
    return out


def import_csv(vault: UnlockedVault, raw: bytes, *, progress=None) -> ImportResult:
    """Import every row or none; raises ImportProblem naming the first bad line."""
    vault.actor.require(*roster.WRITERS, action="import the spokesperson roster")
    return write_rows(vault, parse(raw), progress=progress)


def write_rows(vault: UnlockedVault, rows, *, progress=None, source: str = "csv"
               ) -> ImportResult:
    """Checked rows (line, input, backup reference) in one transaction, or nothing: the
    duplicates and backups are checked against the roster inside it."""
    vault.actor.require(*roster.WRITERS, action="import the spokesperson roster")
    with vault.write() as session:
        existing = list(session.exec(select(Spokesperson).where(
            Spokesperson.status == "active")))
        _check_duplicates(rows, existing)
        backups = _resolve_backups(rows, existing)
        people = {}
        for n, (line, data, _b) in enumerate(rows, start=1):
            person = Spokesperson(origin_vault_id=vault.vault_id, created_by=vault.actor.id,
                                  updated_by=vault.actor.id, **roster._values(data))
            session.add(person)
            people[line] = person
            if progress and n % 1000 == 0:
                progress(n, len(rows))
        session.flush()
        by_ref = {p.name.lower(): p.id for p in existing} | \
            {p.email: p.id for p in existing if p.email}
        by_ref |= {p.name.lower(): p.id for p in people.values()} | \
            {p.email: p.id for p in people.values() if p.email}
        for line, ref in backups.items():
            people[line].backup_id = by_ref[ref]
        audit.record(vault, session, "roster.imported", "spokesperson", None,
                     {"count": len(rows), "names": [d.name for _, d, _ in rows][:50],
                      "format": source})
    return ImportResult(len(rows), [d.name for _, d, _ in rows])


def _safe(value: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: keep it text. A phone
    # number's leading + is the exception people expect to see as written.
    return "'" + value if value[:1] in ("=", "-", "@") or (
        value[:1] == "+" and not re.fullmatch(r"\+[0-9 ().-]+", value)) else value


def export_csv(vault: UnlockedVault) -> bytes:
    """The roster as CSV with the importer's own headers (UTF-8 with BOM, for spreadsheets)."""
    rows = roster.rows(vault)
    names = {r.person.id: r.person.name for r in rows}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADERS)
    for r in rows:
        p = r.person
        writer.writerow([_safe(str(v)) for v in (
            p.name, p.role_title, p.organisation, p.phone, p.email, p.messenger,
            "; ".join(r.languages), p.time_zone,
            p.media_trained_on.isoformat() if p.media_trained_on else "",
            "; ".join(AUDIENCE_NAMES.get(a, a) for a in r.audiences), "; ".join(r.topics),
            names.get(p.backup_id, ""), shift_rules.shift_text(json.loads(p.shifts)))])
    return ("\ufeff" + out.getvalue()).encode("utf-8")

