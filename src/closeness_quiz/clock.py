"""The time now, as every dated thing in the program sees it (a result's taken_at, a plan's
chosen_at and due date, whether a plan is due).

CLOSENESS_QUIZ_NOW (an ISO 8601 date and time, for testing) sets it, so that weeks of
check-ins can be tried in minutes instead of waited for."""

from __future__ import annotations

import os
from datetime import datetime

from closeness_quiz.errors import UserError

NOW_ENV = "CLOSENESS_QUIZ_NOW"


def now() -> datetime:
    """Now, in the local time zone (or as CLOSENESS_QUIZ_NOW gives it)."""
    given = os.environ.get(NOW_ENV, "").strip()
    if not given:
        return datetime.now().astimezone()
    try:
        when = datetime.fromisoformat(given)
        return when if when.tzinfo else when.astimezone()
    except (ValueError, OverflowError, OSError):
        raise UserError(
            f"{NOW_ENV} should be a date and time such as 2026-12-01T20:00:00+00:00 "
            f"(it is '{given[:40]}')."
        ) from None
