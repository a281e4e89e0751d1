"""`closeness-quiz compare A B`: two partners' results side by side, in any report format.

Each of A and B is a file, a file name in the results folder, or a name (see lookup.py)."""

from __future__ import annotations

from pathlib import Path

from closeness_quiz.checkin.plans import CHECKIN, FULL
from closeness_quiz.commands.common import bank_at_hand, load_for_reading, note_other_bank, show
from closeness_quiz.compare.build import build_compare
from closeness_quiz.errors import UserError
from closeness_quiz.store.lookup import read


def run(
    result_a: str,
    result_b: str,
    *,
    fmt: str,
    output: Path | None,
    bank_file: Path | None,
    guidance_file: Path | None,
    show_all: bool = False,
    page: bool = True,
) -> None:
    bank, guidance = load_for_reading(bank_file, guidance_file)
    at_hand = bank_at_hand(bank)
    # By name, each partner's latest full take: a check-in's areas rest on a statement or two.
    first = read(result_a, at_hand, prefer=FULL)
    second = read(result_b, at_hand, prefer=FULL)
    if first.kind != second.kind:
        checkin, full = (first, second) if first.kind == CHECKIN else (second, first)
        raise UserError(
            f"{checkin.where('one result')} is a weekly check-in and "
            f"{full.where('the other')} a full take: a check-in scores each area from one or "
            "two statements, so the two are never set side by side. Compare two full takes "
            "(or two check-ins)."
        )
    for result in (first, second):
        note_other_bank(result, bank, bank_file)
    view = build_compare(first, second, guidance)._replace(show_all=show_all)
    show("compare", view, fmt, output, page=page)
