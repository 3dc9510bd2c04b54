"""Update promises: every "next update by <time>" to a stakeholder group is a dated
commitment. Logging an update for the group at time T keeps its open promises that were
made by T: on time if due at or after T, late if their time had already passed. An open
promise whose time has passed is overdue — the alarm in the status bar and the dashboard.

Promises come from a talking point ("talking_point:<id>") or are set by hand ("manual");
`promise_from` is the one entry point both use."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import select

from commandcenter.models import StakeholderGroup, StakeholderUpdate, UpdatePromise
from commandcenter.models.base import utcnow
from commandcenter.services import audit
from commandcenter.services.errors import NotFound, ValidationError
from commandcenter.services.journey.common import (
    aware, incident_id_of, not_future, require_writer, text,
)
from commandcenter.services.journey.structure import defaults_in

SOURCE_RE = re.compile(r"^(manual|talking_point:[A-Za-z0-9._-]{1,64})$")
DUE_SOON = timedelta(hours=1)


def _group(session, incident_id: str, stakeholder: str) -> StakeholderGroup:
    """A group by id or by key ("customers")."""
    row = session.get(StakeholderGroup, stakeholder)
    if row is None:
        row = session.exec(select(StakeholderGroup).where(
            StakeholderGroup.incident_id == incident_id, StakeholderGroup.key == stakeholder,
            StakeholderGroup.status == "active")).first()
    if row is None or row.incident_id != incident_id or row.status != "active":
        raise ValidationError("stakeholder", f"No stakeholder group {stakeholder!r} on this "
                              "incident's map.")
    return row


def promise_from(vault, *, source: str, stakeholder: str, due: datetime, note: str = "",
                 promised_at: datetime | None = None,
                 incident_id: str | None = None) -> UpdatePromise:
    """Record a promise to update `stakeholder` (group id or key) by `due`. `source` is
    "manual" or "talking_point:<id>" (the talking-points area calls this on approval)."""
    require_writer(vault, "record an update promise")
    if not SOURCE_RE.match(source or ""):
        raise ValidationError("source", "The source is 'manual' or 'talking_point:<id>'.")
    promised = aware("promised_at", promised_at or utcnow())
    due = aware("due", due)
    if due <= promised:
        raise ValidationError("due", "The update must be due after the promise is made.")
    note = text("note", note, limit=500)
    incident_id = incident_id_of(vault, incident_id)
    with vault.write() as session:
        defaults_in(vault, session, incident_id)  # a first write sets up the map
        group = _group(session, incident_id, stakeholder)
        return _record(vault, session, incident_id, group, promised, due, source, note)


def _record(vault, session, incident_id, group, promised, due, source, note) -> UpdatePromise:
    row = UpdatePromise(origin_vault_id=vault.vault_id, incident_id=incident_id,
                        stakeholder_id=group.id, promised_at=promised, due_at=due,
                        source=source, note=note, created_by=vault.actor.id,
                        updated_by=vault.actor.id)
    session.add(row)
    audit.record(vault, session, "promise.made", "update_promise", row.id,
                 {"stakeholder": group.key, "due_at": due, "source": source})
    return row


def promise_from_line(vault, session, *, point_id: str, incident_id: str,
                      audiences: list[str], due: datetime | None, at: datetime) -> int:
    """An approved line's "next update by" becomes a promise to each of its audiences that
    is a group on the map — in the approval's own transaction, so an approved line never
    lacks its promise. Audiences without a group (or a due time already past) are skipped.
    Returns how many promises were made."""
    if due is None or due <= at:
        return 0
    made = 0
    for key in audiences:
        try:
            group = _group(session, incident_id, key)
        except ValidationError:
            continue
        _record(vault, session, incident_id, group, at, due, f"talking_point:{point_id}",
                "Next update promised in an approved talking point")
        made += 1
    return made


@dataclass(frozen=True)
class UpdateResult:
    update: StakeholderUpdate
    kept: int
    late: int
    next_promise: UpdatePromise | None = None


def log_update(vault, *, stakeholder: str, summary: str, channel: str = "",
               at: datetime | None = None, next_update_due: datetime | None = None,
               incident_id: str | None = None, now: datetime | None = None) -> UpdateResult:
    """Log an update given to a stakeholder group; it keeps the group's open promises made
    by then. With `next_update_due`, the next promise is recorded in the same transaction."""
    require_writer(vault, "log an update")
    now = now or utcnow()
    at = aware("at", at or now)
    not_future("at", at, now)
    summary = text("summary", summary, limit=2000, required="Say what the update told them.")
    channel = text("channel", channel, limit=120)
    if next_update_due is not None:
        aware("next_update_due", next_update_due)
        if next_update_due <= at:
            raise ValidationError("next_update_due", "The next update must be due after "
                                  "this one.")
    incident_id = incident_id_of(vault, incident_id)
    with vault.write() as session:
        defaults_in(vault, session, incident_id)  # a first write sets up the map
        group = _group(session, incident_id, stakeholder)
        update = StakeholderUpdate(origin_vault_id=vault.vault_id, incident_id=incident_id,
                                   stakeholder_id=group.id, at=at, channel=channel,
                                   summary=summary, created_by=vault.actor.id)
        session.add(update)
        kept, late = _keep(vault, session, group.id, update)
        audit.record(vault, session, "stakeholder.updated", "stakeholder_update", update.id,
                     {"stakeholder": group.key, "at": at, "channel": channel,
                      "kept": kept, "late": late})
        nxt = None
        if next_update_due is not None:
            nxt = UpdatePromise(origin_vault_id=vault.vault_id, incident_id=incident_id,
                                stakeholder_id=group.id, promised_at=at,
                                due_at=next_update_due, source="manual",
                                note=f"Next update, promised in the {channel or 'last'} update",
                                created_by=vault.actor.id, updated_by=vault.actor.id)
            session.add(nxt)
            audit.record(vault, session, "promise.made", "update_promise", nxt.id,
                         {"stakeholder": group.key, "due_at": next_update_due,
                          "source": "manual"})
    return UpdateResult(update, kept, late, nxt)


def _keep(vault, session, group_id: str, update: StakeholderUpdate) -> tuple[int, int]:
    open_rows = session.exec(select(UpdatePromise).where(
        UpdatePromise.stakeholder_id == group_id, UpdatePromise.status == "open",
        UpdatePromise.promised_at <= update.at)).all()
    kept = late = 0
    for p in open_rows:
        p.status = "kept" if p.due_at >= update.at else "late"
        kept, late = kept + (p.status == "kept"), late + (p.status == "late")
        p.kept_by, p.kept_at = update.id, update.at
        p.updated_at, p.updated_by = utcnow(), vault.actor.id
        session.add(p)
    return kept, late


def cancel_promise(vault, *, promise_id: str, reason: str) -> UpdatePromise:
    """Withdraw a promise that no longer applies (say why; it stays in the record)."""
    require_writer(vault, "cancel an update promise")
    reason = text("reason", reason, limit=500, required="Say why the promise is withdrawn.")
    with vault.write() as session:
        row = session.get(UpdatePromise, promise_id)
        if row is None:
            raise NotFound("No such promise.")
        if row.status != "open":
            raise ValidationError("status", f"That promise is already {row.status}.")
        row.status, row.note = "cancelled", (row.note + "\n" if row.note else "") + reason
        row.updated_at, row.updated_by = utcnow(), vault.actor.id
        session.add(row)
        audit.record(vault, session, "promise.cancelled", "update_promise", row.id,
                     {"reason": reason})
    return row


def state(promise: UpdatePromise, now: datetime) -> str:
    """kept | late | cancelled | overdue | due_soon | open — as of `now`."""
    if promise.status != "open":
        return promise.status
    if promise.due_at < now:
        return "overdue"
    return "due_soon" if promise.due_at - now <= DUE_SOON else "open"


@dataclass(frozen=True)
class Cadence:
    """Promised vs delivered for one stakeholder group (cancelled promises do not count)."""

    stakeholder_id: str
    promised: int = 0
    kept: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0  # open, not yet due

    @property
    def delivered(self) -> int:
        return self.kept + self.late


def cadence(promises, stakeholder_ids, now: datetime) -> list[Cadence]:
    out = []
    for sid in stakeholder_ids:
        states = [state(p, now) for p in promises if p.stakeholder_id == sid]
        states = [s for s in states if s != "cancelled"]
        out.append(Cadence(sid, len(states), states.count("kept"), states.count("late"),
                           states.count("overdue"),
                           states.count("open") + states.count("due_soon")))
    return out
