"""The answer scale, and the one way in for an answer: `parse_answer`.

Every answer, wherever it comes from (the arrow-key prompt, a line typed in plain mode, an
answers file, a draft or a saved result), is checked here against the bank's scale."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

# Unquoted, YAML reads these words as true or false: a scale labelled "Yes" or "No" must
# still accept them as written.
YAML_TRUE = ("yes", "true", "on")
YAML_FALSE = ("no", "false", "off")
YAML_WORDS = frozenset({*YAML_TRUE, *YAML_FALSE, "null", "y", "n", "~"})


class Choice(NamedTuple):
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
