"""The decision log (or a filtered part of it) as CSV or Markdown, for a review pack, counsel
or a regulator. One row / section per decision with its current fields and its whole chain.

Only where the user asks: written atomically with mode 0600 and recorded in the audit trail
(`decision_log.exported`). Times are UTC. Not encrypted, like every export.
"""

import csv
import io
from pathlib import Path

from commandcenter.models.base import iso
from commandcenter.reports import output
from commandcenter.services import decisions as d
from commandcenter.vault.errors import VaultError
from commandcenter.vault.unlocked import UnlockedVault

FORMATS = ("csv", "markdown")
STATUS_WORDS = {"in_force": "In force", "superseded": "Superseded", "rescinded": "Rescinded"}
COLUMNS = ("number", "status", "superseded_by", "decided_at_utc", "logged_at_utc",
           "late_reason", "decision_makers", "loggist", "decision", "rationale", "information",
           "assumptions", "uncertainties", "options", "risk_proportionality",
           "powers_policy_legal", "expected_outcome", "actions", "review_by_utc",
           "review_outcomes", "tags", "workstream", "incomplete", "chain")


def iter_details(vault: UnlockedVault, filters: d.Filters, progress=None):
    """Every decision matching `filters`, newest first, page by page (never all at once)."""
    after, done = None, 0
    while True:
        page = d.page(vault, filters=filters, after=after, limit=500)
        if page.message:
            raise VaultError(page.message)
        for head in page.rows:
            yield d.detail(vault, decision_id=head.decision_id)
        done += len(page.rows)
        if progress:
            progress(done, 0)
        if not page.more:
            return
        after = (page.rows[-1].decided_at, page.rows[-1].number)


def _utc(stored: str | None) -> str:
    """A stored timestamp as people read it: '2026-11-18 17:00 UTC'."""
    return f"{stored[:16].replace('T', ' ')} UTC" if stored else "—"


def record(detail: d.Detail) -> dict:
    """One decision as export text, keyed by COLUMNS."""
    state, head, root = detail.state, detail.head, detail.entries[0]
    f = state.fields
    options = "; ".join(
        f"{'[chosen] ' if o.get('chosen') else '[rejected] '}{o['option']} (suitable: "
        f"{o.get('suitability') or '?'}, feasible: {o.get('feasibility') or '?'}, acceptable: "
        f"{o.get('acceptability') or '?'}){' — ' + o['note'] if o.get('note') else ''}"
        for o in f["options"])
    actions = "; ".join(
        f"{a['action']} (owner {a.get('owner') or '?'}, due {_utc(a.get('due'))}"
        f"{', done ' + state.done[i]['label'] if i in state.done else ''})"
        for i, a in enumerate(f["actions"]))
    return {
        "number": head.label, "status": STATUS_WORDS.get(state.status, state.status),
        "superseded_by": state.superseded_by or state.rescinded_by,
        "decided_at_utc": root["decided_at"], "logged_at_utc": root["logged_at"],
        "late_reason": root["late_reason"], "decision_makers": "; ".join(f["decision_makers"]),
        "loggist": root["loggist"], "decision": f["decision"], "rationale": f["rationale"],
        "information": "; ".join(f"{i['item']} (source: {i.get('source') or '?'})"
                                 for i in f["information"]),
        "assumptions": f["assumptions"], "uncertainties": f["uncertainties"],
        "options": options, "risk_proportionality": f["risk"],
        "powers_policy_legal": f["powers"], "expected_outcome": f["expected_outcome"],
        "actions": actions, "review_by_utc": iso(state.review_by) or "",
        "review_outcomes": "; ".join(f"{r['label']}: {r['outcome']}" for r in state.reviews),
        "tags": ", ".join(f["tags"]), "workstream": f["workstream"],
        "incomplete": ", ".join(state.missing),
        "chain": "; ".join(f"{detail.label_of(e)} {e['kind']}" for e in detail.entries),
    }


def safe_cell(value: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: keep it text.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def to_csv(records: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for rec in records:
        writer.writerow({k: safe_cell(str(v)) for k, v in rec.items()})
    return out.getvalue()


def to_markdown(records: list[dict], title: str) -> str:
    lines = [f"# {title}", "", f"{len(records)} decision(s). Times are UTC.", ""]
    for rec in records:
        lines += [f"## {rec['number']} — {rec['status']}"
                  + (f" (by {rec['superseded_by']})" if rec["superseded_by"] else ""), ""]
        for key in COLUMNS[3:]:
            if rec[key]:
                value = str(rec[key]).replace("\n", " ")
                lines.append(f"- **{key.replace('_', ' ').capitalize()}:** {value}")
        lines.append("")
    return "\n".join(lines)


def export_decisions(vault: UnlockedVault, out: Path, *, fmt: str,
                     filters: d.Filters = d.Filters(), progress=None) -> dict:
    if fmt not in FORMATS:
        raise VaultError(f"Unknown format {fmt!r}; use csv or markdown.")
    out = output.check_destination(vault, out)
    records = [record(x) for x in iter_details(vault, filters, progress)]
    body = to_csv(records) if fmt == "csv" else to_markdown(records, "Decision log")
    output.write_export(vault, out, body.encode("utf-8"), action="decision_log.exported",
                        details={"format": fmt, "decisions": len(records)})
    return {"file": str(out), "decisions": len(records), "format": fmt}
