"""Reading user files: every failure becomes a UserError naming the file (and line)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from closeness_quiz.errors import UserError

MAX_BYTES = 5_000_000


def read_text(path: Path, what: str = "file", *, limit: int = MAX_BYTES) -> str:
    """The file's text, or a UserError saying plainly why it can't be read."""
    try:
        if path.is_dir():
            raise UserError(f"is a folder, not a {what}.", path=path)
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"no such {what}.", path=path) from None
    except PermissionError:
        raise UserError(f"the {what} can't be read (permission denied).", path=path) from None
    except OSError as exc:
        raise UserError(f"the {what} can't be read ({exc.strerror}).", path=path) from None
    if len(data) > limit:
        raise UserError(f"the {what} is too large ({len(data)} bytes).", path=path)
    if b"\x00" in data:
        raise UserError(f"the {what} is binary, not text.", path=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"the {what} is not UTF-8 text.", path=path) from None
    if not text.strip():
        raise UserError(f"the {what} is empty.", path=path)
    return text


class LineDict(dict[str, Any]):
    """A YAML mapping that remembers its own line and the line of each key."""

    line: int | None = None
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int | None:
        return getattr(self, "key_lines", {}).get(key, self.line)


class LineList(list[Any]):
    """A YAML list that remembers the line of each item."""

    item_lines: list[int]

    def line_at(self, index: int) -> int | None:
        lines = getattr(self, "item_lines", [])
        return lines[index] if index < len(lines) else None


@functools.cache
def _loader() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(base):  # type: ignore[misc, valid-type]
        pass

    def construct_mapping(loader: Any, node: Any) -> LineDict:
        loader.flatten_mapping(node)
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be plain text", key_node.start_mark
                )
            key = str(key)
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' appears twice", key_node.start_mark
                )
            mapping[key] = loader.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    def construct_sequence(loader: Any, node: Any) -> LineList:
        items = LineList(loader.construct_object(child, deep=True) for child in node.value)
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    return LineLoader


def parse_yaml(text: str, path: Path) -> Any:
    """YAML (or JSON, which is YAML) to plain data with LineDict mappings."""
    import yaml

    try:
        return yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "not valid YAML"
        raise UserError(f"not valid YAML: {problem}.", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise UserError(f"not valid YAML: {exc}.", path=path) from None
    except RecursionError:
        raise UserError("not valid YAML: nested too deeply.", path=path) from None
    except ValueError as exc:  # e.g. an integer longer than Python will convert (4300 digits)
        raise UserError(f"not valid YAML: {_too_long(exc)}.", path=path) from None


def load_yaml(path: Path, what: str = "file") -> Any:
    return parse_yaml(read_text(path, what), path)


def load_json(path: Path, what: str = "file", *, limit: int = MAX_BYTES) -> Any:
    text = read_text(path, what, limit=limit)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"not valid JSON: {exc.msg} (column {exc.colno}); the file may be truncated or damaged.",
            path=path,
            line=exc.lineno,
        ) from None
    except RecursionError:
        raise UserError("not valid JSON: nested too deeply.", path=path) from None
    except ValueError as exc:
        raise UserError(f"not valid JSON: {_too_long(exc)}.", path=path) from None


def _too_long(exc: ValueError) -> str:
    if "digits" in str(exc):
        return "a number in it is far too long"
    return str(exc).rstrip(".") or "a value in it can't be read"
