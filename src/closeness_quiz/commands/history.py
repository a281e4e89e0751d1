"""`closeness-quiz history`: every saved result in the results folder, oldest first, with trends.

Drafts (unfinished quizzes) and temp files are not results and are left out; a file that
can't be read is listed as skipped, with the reason, instead of stopping the whole list."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from closeness_quiz.content.bank import Bank, load_bank
from closeness_quiz.content.guidance import Guidance, load_guidance
from closeness_quiz.content.scoring import Scores, score
from closeness_quiz.errors import UserError
from closeness_quiz.history.view import History, Skipped, as_json, build_history
from closeness_quiz.store.lookup import locked_files, result_files
from closeness_quiz.store.paths import results_dir
from closeness_quiz.store.results import Result, read_result


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
    results, skipped = read_all([*paths, *locked_files(folder)], bank)
    words: dict[str, str] = {}
    if any(r.plan is not None or r.followup is not None for r in results):
        from closeness_quiz.checkin.view import ideas  # only here: a plan's words

        words = {idea: tip.text for idea, tip in ideas(guidance).items()}
    return build_history(
        results,
        [*not_files, *skipped],
        scorer,
        name=name,
        bank=bank_id,
        reliable_change=reliable_changes(results),
        ideas=words,
    )


def reliable_changes(results: list[Result]) -> Callable[[Result, str], float | None]:
    """The smallest reliable change of an area: from its bank's published `reliability`, with
    the SD of that area's score over the folder's results once 30 or more are complete, else
    the bank's `scoring.sd`. None where either is missing."""
    found: dict[tuple[str, str], float | None] = {}

    def needed(result: Result, category_id: str) -> float | None:
        bank = result.bank
        alpha = bank.reliability.get(category_id)
        if alpha is None:
            return None
        bank_id = result.bank_id
        if (bank_id, category_id) not in found:
            # only here: a folder whose banks give no reliability never loads `statistics`
            from closeness_quiz.pooled.rows import pooled_sd, reliable_change

            same = [r.answers for r in results if r.bank_id == bank_id]
            sd = pooled_sd(bank, category_id, same) or bank.scoring.sd.get(category_id)
            found[bank_id, category_id] = None if sd is None else reliable_change(sd, alpha)
        return found[bank_id, category_id]

    return needed


def no_such_name(name: str, folder: Path, history: History) -> UserError:
    """`history --name` of a name with no result is bad input, as `report NAME` is: exit 2,
    with the names there are."""
    from closeness_quiz.store.lookup import MOST_NAMES_SHOWN

    known = history.names
    listed = ", ".join(known[:MOST_NAMES_SHOWN])
    if len(known) > MOST_NAMES_SHOWN:
        listed += f" and {len(known) - MOST_NAMES_SHOWN} more"
    return UserError(
        f"no saved result in {folder} is named '{name}'.",
        hint=f"Names with saved results: {listed}." if known else None,
    )


def run(*, name: str | None, fmt: str, bank_id: str | None = None, page: bool = True) -> None:
    from closeness_quiz.commands.common import bank_id_of, emit

    folder = results_dir()
    history = load(folder, name, bank_id_of(bank_id))
    if name is not None and not history.rows:
        raise no_such_name(name, folder, history)
    if fmt == "json":
        text = json.dumps(as_json(history, folder, name), indent=2, ensure_ascii=False)
        emit(text + "\n", None, "json")  # as report's JSON: \u escapes where UTF-8 can't go
        return
    from closeness_quiz.commands.common import on_screen
    from closeness_quiz.render.history import render_history

    on_screen(lambda screen: render_history(history, folder, name, screen), page=page)
