"""How a score looks in every format (its number, its bar), and the glyphs every screen uses,
with their ASCII equivalents.

Three sets: `UNICODE` (block bars, curly quotes, dashes, bullets), `PLAIN` for screen readers
and simple terminals (no bars or boxes are drawn in plain mode; punctuation is ASCII, letters
are kept) and `ASCII` for a terminal whose encoding can't show more (everything ASCII, accents
dropped, anything else a '?'). Each ASCII stand-in takes the cells its glyph took wherever the
layout depends on it (bars, sparklines, dashes for a missing score)."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from closeness_quiz.content.records import PERCENT, Units
from closeness_quiz.record import Record
from closeness_quiz.store.clock import local as in_local

NO_SCORE = "\u2014"  # an em dash where an area has no score

# Punctuation and drawing glyphs, as ASCII: quotes, dashes, dots, arrows, blocks, boxes.
_PUNCTUATION = {
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033", '"'),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    **dict.fromkeys("\u00b7\u2022\u2023\u2043\u25e6\u2219", "-"),
    **dict.fromkeys("\u00a0\u2002\u2003\u2007\u2008\u2009\u200a\u202f", " "),
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff", ""),
    "\u2026": "...",
    "\u2192": "->",
    "\u2190": "<-",
    "\u00b1": "+-",
    "\u00d7": "x",
    "\u203a": ">",
    "\u2039": "<",
    "\u2713": "v",
    "\u2588": "#",
    "\u2591": "-",
    **dict(zip("\u2581\u2582\u2583\u2584\u2585\u2586\u2587", "_.:-=+*", strict=True)),
    **dict.fromkeys("\u256d\u256e\u256f\u2570\u250c\u2510\u2514\u2518", "+"),
    "\u2500": "-",
    "\u2502": "|",
}
_TABLE = str.maketrans(_PUNCTUATION)


def plain_punctuation(text: str) -> str:
    """Quotes, dashes, dots, arrows and drawing glyphs as ASCII; letters as they are."""
    return text.translate(_TABLE) if not text.isascii() else text


def to_ascii(text: str) -> str:
    """`text` in ASCII only: punctuation as above, accents dropped ('Zoë' is 'Zoe'), anything
    else a '?', one per character (so a statement in another script still shows its shape)."""
    if text.isascii():
        return text
    import unicodedata  # only for text that isn't ASCII, on a stream that can't write it

    text = plain_punctuation(text)
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        out.append(base if base and base.isascii() else "?")
    return "".join(out)


class Glyphs(Record):
    """The glyphs one screen uses; `text` makes any other text fit the same screen."""

    full: str  # a filled cell of a bar
    empty: str  # an empty cell of a bar
    unscored: str  # a cell of a bar where there is no score
    no_score: str  # the number where there is no score
    bullet: str
    open_quote: str
    close_quote: str
    dot: str  # between the parts of a heading: 'Trust · Mixed'
    dash: str  # before an answer: '"..." — Often'
    ellipsis: str
    arrow: str
    no_change: str
    sparks: str  # a sparkline's levels, lowest first
    corners: str  # a box's corners: top left, top right, bottom left, bottom right
    across: str
    down: str
    kind: str  # "unicode", "plain" or "ascii"

    def text(self, text: str) -> str:
        if self.kind == "unicode":
            return text
        return plain_punctuation(text) if self.kind == "plain" else to_ascii(text)


UNICODE = Glyphs(
    "\u2588", "\u2591", "\u00b7", NO_SCORE, "\u2022", "\u201c", "\u201d", " \u00b7 ",
    " \u2014 ", "\u2026", "\u2192", "\u00b10", "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588",
    "\u256d\u256e\u2570\u256f", "\u2500", "\u2502", "unicode",
)  # fmt: skip
ASCII = Glyphs(
    "#", "-", ".", "-", "-", '"', '"', " - ", " - ", "...", "->", "+-0", "_.:-=+*#", "++++",
    "-", "|", "ascii",
)  # fmt: skip
PLAIN = ASCII._replace(kind="plain")


def adapt(view: Any, glyphs: Glyphs) -> Any:
    """`view` (NamedTuples, frozen dataclasses, tuples, lists and dicts of them) with every
    string made to fit `glyphs`, so a layout measures the text as it will be shown."""
    if glyphs.kind == "unicode":
        return view
    return _adapt(view, glyphs.text)


def _adapt(value: Any, text: Any) -> Any:
    if isinstance(value, str):
        return text(value)
    if isinstance(value, tuple):
        items = [_adapt(item, text) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, list):
        return [_adapt(item, text) for item in value]
    if isinstance(value, dict):
        return {key: _adapt(item, text) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _adapt(getattr(value, f.name), text) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def fmt_score(
    score: float | None, glyphs: Glyphs = UNICODE, *, units: Units | None = PERCENT
) -> str:
    """A score as the reports show it, as its instrument would ('72.5', '3.57 on 1-5',
    '16 of 21'), or a dash when there is none."""
    if score is None or units is None:
        return glyphs.no_score
    return glyphs.text(units.text(score))


def fmt_number(
    score: float | None, glyphs: Glyphs = UNICODE, *, units: Units | None = PERCENT
) -> str:
    """A score or a gap as a bare number in its units ('72.5', '3.57', '16')."""
    if score is None or units is None:
        return glyphs.no_score
    return units.number(score)


def bar(
    score: float | None, width: int, glyphs: Glyphs = UNICODE, *, units: Units | None = PERCENT
) -> str:
    """A score as a bar of `width` cells, full at the top of its range; dots where there is
    no score."""
    if score is None or units is None:
        return glyphs.unscored * width
    filled = round(units.fraction(score) * width)
    return glyphs.full * filled + glyphs.empty * (width - filled)


def spark(values: list[float | None], glyphs: Glyphs = UNICODE, units: Units = PERCENT) -> str:
    """`history.sparkline` in the marks of any glyph set."""
    from closeness_quiz.history.view import sparkline

    return sparkline(values, glyphs.sparks, units)


def fmt_change(
    change: float | None, glyphs: Glyphs = UNICODE, units: Units | None = PERCENT
) -> str:
    if change is None:
        return ""
    if change == 0:
        return glyphs.no_change
    return (units or PERCENT).signed(change)


def fmt_date(when: datetime, *, with_time: bool) -> str:
    local = in_local(when)
    return f"{local:%Y-%m-%d %H:%M}" if with_time else f"{local:%Y-%m-%d}"
