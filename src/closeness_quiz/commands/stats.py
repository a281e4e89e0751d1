"""`closeness-quiz bank stats`: how reliable each area's score is over a folder of results
(full takes only): n, Cronbach's alpha, corrected item-total correlations, the mean and SD
of the score and the smallest reliable change, as text or JSON."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from closeness_quiz.content.records import Bank
from closeness_quiz.pooled.rows import MIN_RESULTS, CategoryStats

GOOD_ALPHA = 0.80  # what individual feedback needs (Nunnally; the content review's bar)
GOOD_ITEM_TOTAL = 0.30


def run(*, folder: Path | None, bank_file: Path | None, fmt: str) -> None:
    from closeness_quiz.commands.common import emit
    from closeness_quiz.commands.export import one_bank, read_folder
    from closeness_quiz.content.bank import load_bank
    from closeness_quiz.pooled.rows import bank_stats, newest_bank, stats_json

    folder, taken = read_folder(folder)
    if bank_file is not None:
        bank = load_bank(bank_file)
        mine = one_bank(folder, taken, bank.id)
    else:
        mine = one_bank(folder, taken, None)
        bank = newest_bank(mine, mine[0].bank_id)
    full = [t.result.answers for t in mine if t.kind == "full"]
    stats = bank_stats(bank, full)
    if fmt == "json":
        emit(
            json.dumps(stats_json(bank, stats, len(full)), indent=2, ensure_ascii=False) + "\n",
            None,
            "json",
        )
        return
    from closeness_quiz.render import display

    emit(stats_text(bank, stats, len(full), folder, min(display.width(), 100)), None)


def stats_text(
    bank: Bank, stats: list[CategoryStats], results: int, folder: Path, width: int
) -> str:
    """The figures in words a counsellor reads once and understands, each line within `width`."""
    out: list[str] = []

    def para(text: str, indent: str = "") -> None:
        out.extend(
            textwrap.wrap(
                text,
                width,
                initial_indent=indent,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [""]
        )

    noun = "full take" if results == 1 else "full takes"
    para(f"Reliability of '{bank.id}' over {results} {noun} in {folder}")
    for s in stats:
        out.append("")
        units = bank.units_of(s.id)
        para(f"{s.title} ({s.n} complete)")
        if s.mean is None or s.sd is None:
            para(f"No figures: {s.reason}", "  ")
            continue
        scale = "" if units.method == "percent" else f" (scores on {units.lo:g}\u2013{units.hi:g})"
        para(f"Mean {s.mean:.2f}, SD {s.sd:.2f}{scale}.", "  ")
        if s.alpha is not None:
            low = "" if s.alpha >= GOOD_ALPHA else f" (below {GOOD_ALPHA:.2f})"
            para(f"Alpha {s.alpha:.2f}{low}.", "  ")
        if s.reliable_change is not None:
            para(f"Smallest reliable change: {s.reliable_change:.2f}.", "  ")
        if s.reason:
            para(s.reason[0].upper() + s.reason[1:], "  ")
        if any(r is not None for r in s.items.values()):
            para("Corrected item-total correlations:", "  ")
            for qid, r in s.items.items():
                shown = "none" if r is None else f"{r:.2f}"
                low = " (low)" if r is not None and r < GOOD_ITEM_TOTAL else ""
                para(f"{qid}: {shown}{low}", "    ")
    out.append("")
    para(
        f"Figures need {MIN_RESULTS} or more complete results in an area. Alpha of "
        f"{GOOD_ALPHA:.2f} or more is what feedback to one person needs; an item-total "
        f"correlation below {GOOD_ITEM_TOTAL:.2f} marks a statement that goes its own way. "
        "A change between two takes smaller than the reliable change is within what a "
        "retake alone could show."
    )
    return "\n".join(out) + "\n"
