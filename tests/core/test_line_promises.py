"""An approved talking point's "next update by" is a dated commitment to its audiences
(issue 7): the promise is made in the approval's own transaction, is kept by an update logged
for that stakeholder, and is overdue otherwise."""

from datetime import timedelta

from sqlmodel import select

from commandcenter.models import UpdatePromise
from commandcenter.models.base import utcnow
from commandcenter.services import journey
from tests.core.test_talking_points import APPROVER, approved, line, tv  # noqa: F401


def _promises(vault):
    with vault.read() as session:
        return list(session.exec(select(UpdatePromise)))


def test_approving_a_line_promises_its_next_update_to_each_audience_group(tv):  # noqa: F811
    journey.ensure_defaults(tv)
    due = utcnow() + timedelta(hours=4)
    saved = approved(tv, line(audiences=("customers", "media", "board"), next_update_due=due))
    made = _promises(tv)
    # "board" is an audience but not a group on the default map: no promise for it.
    assert len(made) == 2
    assert {p.source for p in made} == {f"talking_point:{saved.point_id}"}
    assert all(abs((p.due_at - due).total_seconds()) < 1 for p in made)
    assert journey.summary(tv).overdue == 0
    assert journey.summary(tv, now=due + timedelta(minutes=1)).overdue == 2
    journey.log_update(tv, stakeholder="customers", summary="Update posted on the website",
                       at=due - timedelta(hours=1), now=due - timedelta(minutes=30))
    assert journey.summary(tv, now=due + timedelta(minutes=1)).overdue == 1


def test_a_line_without_a_next_update_or_a_map_promises_nothing(tv):  # noqa: F811
    approved(tv, line(next_update_due=utcnow() + timedelta(hours=2)))  # no map yet
    journey.ensure_defaults(tv)
    approved(tv, line("Q&A", kind="qa", question="Is my PIN safe?"))
    assert _promises(tv) == []


def test_the_timeline_has_an_approvals_lane_and_cells_show_line_titles(tv):  # noqa: F811
    journey.ensure_defaults(tv)
    saved = approved(tv, line("Holding statement: card breach"))
    data = journey.query.load(tv)
    assert [label for _at, label in data.lanes["Approvals"]] == [
        "Holding statement: card breach v1"]
    with tv.read() as session:
        labels = journey.query.CONTENT_RESOLVER(session, [saved.point_id, "gone"])
    assert labels == {saved.point_id: "Holding statement: card breach"}
