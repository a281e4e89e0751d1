"""`closeness-quiz report [RESULT]`: show a saved result again, exactly as `take` showed it.

RESULT is a file, a file name in the results folder, or a name (see lookup.py); without one,
the latest result."""

from __future__ import annotations

from pathlib import Path

from closeness_quiz.commands.common import bank_at_hand, load_for_reading, note_other_bank, show
from closeness_quiz.lookup import read
from closeness_quiz.report import build_report


def run(
    given: str | None,
    *,
    fmt: str,
    output: Path | None,
    bank_file: Path | None,
    guidance_file: Path | None,
    show_all: bool = False,
    solo: bool = False,
) -> None:
    bank, guidance = load_for_reading(bank_file, guidance_file)
    result = read(given, bank_at_hand(bank))
    note_other_bank(result, bank, bank_file)
    show("report", build_report(result, guidance, show_all=show_all, solo=solo), fmt, output)
