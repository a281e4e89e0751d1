"""The answer scale, and the one way in for an answer: `parse_answer`.

Every answer, wherever it comes from (the arrow-key prompt, a line typed in plain mode, an
answers file, a draft or a saved result), is checked here against the bank's scale."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

from closeness_quiz.record import Record

# Unquoted, YAML reads these words as true or false: a scale labelled "Yes" or "No" must
# still accept them as written.
YAML_TRUE = ("yes", "true", "on")
YAML_FALSE = ("no", "false", "off")
YAML_WORDS = frozenset({*YAML_TRUE, *YAML_FALSE, "null", "y", "n", "~"})


class Choice(Record):
    value: int
    label: str


class AnswerError(ValueError):
    """An answer that is not on the scale; the message says what would be."""


def parse_answer(raw: object, scale: Sequence[Choice], *, labels: bool = True) -> int:
    """The scale value meant by `raw`: a value (an int, or ASCII digits), or, with `labels`,
    a choice's label in any case (YAML's true/false standing for a 'Yes'/'No' label).

    Raises AnswerError naming what is accepted. Digits other than 0-9 (such as '³' or
    Arabic-Indic digits) are refused rather than guessed at."""
    if isinstance(raw, bool):
        if labels:
            words = YAML_TRUE if raw else YAML_FALSE
            matches = [c.value for c in scale if c.label.strip().casefold() in words]
            if len(matches) == 1:
                return matches[0]
    elif isinstance(raw, int):
        if any(c.value == raw for c in scale):
            return raw
    elif isinstance(raw, str) and labels:  # stored values (labels=False) are numbers only
        text = raw.strip()
        if labels:
            folded = text.casefold()
            for choice in scale:
                if folded == choice.label.strip().casefold():
                    return choice.value
        if text.isascii() and text.isdigit() and len(text) < 4:
            return parse_answer(int(text), scale, labels=False)
    if labels:
        raise AnswerError(f"{shown(raw)} is not an answer; use {accepted(scale)}.")
    raise AnswerError(f"answer should be {accepted(scale, labels=False)}, not {shown(raw)}.")


def accepted(scale: Sequence[Choice], *, labels: bool = True) -> str:
    if not labels:
        values = [c.value for c in scale]
        return f"a whole number from {min(values)} to {max(values)}" if values else "a value"
    return "one of " + ", ".join(f"{c.value} or '{c.label}'" for c in scale)


def shown(raw: object) -> str:
    """A short, harmless rendering of a bad answer for a message."""
    text = str(raw)
    text = text if len(text) <= 40 else f"{text[:37]}..."
    # Invisible characters ('Of\u200bten') shown as escapes: else the message looks wrong.
    return "'" + re.sub("[\u00ad\u200b-\u200f\u2060\ufeff]", _escaped, text) + "'"


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def label(scale: Sequence[Choice], value: int) -> str:
    return next((c.label for c in scale if c.value == value), str(value))


# Where "the close side" and "the far side" of a scale begin: the top (and bottom) two fifths
# of its range. On the default 0-4 scale that is 3 and 4 (Often, Almost always) and 0 and 1.
SIDE_PARTS, SIDE_OF = 2, 5


class Scale(tuple[Choice, ...]):
    """An answer scale: 2 to 11 choices, integer values distinct and ascending, in any range.

    Every rule that depends on where an answer sits on its scale lives here, once: how a
    reverse item is keyed, which answers are on the close (strong) or far (low) side, and how
    many steps (choices) apart two answers are.

    Its ends and span are worked out once per scale (a bank's questions share their scales):
    scoring 2,000 results asks for them some 400,000 times."""

    @cached_property
    def lo(self) -> int:
        return self[0].value

    @cached_property
    def hi(self) -> int:
        return self[-1].value

    @cached_property
    def span(self) -> int:
        return self.hi - self.lo

    def keyed(self, value: int, reverse: bool) -> int:
        """The value as scored: a reverse item counts as lo + hi - value."""
        return self.lo + self.hi - value if reverse else value

    def strong(self, keyed: int) -> bool:
        """On the close side: in the top two fifths of the range (3 or 4 on 0-4)."""
        return SIDE_OF * (keyed - self.lo) >= (SIDE_OF - SIDE_PARTS) * self.span

    def low(self, value: int) -> bool:
        """On the far side: in the bottom two fifths of the range (0 or 1 on 0-4)."""
        return SIDE_OF * (value - self.lo) <= SIDE_PARTS * self.span

    def position(self, keyed: int) -> float:
        """Where a value sits between lo (0) and hi (1). A float, yet exact enough to order
        by: two values of small scales land on the same float only when their fractions are
        equal, and a larger fraction never gets a smaller float."""
        return (keyed - self.lo) / (self.span or 1)

    @property
    def strong_from(self) -> int:
        """The lowest value on the close side (3 of 0-4)."""
        return min(c.value for c in self if self.strong(c.value))

    def steps(self, a: int, b: int) -> int:
        """How many choices apart two answers (or keyed values) are: 1 is "within one"."""
        if len(self) < 2:
            return 0
        return round(abs(a - b) * (len(self) - 1) / self.span)

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(c.value for c in self)

    def range_text(self) -> str:
        return f"{self.lo}\u2013{self.hi}"


DEFAULT_SCALE = Scale(
    Choice(v, t) for v, t in enumerate(("Never", "Rarely", "Sometimes", "Often", "Almost always"))
)
