"""`closeness-quiz report [RESULT]`: show a saved result again, exactly as `take` showed it.

RESULT is a file, a file name in the results folder, or a name (see lookup.py); without one,
the latest result."""

from __future__ import annotations

from pathlib import Path

from closeness_quiz.commands.common import bank_at_hand, load_for_reading, note_other_bank, show
from closeness_quiz.lookup import read
from closeness_quiz.paths import results_dir
from closeness_quiz.report import build_report
from closeness_quiz.since import previous, since


def run(
    given: str | None,
    *,
    fmt: str,
    output: Path | None,
    bank_file: Path | None,
    guidance_file: Path | None,
    show_all: bool = False,
    solo: bool = False,
    page: bool = True,
) -> None:
    bank, guidance = load_for_reading(bank_file, guidance_file)
    at_hand = bank_at_hand(bank)
    result = read(given, at_hand)
    note_other_bank(result, bank, bank_file)
    view = build_report(result, guidance, show_all=show_all, solo=solo)
    before = previous(result, at_hand, results_dir())
    if before is not None:
        view = view._replace(since=since(result, before, guidance))
    show("report", view, fmt, output, page=page)
