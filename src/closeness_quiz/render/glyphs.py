"""How a score looks in every format: its number, and its bar of block glyphs."""

from __future__ import annotations

NO_SCORE = "\u2014"  # an em dash where an area has no score


def fmt_score(score: float | None) -> str:
    """A score as the reports show it: one decimal place, or a dash when there is none."""
    return NO_SCORE if score is None else f"{score:.1f}"


def bar(score: float | None, width: int) -> str:
    """A score out of 100 as a bar of `width` cells; dots where there is no score."""
    if score is None:
        return "\u00b7" * width
    filled = round(score / 100 * width)
    return "\u2588" * filled + "\u2591" * (width - filled)
