"""The shift handover as a printable PDF, through the one PDF path (reports.pdf): the
period, who hands over to whom, every section with its items (what, why, when, state in
words), the outgoing operator's notes and both sign-offs — or, for a pending handover, the
lines where they sign.

The footer's content code is the handover's own hash (services.handover.content), the same
code the wizard shows and the signed row stores, so a printout can be tied to the sealed
handover; any change to the content gives another code.
"""

from datetime import datetime
from pathlib import Path

from commandcenter.models.base import utcnow
from commandcenter.reports import output, pdf
from commandcenter.services import audit
from commandcenter.services import handover as ho
from commandcenter.services.journey.timeline import duration_text
from commandcenter.vault.unlocked import UnlockedVault

TITLE = "Shift handover"
STATE_WORDS = {"bad": "Act now", "warn": "Attention", "ok": "Done", "neutral": ""}


def _utc(value: datetime | None) -> str:
    return f"{value:%d %b %Y %H:%M} UTC" if value else "—"


def state_word(item: ho.Item) -> str:
    word = STATE_WORDS.get(item.state, "")
    return f"{word} · carried over" if item.carried and word else \
        "Carried over" if item.carried else word


def _overview(h: ho.Handover) -> pdf.Fields:
    if h.signed:
        status = (f"Signed — handed over by {h.signed.outgoing} ({_utc(h.signed.outgoing_at)}), "
                  f"taken over by {h.signed.incoming} ({_utc(h.signed.incoming_at)})")
    else:
        status = "Pending — not signed yet (both operators sign in the app or the CLI)"
    return pdf.Fields((
        ("Incident", h.incident),
        ("Handover", f"Number {h.number}" + (f", after {h.previous}" if h.previous
                                             else ", the first of this incident")),
        ("Period", f"{_utc(h.since)} to {_utc(h.until)} "
                   f"({duration_text(h.until - h.since)})"),
        ("Status", status),
        ("Content code", f"{h.code}  (the code on every page's footer)"),
    ))


def _counts(h: ho.Handover) -> pdf.Table:
    return pdf.Table(("Section", "Items", "Act now"),
                     tuple((s.title, str(len(s.items)),
                            str(sum(i.state == "bad" for i in s.items)))
                           for s in h.sections), widths=(6, 1, 1))


def _section(s: ho.Section) -> list[pdf.Block]:
    out: list[pdf.Block] = [pdf.Heading(f"{s.title} ({len(s.items)})", 2)]
    if not s.items:
        return out + [pdf.Paragraph(s.empty, muted=True)]
    out.append(pdf.Table(("State", "Item", "Detail", "When (UTC)"),
                         tuple((state_word(i), i.title, i.detail,
                                f"{i.when:%d %b %H:%M}" if i.when else "")
                               for i in s.items), widths=(1.6, 4.4, 5, 1.7)))
    return out


def _sign_off(h: ho.Handover) -> list[pdf.Block]:
    out: list[pdf.Block] = [pdf.Heading("Notes from the outgoing operator"),
                            pdf.Paragraph(h.notes or "No notes.", muted=not h.notes),
                            pdf.Heading("Sign-off")]
    if h.signed:
        out.append(pdf.Fields((
            ("Outgoing", f"{h.signed.outgoing}, signed {_utc(h.signed.outgoing_at)}"),
            ("Incoming", f"{h.signed.incoming}, signed {_utc(h.signed.incoming_at)} "
                         "with their own passphrase"),
            ("Sealed", "Both signatures are entries of the vault's audit chain "
                       "(commandcenter verify checks them)."),
        )))
    else:
        out.append(pdf.Paragraph("Not signed. Outgoing: ____________________   "
                                 "Incoming: ____________________", muted=True))
    return out


def blocks(h: ho.Handover) -> list[pdf.Block]:
    out: list[pdf.Block] = [_overview(h), _counts(h)]
    open_sections = [s for s in h.sections if s.open_items]
    if open_sections:
        out.append(pdf.Heading("Open items for the incoming shift"))
        for s in open_sections:
            out += _section(s)
    period = [s for s in h.sections if not s.open_items]
    if period:
        out.append(pdf.Heading("What happened since the last handover"))
        for s in period:
            out += _section(s)
    return out + _sign_off(h)


def render(vault: UnlockedVault, h: ho.Handover, *, now: datetime | None = None) -> bytes:
    with vault.read() as session:
        _seq, head = audit.chain_head(session)
    stamp = pdf.Stamp(vault.vault_id, head, h.content_hash, now or utcnow(), vault.actor.name,
                      h.incident.split(" — ")[0])
    subtitle = (f"{h.incident} · handover {h.number} · "
                + ("signed" if h.signed else "pending sign-off"))
    return pdf.render(TITLE, blocks(h), stamp, subtitle=subtitle)


def export_handover(vault: UnlockedVault, out: Path, *, handover: ho.Handover | None = None,
                    number: int | None = None) -> dict:
    """Write the PDF where the user chose: `handover` as given (the wizard's), signed
    handover `number`, or else the pending handover built now."""
    out = output.check_destination(vault, out)
    if handover is None:
        handover = ho.load_signed(vault, number=number) if number else ho.build(vault)
    data = render(vault, handover)
    output.write_export(vault, out, data, action="handover.exported",
                        details={"number": handover.number, "code": handover.code,
                                 "signed": handover.signed is not None})
    return {"file": str(out), "code": handover.code, "number": handover.number,
            "signed": handover.signed is not None, "bytes": len(data)}
