"""The "All lines" filter predicate (commandcenter.services.talking_points.line_filter):
audience, effective status and flag words, the same for the service and the list, and a
list read once filtered many times gives what a read per filter gave."""

from datetime import timedelta

from commandcenter.models.base import utcnow
from commandcenter.services import incidents
from commandcenter.services import talking_points as tp
from commandcenter.services.talking_points.line_filter import (
    line_matches, matching, matching_indexes,
)
from commandcenter.services.talking_points.query import LineRow
from commandcenter.vault.unlocked import Actor


def row(status="draft", audiences=("customers",), flags=(), title="A line") -> LineRow:
    return LineRow("v-" + title, "p-" + title, 1, "holding_statement", title,
                   tuple(audiences), (), status, tuple(flags), "Pat", utcnow())


def test_no_filter_matches_everything():
    assert line_matches(row())
    assert line_matches(row(), audience=None, status=None)
    assert line_matches(row(), audience="", status="")


def test_audience_must_be_one_of_the_rows_audiences():
    r = row(audiences=("customers", "media"))
    assert line_matches(r, audience="media")
    assert line_matches(r, audience="customers")
    assert not line_matches(r, audience="regulators")
    assert not line_matches(row(audiences=()), audience="media")


def test_a_search_keeps_the_rows_whose_version_it_found():
    rows = [row(title="a"), row(title="b", audiences=("media",)), row(title="c")]
    assert matching(rows, versions=frozenset({"v-a", "v-b"})) == rows[:2]
    assert matching(rows, versions=frozenset()) == []  # searched, nothing found
    assert matching(rows, versions=None) == rows  # no search
    assert matching_indexes(rows, audience="media", versions=frozenset({"v-a", "v-b"})) == [1]
    assert not line_matches(rows[2], versions=frozenset({"v-a"}))


def test_status_is_the_effective_status_or_a_flag_word():
    approved_soon = row("approved", flags=(("expiring soon", "warn"),))
    assert line_matches(approved_soon, status="approved")
    assert line_matches(approved_soon, status="expiring soon")
    assert not line_matches(approved_soon, status="draft")
    assert not line_matches(approved_soon, status="review due")
    expired = row("expired", flags=(("expired", "bad"), ("review due", "bad")))
    assert line_matches(expired, status="expired")
    assert line_matches(expired, status="review due")
    assert not line_matches(expired, status="approved")
    # A flag word only matches as a whole word.
    assert not line_matches(row("approved", flags=(("review due", "bad"),)), status="review")


def test_audience_and_status_together():
    r = row("in_review", audiences=("media",))
    assert line_matches(r, audience="media", status="in_review")
    assert not line_matches(r, audience="media", status="draft")
    assert not line_matches(r, audience="customers", status="in_review")


def test_matching_keeps_the_order_and_indexes_agree():
    rows = [row("draft", ("media",), title="a"), row("approved", ("customers",), title="b"),
            row("draft", ("customers", "media"), title="c")]
    assert [r.title for r in matching(rows, audience="media")] == ["a", "c"]
    assert [r.title for r in matching(rows, status="draft")] == ["a", "c"]
    assert matching_indexes(rows, audience="customers") == [1, 2]
    assert matching_indexes(rows) == [0, 1, 2]
    assert matching(rows) == rows and matching(rows) is not rows


EDITOR = Actor("e0000000-0000-0000-0000-000000000001", "Elena Editor", "editor")
APPROVER = Actor("a0000000-0000-0000-0000-000000000002", "Marcus Approver", "approver")


def test_one_read_filtered_equals_a_read_per_filter(vault):
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    lead = vault.actor
    vault.actor = EDITOR
    tp.create(vault, data=tp.LineInput("holding_statement", "Draft for media", ("media",),
                                       "We are looking into it."))
    sub = tp.create(vault, data=tp.LineInput("qa", "Q for customers", ("customers",),
                                             "Yes.", question="Was my card taken?"))
    tp.submit(vault, version_id=sub.version_id)
    soon = tp.create(vault, data=tp.LineInput(
        "key_message", "Key message", ("customers", "media"), "We are sorry.",
        expires_at=utcnow() + timedelta(hours=2)))
    tp.submit(vault, version_id=soon.version_id)
    vault.actor = APPROVER
    tp.approve(vault, version_id=soon.version_id)
    vault.actor = lead
    every = tp.list_lines(vault)
    assert len(every) == 3
    audiences = (None, "media", "customers", "regulators")
    statuses = (None, "draft", "in_review", "approved", "expiring soon", "needs review")
    for audience in audiences:
        for status in statuses:
            read = tp.list_lines(vault, audience=audience, status=status)
            assert matching(every, audience=audience, status=status) == read, (audience,
                                                                               status)
    assert [r.title for r in tp.list_lines(vault, status="expiring soon")] == ["Key message"]
