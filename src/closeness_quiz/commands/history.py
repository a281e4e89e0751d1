"""`closeness-quiz history`: every saved result in the results folder, oldest first, with trends.

Drafts (unfinished quizzes) and temp files are not results and are left out; a file that
can't be read is listed as skipped, with the reason, instead of stopping the whole list."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from closeness_quiz.bank import Bank, load_bank
from closeness_quiz.errors import UserError
from closeness_quiz.guidance import Guidance, load_guidance
from closeness_quiz.history import History, Skipped, as_json, build_history
from closeness_quiz.lookup import result_files
from closeness_quiz.paths import results_dir
from closeness_quiz.results import Result, read_result
from closeness_quiz.scoring import Scores, score


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


def load(folder: Path, name: str | None, bank_id: str | None = None) -> History:
    bank: Bank = load_bank()
    guidance: Guidance = load_guidance()

    def scorer(result: Result) -> Scores:
        return score(result.bank, guidance, result.answers)

    paths, not_files = result_files(folder)
    results, skipped = read_all(paths, bank)
    from closeness_quiz.checkin import ideas

    words = {idea: tip.text for idea, tip in ideas(guidance).items()}
    return build_history(
        results, [*not_files, *skipped], scorer, name=name, bank=bank_id, ideas=words
    )


def run(*, name: str | None, fmt: str, bank_id: str | None = None) -> None:
    folder = results_dir()
    history = load(folder, name, bank_id)
    if fmt == "json":
        sys.stdout.write(json.dumps(as_json(history, folder, name), indent=2, ensure_ascii=False))
        sys.stdout.write("\n")
        return
    from closeness_quiz.commands.common import console
    from closeness_quiz.render.history import render_history

    render_history(history, folder, name, console())
