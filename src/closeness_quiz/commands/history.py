"""`closeness-quiz history`: every saved result in the results folder, oldest first, with trends.

Drafts (unfinished quizzes) and temp files are not results and are left out; a file that
can't be read is listed as skipped, with the reason, instead of stopping the whole list."""

from __future__ import annotations

import json
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


def result_files(folder: Path) -> list[Path]:
    """The candidate result files: *.json, not hidden (temp files), not drafts."""
    if not folder.exists():
        return []
    if not folder.is_dir():
        raise UserError("the results folder is a file, not a folder.", path=folder)
    try:
        paths = sorted(folder.glob("*.json"))
    except OSError as exc:
        raise UserError(
            f"the results folder can't be read ({exc.strerror}).", path=folder
        ) from None
    found = [p for p in paths if not p.name.startswith(".") and not is_draft_file(p)]
    return sorted(found, key=_saved_order)


def _saved_order(path: Path) -> tuple[int, str]:
    """Oldest file first, so results taken within the same second keep the order they were saved."""
    try:
        return (path.stat().st_mtime_ns, path.name)
    except OSError:
        return (0, path.name)


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

    results, skipped = read_all(result_files(folder), bank)
    return build_history(results, skipped, scorer, name=name)


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
