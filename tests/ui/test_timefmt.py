"""Times for people: "2 h 15 min ago", local time on screen, UTC in the tooltip."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from ui.widgets import timefmt

NOW = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("delta,text", [
    (timedelta(seconds=20), "just now"),
    (timedelta(minutes=1), "1 min ago"),
    (timedelta(minutes=59, seconds=59), "59 min ago"),
    (timedelta(hours=1), "1 h ago"),
    (timedelta(hours=2, minutes=15), "2 h 15 min ago"),
    (timedelta(hours=23, minutes=59), "23 h 59 min ago"),
    (timedelta(days=1), "1 d ago"),
    (timedelta(days=3, hours=4, minutes=30), "3 d 4 h ago"),
    (-timedelta(minutes=5), "in 5 min"),
    (-timedelta(hours=2, minutes=1), "in 2 h 1 min"),
])
def test_ago(delta, text):
    assert timefmt.ago(NOW - delta, NOW) == text


def test_ago_of_nothing_is_never():
    assert timefmt.ago(None, NOW) == "never"


def test_duration_whole_units():
    assert timefmt.duration(45) == "45 s"
    assert timefmt.duration(8100) == "2 h 15 min"
    assert timefmt.duration(-8100) == "2 h 15 min"


def test_local_uses_the_given_zone_and_utc_says_utc():
    cet = timezone(timedelta(hours=1), "CET")
    assert timefmt.local(NOW, cet) == "2026-03-14 13:00"
    assert timefmt.local_with_zone(NOW, cet) == "2026-03-14 13:00 CET"
    assert timefmt.utc(NOW.astimezone(cet)) == "2026-03-14 12:00:00 UTC"
    assert timefmt.local(None) == "—" and timefmt.utc(None) == ""


def test_a_naive_time_is_read_as_utc_not_local():
    naive = datetime(2026, 3, 14, 12, 0)
    assert timefmt.utc(naive) == "2026-03-14 12:00:00 UTC"
    assert timefmt.ago(naive, NOW) == "just now"
