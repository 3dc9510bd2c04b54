"""Who is on duty now: weekly shifts in each spokesperson's own time zone (pure functions).

A shift is {"days": "mon-fri", "start": "08:00", "end": "20:00"} read in the person's zone,
so "08:00" means eight in the morning where they are, summer time included. An end before the
start runs past midnight: a shift on "fri" from 22:00 to 06:00 covers Saturday 03:00 too.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class ShiftError(ValueError):
    pass


@dataclass(frozen=True)
class Shift:
    days: frozenset[int]  # 0 = Monday
    start: time
    end: time

    def covers(self, local: datetime) -> bool:
        """Whether the shift covers this wall-clock moment (in the shift's own zone)."""
        t, day = local.time(), local.weekday()
        if self.start < self.end:
            return day in self.days and self.start <= t < self.end
        if self.start == self.end:  # round the clock on those days
            return day in self.days
        # Past midnight: the evening part on a listed day, the morning part the day after.
        return (day in self.days and t >= self.start) or \
            ((day - 1) % 7 in self.days and t < self.end)


def parse_days(text: str) -> frozenset[int]:
    """"mon-fri", "sat,sun", "daily", "mon,wed-fri" -> weekday numbers."""
    text = (text or "").strip().lower()
    if text in ("daily", "every day", "all"):
        return frozenset(range(7))
    days: set[int] = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        first, _, last = part.partition("-")
        if first[:3] not in DAYS or (last and last[:3] not in DAYS):
            raise ShiftError(f"Unknown day {part!r}; use mon, tue, …, sun, ranges like "
                             "mon-fri, or daily.")
        a, b = DAYS.index(first[:3]), DAYS.index((last or first)[:3])
        days.update((a + i) % 7 for i in range((b - a) % 7 + 1))
    if not days:
        raise ShiftError("Give the days of the shift, e.g. mon-fri.")
    return frozenset(days)


def parse_time(text: str) -> time:
    match = _TIME_RE.match((text or "").strip())
    if not match:
        raise ShiftError(f"{text!r} is not a time; use 24-hour HH:MM, e.g. 08:00.")
    return time(int(match[1]), int(match[2]))


def parse_shift(item: dict) -> Shift:
    return _shift(item.get("days", ""), item.get("start", ""), item.get("end", ""))


@lru_cache(maxsize=512)
def _shift(days: str, start: str, end: str) -> Shift:
    """Rotas repeat ("mon-fri 09:00-17:00" for half the roster): each is parsed once, not
    once per person per read (2,000 people's availability on every roster read)."""
    return Shift(parse_days(days), parse_time(start), parse_time(end))


def parse_shift_text(text: str) -> list[dict]:
    """"mon-fri 08:00-20:00; sat 10:00-14:00" (how a person writes a rota) -> shift dicts."""
    shifts = []
    for part in filter(None, (p.strip() for p in (text or "").split(";"))):
        pieces = part.rsplit(" ", 1)
        if len(pieces) != 2 or "-" not in pieces[1]:
            raise ShiftError(f"{part!r} is not a shift; write e.g. 'mon-fri 08:00-20:00'.")
        start, end = pieces[1].split("-", 1)
        item = {"days": pieces[0].strip(), "start": start.strip(), "end": end.strip()}
        parse_shift(item)  # validate now, with the person's own words in the message
        shifts.append(item)
    return shifts


def shift_text(shifts: list[dict]) -> str:
    return "; ".join(f"{s['days']} {s['start']}-{s['end']}" for s in shifts)


def zone(name: str) -> ZoneInfo:
    try:
        if name not in _zones():
            raise ZoneInfoNotFoundError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ShiftError(f"{name!r} is not a time zone; use a name like Europe/London or "
                         "America/Chicago.") from None


_ZONES: set[str] = set()


def _zones() -> set[str]:
    if not _ZONES:
        _ZONES.update(available_timezones() | {"UTC"})
    return _ZONES


def on_shift(shifts: list[dict], time_zone: str, now: datetime) -> bool:
    local = now.astimezone(zone(time_zone))
    return any(parse_shift(s).covers(local) for s in shifts)


def availability(override: str, shifts: list[dict], time_zone: str, now: datetime) -> str:
    """on_air | on_duty | off_duty: a manual setting first, else the rota."""
    if override:
        return override
    return "on_duty" if on_shift(shifts, time_zone, now) else "off_duty"


def next_change(shifts: list[dict], time_zone: str, now: datetime,
                horizon: timedelta = timedelta(days=8)) -> datetime | None:
    """When the rota next turns this person on or off duty (to the minute), if within a week."""
    tz = zone(time_zone)
    start = now.astimezone(tz).replace(second=0, microsecond=0)
    state = on_shift(shifts, time_zone, now)
    step = timedelta(minutes=15)  # rotas are written in quarter hours at finest
    moment = start - timedelta(minutes=start.minute % 15)
    while moment - start < horizon:
        moment += step
        if any(parse_shift(s).covers(moment) for s in shifts) != state:
            return moment.astimezone(now.tzinfo)
    return None
