"""Times for people: local time on screen, UTC on hover, durations as "2 h 15 min ago".

Plain Python (no Qt) so it is cheap to test. Stored times are aware UTC datetimes.
"""

from datetime import UTC, datetime, tzinfo


def duration(seconds: float) -> str:
    """A short duration: "45 s", "5 min", "2 h 15 min", "3 d 4 h". Whole units only."""
    seconds = int(abs(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def ago(then: datetime | None, now: datetime | None = None) -> str:
    """ "just now", "5 min ago", "2 h 15 min ago"; a future time reads "in 5 min"."""
    if then is None:
        return "never"
    now = now or datetime.now(UTC)
    delta = (now - _aware(then)).total_seconds()
    if abs(delta) < 60:
        return "just now"
    return f"{duration(delta)} ago" if delta > 0 else f"in {duration(delta)}"


def local(when: datetime | None, tz: tzinfo | None = None) -> str:
    """ "2026-03-14 09:05" in the computer's time zone (or `tz`)."""
    if when is None:
        return "—"
    return _aware(when).astimezone(tz).strftime("%Y-%m-%d %H:%M")


def local_with_zone(when: datetime | None, tz: tzinfo | None = None) -> str:
    """ "2026-03-14 09:05 CET": used where the zone matters (dialogs, details)."""
    if when is None:
        return "—"
    moment = _aware(when).astimezone(tz)
    return f"{moment:%Y-%m-%d %H:%M} {moment.tzname() or ''}".rstrip()


def utc(when: datetime | None) -> str:
    """ "2026-03-14 08:05:31 UTC": the tooltip and export form."""
    if when is None:
        return ""
    return f"{_aware(when).astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC"


def _aware(when: datetime) -> datetime:
    # Stored times are always aware; a naive one can only come from a bug, so treat it as UTC
    # rather than guessing the local zone.
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
