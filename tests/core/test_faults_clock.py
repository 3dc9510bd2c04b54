"""A clock that jumps backwards (issue 10): the clock the services read
(commandcenter.models.base.utcnow) is set back an hour between writes. The audit chain
(ordered by sequence) and the decision log (book order, gapless numbers, status derived from
the chain) stay right and verify; no page of the log is dated before the page above it, so
the list (newest decided first) keeps the order entries were logged in; a new approval
still replaces the current line."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from commandcenter.models import AuditEntry, DecisionEntry
from commandcenter.models import base as model_base
from commandcenter.services import decisions as d
from commandcenter.services import incidents
from commandcenter.services import talking_points as tp
from commandcenter.services.decisions import query
from commandcenter.vault import integrity
from tests.fixtures import faults
from tests.core.test_talking_points import APPROVER, EDITOR, as_, line

pytestmark = pytest.mark.fault

START = datetime.now(UTC).replace(microsecond=0)


class Clock:
    def __init__(self):
        self.now = START

    def back(self, hours: float = 1) -> None:
        self.now -= timedelta(hours=hours)

    def forward(self, minutes: float = 1) -> None:
        self.now += timedelta(minutes=minutes)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()

    class FakeDatetime(datetime):
        @classmethod
        def now(cls, tz=None):
            return clock.now.astimezone(tz) if tz else clock.now.replace(tzinfo=None)

    # Every service reads the time through models.base.utcnow (defaults included).
    monkeypatch.setattr(model_base, "datetime", FakeDatetime)
    return clock


def quick(text_: str) -> d.DecisionInput:
    return d.DecisionInput(text_, "Because", ("Dana Lead",))


def _entries(vault):
    with vault.read() as session:
        return list(session.exec(select(DecisionEntry).order_by(DecisionEntry.book_seq)))


def test_a_clock_jumping_back_keeps_the_chain_the_log_and_the_list_right(vault, clock):
    with faults.tally("clock backwards") as t:
        incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
        first = d.log_decision(vault, data=quick("Disclose today"))
        clock.back()
        t.runs, t.faults = t.runs + 1, t.faults + 1
        second = d.log_decision(vault, data=quick("Call the regulator"))
        third = d.supersede(vault, decision_id=first.decision_id,
                            data=quick("Disclose within the hour"))
        clock.back()
        t.faults += 1
        d.amend(vault, decision_id=second.decision_id, changes={"risk": "Low"})
        d.record_review(vault, decision_id=third.decision_id, outcome="Still right")
        d.rescind(vault, decision_id=second.decision_id, reason="Regulator called us")
        clock.forward(5)
        fourth = d.log_decision(vault, data=quick("Open a call centre"))
        # An explicit earlier time (a late entry, with its reason) stays as given.
        late = d.log_decision(vault, data=d.DecisionInput(
            "Freeze cards", "Fraud seen", ("Dana Lead",), decided_at=START - timedelta(hours=3),
            late_reason="Logged after the call"))

        report = integrity.check(vault)
        assert report.ok and report.decision_log.ok, report.summary()
        entries = _entries(vault)
        assert [e.number for e in entries] == list(range(1, 9))  # gapless, in book order
        logged = [e.logged_at for e in entries]
        assert logged == sorted(logged), "a page dated before the page above it"
        heads = {h.decision_id: h for h in query.page(vault).rows}
        assert heads[first.decision_id].status == "superseded"
        assert heads[second.decision_id].status == "rescinded"
        assert heads[third.decision_id].status == "in_force"
        # Newest decided first: what was logged "now" keeps the book's order; the late entry
        # sits at the time it was decided.
        shown = [h.decision_id for h in query.page(vault).rows]
        assert shown == [fourth.decision_id, third.decision_id, second.decision_id,
                         first.decision_id, late.decision_id]

        with vault.read() as session:
            audit = list(session.exec(select(AuditEntry).order_by(AuditEntry.seq)))
        assert [a.seq for a in audit] == list(range(1, len(audit) + 1))
        assert any(b.at < a.at for a, b in zip(audit, audit[1:])), "the clock never went back"


def test_after_a_clock_jump_a_new_approval_is_still_the_current_line(vault, clock):
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    lead = vault.actor
    v1 = tp.create(as_(vault, EDITOR), data=line(body="Version one."))
    tp.submit(vault, version_id=v1.version_id)
    tp.approve(as_(vault, APPROVER), version_id=v1.version_id)
    clock.back(2)
    v2 = tp.new_version(as_(vault, EDITOR), point_id=v1.point_id,
                        data=line(body="Version two."))
    tp.submit(vault, version_id=v2.version_id)
    tp.approve(as_(vault, APPROVER), version_id=v2.version_id)
    as_(vault, lead)
    lines = tp.board(vault).lines["customers"]
    assert [v.version for v in lines] == [2]
    assert integrity.check(vault).ok
