"""Finding results: what a RESULT argument means, and which files in the results folder are
results at all.

A RESULT is a path to a result file; else a file name in the results folder (with or without
`.json`, as `history` shows it); else a name, which (in any case) picks the latest result with
that `name`. No RESULT at all is the latest result. A path that exists is read straight away,
with no look at the folder: only a name, or no RESULT, reads the folder. Then only the first
lines of each file are read, for its name and time (the whole file only where it is laid out
otherwise than this program writes it), so 2,000 results cost a few hundredths of a second;
only the chosen one is read in full, and one that can't be read gives way to the next latest."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from closeness_quiz.content.files import load_json
from closeness_quiz.errors import UserError
from closeness_quiz.record import Record
from closeness_quiz.store.header import format_version, placed
from closeness_quiz.store.paths import DRAFT_SUFFIX, LOCKED_DRAFT_SUFFIX, LOCKED_SUFFIX, results_dir
from closeness_quiz.store.results import (
    FORMAT,
    FORMAT_VERSION,
    MAX_RESULT_BYTES,
    BankAtHand,
    Result,
    read_name,
    same_name,
)
from closeness_quiz.store.results import read_result as read_file

if TYPE_CHECKING:
    from closeness_quiz.history.view import Skipped

MOST_NAMES_SHOWN = 20
# The first lines of a result as this program writes it (results.result_json): enough to know
# its name and time without parsing the rest, 12 KB or more. Any other layout is parsed whole.
# Compiled when a folder is first scanned (re's cache), not by every command that imports this.
HEAD = (
    r'\{\n  "format": "closeness-quiz/result",\n  "format_version": (?P<version>\d+),\n'
    r'  "tool_version": "[^"\\\n]*",\n  "taken_at": (?P<taken_at>"[^"\\\n]*"),\n'
    r'  "name": (?P<name>null|"(?:[^"\\\n]|\\.)*"),\n'
)
HEAD_BYTES = 4096
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class Entry(Record):
    """What the folder scan knows of a result without reading it in full."""

    path: Path
    name: str | None
    taken_at: datetime  # in UTC


def result_files(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """The candidate result files (*.json, not hidden temp files, not drafts), oldest first,
    and each such name that is not a regular file (a folder, a named pipe) as skipped: opening
    a named pipe would wait for ever. A folder that can't be listed is an error, never
    "no results yet"; only a folder that doesn't exist yet has no results."""
    from closeness_quiz.history.view import Skipped  # only when the folder is read

    try:
        if not stat.S_ISDIR(os.stat(folder).st_mode):
            raise UserError("the results folder is a file, not a folder.", path=folder)
        with os.scandir(folder) as entries:
            found = [(entry, _status(entry)) for entry in entries if is_result_name(entry.name)]
    except FileNotFoundError:
        if os.path.lexists(folder):
            raise UserError(
                "the results folder is a link to a folder that isn't there (an unplugged "
                "drive?); plug it in, or remove the link.",
                path=folder,
            ) from None
        return [], []
    except NotADirectoryError:
        raise UserError(
            "the results folder can't be used: part of its path is a file, not a folder.",
            path=folder,
        ) from None
    except PermissionError:
        raise UserError(
            "the results folder can't be read (permission denied).", path=folder
        ) from None
    except OSError as exc:
        raise UserError(
            f"the results folder can't be read ({exc.strerror}).", path=folder
        ) from None
    files: list[tuple[int, str, Path, os.stat_result]] = []
    skipped: list[Skipped] = []
    for entry, status in found:
        if status is not None and stat.S_ISREG(status.st_mode):
            # Oldest first, so results taken within one second keep the order they were saved.
            files.append((status.st_mtime_ns, entry.name, Path(entry.path), status))
        else:
            skipped.append(Skipped(entry.name, _not_a_file(status)))
    files.sort(key=lambda file: file[:2])
    _STATUS.update((str(path), status) for _, _, path, status in files)
    return [path for _, _, path, _ in files], skipped


def locked_files(folder: Path) -> list[Path]:
    """Locked results (`*.json.age`, not a locked take's draft), oldest name first: each is
    shown once its passphrase opens it, else listed as skipped by its file name (a date)."""
    try:
        return sorted(
            path
            for path in folder.glob(f"*{LOCKED_SUFFIX}")
            if not path.name.startswith(".") and not path.name.endswith(LOCKED_DRAFT_SUFFIX)
        )
    except OSError:
        return []


def is_result_name(name: str) -> bool:
    return name.endswith(".json") and not name.startswith(".") and not name.endswith(DRAFT_SUFFIX)


def _status(entry: os.DirEntry[str]) -> os.stat_result | None:
    """The entry's status, following a link to the file it names; None if it can't be had."""
    try:
        return entry.stat()
    except OSError:
        return None


def _not_a_file(status: os.stat_result | None) -> str:
    if status is None:
        return "can't be read (a broken link, or no permission to look at it)."
    if stat.S_ISDIR(status.st_mode):
        return "is a folder, not a result file."
    kind = "a named pipe (FIFO)" if stat.S_ISFIFO(status.st_mode) else "a special file"
    return f"is {kind}, not a result file, so it was not opened."


def scan(folder: Path) -> list[Entry]:
    """Every result in the folder whose name and time can be read, oldest first; the rest
    are left out (`history` lists them as skipped)."""
    entries = []
    for path in result_files(folder)[0]:
        entry = _scanned(path)
        if entry is not None:
            entries.append(entry)
    entries.sort(key=lambda entry: entry.taken_at)  # stable: ties keep the order saved
    return entries


# One command may scan the folder more than once (`report NAME` in a terminal: to find the
# result, for its plan's reminder, for the result before it). A file is read again only if it
# is not the very file read before: same inode, size, and change and modification times.
_STATUS: dict[str, os.stat_result] = {}  # as the latest listing found each file
_SCANNED: dict[str, tuple[tuple[int, ...], Entry | None]] = {}


def _scanned(path: Path) -> Entry | None:
    status = _STATUS.get(str(path))
    mark = None if status is None else _identity(status)
    if mark is not None and (seen := _SCANNED.get(str(path))) is not None and seen[0] == mark:
        return seen[1]
    data = _head(path)
    if data is None:
        try:
            data = load_json(path, "result file", limit=MAX_RESULT_BYTES)
        except UserError:
            data = None
    entry = None if data is None else _entry(path, data)
    if mark is not None:
        _SCANNED[str(path)] = (mark, entry)
    return entry


def _identity(status: os.stat_result) -> tuple[int, ...]:
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _head(path: Path) -> dict[str, Any] | None:
    """The format, name and time from the file's first lines, if it starts as this program
    writes results; None otherwise (or if it can't be opened: the full read will say why)."""
    try:
        fd = os.open(path, _OPEN_FLAGS)  # never waits: a name may have become a pipe
        try:
            head = os.read(fd, HEAD_BYTES) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        finally:
            os.close(fd)
        match = re.match(HEAD, head.decode("utf-8", "replace"))
        if match is None:
            return None
        return {
            "format": FORMAT,
            "format_version": int(match["version"]),
            "taken_at": json.loads(match["taken_at"]),
            "name": json.loads(match["name"]),
        }
    except (OSError, ValueError):
        return None


def _entry(path: Path, data: Any) -> Entry | None:
    """Name and time, checked as `read_result` checks them, or None if it would refuse them."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    name, raw = data.get("name"), data.get("taken_at")
    if not isinstance(raw, str) or (name is not None and not isinstance(name, str)):
        return None
    try:
        format_version(data, path, newest=FORMAT_VERSION, newer="")
        when = placed(raw).astimezone(UTC)
    except (UserError, ValueError, OverflowError, OSError):
        return None
    return Entry(path, read_name(name, path), when)  # as read_result shows it


def names(entries: Iterable[Entry]) -> list[str]:
    """Each name once (as most recently written), in alphabetical order whatever the case."""
    latest: dict[str, str] = {}
    for entry in entries:
        if entry.name and entry.name.strip():
            latest[entry.name.strip().casefold()] = entry.name.strip()
    return sorted(latest.values(), key=str.casefold)


def in_folder(given: str, folder: Path) -> Path | None:
    """`given` as the name of a result file in the folder (`.json` may be left off)."""
    if not given or os.sep in given or (os.altsep and os.altsep in given) or given in (".", ".."):
        return None
    for name in (given, f"{given}.json", f"{given}{LOCKED_SUFFIX}"):
        try:
            locked = name.endswith(LOCKED_SUFFIX) and not name.startswith(".")
            path = folder / name  # or a named pipe, say: read_file says what it is instead
            if (is_result_name(name) or locked) and (
                path.is_file() or (path.exists() and not path.is_dir())
            ):
                return path
        except OSError as exc:  # e.g. a results folder that can't be read
            raise UserError(
                f"the results folder can't be read ({exc.strerror}).", path=folder
            ) from None
    return None


def read(
    given: str | None,
    bank_at_hand: BankAtHand,
    folder: Path | None = None,
    *,
    prefer: str | None = None,
) -> Result:
    """The result a RESULT argument (or none) means; a UserError (exit 2) listing the names
    there are when there is no such file and no such name. `prefer` (a kind, for `compare`):
    by name, the latest result of that kind if there is one."""
    if given is not None and not given.strip():
        raise UserError("RESULT is empty: give a result file or a name.")
    # A folder named as the person (`./alex`) is not meant: a bare name is looked up as one.
    bare_folder = given is not None and os.sep not in given and os.path.isdir(given)
    if given is not None and os.path.lexists(given) and not bare_folder:
        return _read_listing_names(Path(given), bank_at_hand, folder)
    folder = results_dir() if folder is None else folder
    if given is not None and (path := in_folder(given, folder)) is not None:
        return _read_listing_names(path, bank_at_hand, folder)
    entries = scan(folder)
    matches = entries if given is None else [e for e in entries if same_name(e.name, given)]
    problem: UserError | None = None
    other: Result | None = None  # the latest of another kind than `prefer`
    for entry in reversed(matches):  # the latest first; an unreadable one gives way
        try:
            result = read_file(entry.path, bank_at_hand)
        except UserError as exc:
            problem = problem or exc
            continue
        if given is None or same_name(result.name, given):  # as its first lines said
            if prefer is None or result.kind == prefer:
                return result
            other = other or result
    if other is not None:
        return other
    if problem is not None:
        raise problem
    raise not_found(given, folder, entries)


def _read_listing_names(path: Path, bank_at_hand: BankAtHand, folder: Path | None) -> Result:
    try:
        return read_file(path, bank_at_hand)
    except UserError as exc:
        exc.hint = " ".join(filter(None, [exc.hint, _names_hint(folder)]))
        raise


def _names_hint(folder: Path | None) -> str | None:
    """Which names RESULT could be instead; nothing if the folder can't tell."""
    try:
        known = names(scan(results_dir() if folder is None else folder))
    except UserError:
        return None
    return f"Names with saved results: {_listed(known)}." if known else None


def _listed(known: list[str]) -> str:
    from closeness_quiz.invocation import command

    shown = ", ".join(known[:MOST_NAMES_SHOWN])
    more = len(known) - MOST_NAMES_SHOWN
    return shown if more <= 0 else f"{shown} and {more} more (see {command('history')})"


def not_found(given: str | None, folder: Path, entries: list[Entry]) -> UserError:
    from closeness_quiz.invocation import command

    if given is None:
        return UserError(
            f"there are no saved results in {folder} yet. Take the quiz with: "
            f"{command('take')}, or give a result file."
        )
    known = names(entries)
    hint: str | None = None
    if known:
        hint = f"Names with saved results: {_listed(known)}."
    elif entries:
        hint = (
            f"None of the {len(entries)} saved results in {folder} has a name: "
            f"{command('report')} alone shows the latest, and {command('history')} lists them."
        )
    if os.sep in given or given.endswith(".json"):  # meant as a file, whatever the names
        return UserError("no such result file.", path=given, hint=hint)
    return UserError(
        f"no such result file, and no saved result in {folder} is named '{given}'.",
        path=given,
        hint=hint,
    )


def completions(incomplete: str, folder: Path | None = None) -> list[str]:
    """Names of saved results that start with what was typed (in any case), spelled from what
    was typed on; nothing for a path, so the shell completes file names instead."""
    if os.sep in incomplete or incomplete.startswith("."):
        return []
    try:
        known = names(scan(results_dir() if folder is None else folder))
    except UserError:
        return []
    typed = incomplete.casefold()
    return [
        # The shell keeps only words that start with what was typed: `al` completes to `alex`.
        name if name.startswith(incomplete) else incomplete + name[len(incomplete) :]
        for name in known
        if name.casefold().startswith(typed) and not any(c.isspace() for c in name)
    ]
