"""`forget`: which files a list of RESULTs means, checked before anything is deleted.

Only files this program wrote in the results folder can go: a result, an unfinished quiz (a
draft) or a locked result, each a regular file right in that folder (not a link, not a
folder, not anywhere else). Anything else given refuses the whole command, so a typo never
deletes half of what was meant."""

from __future__ import annotations

import contextlib
import json
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from closeness_quiz.content.files import load_json
from closeness_quiz.errors import UserError
from closeness_quiz.store.header import placed
from closeness_quiz.store.lookup import in_folder, not_found, scan
from closeness_quiz.store.paths import AGE_HEADER, DRAFT_FORMAT, DRAFT_SUFFIX, LOCKED_SUFFIX
from closeness_quiz.store.results import MAX_RESULT_BYTES, same_name


@dataclass(frozen=True)
class Doomed:
    """A file to delete, and how it is shown in the list before the question."""

    path: Path
    what: str  # "result", "unfinished quiz" or "locked result"
    name: str | None
    when: datetime | None


def plan(given: list[str], folder: Path, *, with_drafts: bool) -> list[Doomed]:
    """Every file the RESULTs mean, each once, oldest first; a UserError (nothing deleted)
    if any RESULT is not a file this program wrote in the results folder, or names nothing."""
    chosen: dict[Path, Doomed] = {}
    for item in given:
        if not item.strip():
            raise UserError("RESULT is empty: give a result file or a name.")
        found = _one(item, folder, with_drafts)
        for doomed in found:
            chosen.setdefault(doomed.path, doomed)
    return sorted(chosen.values(), key=_order)


def _order(item: Doomed) -> tuple[float, str]:
    try:
        return (item.when.timestamp() if item.when else float("inf"), item.path.name)
    except (OverflowError, OSError, ValueError):
        return (float("inf"), item.path.name)


def as_file(item: str, folder: Path) -> Path | None:
    """The file a RESULT names (a path, or a file name in the folder, `.json` or `.json.age`
    left off or not); None when it can only be a person's name."""
    if os.path.lexists(item):
        return Path(item)
    return in_folder(item, folder) or _locked_in(item, folder)


def _one(item: str, folder: Path, with_drafts: bool) -> list[Doomed]:
    path = as_file(item, folder)
    if path is not None:
        doomed = checked(path, folder)
        drafts = _drafts_named(doomed.name, folder) if with_drafts and doomed.name else []
        return [doomed, *drafts]
    entries = [e for e in scan(folder) if same_name(e.name, item)]
    found = [checked(e.path, folder) for e in entries]
    if with_drafts:
        found += _drafts_named(item, folder)
    if not found:
        raise not_found(item, folder, scan(folder))
    return found


def _locked_in(item: str, folder: Path) -> Path | None:
    """A file name in the folder that isn't a plain result: a locked result (`.age` may be
    left off, as with `.json`), or anything else there, to be refused by name."""
    if os.sep in item or item in (".", ".."):
        return None
    for name in (item + LOCKED_SUFFIX, item + ".age", item):
        if os.path.lexists(folder / name):
            return folder / name
    return None


def checked(path: Path, folder: Path) -> Doomed:
    """`path` as a file to delete, or a UserError saying why it may not be."""
    try:
        status = os.lstat(path)
    except OSError as exc:
        raise UserError(f"can't be looked at ({exc.strerror}).", path=path) from None
    if stat.S_ISLNK(status.st_mode):
        raise UserError(
            "is a link; forget deletes only result files themselves, never a link or what it "
            "points to.",
            path=path,
        )
    if stat.S_ISDIR(status.st_mode):
        raise UserError("is a folder; forget deletes only result files.", path=path)
    if not stat.S_ISREG(status.st_mode):
        raise UserError("is not a regular file; forget deletes only result files.", path=path)
    if not _same_folder(path.parent, folder):
        raise UserError(
            f"is not in the results folder ({folder}); forget deletes only what this program "
            "saved there. Delete other files yourself.",
            path=path,
        )
    return _ours(path)


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _ours(path: Path) -> Doomed:
    """What this program wrote at `path`, or a UserError if it is anything else."""
    if path.name.endswith(LOCKED_SUFFIX):
        try:
            with open(path, "rb") as handle:
                header = handle.read(len(AGE_HEADER))
        except OSError as exc:
            raise UserError(f"can't be read ({exc.strerror}).", path=path) from None
        if header == AGE_HEADER:
            return Doomed(path, "locked result", None, _date_of(path))
        raise UserError(_NOT_OURS, path=path)
    if not path.name.endswith(".json"):
        raise UserError(_NOT_OURS, path=path)
    try:
        data = load_json(path, "file", limit=MAX_RESULT_BYTES)
    except UserError as exc:
        raise UserError(f"{_NOT_OURS[:-1]}: {exc.problem}", path=path) from None
    kind = data.get("format") if isinstance(data, dict) else None
    name = data.get("name") if isinstance(data, dict) else None
    name = name if isinstance(name, str) else None
    if kind == "closeness-quiz/result" and not path.name.endswith(DRAFT_SUFFIX):
        return Doomed(path, "result", name, _when(data.get("taken_at")))
    if kind == DRAFT_FORMAT and path.name.endswith(DRAFT_SUFFIX):
        return Doomed(path, "unfinished quiz", name, _when(data.get("started_at")))
    raise UserError(_NOT_OURS, path=path)


_NOT_OURS = "is not a result or an unfinished quiz saved by closeness-quiz, so it is left alone."


def _when(raw: object) -> datetime | None:
    try:
        return placed(raw) if isinstance(raw, str) else None
    except (ValueError, OverflowError, OSError):
        return None


def _date_of(path: Path) -> datetime | None:
    try:
        return datetime.strptime(path.name[:10], "%Y-%m-%d")
    except ValueError:
        return None


def _drafts_named(name: str, folder: Path) -> list[Doomed]:
    """Every unfinished quiz in the folder under `name` (any bank, any case)."""
    found = []
    try:
        paths = sorted(folder.glob(f"*{DRAFT_SUFFIX}"))
    except OSError:
        return []
    for path in paths:
        if path.name.startswith("."):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and same_name(data.get("name"), name):
            found.append(checked(path, folder))
    return found


def delete(doomed: list[Doomed]) -> list[Path]:
    """Delete each file; the ones deleted, in order. An unfinished quiz being answered right
    now (its lock held by a `take`) refuses before anything goes; a file gone meanwhile counts
    as deleted; one that can't be deleted stops with a UserError saying what already went."""
    from closeness_quiz.store.holder import DraftLock

    gone: list[Path] = []
    with contextlib.ExitStack() as held:  # each lock (and its file) goes, however this ends
        for draft in (d for d in doomed if d.what == "unfinished quiz"):
            held.enter_context(
                DraftLock.take(draft.path, _who(draft.name), "it can't be forgotten now.")
            )
        for item in doomed:
            try:
                item.path.unlink(missing_ok=True)
            except OSError as exc:
                already = (
                    f"{len(gone)} file(s) before it were deleted."
                    if gone
                    else "Nothing was deleted."
                )
                raise UserError(
                    f"can't be deleted ({exc.strerror}). {already}", path=item.path
                ) from None
            gone.append(item.path)
    return gone


def _who(name: str | None) -> str:
    return f"under the name '{name}'" if name else "with no --name"
