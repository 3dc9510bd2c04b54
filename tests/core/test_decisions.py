"""The decision log: sealed entries that are never edited or deleted, gapless numbering under
concurrent writers, the late-entry rule, status derived from the chain, and verification
that finds a row rewritten behind the triggers' back."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from commandcenter.models.base import utcnow
from commandcenter.services import decisions as d
from commandcenter.services import incidents
from commandcenter.services.errors import ValidationError
from commandcenter.vault import integrity
from commandcenter.vault.errors import PermissionDenied
from commandcenter.vault.unlocked import Actor


@pytest.fixture
def log_vault(vault):
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    return vault


def quick(text_: str = "Disclose today", **kw) -> d.DecisionInput:
    return d.DecisionInput(text_, "Customers should hear it from us first", ("Dana Lead",), **kw)


def _raw(vault, sql: str, **params):
    with vault.engine.begin() as conn:
        return conn.execute(text(sql), params)


def test_update_and_delete_are_refused_even_with_the_key(log_vault):
    entry = d.log_decision(log_vault, data=quick())
    for sql in ("UPDATE decision_entry SET decision = 'nothing' WHERE id = :i",
                "DELETE FROM decision_entry WHERE id = :i"):
        with pytest.raises(sa_exc.DatabaseError, match="append-only"):
            _raw(log_vault, sql, i=entry.id)
    detail = d.detail(log_vault, decision_id=entry.id)
    assert detail.entries[0]["decision"] == "Disclose today"


def test_an_amendment_leaves_the_original_intact_and_readable(log_vault):
    entry = d.log_decision(log_vault, data=quick())
    before = d.detail(log_vault, decision_id=entry.id).entries[0]
    amended = d.amend(log_vault, decision_id=entry.id, note="typo",
                      changes={"decision": "Disclose today at 17:30 UTC", "risk": "A leak"})
    assert amended.label == "WR1-0002" and amended.kind == "amendment"
    detail = d.detail(log_vault, decision_id=entry.id)
    assert detail.entries[0] == before  # the original row, unchanged
    assert [e["kind"] for e in detail.entries] == ["decision", "amendment"]
    assert detail.state.fields["decision"] == "Disclose today at 17:30 UTC"
    assert detail.state.fields["risk"] == "A leak"
    assert detail.head.decision == "Disclose today at 17:30 UTC"
    assert detail.state.amendments == 1
    with pytest.raises(ValidationError, match="changes nothing"):
        d.amend(log_vault, decision_id=entry.id, changes={"risk": "A leak"})


def test_numbering_is_gapless_and_unique_with_two_writers(log_vault):
    per_thread, errors = 150, []

    def writer(tag: str) -> None:
        try:
            for n in range(per_thread):
                d.log_decision(log_vault, data=quick(f"{tag} decision {n}"))
        except Exception as exc:  # reported below: the test fails, not the thread
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(t,)) for t in ("alpha", "bravo")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with log_vault.read() as session:
        numbers = [r[0] for r in session.connection().execute(
            text("SELECT number FROM decision_entry ORDER BY number"))]
        report = d.verify_log(session)
    assert numbers == list(range(1, 2 * per_thread + 1))
    assert report.ok and report.count == 2 * per_thread, report.message


def test_a_late_entry_needs_a_reason(log_vault):
    long_ago = utcnow() - timedelta(minutes=16)
    with pytest.raises(ValidationError) as refused:
        d.log_decision(log_vault, data=quick(decided_at=long_ago))
    assert refused.value.field == "late_reason"
    assert d.counts(log_vault).total == 0  # nothing written
    d.log_decision(log_vault, data=quick(decided_at=utcnow() - timedelta(minutes=14)))
    entry = d.log_decision(log_vault, data=quick(decided_at=long_ago,
                                                 late_reason="On the bridge call"))
    assert d.detail(log_vault, decision_id=entry.id).entries[0]["late_reason"] == \
        "On the bridge call"
    with pytest.raises(ValidationError) as future:
        d.log_decision(log_vault, data=quick(decided_at=utcnow() + timedelta(hours=1)))
    assert future.value.field == "decided_at"


def test_required_fields_are_named(log_vault):
    for data, field in ((d.DecisionInput(" ", "why", ("A",)), "decision"),
                        (d.DecisionInput("what", "", ("A",)), "rationale"),
                        (d.DecisionInput("what", "why", (" ",)), "decision_makers")):
        with pytest.raises(ValidationError) as refused:
            d.log_decision(log_vault, data=data)
        assert refused.value.field == field
    assert d.counts(log_vault).total == 0


def test_supersede_and_rescind_derive_the_status(log_vault):
    first = d.log_decision(log_vault, data=quick("Disclose on the 18th"))
    second = d.supersede(log_vault, decision_id=first.id, data=quick("Disclose today"))
    third = d.log_decision(log_vault, data=quick("Hold back discounts"))
    d.rescind(log_vault, decision_id=third.id, reason="Remedy is running")
    heads = {h.decision_id: h for h in d.page(log_vault).rows}
    assert heads[first.id].status == "superseded"
    assert heads[first.id].superseded_by == second.label
    assert heads[second.id].status == "in_force"
    assert heads[third.id].status == "rescinded"
    counted = d.counts(log_vault)
    assert (counted.total, counted.in_force) == (3, 1)
    assert d.detail(log_vault, decision_id=second.id).replaces == first.label
    with pytest.raises(ValidationError, match="superseded by WR1-0002"):
        d.supersede(log_vault, decision_id=first.id, data=quick("Again"))
    with pytest.raises(ValidationError, match="rescinded"):
        d.rescind(log_vault, decision_id=third.id, reason="twice")
    # the superseding decision can itself be superseded: the chain moves on
    fourth = d.supersede(log_vault, decision_id=second.id, data=quick("Disclose at once"))
    heads = {h.decision_id: h for h in d.page(log_vault).rows}
    assert heads[second.id].status == "superseded" and heads[fourth.id].status == "in_force"
    assert [h.status for h in d.page(log_vault, filters=d.Filters(status="in_force")).rows] \
        == ["in_force"]
    # Read together (a report's batched read), each chain is what it is read alone: the
    # superseding decisions' roots in their own chains and in the ones they replaced.
    ids = [first.id, second.id, third.id, fourth.id]
    together = d.states(log_vault, ids)
    for decision_id in ids:
        alone = d.detail(log_vault, decision_id=decision_id).state
        assert together[decision_id].chain == alone.chain
        assert together[decision_id].status == alone.status
    assert [e["id"] for e in together[second.id].chain] == [second.id, fourth.id]


def test_review_due_incomplete_and_actions(log_vault):
    now = utcnow()
    entry = d.log_decision(log_vault, data=quick(
        decided_at=now - timedelta(minutes=5), review_by=now + timedelta(hours=2),
        actions=(d.ActionItem("Brief the hotline", "Tom"),)))
    assert d.counts(log_vault).due == 0
    later = now + timedelta(hours=3)
    assert d.counts(log_vault, now=later).due == 1
    assert [h.decision_id for h in d.page(log_vault, filters=d.Filters(due=True),
                                          now=later).rows] == [entry.id]
    head = d.page(log_vault).rows[0]
    assert head.incomplete and "options" in head.missing and head.open_actions == 1
    counted = d.counts(log_vault, now=later)
    assert (counted.total, counted.in_force, counted.due, counted.incomplete) == (1, 1, 1, 1)
    d.mark_action_done(log_vault, decision_id=entry.id, action_index=0, note="done 14:00")
    d.record_review(log_vault, decision_id=entry.id, outcome="Still right",
                    next_review_by=now + timedelta(days=1))
    assert d.counts(log_vault, now=later).due == 0
    d.amend(log_vault, decision_id=entry.id, changes={
        "information": (d.InfoItem("Processor alert", "Acquirer"),), "assumptions": "A",
        "options": (d.OptionItem("Wait", "no", "yes", "no"),
                    d.OptionItem("Disclose", "yes", "yes", "yes", chosen=True)),
        "risk": "R", "powers": "State breach laws", "expected_outcome": "Trust kept"})
    head = d.page(log_vault).rows[0]
    assert not head.incomplete and head.open_actions == 0 and head.entries == 4
    assert d.counts(log_vault).incomplete == 0


def test_spokespersons_cannot_read_or_write_the_log(log_vault):
    entry = d.log_decision(log_vault, data=quick())
    log_vault.actor = Actor("x", "Jordan", "spokesperson")
    with pytest.raises(PermissionDenied):
        d.page(log_vault)
    with pytest.raises(PermissionDenied):
        d.detail(log_vault, decision_id=entry.id)
    with pytest.raises(PermissionDenied):
        d.log_decision(log_vault, data=quick())
    assert d.counts(log_vault) == d.Counts()


def _rewrite_behind_the_trigger(vault, sql: str, **params) -> None:
    with vault.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER decision_entry_no_update"))
        conn.execute(text(sql), params)
        conn.execute(text(
            "CREATE TRIGGER decision_entry_no_update BEFORE UPDATE ON decision_entry BEGIN "
            "SELECT RAISE(ABORT, 'decision log is append-only: entries cannot be changed'); END"))


def test_verify_reports_an_entry_rewritten_behind_the_triggers_back(log_vault):
    first = d.log_decision(log_vault, data=quick())
    d.log_decision(log_vault, data=quick("Second"))
    assert integrity.check(log_vault).ok
    assert "decision log intact: 2 entries" in integrity.check(log_vault).summary()
    _rewrite_behind_the_trigger(log_vault, "UPDATE decision_entry SET rationale = 'cover-up' "
                                "WHERE id = :i", i=first.id)
    report = integrity.check(log_vault)
    assert not report.ok
    assert "WR1-0001" in report.summary() and "content changed" in report.summary()


def test_verify_reports_a_resealed_entry_and_a_forged_head(log_vault):
    first = d.log_decision(log_vault, data=quick())
    # Someone recomputes the entry's own hash: the audit seal still holds the old one.
    with log_vault.read() as session:
        row = d.detail(log_vault, decision_id=first.id).entries[0]
    forged = dict(row, rationale="cover-up")
    forged["hash"] = d.chain.entry_hash(forged)
    _rewrite_behind_the_trigger(log_vault, "UPDATE decision_entry SET rationale = 'cover-up', "
                                "hash = :h WHERE id = :i", h=forged["hash"], i=first.id)
    with log_vault.read() as session:
        report = d.verify_log(session)
    assert not report.ok and "audit seal" in report.message
    _rewrite_behind_the_trigger(log_vault, "UPDATE decision_entry SET rationale = :r, "
                                "hash = :h WHERE id = :i", r=row["rationale"], h=row["hash"],
                                i=first.id)
    _raw(log_vault, "UPDATE decision_head SET status = 'rescinded'")
    with log_vault.read() as session:
        report = d.verify_log(session)
    assert not report.ok and "WR1-0001 is shown with a state" in report.message
