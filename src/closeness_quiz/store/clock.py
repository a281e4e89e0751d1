"""The time now, as every dated thing in the program sees it (a result's taken_at, a plan's
chosen_at and due date, whether a plan is due), in local time that never fails.

CLOSENESS_QUIZ_NOW (an ISO 8601 date and time, for testing) sets it, so that weeks of
check-ins can be tried in minutes instead of waited for. Python can't hold a UTC offset of a
whole day or more, which valid POSIX zones such as TZ=UTC-24 or TZ=UTC+24 give: there, times
are shown in UTC rather than stopping a quiz with an error."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from closeness_quiz.errors import UserError

NOW_ENV = "CLOSENESS_QUIZ_NOW"


def local(when: datetime | None = None) -> datetime:
    """`when` (default: now) in the local time zone, or in UTC where Python can't express it.
    A naive `when` counts as local time, as `datetime.astimezone` takes it."""
    when = datetime.now(UTC) if when is None else when
    try:
        return when.astimezone()
    except ValueError:  # "offset must be a timedelta strictly between..."
        return datetime.fromtimestamp(when.timestamp(), UTC)  # naive: read as local time


def now() -> datetime:
    """Now, in the local time zone (or as CLOSENESS_QUIZ_NOW gives it)."""
    given = os.environ.get(NOW_ENV, "").strip()
    if not given:
        return local()
    try:
        when = datetime.fromisoformat(given)
        return when if when.tzinfo else local(when)
    except (ValueError, OverflowError, OSError):
        raise UserError(
            f"{NOW_ENV} should be a date and time such as 2026-12-01T20:00:00+00:00 "
            f"(it is '{given[:40]}')."
        ) from None
