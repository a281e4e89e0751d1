"""`checkin --calendar FILE`: one weekly event with an alarm, as an iCalendar file (RFC 5545).

Written by hand rather than with the `icalendar` library: every line is fixed ASCII (no text
from a user or a file goes in), while the library and what it brings (python-dateutil,
tzdata, typing_extensions) are 9.4 MB installed and take 70-250 ms to import, for about
fifteen lines. The tests read the file back with the library.

The title and text say "Check-in" and nothing else: not the program, not what it is about,
not a partner. The time is floating (the same hour on the wall clock wherever and whenever,
across daylight saving changes)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

TITLE = "Check-in"


def weekly_event(start: datetime, stamp: datetime) -> str:
    """The file's text: a weekly event from `start` (its wall-clock time), ten minutes long,
    with an alarm at its start."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{TITLE}//EN",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{uuid.uuid4()}",
        f"DTSTAMP:{stamp.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART:{start.strftime('%Y%m%dT%H%M00')}",
        "DURATION:PT10M",
        "RRULE:FREQ=WEEKLY",
        f"SUMMARY:{TITLE}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{TITLE}",
        "TRIGGER:PT0S",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
