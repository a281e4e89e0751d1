"""Text from files, made harmless to show: a control character in a name or a statement would
otherwise reach the terminal as a command (`\\x1b[2J` clears the screen, `\\x1b]0;...\\x07` sets
the window title, U+202E turns the rest of a line around).

Text is cleaned once, where it is read into a record (bank and guidance texts in
`schema.Problems.text`, names in results and drafts), so every view and every format shows
the same harmless text; messages are cleaned again as they are printed, as a backstop.
Each such character is shown as its escape (`\\x1b`, `\\u202e`), so nothing is hidden."""

from __future__ import annotations

import re

# C0 controls (but newline and tab, which multi-line texts may hold), DEL, the C1 controls,
# the bidirectional overrides and isolates, and lone surrogates (JSON's "\ud800": no file,
# terminal or encoder can write one, so it would crash whatever writes it out).
_BIDI = "\u202a-\u202e\u2066-\u2069\ud800-\udfff"
# Compiled when first needed (re's cache): a class reaching the surrogates takes ~0.4 ms to
# compile, which every command would pay at start-up for text that almost never holds one.
_UNSAFE = f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]"
_UNSAFE_IN_LINE = f"[\x00-\x1f\x7f-\x9f{_BIDI}]"  # a name: one line, no tabs


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# Every character these escape is one str.isprintable() rejects (controls, format characters
# such as the bidi ones, surrogates), so printable text, nearly all of it, is returned as it is.
_LINE_BREAKS = str.maketrans("\n\t", "  ")  # what clean() keeps, for that check


def clean(text: str) -> str:
    """`text` with every control character but newline and tab shown as its escape."""
    if text.isprintable() or text.translate(_LINE_BREAKS).isprintable():
        return text
    return re.sub(_UNSAFE, _escape, text)


def clean_line(text: str) -> str:
    """`text` for one line (a name, an id): newlines and tabs are escaped too."""
    return text if text.isprintable() else re.sub(_UNSAFE_IN_LINE, _escape, text)


def short(text: str, limit: int) -> str:
    """`text` cut to about `limit` characters for a message, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[: max(limit - 30, 10)]}... ({len(text):,} characters in all)"
