"""A question bank's answer scales, checked: its `scale`, its named `scales`, which one each
category and question uses, a question's `not_applicable` choice and a category's
`higher_is`. Used by bank.py while it builds a Bank; every problem names its line."""

from __future__ import annotations

import itertools
from typing import Any

from closeness_quiz.content.scale import DEFAULT_SCALE, Choice, Scale
from closeness_quiz.content.schema import Problems, close_match, describe, line_of, preview

MIN_CHOICES, MAX_CHOICES = 2, 11
CHOICE_KEYS = ("value", "label")


def choices_of(
    items: Any, key: str, problems: Problems, line: int | None, where: str
) -> Scale | None:
    """One scale: 2 to 11 choices, integer values distinct and ascending in any range, labels
    unique, and a label that reads as a whole number equal to its own choice's value (so an
    answer "4" can never mean another choice than the answer 4). None when it is unusable."""
    if not isinstance(items, list):
        problems.add(key, f"should be a list of choices, not {describe(items)}.", line)
        return None
    before = len(problems.items)
    node = {key: items}
    entries = problems.list_of_mappings(node, key, None)
    choices: list[Choice] = []
    for index, item in enumerate(entries, 1):
        here = f"{key}[{index}]"
        problems.known_keys(item, CHOICE_KEYS, here)
        value = problems.integer(item, "value", here)
        text = problems.text(item, "label", here)
        number = text.strip().lstrip("+-")
        # (a label of thousands of digits is no number Python will convert, nor a value's)
        digits = number.isascii() and number.isdigit() and len(number) <= 18
        if value is not None and digits and int(text) != value:
            problems.add(
                f"{here}.label",
                f"'{text}' reads as the number {int(text)}, but this choice's value is "
                f"{value}: an answer {int(text)} would then mean another choice than "
                f"'{text}'. Give each choice the value its label says, or a label in words.",
                line_of(item, "label"),
            )
        if value is not None:
            choices.append(Choice(value, text))
    count = len(items)
    values = [c.value for c in choices]
    if not MIN_CHOICES <= count <= MAX_CHOICES:
        problems.add(
            key,
            f"has {count} choice{'' if count == 1 else 's'}; {where} needs from "
            f"{MIN_CHOICES} to {MAX_CHOICES}, each with a whole-number value and a label.",
            line,
        )
    elif len(values) == count and any(a >= b for a, b in itertools.pairwise(values)):
        found = ", ".join(str(v) for v in values)
        problems.add(
            key,
            f"the values must be different and in ascending order, lowest first (found {found}).",
            line,
        )
    labels = [c.label.casefold() for c in choices if c.label]
    if len(set(labels)) != len(labels):
        problems.add(key, "two choices have the same label.", line)
    if len(choices) != count or len(problems.items) > before:
        return None
    return Scale(choices)


def scale_of(root: dict[str, Any], problems: Problems, packaged: bool) -> Scale:
    items = root.get("scale")
    if items is None or items == []:
        problems.missing(
            root,
            "scale",
            None,
            "is missing: give 2 to 11 answer choices, each with a whole-number value and a label.",
        )
        return DEFAULT_SCALE
    scale = choices_of(items, "scale", problems, line_of(root, "scale"), "a scale")
    if packaged and scale is not None and [c.value for c in scale] != [0, 1, 2, 3, 4]:
        problems.add(
            "scale", "the default bank keeps its five choices 0 to 4.", line_of(root, "scale")
        )
    return scale or DEFAULT_SCALE


def named_scales(root: dict[str, Any], problems: Problems) -> dict[str, Scale]:
    """`scales: {NAME: [choices]}`: further scales a question or category can name."""
    node = root.get("scales")
    if node is None:
        return {}
    if not isinstance(node, dict):
        problems.add(
            "scales",
            f"should be a mapping of names to lists of choices, not {describe(node)}.",
            line_of(root, "scales"),
        )
        return {}
    out: dict[str, Scale] = {}
    for name, items in node.items():
        scale = choices_of(items, f"scales.{name}", problems, line_of(node, name), "a scale")
        # A broken scale stays named (its own problems are reported), as the default scale.
        out[str(name)] = scale or DEFAULT_SCALE
    return out


def scale_named(
    item: dict[str, Any], where: str, scales: dict[str, Scale], problems: Problems
) -> str | None:
    """The name in an item's `scale:`, checked against the bank's `scales`."""
    name = item.get("scale")
    if name is None:
        return None
    if not isinstance(name, str) or name not in scales:
        known = ", ".join(scales) or "none (add a top-level 'scales:' mapping)"
        guess = close_match(str(name), scales) if isinstance(name, str) else None
        hint = f" Did you mean '{guess}'?" if guess else ""
        shown = f"'{preview(name)}'" if isinstance(name, str) else describe(name).capitalize()
        problems.add(
            f"{where}, scale",
            f"{shown} is not one of the bank's named scales.{hint} Named scales: {known}.",
            line_of(item, "scale"),
        )
        return None
    return name


def higher_is(item: dict[str, Any], where: str, problems: Problems) -> bool:
    value = item.get("higher_is", "better")
    if value not in ("better", "worse"):
        problems.add(
            f"{where}, higher_is",
            f"should be better or worse, not {describe(value)}: worse means a higher score is "
            "more of something unwanted (such as attachment anxiety).",
            line_of(item, "higher_is"),
        )
    return bool(value == "worse")


def not_applicable_of(
    item: dict[str, Any], where: str, scale: Scale, problems: Problems
) -> str | None:
    """The label of a further 'not applicable' choice, which must stand apart from the scale's."""
    if item.get("not_applicable") is None:
        return None
    text = problems.text(item, "not_applicable", where)
    number = text.lstrip("+-")
    if text.casefold() in {c.label.casefold() for c in scale}:
        problem = f"'{text}' is already a choice of this question's scale; give it its own label."
    elif number.isascii() and number.isdigit():
        problem = f"'{text}' reads as a number; give the not-applicable choice a label in words."
    else:
        return text or None
    problems.add(f"{where}, not_applicable", problem, line_of(item, "not_applicable"))
    return None
