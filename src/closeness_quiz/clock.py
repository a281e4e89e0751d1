"""Local time that never fails. Python can't hold a UTC offset of a whole day or more, which
valid POSIX zones such as TZ=UTC-24 or TZ=UTC+24 give: there, times are shown in UTC rather
than stopping a quiz with an error."""

from __future__ import annotations

from datetime import UTC, datetime


def local(when: datetime | None = None) -> datetime:
    """`when` (default: now) in the local time zone, or in UTC where Python can't express it.
    A naive `when` counts as local time, as `datetime.astimezone` takes it."""
    when = datetime.now(UTC) if when is None else when
    try:
        return when.astimezone()
    except ValueError:  # "offset must be a timedelta strictly between..."
        return datetime.fromtimestamp(when.timestamp(), UTC)  # naive: read as local time


def now() -> datetime:
    return local()
