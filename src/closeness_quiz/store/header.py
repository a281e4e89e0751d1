"""What every file this program keeps begins with, read one way for results, drafts and the
results folder's listing: the format's version, and dates and times it can place."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from closeness_quiz.errors import UserError
from closeness_quiz.store.clock import local


def format_version(data: dict[str, Any], path: Path, *, newest: int, newer: str) -> int:
    """The file's format_version, refused when it is not a whole number or is newer than this
    program reads (`newer` says so, with `{version}` and `{newest}` filled in)."""
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise UserError("format_version is missing or not a whole number.", path=path)
    if version > newest:
        raise UserError(newer.format(version=version, newest=newest), path=path)
    return version


def placed(raw: str) -> datetime:
    """A stored date and time, with its time zone (a naive one counts as local time). A time
    that can't be placed in UTC (year 1 in a zone east of it) or in the local time zone (year
    9999 west of Greenwich) raises ValueError, OverflowError or OSError here, rather than
    failing later in a comparison or a listing."""
    when = datetime.fromisoformat(raw)
    when = when if when.tzinfo else local(when)
    when.astimezone(UTC)
    local(when)
    return when
