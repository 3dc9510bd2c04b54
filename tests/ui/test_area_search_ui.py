"""The search box over each area's list (talking points, roster, timeline, audit trail):
typing narrows the list to what the vault's index finds once typing pauses, clearing it
shows everything again, a query that cannot be searched says why beside the list and
changes nothing, and a change in the vault reaches a searched list still searched."""

from datetime import UTC, datetime, timedelta

from commandcenter.services import incidents, roster
from commandcenter.services import journey as j
from commandcenter.services import talking_points as tp
from commandcenter.vault import lifecycle
from tests.conftest import PASSPHRASE
from tests.ui.conftest import open_area, settle, start_unlock, unlock
from ui.views.talking_points import NO_MATCH as NO_LINE

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _prepare(controller, existing_vault):
    """Before the app starts: an incident with lines, people and events to search."""
    vault = lifecycle.unlock_with_passphrase(controller.paths,
                                             operator_id=existing_vault["operator_id"],
                                             passphrase=PASSPHRASE)
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    tp.create(vault, data=tp.LineInput("holding_statement", "Holding statement",
                                       ("customers",), "We are sorry. Card data was taken."))
    tp.create(vault, data=tp.LineInput("qa", "PIN question", ("media",), "No PINs were taken.",
                                       question="Were PINs taken?"))
    roster.add(vault, data=roster.SpokespersonInput(
        "Maya Chen", "Head of Media", email="maya@larkmont.example",
        topics=("payments security",)))
    roster.add(vault, data=roster.SpokespersonInput("Tom Brennan", "Chief Executive",
                                                    email="tom@larkmont.example"))
    for i in range(3):
        j.add_event(vault, data=j.EventInput(T0 + timedelta(hours=i), "media_report",
                                             f"Story {i} in the press", "Daily Wire"))
    j.add_event(vault, data=j.EventInput(T0, "detected", "Odd traffic on the payment servers"))
    vault.lock()


def _open(qtbot, controller, existing_vault, area: str):
    _prepare(controller, existing_vault)
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller)
    return window, open_area(qtbot, controller, window, area)


def _type(qtbot, controller, box, text: str) -> None:
    """Type into a search box and wait for the pause and the search it starts."""
    box.setText(text)
    qtbot.waitUntil(lambda: not box._timer.isActive(), timeout=5_000)
    settle(qtbot, controller)


def test_talking_points_search_narrows_the_list_and_keeps_the_filters(qtbot, controller,
                                                                       existing_vault):
    window, view = _open(qtbot, controller, existing_vault, "talking_points")
    window.show_lines(1)
    settle(qtbot, controller)
    titles = lambda: sorted(r.title for r in view.lines.model.records())  # noqa: E731
    assert titles() == ["Holding statement", "PIN question"]
    _type(qtbot, controller, view.search, "pins")
    assert titles() == ["PIN question"]
    view.audience.setCurrentIndex(view.audience.findData("customers"))  # both at once: none
    assert titles() == [] and view.lines.empty.text() == NO_LINE
    view.audience.setCurrentIndex(0)
    _type(qtbot, controller, view.search, '"open')  # cannot be searched: said, list unchanged
    assert "quotation mark" in view.error.text() and titles() == ["PIN question"]
    _type(qtbot, controller, view.search, "")
    assert titles() == ["Holding statement", "PIN question"] and not view.error.text()
    # A new line that matches reaches the searched list with the next snapshot.
    _type(qtbot, controller, view.search, "sorry")
    tp.create(controller.session.vault, data=tp.LineInput(
        "bridging_line", "Apology", ("customers",), "We are sorry for the worry."))
    controller.session.reload()
    settle(qtbot, controller)
    assert titles() == ["Apology", "Holding statement"]


def test_roster_search_finds_people_by_their_words(qtbot, controller, existing_vault):
    _window, view = _open(qtbot, controller, existing_vault, "spokespersons")
    names = lambda: sorted(r.person.name for r in view.model.records())  # noqa: E731
    assert names() == ["Maya Chen", "Tom Brennan"]
    _type(qtbot, controller, view.search, "payments")
    assert names() == ["Maya Chen"]
    _type(qtbot, controller, view.search, "nobody")
    assert names() == [] and view.stack.currentWidget() is view.empty
    assert "search" in view.empty.text()
    _type(qtbot, controller, view.search, "")
    assert names() == ["Maya Chen", "Tom Brennan"]


def test_timeline_search_pages_the_matching_events(qtbot, controller, existing_vault):
    _window, view = _open(qtbot, controller, existing_vault, "timeline")
    assert view.model.rowCount() == 4
    _type(qtbot, controller, view.search, "press")
    assert [r.event.title for r in view.model.records()] == [
        "Story 2 in the press", "Story 1 in the press", "Story 0 in the press"]
    _type(qtbot, controller, view.search, "servers -payment")
    assert view.model.rowCount() == 0 and view.list_note.text() == "No event matches the search."
    _type(qtbot, controller, view.search, "")
    assert view.model.rowCount() == 4 and view.list_note.text() == ""


def test_audit_search_shows_the_matching_entries_newest_first(qtbot, controller,
                                                               existing_vault):
    _window, view = _open(qtbot, controller, existing_vault, "audit")
    everything = view.model.rowCount()
    _type(qtbot, controller, view.search, "spokesperson")
    actions = [e.action for e in view.model.records()]
    assert actions == ["spokesperson.added", "spokesperson.added"]
    assert view.model.total == 2  # a short page: nothing older to fetch
    assert view.d_title.text().endswith("spokesperson.added")  # the newest is selected
    _type(qtbot, controller, view.search, "-")  # a lone operator: explained, no change
    assert "Type a word" in view.error.text() and view.model.rowCount() == 2
    _type(qtbot, controller, view.search, "")
    assert view.model.rowCount() == everything


def test_only_the_latest_searchs_answer_is_taken(qtbot):
    from ui.widgets.search_box import SearchBox

    box = SearchBox("lines")
    qtbot.addWidget(box)
    first = box.ticket()
    second = box.ticket()  # typed again before the first answer came
    assert not first() and second()
    box.reset()  # the list was cleared (a lock, another incident): no answer is taken
    assert not second()
