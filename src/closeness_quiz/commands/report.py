"""`closeness-quiz report [RESULT]`: show a saved result again, exactly as `take` showed it.

RESULT is a file, a file name in the results folder, or a name (see lookup.py); without one,
the latest result."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from closeness_quiz.checkin.plans import CHECKIN
from closeness_quiz.commands.common import (
    bank_at_hand,
    load_for_reading,
    note_other_bank,
    remind,
    show,
)
from closeness_quiz.report.since import previous, since
from closeness_quiz.report.view import ReportView, build_report
from closeness_quiz.store.lookup import read
from closeness_quiz.store.paths import results_dir
from closeness_quiz.store.results import BankAtHand, Result

if TYPE_CHECKING:
    from closeness_quiz.checkin.view import CheckinView
    from closeness_quiz.content.guidance import Guidance


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
    remind(result.name)
    view = build_report(result, guidance, show_all=show_all, solo=solo)
    if result.kind == CHECKIN:
        show("checkin", checkin_view(result, view, guidance, at_hand), fmt, output, page=page)
        return
    before = previous(result, at_hand, results_dir())
    if before is not None:
        view = view._replace(since=since(result, before, guidance))
    show("report", view, fmt, output, page=page)


def checkin_view(
    result: Result, report: ReportView, guidance: Guidance, at_hand: BankAtHand
) -> CheckinView:
    """A check-in shown again: against that name's check-in before it (never a full take)."""
    from closeness_quiz.checkin.view import build_checkin, previous_checkin

    earlier = previous_checkin(results_dir(), result, at_hand)
    before = (
        {c.id: c.score for c in build_report(earlier, guidance).categories}
        if earlier is not None
        else {}
    )
    return build_checkin(result, report, guidance, earlier, before)
