"""Moves the demo scenario in time so that the demo always shows a crisis in progress.

The scenario is written as one fixed story (times in ISO-8601 UTC, dates in its prose such as
"14 December 2026"). Its `as_of` field is the moment of the story the demo should show. On
seeding, every time and every prose date is moved by the same whole number of days, so that
`as_of` falls on today: "opened three days ago", "next update due in two hours" and "review
overdue" then read as they would in a real war room, whatever day the demo is created.
Whole days keep each event's time of day, and the prose stays consistent with the records.
"""

import re
from datetime import UTC, date, datetime, timedelta

_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$")
_MONTHS = ("January February March April May June July August September October "
           "November December").split()
# "25 November" or "14 December 2026" in prose (day first, as the scenario is written).
_PROSE_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r")(?: (\d{4}))?\b")


def shift_days(as_of: datetime, today: date) -> int:
    """The whole number of days that moves `as_of` onto `today`."""
    return (today - as_of.date()).days


def shifted(scenario: dict, days: int) -> dict:
    """A copy of `scenario` with every ISO time and prose date moved by `days` days."""
    if days == 0:
        return scenario
    year = _story_year(scenario)
    return _walk(scenario, lambda text: _shift_text(text, days, year))


def for_today(scenario: dict, now: datetime | None = None) -> dict:
    """The scenario moved so that its `as_of` moment is today (unchanged without `as_of`)."""
    as_of = scenario.get("as_of")
    if not as_of:
        return scenario
    now = now or datetime.now(UTC)
    return shifted(scenario, shift_days(_parse(as_of), now.date()))


def _walk(value, fn):
    if isinstance(value, dict):
        return {key: _walk(item, fn) for key, item in value.items()}
    if isinstance(value, list):
        return [_walk(item, fn) for item in value]
    if isinstance(value, str):
        return fn(value)
    return value


def _shift_text(text: str, days: int, story_year: int) -> str:
    if _ISO_TIME.match(text):
        moved = _parse(text) + timedelta(days=days)
        return moved.strftime("%Y-%m-%dT%H:%M:%SZ")
    return _PROSE_DATE.sub(lambda m: _shift_prose(m, days, story_year), text)


def _shift_prose(match: re.Match, days: int, story_year: int) -> str:
    day, month, year = int(match[1]), _MONTHS.index(match[2]) + 1, match[3]
    try:
        moved = date(int(year) if year else story_year, month, day) + timedelta(days=days)
    except ValueError:  # "31 February" is not a date: leave the words as written
        return match[0]
    text = f"{moved.day} {_MONTHS[moved.month - 1]}"
    return f"{text} {moved.year}" if year else text


def _story_year(scenario: dict) -> int:
    """The year prose dates without one belong to: the year of `as_of`."""
    as_of = scenario.get("as_of")
    return _parse(as_of).year if as_of else datetime.now(UTC).year


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
