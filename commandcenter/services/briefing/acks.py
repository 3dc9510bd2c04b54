"""Acknowledging lines, and every spokesperson's state for the roster.

A spokesperson operator acknowledges their own lines; any other operator may acknowledge on
someone's behalf (a call to a spokesperson who cannot unlock), and the row says so. The row
is insert-only and the act is sealed in the audit chain with the versions acknowledged.

`code` guards against acknowledging something not read: the caller passes the code of the
briefing they showed, and if the lines changed in between, nothing is recorded and the
person is asked to read again."""

import json
from datetime import datetime

from sqlalchemy import text as sql_text
from sqlmodel import select

from commandcenter.models import LineAcknowledgement, Spokesperson
from commandcenter.models.base import utcnow
from commandcenter.services import audit, settings
from commandcenter.services.briefing import assignments, state, view
from commandcenter.services.errors import ValidationError
from commandcenter.services.talking_points import query
from commandcenter.vault.unlocked import UnlockedVault


def acknowledge(vault: UnlockedVault, *, spokesperson_id: str | None = None,
                code: str | None = None) -> LineAcknowledgement:
    briefing = view.load(vault, spokesperson_id=spokesperson_id)  # applies the access rule
    incident_id = settings.get_setting(vault, "active_incident_id")
    if not incident_id:
        raise ValidationError("incident", "No incident is active: there is nothing to "
                                          "acknowledge.")
    if not briefing.holding.snapshot:
        raise ValidationError("lines", f"{briefing.name} has no lines to acknowledge yet.")
    if code is not None and code.strip().upper() != briefing.code:
        raise ValidationError("code", "The lines changed while you were reading; read the "
                                      "new version and acknowledge again.")
    on_behalf = not briefing.is_self
    with vault.write() as session:
        row = LineAcknowledgement(
            origin_vault_id=vault.vault_id, created_by=vault.actor.id,
            spokesperson_id=briefing.person_id, incident_id=incident_id,
            versions=audit.canonical_json(briefing.holding.snapshot), code=briefing.code,
            on_behalf=on_behalf, operator_name=vault.actor.name)
        session.add(row)
        session.flush()
        audit.record(vault, session, "lines.acknowledged", "spokesperson",
                     briefing.person_id,
                     {"versions": briefing.holding.snapshot, "code": briefing.code,
                      "on_behalf": on_behalf,
                      "changes": [c.change.what for c in briefing.changes]})
    return row


def states(vault: UnlockedVault, *, now: datetime | None = None) -> dict[str, state.Holding]:
    """Spokesperson id -> their holding in the active incident, for the roster column (a
    spokesperson operator gets only their own)."""
    now = now or utcnow()
    incident_id = settings.get_setting(vault, "active_incident_id")
    with vault.read() as session:
        # Columns, not ORM objects: 2,000 people and their acknowledgements built as
        # objects were a third of the dashboard's first snapshot.
        query_people = select(Spokesperson.id, Spokesperson.audiences).where(
            Spokesperson.status == "active")
        if vault.actor.role == "spokesperson":
            query_people = query_people.where(Spokesperson.operator_id == vault.actor.id)
        people = session.exec(query_people).all()
        given = assignments.assigned(session)
        acked = _latest_snapshots(session, incident_id)  # JSON: parsed one person at a time
    infos, retired = query.version_infos(vault, incident_id) if incident_id else ([], frozenset())
    current = state.current_lines(infos, now, retired)  # once: 2,000 people took 4 s
    # People share a handful of audience lists: each distinct one parsed once.
    audiences = {text: json.loads(text) for text in {text for _pid, text in people}}
    return {pid: state.holding(infos, now, audiences=audiences[text],
                               assigned=given.get(pid, set()),
                               acknowledged=json.loads(acked[pid]) if pid in acked else None,
                               retired_points=retired, current=current)
            for pid, text in people}


# Each person's last acknowledgement in the incident, found in ix_line_ack_person
# (spokesperson_id, incident_id, created_at) without reading a row, then only those rows
# read. A spokesperson acknowledges again each time their lines change, so over weeks the
# table holds many snapshots per person (each several KB: every point they hold and its
# version); reading them all to keep the last grew every dashboard refresh with the crisis.
_LATEST_SQL = sql_text(
    "WITH latest AS (SELECT spokesperson_id, max(created_at) AS at FROM line_acknowledgement "
    "WHERE incident_id = :incident GROUP BY spokesperson_id) "
    "SELECT a.spokesperson_id, a.versions FROM latest JOIN line_acknowledgement a "
    "ON a.spokesperson_id = latest.spokesperson_id AND a.incident_id = :incident "
    "AND a.created_at = latest.at ORDER BY a.rowid")


def _latest_snapshots(session, incident_id) -> dict[str, str]:
    """Spokesperson id -> the snapshot (JSON) of their last acknowledgement in the incident
    (two at the same instant: the one stored last)."""
    if not incident_id:
        return {}
    rows = session.connection().execute(_LATEST_SQL, {"incident": incident_id}).all()
    return dict(rows)  # in insertion order: of a tie, the later row wins
