"""Per incident: the default journey map (phases and stakeholder groups, through the
service) with every cell filled, a few stakeholder updates and promises (one overdue), and
the incident's share of the timeline events — each event sealed in the audit chain as
journey.add_event seals it."""

import json
from datetime import datetime, timedelta

from sqlalchemy import text

from commandcenter.models.base import iso
from commandcenter.models.journey import EVENT_KINDS
from commandcenter.services import journey

from benchmarks.gen.rows import AuditChain, insert, mutable_row, record_row, sentence, words

UPDATES_PER_GROUP = 3
# Most events are the day-to-day stream; the milestones come once per incident.
STREAM_KINDS = ("other", "media_report", "other", "regulator_notified", "other")


def write_maps(vault, session, incidents: list, rnd, now: datetime) -> int:
    """Every cell of every incident's map, with updates and promises. Returns cells."""
    conn = session.connection()
    cells, updates, promises = [], [], []
    for inc in incidents:
        phases, groups = _structure(conn, inc.id)
        for r, group in enumerate(groups):
            for c, phase in enumerate(phases):
                cells.append(_cell(vault, rnd, now, inc.id, phase, group, r + c))
            for u in range(UPDATES_PER_GROUP):
                at = now - timedelta(hours=6 * (UPDATES_PER_GROUP - u))
                updates.append(record_row(vault, rnd, at, incident_id=inc.id,
                                          stakeholder_id=group, at=iso(at), channel="Email",
                                          summary=sentence(rnd, 10)))
            overdue = r == 3
            due = now - timedelta(hours=2) if overdue else now + timedelta(hours=4 + r)
            promises.append(mutable_row(
                vault, rnd, now - timedelta(hours=8), incident_id=inc.id, stakeholder_id=group,
                promised_at=iso(now - timedelta(hours=8)), due_at=iso(due), source="manual",
                note=words(rnd, 6), status="open", kept_by=None, kept_at=None))
    insert(conn, "journey_cell", cells)
    insert(conn, "stakeholder_update", updates)
    insert(conn, "update_promise", promises)
    return len(cells)


def ensure_structure(vault, incidents: list) -> None:
    """The default phases and groups, exactly as the app sets them up (a few rows)."""
    for inc in incidents:
        journey.ensure_defaults(vault, incident_id=inc.id)


def _structure(conn, incident_id: str) -> tuple[list[str], list[str]]:
    def ids(table: str) -> list[str]:
        return [r[0] for r in conn.execute(text(
            f"SELECT id FROM {table} WHERE incident_id = :i ORDER BY position"),
            {"i": incident_id})]

    return ids("journey_phase"), ids("stakeholder_group")


def _cell(vault, rnd, now, incident_id, phase_id, group_id, k: int) -> dict:
    saved = now - timedelta(hours=72 if k % 5 == 1 else 1)  # some go stale
    return mutable_row(
        vault, rnd, saved, incident_id=incident_id, phase_id=phase_id, stakeholder_id=group_id,
        community=words(rnd, 5), context=sentence(rnd, 12), content="[]",
        channel=rnd.choice(("Email", "Press", "Hotline", "Website")), cadence="Daily",
        catalyst=words(rnd, 4), credibility=words(rnd, 4), currency=words(rnd, 4),
        culture=words(rnd, 4), sentiment=k % 5 - 2, pain_points=sentence(rnd, 8),
        actions=json.dumps([{"action": words(rnd, 5), "owner": "Comms", "due": None}]))


def write_events(vault, session, incidents: list, counts: list[int], rnd, now: datetime,
                 seals: AuditChain) -> int:
    conn = session.connection()
    total = 0
    for inc, n in zip(incidents, counts):
        phases, _ = _structure(conn, inc.id)
        start = max(inc.opened_at, now - timedelta(days=60))
        step = (now - timedelta(minutes=5) - start) / max(n, 1)
        rows = []
        for i in range(n):
            at = start + step * i
            kind = _kind(i, n, rnd)
            row = record_row(vault, rnd, at, incident_id=inc.id, at=iso(at), kind=kind,
                             title=sentence(rnd, 7), source=rnd.choice(("", "newswire", "log")),
                             phase_id=phases[min(len(phases) - 1, i * len(phases) // n)])
            rows.append(row)
            seals.add(at, "timeline.event_added", "timeline_event", row["id"],
                      {"at": at, "kind": kind, "title": row["title"], "source": row["source"]})
        insert(conn, "timeline_event", rows)
        total += n
    return total


def _kind(i: int, n: int, rnd) -> str:
    milestones = {0: "detected", 1: "confirmed", n // 10: "disclosed", n // 5: "remedy_launched"}
    kind = milestones.get(i) or rnd.choice(STREAM_KINDS)
    assert kind in EVENT_KINDS
    return kind
