"""Full-text search over the talking points, the roster, the timeline and the audit trail
(migration 0008): what is written is found at once (triggers, no service can forget), an
edit finds the new words and not the old, JSON fields are searched by their values not
their keys, a bad query gets the person's message, and the audit trail pages newest first."""

from datetime import UTC, datetime, timedelta

import pytest

from commandcenter.search import areas
from commandcenter.search.query import SearchSyntaxError
from commandcenter.services import audit, incidents
from commandcenter.services import journey as j
from commandcenter.services import roster
from commandcenter.services import talking_points as tp

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def tv(vault):
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    return vault


def test_talking_points_are_found_by_any_of_their_words(tv):
    house = tp.create(tv, data=tp.LineInput(
        "key_message", "Message house", ("customers",), "We take responsibility.",
        pillars=(tp.Pillar("Protection", ("Free credit monitoring for a year",)),),
        we_dont_know="How many cards were copied"))
    qa = tp.create(tv, data=tp.LineInput("qa", "Card numbers", ("media",), "No PINs.",
                                         question="Were PINs taken?"))
    assert tp.matching_versions(tv, "monitoring") == {house.version_id}
    assert tp.matching_versions(tv, "copied cards") == {house.version_id}
    assert tp.matching_versions(tv, "pins") == {qa.version_id}
    assert tp.matching_versions(tv, "respons*") == {house.version_id}
    assert tp.matching_versions(tv, "proof_points") == set()  # a JSON key, not a word
    assert tp.matching_versions(tv, "  ") is None  # nothing typed: no search
    tp.update_draft(tv, version_id=qa.version_id, data=tp.LineInput(
        "qa", "Card numbers", ("media",), "No security codes.", question="Were codes taken?"))
    assert tp.matching_versions(tv, "pins") == set()
    assert tp.matching_versions(tv, "security codes") == {qa.version_id}


def test_the_roster_is_found_by_name_contacts_and_topics(vault):
    maya = roster.add(vault, data=roster.SpokespersonInput(
        "Maya Chen", "Head of Media", "Larkmont", email="maya@larkmont.example",
        topics=("payments security",)))
    tom = roster.add(vault, data=roster.SpokespersonInput(
        "Tom Brennan", "Chief Executive", email="tom@larkmont.example"))
    assert roster.matching_ids(vault, "maya") == {maya.id}
    assert roster.matching_ids(vault, "executive") == {tom.id}
    assert roster.matching_ids(vault, "payments") == {maya.id}
    assert roster.matching_ids(vault, "larkmont") == {maya.id, tom.id}
    assert roster.matching_ids(vault, "larkmont -tom") == {maya.id}
    roster.update(vault, spokesperson_id=tom.id, data=roster.SpokespersonInput(
        "Thomas Brennan", "Chief Executive", email="thomas@larkmont.example"))
    assert roster.matching_ids(vault, "thomas") == {tom.id}
    with pytest.raises(SearchSyntaxError, match="quotation mark"):
        roster.matching_ids(vault, '"open')


def test_timeline_search_pages_newest_first(tv):
    for i in range(7):
        j.add_event(tv, data=j.EventInput(T0 + timedelta(hours=i), "media_report",
                                          f"Story {i} in the press", "Daily Wire"))
    j.add_event(tv, data=j.EventInput(T0, "detected", "Odd traffic on the payment servers"))
    first = j.timeline.events_page(tv, search="press", limit=3)
    assert [e.title for e in first.events] == ["Story 6 in the press", "Story 5 in the press",
                                               "Story 4 in the press"] and first.more
    last = first.events[-1]
    rest = j.timeline.events_page(tv, search="press", limit=10, after=(last.at, last.id))
    assert [e.title for e in rest.events][-1] == "Story 0 in the press" and not rest.more
    assert len(j.timeline.events_page(tv, search="media").events) == 7  # the kind, too
    assert [e.kind for e in j.timeline.events_page(tv, search="servers").events] == [
        "detected"]
    assert len(j.timeline.events_page(tv, search="").events) == 8


def test_audit_search_pages_by_sequence(tv):
    for i in range(5):
        roster.add(tv, data=roster.SpokespersonInput(f"Person {i}",
                                                     email=f"p{i}@larkmont.example"))
    found = audit.recent_entries(tv, search="larkmont", limit=3)  # a value in the details
    assert len(found) == 3 and [e.seq for e in found] == sorted(
        (e.seq for e in found), reverse=True)
    older = audit.recent_entries(tv, search="larkmont", limit=10, before_seq=found[-1].seq)
    assert len(older) == 2 and older[0].seq < found[-1].seq
    assert {e.action for e in found + older} == {found[0].action}
    assert audit.recent_entries(tv, search="incident", limit=50)  # the action's words
    assert audit.recent_entries(tv, search="email", limit=50) == []  # keys are not text
    with pytest.raises(SearchSyntaxError):
        audit.recent_entries(tv, search="OR", limit=5)


def test_lines_and_events_are_searched_in_the_active_incident_only(tv):
    first = incidents.active_incident(tv).id
    line_a = tp.create(tv, data=tp.LineInput("holding_statement", "Statement", ("media",),
                                             "Cards were copied at the tills."))
    j.add_event(tv, data=j.EventInput(T0, "detected", "Tills copied card data"))
    second = incidents.create_incident(tv, data=incidents.IncidentInput("INC-2", "Outage"))
    incidents.set_active_incident(tv, incident_id=second.id)
    line_b = tp.create(tv, data=tp.LineInput("holding_statement", "Outage line", ("media",),
                                             "The tills are down."))
    j.add_event(tv, data=j.EventInput(T0, "detected", "Tills down in every store"))
    assert tp.matching_versions(tv, "tills") == {line_b.version_id}
    assert tp.matching_versions(tv, "tills", incident_id=first) == {line_a.version_id}
    assert [e.title for e in j.timeline.events_page(tv, search="tills").events] == [
        "Tills down in every store"]
    assert [e.title for e in j.timeline.events_page(tv, search="tills", incident_id=first)
            .events] == ["Tills copied card data"]
    # The person's words are searched in the words only, never in the incident's token.
    token = areas.scope_token(second.id)
    for typed in (token, token[:4] + "*"):
        assert tp.matching_versions(tv, typed) == set()
        assert j.timeline.events_page(tv, search=typed).events == []


def test_a_lines_latest_version_is_what_is_searched(tv):
    """The list shows each line's latest version: a new version takes the old one's place
    in the index, whichever order the versions are written in (an import's may be any)."""
    first = tp.create(tv, data=tp.LineInput("holding_statement", "Statement", ("media",),
                                            "Cards were copied at the tills."))
    with tv.write() as session:  # version 2 as its own row (the workflow needs approvals)
        conn = session.connection()
        cursor = conn.exec_driver_sql("SELECT * FROM talking_point_version WHERE id = ?",
                                      (first.version_id,))
        names = list(cursor.keys())
        one = dict(zip(names, cursor.fetchone()))
        two = {**one, "id": "v2-" + one["id"][3:], "version": 2,
               "body": "Card data was taken from registers."}
        marks = ", ".join("?" * len(names))

        def write(*rows):
            for row in rows:
                conn.exec_driver_sql(f"INSERT INTO talking_point_version VALUES ({marks})",
                                     tuple(row[n] for n in names))

        write(two)
        assert _found(conn, "tills") == [] and _found(conn, "registers") == [two["id"]]
        # Out of order, as an import may write them: version 4, then version 3.
        four = {**one, "id": "v4-" + one["id"][3:], "version": 4, "body": "Checkout."}
        three = {**one, "id": "v3-" + one["id"][3:], "version": 3, "body": "Older tills."}
        write(four, three)  # the older one, written last, stays out of the index
        assert _found(conn, "tills") == [] and _found(conn, "checkout") == [four["id"]]
        assert _found(conn, "registers") == []


def _found(conn, words: str) -> list[str]:
    return [r[0] for r in conn.exec_driver_sql(
        "SELECT version_id FROM talking_point_fts WHERE talking_point_fts MATCH ?",
        (areas.expression(words),))]
