"""Small helpers for checking loaded YAML: collect every problem, then report them at once."""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from closeness_quiz.content.files import LineDict, LineList, parse_yaml
from closeness_quiz.content.records import Band
from closeness_quiz.errors import UserError, ValidationError
from closeness_quiz.safe_text import clean

T = TypeVar("T")


def begin(
    text: str, path: Path, keys: Iterable[str], *, packaged: bool, data: Any
) -> tuple[Problems, dict[str, Any]]:
    """The start of checking a bank or guidance file: its data (the default content from
    data/compiled.json while it matches, else parsed), a Problems for it, and its top-level
    mapping with unknown keys flagged. A file that is not a mapping is reported at once."""
    if data is None:
        from closeness_quiz.content import compiled

        data = compiled.parse(text, path) if packaged else parse_yaml(text, path)
    problems = Problems(path)
    root = problems.mapping(data, None)
    if not root:
        problems.raise_if_any()
    problems.known_keys(root, keys, None)
    return problems, root


def lined(text: str, path: Path, data: Any, build: Callable[[Any], T]) -> T:
    """`build(data)`, where `data` is `text` as files.parse_yaml(lines=False) gives it (parsed
    here when None): the fast way, without line numbers. Only when `build` finds a problem
    (a UserError) is the text parsed again with line numbers and built again, so that every
    message is the one the line loader gives, naming its line."""
    if data is None:
        data = parse_yaml(text, path, lines=False)
    if isinstance(data, LineDict | LineList):  # read with its lines already
        return build(data)
    try:
        return build(data)
    except UserError:
        pass
    return build(parse_yaml(text, path))


def line_of(node: Any, key: str | None = None) -> int | None:
    if isinstance(node, LineDict):
        return node.line_of(key) if key is not None else node.line
    return None


class Problems:
    """Collects problems in one file so a user sees all of them in one go."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[UserError] = []
        # (id of a mapping, key) pairs that an unknown key was a likely typo of: the typo is
        # reported once, not again as "missing".
        self._typo_of: set[tuple[int, str]] = set()

    def add(self, where: str | None, problem: str, line: int | None = None) -> None:
        self.items.append(UserError(problem, path=self.path, where=where, line=line))

    def unique(
        self, item: dict[str, Any], ident: str, seen: dict[str, int | None], where: str
    ) -> None:
        """Remember `item`'s id; one used before is reported, with the line of its first use."""
        if ident and ident in seen:
            first = seen[ident]
            also = f" (first used at line {first})" if first else ""
            self.add(where, f"duplicate id{also}.", line_of(item, "id"))
        elif ident:
            seen[ident] = line_of(item, "id")

    def missing(self, node: dict[str, Any], key: str, where: str | None, problem: str) -> None:
        """Report a required key as missing, unless a misspelt key for it was already reported."""
        if (id(node), key) not in self._typo_of:
            self.add(_join(where, key), problem, line_of(node, None))

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(self.path, self.items)

    def mapping(self, node: Any, where: str | None, line: int | None = None) -> dict[str, Any]:
        if isinstance(node, dict):
            return node
        self.add(where, f"should be a mapping of keys to values, not {describe(node)}.", line)
        return {}

    def list_of_mappings(self, node: Any, key: str, where: str | None) -> list[dict[str, Any]]:
        value = node.get(key)
        line = line_of(node, key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(_join(where, key), f"should be a list, not {describe(value)}.", line)
            return []
        out = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                out.append(item)
            else:
                item_line = value.line_at(index) if isinstance(value, LineList) else None
                self.add(
                    _join(where, f"{key}[{index + 1}]"),
                    f"should be a mapping of keys to values, not {describe(item)}.",
                    item_line or line,
                )
        return out

    def text(self, node: dict[str, Any], key: str, where: str | None, required: bool = True) -> str:
        """The text at `key`, stripped, with any control character in it shown as its escape
        (every text of a bank or guidance file, and of the questions kept in a result)."""
        value = node.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.missing(node, key, where, "is missing or empty.")
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.add(
                _join(where, key), f"should be text, not {describe(value)}.", line_of(node, key)
            )
            return ""
        return clean(str(value).strip())

    def integer(self, node: dict[str, Any], key: str, where: str | None) -> int | None:
        value = node.get(key)
        if value is None:
            self.missing(node, key, where, "is missing.")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(
                _join(where, key),
                f"should be a whole number, not {describe(value)}.",
                line_of(node, key),
            )
            return None
        return value

    def number(self, node: dict[str, Any], key: str, where: str | None) -> float | None:
        value = node.get(key)
        if value is None:
            self.missing(node, key, where, "is missing.")
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(
                _join(where, key), f"should be a number, not {describe(value)}.", line_of(node, key)
            )
            return None
        return float(value)

    def flag(
        self, node: dict[str, Any], key: str, where: str | None, default: bool = False
    ) -> bool:
        value = node.get(key, default)
        if not isinstance(value, bool):
            self.add(
                _join(where, key),
                f"should be true or false, not {describe(value)}.",
                line_of(node, key),
            )
            return default
        return value

    def id_list(self, node: dict[str, Any], key: str, where: str | None) -> frozenset[str]:
        value = node.get(key)
        if value is None:
            return frozenset()
        if isinstance(value, str):
            return frozenset([clean(value)])
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return frozenset(map(clean, value))
        self.add(_join(where, key), "should be a list of ids.", line_of(node, key))
        return frozenset()

    def known_keys(self, node: dict[str, Any], allowed: Iterable[str], where: str | None) -> None:
        """Flag unknown keys, suggesting the likely intended one (typos are common)."""
        allowed = list(allowed)
        for key in node:
            if key in allowed:
                continue
            unused = [k for k in allowed if k not in node]
            close = difflib.get_close_matches(key, unused, n=1, cutoff=0.6)
            if close:
                self._typo_of.add((id(node), close[0]))
                hint = f" Did you mean '{close[0]}'?"
            else:
                hint = f" The keys allowed here are: {', '.join(allowed)}."
            self.add(where, f"unknown key '{key}'.{hint}", line_of(node, key))


def label_of(item: dict[str, Any], kind: str, fallback: str) -> str:
    """How problems name a list item: by its id when it has a usable one (`question 'fun-01'`),
    else by its position (`questions[3]`)."""
    ident = item.get("id")
    if isinstance(ident, str | int) and not isinstance(ident, bool) and str(ident).strip():
        return f"{kind} '{str(ident).strip()}'"
    return fallback


def describe(value: Any) -> str:
    """What a wrong value is, in a few words: its kind, or a short quote of a short scalar.
    Never the whole value: a list or text may be huge (an alias bomb expands to billions)."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, set | frozenset):
        return "a set"
    if isinstance(value, int | float):
        text = str(value) if not isinstance(value, int) or value.bit_length() < 128 else ""
        return f"the number {text}" if text else "a very long number"
    if isinstance(value, bytes | bytearray):
        return "binary data"
    if isinstance(value, str):
        return f"'{value}'" if len(value) < 40 else "text"
    if hasattr(value, "isoformat"):  # a date or time YAML read: short when written out
        return f"'{value}'"
    return f"a {type(value).__name__}"


def preview(value: Any, limit: int = 40) -> str:
    """A value as a message quotes it: short scalars as written, anything else described."""
    if isinstance(value, str) and len(value) <= limit:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() < 128:
        return str(value)
    return f"({describe(value)})"


def _join(where: str | None, key: str) -> str:
    """`question 'fun-01', text` after a quoted id; `scale[2].value` after a path."""
    if not where:
        return key
    return f"{where}, {key}" if where.endswith("'") else f"{where}.{key}"


def close_match(word: str, choices: Iterable[str]) -> str | None:
    """The likely intended choice for a misspelt id, if one is close enough."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


BAND_KEYS = ("id", "label", "min", "counselling")


def bands_of(
    node: dict[str, Any], where: str | None, problems: Problems, limits: tuple[float, float]
) -> tuple[tuple[Band, ...], set[str]]:
    """The valid bands under `node`'s `bands`, lowest first, and every band id named (a band
    with a broken `min` is still one its summaries may refer to). `limits`: the lowest and
    highest score possible, in the units of the scores the bands are used with; the lowest
    band must start at or below the lowest score, so every score has a band."""
    items = problems.list_of_mappings(node, "bands", where)
    key = _join(where, "bands")
    lo, hi = limits
    bands: list[Band] = []
    named: set[str] = set()
    lowest: float | None = None
    for index, item in enumerate(items, 1):
        here = label_of(item, "band", f"{key}[{index}]")
        problems.known_keys(item, BAND_KEYS, here)
        ident = problems.text(item, "id", here)
        label = problems.text(item, "label", here)
        minimum = problems.number(item, "min", here)
        if minimum is not None and not math.isfinite(minimum):
            problems.add(
                f"{here}, min", "should be a number, not infinity or NaN.", line_of(item, "min")
            )
            minimum = None
        counselling = problems.flag(item, "counselling", here)
        if minimum is not None and not lo <= minimum <= hi and (lo, hi) == (0, 100):  # percent
            problems.add(
                f"{here}, min",
                f"should be between 0 and 100, not {minimum:g}.",
                line_of(item, "min"),
            )
        elif minimum is not None and minimum > hi:
            problems.add(
                f"{here}, min",
                f"{minimum:g} is above the highest possible score ({hi:g}), so no score "
                "could reach this band.",
                line_of(item, "min"),
            )
        if ident:
            named.add(ident)
        if minimum is not None:
            lowest = minimum if lowest is None else min(lowest, minimum)
        if ident and minimum is not None:
            bands.append(Band(ident, label, minimum, counselling))
    bands.sort(key=lambda b: b.min)
    percent = (lo, hi) == (0, 100)  # guidance bands, as ever: the lowest starts at exactly 0
    if lowest is not None and (lowest > lo or (percent and lowest != lo)):
        problems.add(
            key,
            f"the lowest band starts at min: {lowest:g}; it must start at {lo:g}, so every "
            "score has a band.",
            line_of(node, "bands"),
        )
    for attr in ("id", "min"):
        values = [getattr(b, attr) for b in bands]
        for repeated in sorted({v for v in values if values.count(v) > 1}, key=str):
            shown = f"'{repeated}'" if attr == "id" else f"{repeated:g}"
            problems.add(key, f"two bands have the same {attr} ({shown}).", line_of(node, "bands"))
    return tuple(bands), named
