"""What a comparison says, in words: headings and lines every format (terminal, Markdown,
HTML) shows the same way, so the three can never drift apart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from closeness_quiz.compare import STRONG_SCORE

if TYPE_CHECKING:
    from closeness_quiz.compare import CompareView, ItemCompare, Side, StarterView

# Section headings, shared by every format so they all say the same thing.
HEAD_SCORES = "Scores side by side"
HEAD_STRENGTHS = "Where you both feel close"
HEAD_DIFFERENT = "Seen differently"
HEAD_STARTERS = "Conversations to start"
NO_DIFFERENCES = (
    "None of the questions you both answered are two or more steps apart: "
    "you see things in much the same way."
)
NO_STRENGTHS = (
    "This time, no area or question came out clearly well for both of you. "
    "That can change, and talking it through together is a good first step."
)


def fmt_score(value: float | None) -> str:
    return "\u2014" if value is None else f"{value:.1f}"


def answers_in_words(item: ItemCompare, view: CompareView) -> str:
    """'Alex: Often · Sam: Rarely', the same words in every format."""
    return f"{view.a.label}: {item.a_label} \u00b7 {view.b.label}: {item.b_label}"


def heading(view: CompareView) -> str:
    """'How close do we feel? Side by side' (or 'Title: side by side')."""
    title = view.title.rstrip()
    return f"{title} Side by side" if title[-1:] in "?!." else f"{title}: side by side"


def steps_apart(item: ItemCompare) -> str:
    return f"{item.gap} step{'s' if item.gap != 1 else ''} apart"


def who_and_when(view: CompareView) -> str:
    """'Alex (2026-11-20) and Sam (2026-11-22) · 31 questions answered by both'."""

    def one(side: Side) -> str:
        return f"{side.label} ({side.taken_at[:10]})" if side.taken_at else side.label

    count = view.compared_questions
    noun = "question" if count == 1 else "questions"
    return f"{one(view.a)} and {one(view.b)} \u00b7 {count} {noun} answered by both"


def strong_areas_line(view: CompareView) -> str | None:
    if not view.strong_areas:
        return None
    titles = [a.title for a in view.strong_areas]
    joined = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]
    return f"Areas you both scored {STRONG_SCORE:g} or more: {joined}."


def starter_reason(starter: StarterView, view: CompareView) -> str:
    """Why this starter was chosen, in one line every renderer shows the same way."""
    if starter.item is not None:
        return f"About \u201c{starter.item.text}\u201d ({answers_in_words(starter.item, view)})"
    area = starter.area
    return (
        f"About {area.title} ({view.a.label}: {fmt_score(area.a)} \u00b7 "
        f"{view.b.label}: {fmt_score(area.b)})"
    )


def more_strengths_line(view: CompareView) -> str | None:
    more = view.strong_items_more
    if not more:
        return None
    noun = "question" if more == 1 else "questions"
    return f"And {more} more {noun} where both of your answers point to closeness."
