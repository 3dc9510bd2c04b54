"""The columns of each list: incidents, operators, audit trail. Times are local with UTC
in the tooltip; states get a colour and always a word."""

from ui.qtmodels.table import Column
from ui.widgets import timefmt

SEVERITY_STATE = {"critical": "bad", "high": "warn", "medium": "neutral", "low": "neutral"}


def _opened_tooltip(inc) -> str:
    return f"{timefmt.utc(inc.opened_at)} — {timefmt.ago(inc.opened_at)}"


INCIDENT_COLUMNS = (
    Column("Code", lambda i: i.code),
    Column("Title", lambda i: i.title, tooltip=lambda i: i.summary or i.title),
    Column("Severity", lambda i: i.severity.capitalize(),
           state=lambda i: SEVERITY_STATE.get(i.severity),
           sort=lambda i: ("critical", "high", "medium", "low").index(i.severity)
           if i.severity in SEVERITY_STATE else 9),
    Column("Status", lambda i: i.status.capitalize(),
           state=lambda i: "neutral" if i.status == "closed" else None),
    Column("Opened", lambda i: timefmt.local(i.opened_at), tooltip=_opened_tooltip,
           sort=lambda i: i.opened_at),
)

ROLE_LABELS = {"lead": "War-room lead", "approver": "Approver", "editor": "Editor",
               "loggist": "Loggist", "spokesperson": "Spokesperson"}

OPERATOR_COLUMNS = (
    Column("Name", lambda o: o.name),
    Column("Role", lambda o: ROLE_LABELS.get(o.role, o.role)),
    Column("Status", lambda o: "Active" if o.status == "active" else "Revoked",
           state=lambda o: "ok" if o.status == "active" else "neutral",
           tooltip=lambda o: (f"Revoked {timefmt.local_with_zone(o.revoked_at)}"
                              if o.revoked_at else "Can unlock the vault")),
)


def _entity(entry) -> str:
    return f"{entry.entity_type} {entry.entity_id[:8]}" if entry.entity_id else entry.entity_type


AUDIT_COLUMNS = (
    Column("#", lambda e: str(e.seq), align_right=True, sort=lambda e: e.seq),
    Column("Time", lambda e: timefmt.local(e.at),
           tooltip=lambda e: f"{timefmt.utc(e.at)} — {timefmt.ago(e.at)}", sort=lambda e: e.at),
    Column("Operator", lambda e: e.operator_name or "—"),
    Column("Action", lambda e: e.action),
    Column("Entity", _entity, tooltip=lambda e: e.entity_id or ""),
)
