"""The decision log for an inquiry, a regulator or counsel: every decision (or those decided
in a date range), oldest first, each with its whole chain of entries — amendments, reviews,
supersessions — and a verification statement made at export time (entry count, chain heads,
the result of verifying both chains). As PDF (reports.pdf) or CSV.

The statement is the point: it lets a reader months later tie the printed record to the
sealed one (`commandcenter verify` on the vault, or the receipt taken at the time).
"""

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from commandcenter.models.base import utcnow
from commandcenter.reports import decision_export, output, pdf
from commandcenter.services import audit
from commandcenter.services import decisions as d
from commandcenter.vault.errors import VaultError
from commandcenter.vault.unlocked import UnlockedVault

FORMATS = ("pdf", "csv")
TITLE = "Decision log — inquiry record"
KIND_WORDS = {"decision": "Decision logged", "supersession": "Decision (supersedes)",
              "amendment": "Amendment", "rescission": "Rescission", "review": "Review outcome",
              "action_done": "Action done"}


@dataclass(frozen=True)
class Verification:
    at: datetime
    entries: int
    log_ok: bool
    log_head: str
    log_message: str
    audit_ok: bool
    audit_entries: int
    audit_head: str
    audit_message: str

    @property
    def ok(self) -> bool:
        return self.log_ok and self.audit_ok

    def fields(self, decisions: int, period: str) -> "pdf.Fields":
        return pdf.Fields((
            ("Result", "PASSED — both chains intact" if self.ok else "FAILED"),
            ("Verified at", f"{self.at:%Y-%m-%d %H:%M:%S} UTC"),
            ("This record", f"{decisions} decision(s) {period}"),
            ("Decision log", f"{self.entries} sealed entries — {self.log_message}"),
            ("Log chain head", self.log_head),
            ("Audit trail", f"{self.audit_entries} entries — {self.audit_message}"),
            ("Audit chain head", self.audit_head),
        ))

    def statement(self, decisions: int, period: str) -> str:
        result = "PASSED" if self.ok else "FAILED"
        return (f"Verified at {self.at:%Y-%m-%d %H:%M:%S} UTC: {result}. "
                f"This record holds {decisions} decision(s) {period}. The vault's decision log "
                f"has {self.entries} sealed entries, chain head {self.log_head} "
                f"({self.log_message}). Audit trail: {self.audit_entries} entries, head "
                f"{self.audit_head} ({self.audit_message}).")


def verify_now(vault: UnlockedVault) -> Verification:
    with vault.read() as session:
        log = d.verify_log(session)
        chain = audit.verify_chain(session)
    return Verification(utcnow(), log.count, log.ok, log.head, log.message, chain.ok,
                        chain.count, chain.head, chain.message)


def _period(since: datetime | None, until: datetime | None) -> str:
    if since is None and until is None:
        return "(the whole log)"
    start = f"{since:%Y-%m-%d %H:%M} UTC" if since else "the start"
    end = f"{until:%Y-%m-%d %H:%M} UTC" if until else "now"
    return f"decided between {start} and {end}"


def _details(vault, since, until, progress) -> list[d.Detail]:
    details = list(decision_export.iter_details(vault, d.Filters(since=since, until=until),
                                                progress))
    details.reverse()  # an inquiry reads the log in the order it happened
    return details


def _when(stored: str) -> str:
    """'2026-11-12T22:30:00.000000Z' as '2026-11-12 22:30:00' (the columns say UTC)."""
    return stored[:19].replace("T", " ") if stored else ""


def _changed(entry: dict, detail: d.Detail) -> str:
    """What one entry of a chain did, in words."""
    root = entry["id"] == detail.head.decision_id
    if entry["kind"] == "supersession" and not root:
        return f"a later decision, {detail.label_of(entry)}, supersedes this one"
    parts = []
    if entry["kind"] == "amendment":
        names = json.loads(entry.get("changed") or "[]")
        parts.append("changed " + ", ".join(n.replace("_", " ") for n in names))
    if entry.get("review_outcome"):
        parts.append(f"outcome: {entry['review_outcome']}")
    if entry.get("action_index") is not None:
        parts.append(f"action {entry['action_index'] + 1} done")
    if entry.get("note"):
        parts.append(f"note: {entry['note']}")
    if entry.get("late_reason"):
        parts.append(f"logged late: {entry['late_reason']}")
    if root:
        replaces = f"; supersedes {detail.replaces}" if detail.replaces else ""
        parts.insert(0, f"original entry{replaces}; the decision's fields show it as it "
                        "stands, amendments included")
    return "; ".join(parts)


def _decision_blocks(detail: d.Detail) -> list[pdf.Block]:
    rec = decision_export.record(detail)
    status = rec["status"] + (f" (by {rec['superseded_by']})" if rec["superseded_by"] else "")
    fields = pdf.Fields((
        ("Status", status), ("Decided (UTC)", _when(rec["decided_at_utc"])),
        ("Logged (UTC)", f"{_when(rec['logged_at_utc'])} by {rec['loggist']}"),
        ("Late because", rec["late_reason"]), ("Decision makers", rec["decision_makers"]),
        ("Rationale", rec["rationale"]), ("Information", rec["information"]),
        ("Assumptions", rec["assumptions"]), ("Uncertainties", rec["uncertainties"]),
        ("Options", rec["options"]), ("Risk / proportionality", rec["risk_proportionality"]),
        ("Powers, policy, legal", rec["powers_policy_legal"]),
        ("Expected outcome", rec["expected_outcome"]), ("Actions", rec["actions"]),
        ("Review by (UTC)", _when(rec["review_by_utc"])), ("Reviews", rec["review_outcomes"]),
        ("Tags", rec["tags"]), ("Workstream", rec["workstream"]),
        ("Still missing", rec["incomplete"]),
    ))
    chain = pdf.Table(
        ("Entry", "What", "Logged (UTC)", "By", "Detail"),
        tuple((detail.label_of(e), KIND_WORDS.get(e["kind"], e["kind"]),
               _when(e["logged_at"])[:16], e["loggist"], _changed(e, detail))
              for e in detail.entries),
        widths=(2.2, 2.6, 2.8, 2.4, 6))
    return [pdf.Heading(f"{rec['number']} — {rec['decision']}", 2), fields, chain]


def build_pdf(vault: UnlockedVault, *, since=None, until=None, incident: str = "",
              progress=None) -> tuple[bytes, pdf.Stamp, Verification, int]:
    details = _details(vault, since, until, progress)
    check = verify_now(vault)
    period = _period(since, until)
    record: list[pdf.Block] = [pdf.Heading("Decisions")]
    for detail in details:
        record += _decision_blocks(detail)
    if not details:
        record.append(pdf.Paragraph("No decision was logged in this period."))
    # The stamp covers the record and the log head it was read at — not the time of the
    # check or the audit head (each export is itself audited), so the same record printed
    # twice carries the same stamp.
    content = [pdf.Paragraph(f"{period}; {check.entries} entries; head {check.log_head}")]
    blocks: list[pdf.Block] = [
        pdf.Heading("Verification statement"),
        check.fields(len(details), period),
        pdf.Paragraph("Each decision below is followed by its chain: every entry ever made "
                      "about it, in order. Entries are never edited or deleted; a correction is "
                      "a later entry. Times are UTC.", muted=True),
        *record,
    ]
    stamp = pdf.Stamp(vault.vault_id, check.audit_head,
                      pdf.content_hash(TITLE, content + record), check.at, vault.actor.name,
                      incident)
    data = pdf.render(TITLE, blocks, stamp, subtitle=f"{len(details)} decision(s) {period}")
    return data, stamp, check, len(details)


CSV_COLUMNS = ("record", "number", "entry", "entry_kind", "entry_logged_at_utc", "entry_by",
               "entry_detail",
               *decision_export.COLUMNS[1:])


def build_csv(vault: UnlockedVault, *, since=None, until=None,
              progress=None) -> tuple[bytes, Verification, int]:
    """One row per entry: the decision's current fields on its first row, then one row per
    later entry; a final `verification` row holds the statement (one file to hand over)."""
    details = _details(vault, since, until, progress)
    check = verify_now(vault)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n",
                            restval="")
    writer.writeheader()
    for detail in details:
        rec = decision_export.record(detail)
        for n, entry in enumerate(detail.entries):
            row = {"record": "entry", "number": rec["number"], "entry": detail.label_of(entry),
                   "entry_kind": entry["kind"], "entry_logged_at_utc": entry["logged_at"],
                   "entry_by": entry["loggist"], "entry_detail": _changed(entry, detail)}
            if n == 0:
                row.update({k: v for k, v in rec.items() if k in CSV_COLUMNS})
            writer.writerow({k: decision_export.safe_cell(str(v)) for k, v in row.items()})
    writer.writerow({"record": "verification",
                     "entry_detail": check.statement(len(details), _period(since, until))})
    return out.getvalue().encode("utf-8"), check, len(details)


def export_inquiry(vault: UnlockedVault, out: Path, *, fmt: str, since=None, until=None,
                   incident: str = "", progress=None) -> dict:
    """Write the inquiry record where the user chose; returns a summary."""
    if fmt not in FORMATS:
        raise VaultError(f"Unknown format {fmt!r}; use pdf or csv.")
    # A spokesperson never reads rationale (DESIGN §4), so cannot export it either.
    vault.actor.require(*d.READERS, action="export the decision log")
    out = output.check_destination(vault, out)
    if fmt == "pdf":
        data, stamp, check, count = build_pdf(vault, since=since, until=until,
                                              incident=incident, progress=progress)
        extra = {"stamp": stamp.short}
    else:
        data, check, count = build_csv(vault, since=since, until=until, progress=progress)
        extra = {}
    output.write_export(vault, out, data, action="decision_log.inquiry_exported",
                        details={"format": fmt, "decisions": count, "verified": check.ok,
                                 **extra})
    return {"file": str(out), "format": fmt, "decisions": count, "verified": check.ok,
            "entries": check.entries, "log_head": check.log_head, **extra}
