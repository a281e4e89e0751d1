"""Reading user files: every failure becomes a UserError naming the file (and line).

Files are hostile until read: only a regular file is opened (a named pipe would wait forever
for a writer, /dev/zero never ends), at most MAX_BYTES are read, and a YAML document whose
aliases would multiply it ("billion laughs") is refused before it is built."""

from __future__ import annotations

import functools
import json
import os
import re
import reprlib
import stat
from pathlib import Path
from typing import Any

from closeness_quiz.errors import UserError
from closeness_quiz.safe_text import clean_line, short

MAX_BYTES = 5_000_000
# Where an alias may be: '*' at the start, or after a space, '[', '{', ',' or ':' (a flow
# mapping's `"key":*name` needs no space). Compiled on first use, by re's cache: most files
# have no '*' at all.
_ALIAS = r"(?:\A|[\s\[{,:])\*"
# Opened without waiting: on a named pipe with no writer, open() would block.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_text(path: Path, what: str = "file", *, limit: int = MAX_BYTES) -> str:
    """The file's text, or a UserError saying plainly why it can't be read."""
    data = _read_bytes(path, what, limit)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its BOM: Notepad's "Unicode"
        try:
            return _not_empty(data.decode("utf-16"), path, what)
        except UnicodeDecodeError:
            raise UserError(f"the {what} is damaged UTF-16 text.", path=path) from None
    if b"\x00" in data:
        raise UserError(f"the {what} is binary, not text.", path=path)
    try:
        # as "utf-8-sig" would, without loading that codec on every command's way
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(f"the {what} is not UTF-8 text.", path=path) from None
    return _not_empty(text, path, what)


def _not_empty(text: str, path: Path, what: str) -> str:
    if not text or text.isspace():  # as `not text.strip()`, without copying the text
        raise UserError(f"the {what} is empty.", path=path)
    return text


def _read_bytes(path: Path, what: str, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a regular file: never waits, never reads without end."""
    try:
        _must_be_regular(os.stat(path).st_mode, path, what)
        fd = os.open(path, _OPEN_FLAGS)
        try:
            # Checked again on what was opened: the name may have changed in between.
            opened = os.fstat(fd)
            _must_be_regular(opened.st_mode, path, what)
            data = _read_at_most(fd, opened.st_size, limit + 1)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise UserError(f"no such {what}.", path=path) from None
    except IsADirectoryError:
        raise UserError(f"is a folder, not a {what}.", path=path) from None
    except PermissionError:
        raise UserError(f"the {what} can't be read (permission denied).", path=path) from None
    except OSError as exc:
        raise UserError(f"the {what} can't be read ({exc.strerror}).", path=path) from None
    if len(data) > limit:
        raise UserError(f"the {what} is too large (over {limit:,} bytes).", path=path)
    return data


def _read_at_most(fd: int, size: int, most: int) -> bytes:
    """Up to `most` bytes, in one read when the file is the `size` it said it was (asking for
    no more than that saves allocating `most` bytes for every small file); a file that grew,
    or says 0 (a /proc file), is read on to its end or to `most`."""
    chunks = [os.read(fd, min(max(size, 0), most - 1) + 1)]
    got = len(chunks[0])
    while chunks[-1] and got < most:
        chunks.append(os.read(fd, min(most - got, 1 << 20)))
        got += len(chunks[-1])
    return b"".join(chunks)


def _must_be_regular(mode: int, path: Path, what: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise UserError(f"is a folder, not a {what}.", path=path)
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a special file"
    )
    raise UserError(
        f"is {kind}, not a regular file: closeness-quiz reads only files saved on disk.",
        path=path,
    )


class _Preview(reprlib.Repr):
    """A short repr of loaded YAML for messages: a few items, each cut short, with '...'."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel, self.maxlist, self.maxdict = 3, 6, 4
        self.maxstring = self.maxother = 40

    # reprlib looks up repr_<type name> for each value it meets.
    def repr_LineList(self, obj: list[Any], level: int) -> str:
        return self.repr_list(obj, level)

    def repr_LineDict(self, obj: dict[str, Any], level: int) -> str:
        if not obj:
            return "{}"
        if level <= 0:
            return "{...}"
        shown = [
            f"{self.repr1(key, level - 1)}: {self.repr1(obj[key], level - 1)}"
            for _, key in zip(range(self.maxdict), obj, strict=False)
        ]
        more = ", ..." if len(obj) > self.maxdict else ""
        return "{" + ", ".join(shown) + more + "}"


_preview = _Preview()


class LineDict(dict[str, Any]):
    """A YAML mapping that remembers its own line and the line of each key."""

    line: int | None = None
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int | None:
        return getattr(self, "key_lines", {}).get(key, self.line)

    def __repr__(self) -> str:
        """Short, however large the mapping: messages quote values with repr or str."""
        return _preview.repr(self)


class LineList(list[Any]):
    """A YAML list that remembers the line of each item."""

    item_lines: list[int]

    def line_at(self, index: int) -> int | None:
        lines = getattr(self, "item_lines", [])
        return lines[index] if index < len(lines) else None

    def __repr__(self) -> str:
        """Short, however long the list (an alias bomb can make it billions of items)."""
        return _preview.repr(self)


MERGE_TAG = "tag:yaml.org,2002:merge"


@functools.cache
def _loader() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(base):  # type: ignore[misc, valid-type]
        pass

    def construct_mapping(loader: Any, node: Any) -> LineDict:
        own = sum(1 for key_node, _ in node.value if key_node.tag != MERGE_TAG)
        loader.flatten_mapping(node)  # puts the pairs merged in by `<<: *name` first
        merged = len(node.value) - own
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        written: set[str] = set()  # keys written in this mapping itself, not merged into it
        for index, (key_node, value_node) in enumerate(node.value):
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be plain text", key_node.start_mark
                )
            key = str(key)
            if index >= merged and key in written:  # a merged key may be written over
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' appears twice", key_node.start_mark
                )
            if index >= merged:
                written.add(key)
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


STR_TAG = "tag:yaml.org,2002:str"


class _NeedsLines(Exception):
    """The plain loader met something only the line loader reads as this program does."""


@functools.cache
def _plain_loader() -> type:
    """LibYAML's own loader (yaml.CSafeLoader, else SafeLoader), taking only mappings whose
    keys are plain text, each written once: these build the same data as the line loader's,
    as plain dicts and lists. Text values are taken as they are (what the str constructor
    would return); other values are built by the loader itself."""
    import yaml
    from yaml.nodes import ScalarNode

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class PlainLoader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> dict[str, Any]:
            mapping: dict[str, Any] = {}
            for key_node, value_node in node.value:
                # a key that is not plain text (a number, `<<` merging), or written twice
                if key_node.tag != STR_TAG or not isinstance(key_node, ScalarNode):
                    raise _NeedsLines
                key = key_node.value
                if key in mapping:
                    raise _NeedsLines
                if value_node.tag == STR_TAG and isinstance(value_node, ScalarNode):
                    mapping[key] = value_node.value
                else:
                    mapping[key] = self.construct_object(value_node, deep=deep)
            return mapping

    return PlainLoader


def parse_yaml(text: str, path: Path, *, lines: bool = True) -> Any:
    """YAML (or JSON, which is YAML) to plain data with LineDict mappings.

    `lines=False`: the fast way, for data checked before it is used (see schema.lined):
    LibYAML's plain loader, about a third faster, gives plain dicts and lists without line
    numbers. Anything it can't take as the line loader would (aliases, which are checked for
    bombs on the composed nodes; a key that is not text or appears twice; any error) is read
    by the line loader instead, so the data and every message are the same either way."""
    if not lines and not ("*" in text and re.search(_ALIAS, text)):
        loader = _plain_loader()(text)
        try:
            return loader.get_single_data()
        except Exception:  # read again below: there, each problem gets its message
            pass
        finally:
            loader.dispose()
    import yaml

    loader = _loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "*" in text and re.search(_ALIAS, text):  # `in` first: many times faster
            from closeness_quiz.content.aliases import check_aliases

            check_aliases(node, path)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "not valid YAML"
        if "cannot start any token" in problem and mark is not None and _at(text, mark) == "\t":
            problem = "a tab where YAML allows only spaces (indent with spaces, not tabs)"
        elif "another document" in problem:
            problem = (
                "it holds more than one YAML document (a line '---' or '...' part-way "
                "through); keep only one"
            )
        raise UserError(f"not valid YAML: {problem}.", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise UserError(f"not valid YAML: {exc}.", path=path) from None
    except RecursionError:
        raise UserError("not valid YAML: nested too deeply.", path=path) from None
    except ValueError as exc:  # e.g. an integer longer than Python will convert (4300 digits)
        raise UserError(f"not valid YAML: {_too_long(exc)}.", path=path) from None
    finally:
        loader.dispose()


def _at(text: str, mark: Any) -> str:
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column : mark.column + 1]


def load_json(path: Path, what: str = "file", *, limit: int = MAX_BYTES) -> Any:
    return parse_json(read_text(path, what, limit=limit), path)


def read_bytes(path: Path, what: str = "file", *, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file (a locked result), checked as `read_text` checks text."""
    return _read_bytes(path, what, limit)


def parse_json(text: str, path: Path) -> Any:
    """JSON text to data; anything off is a UserError naming the file and line. A key twice in
    one object is refused, as in YAML: json.loads would silently keep the last."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except _Duplicate as exc:
        raise UserError(
            f"not valid here: the key '{short(clean_line(exc.key), 80)}' appears twice in one "
            "object, so it is not clear which value is meant.",
            path=path,
        ) from None
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


def json_object(text: str) -> dict[str, Any] | None:
    """`text` as a JSON object, read by parse_json's rules (a key twice is refused), or None
    for anything else, with no message: for a caller that parses the whole file with
    parse_json whenever this gives None."""
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except (_Duplicate, RecursionError, ValueError):
        return None
    return data if isinstance(data, dict) else None


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return data


def _too_long(exc: ValueError) -> str:
    if "digits" in str(exc):
        return "a number in it is far too long"
    return str(exc).rstrip(".") or "a value in it can't be read"
