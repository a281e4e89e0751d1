"""`closeness-quiz history`: every saved result in the results folder, oldest first, with trends.

Drafts (unfinished quizzes) and temp files are not results and are left out; a file that
can't be read is listed as skipped, with the reason, instead of stopping the whole list."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

from closeness_quiz.bank import Bank, load_bank
from closeness_quiz.drafts import is_draft_file
from closeness_quiz.errors import UserError
from closeness_quiz.guidance import Guidance, load_guidance
from closeness_quiz.history import History, Skipped, as_json, build_history
from closeness_quiz.paths import results_dir
from closeness_quiz.results import Result, read_result
from closeness_quiz.scoring import Scores, score


def result_files(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """The candidate result files (*.json, not hidden temp files, not drafts), oldest first,
    and each such name that is not a regular file (a folder, a named pipe) as skipped: opening
    a named pipe would wait for ever. A folder that can't be listed is an error, never
    "no results yet"; only a folder that doesn't exist yet has no results."""
    try:
        if not stat.S_ISDIR(os.stat(folder).st_mode):
            raise UserError("the results folder is a file, not a folder.", path=folder)
        with os.scandir(folder) as entries:
            found = [
                (entry, _status(entry))
                for entry in entries
                if entry.name.endswith(".json")
                and not entry.name.startswith(".")
                and not is_draft_file(Path(entry.path))
            ]
    except FileNotFoundError:
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
    files: list[tuple[int, str, Path]] = []
    skipped: list[Skipped] = []
    for entry, status in found:
        if status is not None and stat.S_ISREG(status.st_mode):
            # Oldest first, so results taken within one second keep the order they were saved.
            files.append((status.st_mtime_ns, entry.name, Path(entry.path)))
        else:
            skipped.append(Skipped(entry.name, _not_a_file(status)))
    return [path for _, _, path in sorted(files)], skipped


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


def read_all(paths: list[Path], bank: Bank) -> tuple[list[Result], list[Skipped]]:
    results: list[Result] = []
    skipped: list[Skipped] = []
    for path in paths:
        try:
            results.append(read_result(path, lambda: bank))
        except UserError as exc:
            problem = exc.problem if exc.where is None else f"{exc.where}: {exc.problem}"
            if exc.line is not None:
                problem += f" (line {exc.line})"
            skipped.append(Skipped(path.name, problem))
    return results, skipped


def load(folder: Path, name: str | None) -> History:
    bank: Bank = load_bank()
    guidance: Guidance = load_guidance()

    def scorer(result: Result) -> Scores:
        return score(result.bank, guidance, result.answers)

    paths, not_files = result_files(folder)
    results, skipped = read_all(paths, bank)
    return build_history(results, [*not_files, *skipped], scorer, name=name)


def run(*, name: str | None, fmt: str) -> None:
    folder = results_dir()
    history = load(folder, name)
    if fmt == "json":
        sys.stdout.write(json.dumps(as_json(history, folder, name), indent=2, ensure_ascii=False))
        sys.stdout.write("\n")
        return
    from closeness_quiz.commands.common import console
    from closeness_quiz.render.history import render_history

    render_history(history, folder, name, console())
