"""What the person's screen can show: plain text or not, which glyphs, how wide.

Plain mode (no escape sequences, no boxes or bars, "- " bullets, one idea a line) is for
screen readers and simple terminals: chosen with `take --plain`, with CLOSENESS_QUIZ_PLAIN=1
for every command, or by itself when a terminal says it can't move the cursor (TERM unset or
`dumb`, or a terminfo entry without cursor addressing). Output that goes to a file or a pipe
is never plain unless asked for: there is no terminal to be plain for. Glyphs fall back to
ASCII wherever the stream's encoding can't write them, and in the C or POSIX locale (where
Python writes UTF-8 all the same, but the terminal is taken to show ASCII only)."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Mapping
from typing import TextIO

from closeness_quiz.record import Record
from closeness_quiz.render.glyphs import ASCII, PLAIN, UNICODE, Glyphs

PLAIN_ENV = "CLOSENESS_QUIZ_PLAIN"
MIN_WIDTH = 30  # narrower than this, a terminal wraps our lines rather than us cutting them
# Every glyph a screen of ours draws: if the stream can't encode all of them, ASCII it is.
_GLYPHS = "".join(UNICODE[:-1]) + "\u203a\u00bb"


class Look(Record):
    plain: bool
    glyphs: Glyphs


def forced_plain() -> bool:
    return os.environ.get(PLAIN_ENV, "").strip().casefold() in ("1", "yes", "true", "on")


def is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def moves_cursor(term: str) -> bool:
    """Whether terminfo gives `term` cursor addressing; a terminal terminfo doesn't know is
    taken to be an ordinary one (most are), and so is any failure to ask."""
    try:
        import curses

        curses.setupterm(term, sys.__stdout__.fileno() if sys.__stdout__ else -1)
        return curses.tigetstr("cup") is not None
    except Exception:  # no curses, no terminfo, a closed stream: assume it can
        return True


def plain_terminal(stream: object) -> bool:
    """A terminal that can't move the cursor: TERM unset, empty or dumb, or no `cup`."""
    if not is_terminal(stream):
        return False
    term = os.environ.get("TERM", "").strip()
    return term in ("", "dumb") or not moves_cursor(term)


def wants_plain(stream: object) -> bool:
    return forced_plain() or plain_terminal(stream)


def encodes(stream: object, text: str = _GLYPHS) -> bool:
    """Whether `stream` can write `text` (our glyphs, by default) as it is."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def look(stream: object, *, plain: bool = False) -> Look:
    """How to write to `stream`: plain or not, and with which glyphs."""
    plain = plain or wants_plain(stream)
    return Look(plain, ASCII if not encodes(stream) else PLAIN if plain else UNICODE)


def width() -> int:
    """The terminal's width in cells (COLUMNS first; 0 or unknown is 80), at least MIN_WIDTH."""
    columns = shutil.get_terminal_size((80, 24)).columns
    return max(MIN_WIDTH, columns if columns > 0 else 80)


# Home, erase the screen, erase the scrollback (xterm's E3, which tmux, VTE, iTerm2 and the
# Linux console honour): what leaves nothing of a private part behind.
CLEAR_ALL = "\x1b[H\x1b[2J\x1b[3J"


def height() -> int:
    """The terminal's height in lines (LINES first; 0 or unknown is 24)."""
    lines = shutil.get_terminal_size((80, 24)).lines
    return lines if lines > 0 else 24


def protect(stream: TextIO) -> None:
    """Make `stream` replace what its encoding can't write instead of crashing: the last
    resort under every ASCII fallback (a name or statement in another script, say). For
    standard output, first the C locale's ASCII (see honour_locale)."""
    if stream is sys.stdout:
        honour_locale()
    errors = getattr(stream, "errors", None)  # surrogateescape in an ASCII locale
    if errors in ("strict", "surrogateescape") and hasattr(stream, "reconfigure"):
        with contextlib.suppress(ValueError, OSError):  # closed or detached: nothing to do
            stream.reconfigure(errors="replace")


def c_locale(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the locale is C or POSIX, as the environment says (LC_ALL, else LC_CTYPE, else
    LANG; none at all is C). Python switches to UTF-8 there (PEP 538 and 540), so the
    streams' encoding can't tell: when it coerced C into C.UTF-8, LC_CTYPE says C.UTF-8 and
    UTF-8 mode is on though nobody asked for it (PYTHONUTF8, -X utf8)."""
    env = os.environ if environ is None else environ
    value = next((env[var] for var in ("LC_ALL", "LC_CTYPE", "LANG") if env.get(var)), "C")
    if value in ("C", "POSIX"):
        return True
    coerced = value == "C.UTF-8" and not env.get("LC_ALL") and env.get("LC_CTYPE") == value
    asked = bool(env.get("PYTHONUTF8")) or "utf8" in getattr(sys, "_xoptions", {})
    return coerced and bool(sys.flags.utf8_mode) and not asked


def honour_locale() -> None:
    """In the C or POSIX locale, standard output and error write ASCII (what can't be written
    replaced), so every fallback to ASCII glyphs takes effect, as in any ASCII locale; unless
    PYTHONIOENCODING chose an encoding."""
    if os.environ.get("PYTHONIOENCODING") or not c_locale():
        return
    for stream in (sys.stdout, sys.stderr):
        if stream is None or not hasattr(stream, "reconfigure"):
            continue
        errors = "replace" if stream is sys.stdout else "backslashreplace"
        with contextlib.suppress(ValueError, OSError, LookupError):
            stream.reconfigure(encoding="ascii", errors=errors)


def question_stream() -> TextIO:
    """Where `take` asks: standard output, unless it is redirected (`take > report.txt`) and
    standard error is still the terminal, so the questions reach the person, not the file."""
    if not is_terminal(sys.stdout) and is_terminal(sys.stderr):
        return sys.stderr
    return sys.stdout
