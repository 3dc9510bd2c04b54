"""Logging decisions: a new decision, and the entries that act on one (amend, supersede,
rescind, review outcome, action done). Every function validates first and changes nothing
when it refuses; each writes one sealed entry (or a batch) in one transaction."""

import json
from dataclasses import replace
from datetime import datetime

from commandcenter.models.base import iso, utcnow
from commandcenter.services.decisions import book, chain
from commandcenter.services.decisions.inputs import (
    AMENDABLE, ActionItem, DecisionInput, InfoItem, OptionItem, check_times, normalise_tags,
)
from commandcenter.services.errors import NotFound, ValidationError
from commandcenter.vault.rawsql import raw
from commandcenter.vault.unlocked import UnlockedVault

LOGGERS = ("lead", "approver", "editor", "loggist")


def _require_logger(vault: UnlockedVault) -> None:
    vault.actor.require(*LOGGERS, action="write in the decision log")


def _incident(session, incident_id: str | None) -> str:
    """The incident to log against, read in the caller's write session (one transaction
    per append). Plain SQL rather than ORM objects: this runs on every append, whose p95
    target (5 ms) leaves no room for SQLAlchemy's per-statement overhead: DB-API cursor."""
    db = raw(session.connection())
    if not incident_id:
        found = db.execute("SELECT value FROM setting WHERE key = 'active_incident_id'"
                           ).fetchone()
        incident_id = json.loads(found[0]) if found and found[0] is not None else None
    if not incident_id:
        raise ValidationError("incident", "Open an incident first: decisions are logged "
                              "against the active incident.")
    if db.execute("SELECT 1 FROM incident WHERE id = :id", {"id": incident_id}
                  ).fetchone() is None:
        raise NotFound("No such incident.")
    return incident_id


def _times(data: DecisionInput, logged_at: datetime | None) -> tuple[datetime, datetime]:
    logged = logged_at or utcnow()
    decided = data.decided_at or logged
    check_times(decided_at=decided, logged_at=logged, late_reason=data.late_reason,
                review_by=data.review_by)
    return decided, logged


def log_decision(vault: UnlockedVault, *, data: DecisionInput, incident_id: str | None = None,
                 logged_at: datetime | None = None) -> book.LoggedEntry:
    """Log a new decision. `logged_at` defaults to now (seeding and imports pass theirs)."""
    return _log_root(vault, data=data, kind="decision", incident_id=incident_id,
                     logged_at=logged_at)


def supersede(vault: UnlockedVault, *, decision_id: str, data: DecisionInput,
              logged_at: datetime | None = None) -> book.LoggedEntry:
    """A new decision that replaces `decision_id` (which must still be in force)."""
    return _log_root(vault, data=data, kind="supersession", target_id=decision_id,
                     logged_at=logged_at)


def _log_root(vault, *, data, kind, incident_id=None, target_id=None, logged_at=None):
    _require_logger(vault)
    data = data.cleaned()
    decided, logged = _times(data, logged_at)
    with vault.write() as session:
        conn = session.connection()
        if target_id is None:
            incident_id = _incident(session, incident_id)
        else:
            old = _in_force(conn, target_id, "supersede")
            incident_id = old.root["incident_id"]
        cursor = book.open_cursor(session)
        row = book.build_row(cursor, conn, vault_id=vault.vault_id, actor=vault.actor,
                             kind=kind, incident_id=incident_id, decided_at=decided,
                             logged_at=logged, target_id=target_id, values=book.fields_of(data),
                             late_reason=data.late_reason, from_clock=logged_at is None)
        book.write_rows(conn, [row])
        book.add_head(conn, row)  # a new root: its head comes from the row just written
        if target_id is not None:
            book.refresh_heads(conn, [target_id])
        book.index_rows(conn, [row])
        book.seal(vault, session, row)
        if target_id is not None:
            _flag_lines(vault, session, old, f"superseded by {_logged(row).label}")
    return _logged(row)


def amend(vault: UnlockedVault, *, decision_id: str, changes: dict, note: str = "",
          logged_at: datetime | None = None) -> book.LoggedEntry:
    """Correct or complete a decision: `changes` maps DecisionInput field names to new values
    (only what changes). The earlier entries stay as they were."""
    _require_logger(vault)
    unknown = sorted(set(changes) - set(AMENDABLE))
    if unknown:
        raise ValidationError(unknown[0], "This field cannot be amended.")
    logged = logged_at or utcnow()
    with vault.write() as session:
        conn = session.connection()
        state = chain.derive(book.load_chain(conn, decision_id))
        merged = replace(current_input(state), **changes).cleaned()
        values = book.fields_of(merged)
        changed = [k for k in AMENDABLE if values[k] != book.fields_of(current_input(state))[k]]
        if not changed:
            raise ValidationError("decision", "The amendment changes nothing.")
        decided = chain.parse_time(state.root["decided_at"])
        if "review_by" in changed and merged.review_by is not None:
            if merged.review_by.tzinfo is None or merged.review_by <= decided:
                raise ValidationError("review_by", "The review time must be after the "
                                      "decision (with a time zone).")
        row = _act(vault, session, state, "amendment", logged, values=values,
                   from_clock=logged_at is None,
                   changed=chain.canonical_json(changed), note=note.strip())
    return _logged(row)


def rescind(vault: UnlockedVault, *, decision_id: str, reason: str,
            decided_at: datetime | None = None, late_reason: str = "",
            logged_at: datetime | None = None) -> book.LoggedEntry:
    _require_logger(vault)
    if not reason.strip():
        raise ValidationError("note", "Say why the decision is rescinded.")
    logged = logged_at or utcnow()
    decided = decided_at or logged
    check_times(decided_at=decided, logged_at=logged, late_reason=late_reason)
    with vault.write() as session:
        state = _in_force(session.connection(), decision_id, "rescind")
        row = _act(vault, session, state, "rescission", logged, decided_at=decided,
                   from_clock=logged_at is None,
                   note=reason.strip(), late_reason=late_reason.strip())
        _flag_lines(vault, session, state, f"rescinded by {_logged(row).label}")
    return _logged(row)


def record_review(vault: UnlockedVault, *, decision_id: str, outcome: str,
                  next_review_by: datetime | None = None,
                  logged_at: datetime | None = None) -> book.LoggedEntry:
    """The review's outcome; `next_review_by` sets the next review (none: no more due)."""
    _require_logger(vault)
    if not outcome.strip():
        raise ValidationError("review_outcome", "Write the outcome of the review.")
    logged = logged_at or utcnow()
    if next_review_by is not None and (next_review_by.tzinfo is None or next_review_by <= logged):
        raise ValidationError("review_by", "The next review must be a later time (with a "
                              "time zone).")
    with vault.write() as session:
        state = _in_force(session.connection(), decision_id, "review")
        row = _act(vault, session, state, "review", logged, review_outcome=outcome.strip(),
                   from_clock=logged_at is None,
                   review_by=iso(next_review_by) if next_review_by else None)
    return _logged(row)


def mark_action_done(vault: UnlockedVault, *, decision_id: str, action_index: int,
                     note: str = "", logged_at: datetime | None = None) -> book.LoggedEntry:
    _require_logger(vault)
    logged = logged_at or utcnow()
    with vault.write() as session:
        state = chain.derive(book.load_chain(session.connection(), decision_id))
        actions = state.fields["actions"]
        if not 0 <= action_index < len(actions):
            raise ValidationError("actions", "No such action on this decision.")
        if action_index in state.done:
            raise ValidationError("actions", "That action is already recorded as done.")
        row = _act(vault, session, state, "action_done", logged, action_index=action_index,
                   from_clock=logged_at is None,
                   note=note.strip())
    return _logged(row)


def log_many(vault: UnlockedVault, *, items: list[DecisionInput],
             incident_id: str | None = None, logged_at: datetime | None = None,
             progress=None) -> int:
    """Import many decisions (a paper log typed up, a generated benchmark vault) in one
    transaction, sealed by one audit entry for the batch's head. Returns how many."""
    _require_logger(vault)
    cleaned = [item.cleaned() for item in items]
    times = [_times(item, logged_at) for item in cleaned]
    with vault.write() as session:
        incident_id = _incident(session, incident_id)
        if not cleaned:
            return 0
        conn = session.connection()
        cursor = book.open_cursor(session)
        rows, heads = [], []
        for n, (item, (decided, logged)) in enumerate(zip(cleaned, times), start=1):
            row = book.build_row(cursor, conn, vault_id=vault.vault_id, actor=vault.actor,
                                 kind="decision", incident_id=incident_id, decided_at=decided,
                                 logged_at=logged, values=book.fields_of(item),
                                 late_reason=item.late_reason, from_clock=logged_at is None)
            rows.append(row)
            heads.append(chain.derive([row]).head_row())
            if progress and n % 5000 == 0:
                progress(n, len(cleaned))
        book.write_rows(conn, rows)
        book.insert_heads(conn, heads)
        book.index_rows(conn, rows)
        book.seal(vault, session, rows[-1], count=len(rows))
    return len(rows)


# --- helpers --------------------------------------------------------------------------------

def _in_force(conn, decision_id: str, verb: str) -> chain.DecisionState:
    state = chain.derive(book.load_chain(conn, decision_id))
    if state.status != "in_force":
        word = {"superseded": f"superseded by {state.superseded_by}",
                "rescinded": f"rescinded by {state.rescinded_by}"}[state.status]
        raise ValidationError("status", f"Cannot {verb} a decision that is {word}.")
    return state


def _flag_lines(vault, session, state: chain.DecisionState, what: str) -> None:
    """Talking points that rely on a decision no longer in force need review; flagged in
    the decision's own transaction, so the line never outlives its decision."""
    from commandcenter.services.talking_points import dependents

    root = state.root
    dependents.flag(vault, session, target_type="decision", target_id=root["id"],
                    reason=f"Decision {chain.label(root['log_book'], root['number'])} {what}")


def _act(vault, session, state: chain.DecisionState, kind: str, logged: datetime, *,
         decided_at: datetime | None = None, values: dict | None = None, **extra) -> dict:
    conn = session.connection()
    cursor = book.open_cursor(session)
    root = state.root
    row = book.build_row(cursor, conn, vault_id=vault.vault_id, actor=vault.actor, kind=kind,
                         incident_id=root["incident_id"], decided_at=decided_at or logged,
                         logged_at=logged, target_id=root["id"], values=values, **extra)
    book.write_rows(conn, [row])
    book.refresh_heads(conn, [root["id"]])
    book.index_rows(conn, [row])
    book.seal(vault, session, row)
    return row


def _logged(row: dict) -> book.LoggedEntry:
    root = row["id"] if row["kind"] in chain.ROOT_KINDS else row["target_id"]
    return book.LoggedEntry(row["id"], chain.label(row["log_book"], row["number"]), row["kind"],
                            root, row["hash"])


def current_input(state: chain.DecisionState) -> DecisionInput:
    """The decision as it stands, as a DecisionInput (what an amendment form starts from)."""
    f = state.fields
    return DecisionInput(
        decision=f["decision"], rationale=f["rationale"],
        decision_makers=tuple(f["decision_makers"]),
        information=tuple(InfoItem(**i) for i in f["information"]),
        assumptions=f["assumptions"], uncertainties=f["uncertainties"],
        options=tuple(OptionItem(**o) for o in f["options"]), risk=f["risk"],
        powers=f["powers"], expected_outcome=f["expected_outcome"],
        actions=tuple(ActionItem(a["action"], a.get("owner", ""), chain.parse_time(a.get("due")))
                      for a in f["actions"]),
        review_by=f["review_by"], tags=normalise_tags(f["tags"]), workstream=f["workstream"])


__all__ = ["log_decision", "supersede", "amend", "rescind", "record_review",
           "mark_action_done", "log_many", "current_input"]
