"""The spokesperson's briefing card: one printable A4 page through the one PDF path
(reports.pdf) — current lines by audience, top Q&A, the do-not-say list, next update and
review times, the war-room and backup contacts, the generation time and the card's code.

The code printed on the card is the briefing's own (services.briefing.view): the same code
spokesperson mode shows, and the footer stamp carries the same hash, so "read me the code on
your card" settles over the phone whether someone holds the current card.

One page is a promise: a card that runs onto a second page gets half-printed and half-read.
The words are printed whole when they fit; otherwise they are shortened (with "…") step by
step, and the lists capped, until the card fits one page. The full words are always in
spokesperson mode."""

from datetime import datetime
from pathlib import Path

from commandcenter.models.talking_point import AUDIENCE_LABELS, KIND_LABELS
from commandcenter.reports import output, pdf
from commandcenter.services import audit
from commandcenter.services.briefing import view
from commandcenter.vault.errors import VaultError
from commandcenter.vault.unlocked import UnlockedVault

TITLE = "Briefing card"
MAX_LINES, MAX_QA, MAX_DNS = 6, 3, 5
# Characters kept of each line, Q&A and do-not-say item, tried in turn until one page holds
# the card (None: the whole text).
LIMITS = ((None, None, None), (480, 260, 200), (330, 200, 140), (220, 140, 100),
          (140, 100, 80))


def _short(text: str, limit: int | None) -> str:
    text = " ".join(text.split())
    if limit is None or len(text) <= limit:
        return text
    return text[:limit - 1].rstrip() + "…"


def _when(value: datetime | None) -> str:
    return f"{value:%d %b %H:%M} UTC" if value else "—"


def _times(v) -> str:
    parts = [f"Next update {_when(v.next_update_due)}" if v.next_update_due else "",
             f"Review by {_when(v.review_by)}" if v.review_by else "",
             f"Expires {_when(v.expires_at)}" if v.expires_at else ""]
    return "; ".join(p for p in parts if p)


def _unique_lines(b: view.Briefing) -> list[tuple[object, list[str]]]:
    """Each non-Q&A line once, with the audiences it is theirs for."""
    seen: dict[str, tuple[object, list[str]]] = {}
    for audience, lines in b.holding.lines.items():
        for v in lines:
            if v.kind != "qa":
                seen.setdefault(v.point_id, (v, []))[1].append(
                    AUDIENCE_LABELS.get(audience, audience))
    return list(seen.values())


def blocks(b: view.Briefing, limits=LIMITS[0]) -> list[pdf.Block]:
    line_chars, qa_chars, dns_chars = limits
    out: list[pdf.Block] = [pdf.Fields((
        ("Card code", f"{b.code}  (read it back to the war room to confirm your card)"),
        ("Incident", b.incident), ("Audiences", ", ".join(
            AUDIENCE_LABELS.get(a, a) for a in b.audiences)),
        ("War room", b.war_room or "—"),
        ("Backup", f"{b.backup.name} · {b.backup.text()}" if b.backup else "None"),
    ))]
    lines = _unique_lines(b)
    out.append(pdf.Heading("Current lines", 2))
    for v, audiences in lines[:MAX_LINES]:
        out.append(pdf.Paragraph(f"{KIND_LABELS.get(v.kind, v.kind)} — {v.title} "
                                 f"({', '.join(audiences)}). {_times(v)}", muted=True))
        out.append(pdf.Paragraph(_short(v.text, line_chars)))
    if not lines:
        out.append(pdf.Paragraph("No current line is assigned — call the war room."))
    elif len(lines) > MAX_LINES:
        out.append(pdf.Paragraph(f"… and {len(lines) - MAX_LINES} more in spokesperson mode.",
                                 muted=True))
    if b.qa:
        out.append(pdf.Heading("Top Q&A", 2))
        out += [pdf.Paragraph(_short(v.text, qa_chars)) for v in b.qa[:MAX_QA]]
    out.append(pdf.Heading("Do not say", 2))
    out += [pdf.Paragraph("✗ " + _short(f"{v.title}: {v.text}", dns_chars))
            for v in b.holding.do_not_say[:MAX_DNS]] or [pdf.Paragraph("Nothing listed.")]
    return out


def build(vault: UnlockedVault, *, spokesperson_id: str | None = None) -> tuple[bytes, str]:
    """The card's PDF bytes and its code."""
    b = view.load(vault, spokesperson_id=spokesperson_id)
    with vault.read() as session:
        _seq, head = audit.chain_head(session)
    stamp = pdf.Stamp(vault.vault_id, head, b.full_hash, b.generated_at, vault.actor.name,
                      b.incident.split(" — ")[0])
    subtitle = (f"{b.name}" + (f", {b.role_title}" if b.role_title else "") +
                f" · generated {b.generated_at:%Y-%m-%d %H:%M} UTC")
    for limits in LIMITS:
        data, pages = pdf.render_counted(TITLE, blocks(b, limits), stamp, subtitle=subtitle)
        if pages == 1:
            break
    return data, b.code


def find_person(vault: UnlockedVault, name: str) -> str:
    """A roster name (case-insensitive) to its id, or a clear error."""
    from commandcenter.services import roster

    matches = [r.person for r in roster.rows(vault)
               if r.person.name.casefold() == name.strip().casefold()]
    if not matches:
        raise VaultError(f"No spokesperson called {name!r} on the roster.")
    return matches[0].id


def export_card(vault: UnlockedVault, out: Path, *, spokesperson_id: str | None = None
                ) -> dict:
    out = output.check_destination(vault, out)
    data, code = build(vault, spokesperson_id=spokesperson_id)
    output.write_export(vault, out, data, action="briefing_card.exported",
                        details={"spokesperson_id": spokesperson_id or "", "code": code})
    return {"file": str(out), "code": code, "bytes": len(data)}
