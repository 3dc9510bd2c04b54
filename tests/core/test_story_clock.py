"""The demo story is moved so that its `as_of` moment is the day the demo is created."""

from datetime import UTC, datetime

from commandcenter.demo import seed, story_clock

STORY = {
    "as_of": "2026-12-30T18:00:00Z",
    "incidents": [{"opened_at": "2026-12-11T20:30:00Z",
                   "summary": "Cards used between 25 November and 14 December 2026; "
                              "weekly report from 30 December."}],
    "not_a_time": "2026-12-11",  # only full ISO times (…Z) are times
    "count": 3,
}


def test_as_of_lands_on_today_and_times_keep_their_time_of_day():
    moved = story_clock.for_today(STORY, datetime(2027, 1, 4, 7, 0, tzinfo=UTC))
    assert moved["as_of"] == "2027-01-04T18:00:00Z"
    assert moved["incidents"][0]["opened_at"] == "2026-12-16T20:30:00Z"  # +5 days


def test_prose_dates_move_by_the_same_days_and_keep_their_form():
    moved = story_clock.shifted(STORY, 5)
    assert moved["incidents"][0]["summary"] == (
        "Cards used between 30 November and 19 December 2026; weekly report from 4 January.")


def test_moving_back_across_a_year_and_non_times_untouched():
    moved = story_clock.shifted(STORY, -40)
    assert moved["incidents"][0]["opened_at"] == "2026-11-01T20:30:00Z"
    assert moved["incidents"][0]["summary"].startswith("Cards used between 16 October and 4 November 2026")
    assert moved["not_a_time"] == "2026-12-11" and moved["count"] == 3
    assert STORY["incidents"][0]["opened_at"] == "2026-12-11T20:30:00Z"  # the original is kept


def test_a_scenario_without_as_of_is_left_as_written():
    story = {k: v for k, v in STORY.items() if k != "as_of"}
    assert story_clock.for_today(story) is story


def test_the_shipped_scenario_is_a_crisis_in_progress_on_any_day():
    now = datetime(2031, 6, 15, 9, 0, tzinfo=UTC)
    moved = story_clock.for_today(seed.load_scenario(), now)
    active = next(i for i in moved["incidents"] if i["active"])
    opened = seed.parse_utc(active["opened_at"])
    assert 0 < (now - opened).days < 40  # opened weeks ago, not in the future
