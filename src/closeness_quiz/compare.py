"""Two partners' results side by side: both scores per area and the gap between them, the
answers seen differently, what both feel good about, and conversations to start.

Pure: two Results and the Guidance in, one CompareView out, fed to every renderer (terminal,
Markdown, HTML) and to `--format json`. Safety answers are never in a Result, and nothing here
looks for them, so no comparison can show or hint at them."""

from __future__ import annotations

from typing import NamedTuple

from closeness_quiz.compare_about import PairCompare, pairs
from closeness_quiz.compare_banks import shared_bank
from closeness_quiz.compare_starters import choose_starters
from closeness_quiz.errors import UserError
from closeness_quiz.guidance import Guidance
from closeness_quiz.perception import Perception, perceive
from closeness_quiz.report import NoteView, closing_notes
from closeness_quiz.results import Result
from closeness_quiz.scoring import CategoryScore, score

DIFFERENT_AT = 2  # answers this many scale steps apart (or more) are "seen differently"
STRONG_KEYED = 3  # both answered "Often" or more towards closeness: a shared strength
STRONG_SCORE = STRONG_KEYED * 100 / 4  # the same bar for a whole area: 75 or more for both
STRENGTHS_SHOWN = 6  # questions listed as shared strengths; the rest are counted

INTRO = (
    "A gap is not a verdict on either of you. It shows where you see things differently, "
    "and that is usually the best place to start a curious, kind conversation."
)


class Side(NamedTuple):
    """One partner: `label` is what the report calls them (their name, or Partner A/B)."""

    label: str
    name: str | None
    taken_at: str
    bank_id: str
    bank_version: int
    answered: int


class AreaCompare(NamedTuple):
    id: str
    title: str
    a: float | None
    b: float | None
    a_band: str | None
    b_band: str | None
    a_band_label: str | None
    b_band_label: str | None
    gap: float | None


class ItemCompare(NamedTuple):
    """A question both answered: raw scale values (0-4), their words, and the distance."""

    id: str
    category: str
    category_title: str
    text: str
    a: int
    b: int
    a_label: str
    b_label: str
    gap: int
    about: str = "us"  # whose behaviour the statement describes: self, partner or us
    reverse: bool = False


class StarterView(NamedTuple):
    """A conversation starter, and the difference that led to it (a question or a whole area)."""

    text: str
    strategy: str
    area: AreaCompare
    item: ItemCompare | None


class CompareView(NamedTuple):
    title: str
    intro: str
    a: Side
    b: Side
    categories: tuple[AreaCompare, ...]
    overall: AreaCompare
    items: tuple[ItemCompare, ...]
    strong_areas: tuple[AreaCompare, ...]
    strong_items: tuple[ItemCompare, ...]
    starters: tuple[StarterView, ...]
    compared_questions: int
    bank_note: str | None
    notes: tuple[NoteView, ...]  # support, not a diagnosis, where to find help
    pairs: tuple[PairCompare, ...] = ()
    perception: Perception | None = None
    name_note: str | None = None
    show_all: bool = False  # `compare --all`: every statement of each group, not the first few

    @property
    def strong_items_shown(self) -> tuple[ItemCompare, ...]:
        return self.strong_items if self.show_all else self.strong_items[:STRENGTHS_SHOWN]

    @property
    def strong_items_more(self) -> int:
        return len(self.strong_items) - len(self.strong_items_shown)


def gap_of(a: float | None, b: float | None) -> float | None:
    if a is None or b is None:
        return None
    # Scores carry one decimal, so in tenths they are whole numbers and the gap is exact.
    return abs(round(a * 10) - round(b * 10)) / 10


def display_names(a: Result, b: Result) -> tuple[str, str]:
    """Names as column heads; 'Partner A/B' when a result has none; never two identical heads."""
    first = " ".join((a.name or "").split()) or "Partner A"
    second = " ".join((b.name or "").split()) or "Partner B"
    if first.casefold() == second.casefold():
        first, second = f"{first} (A)", f"{second} (B)"
    return first, second


def _area(
    area_id: str,
    title: str,
    a: tuple[float | None, str | None],
    b: tuple[float | None, str | None],
    guidance: Guidance,
) -> AreaCompare:
    def label(band_id: str | None) -> str | None:
        band = guidance.band(band_id) if band_id else None
        return band.label if band else None

    return AreaCompare(
        id=area_id,
        title=title,
        a=a[0],
        b=b[0],
        a_band=a[1],
        b_band=b[1],
        a_band_label=label(a[1]),
        b_band_label=label(b[1]),
        gap=gap_of(a[0], b[0]),
    )


def _pair(cat: CategoryScore) -> tuple[float | None, str | None]:
    return cat.score, cat.band


def _side(result: Result, label: str, answered: int) -> Side:
    return Side(
        label=label,
        name=result.name,
        taken_at=result.when,
        bank_id=result.bank.id,
        bank_version=result.bank.version,
        answered=answered,
    )


def _same_file(a: Result, b: Result) -> bool:
    if a.path is None or b.path is None:
        return False
    try:
        return a.path.samefile(b.path)
    except OSError:  # not files on disk (results built in memory): never the same file
        return False


def build_compare(a: Result, b: Result, guidance: Guidance) -> CompareView:
    """Everything the comparison shows, computed once from the two results."""
    copy = (a.taken_at, a.name, a.answers) == (b.taken_at, b.name, b.answers)
    if _same_file(a, b):
        raise UserError(
            "is the same result twice: compare needs the results of two partners, each "
            "taken on their own.",
            path=a.path,
        )
    bank, bank_note = shared_bank(a, b)
    ids = {q.id for q in bank.questions}
    answers_a = {qid: v for qid, v in a.answers.items() if qid in ids}
    answers_b = {qid: v for qid, v in b.answers.items() if qid in ids}
    scores_a = score(bank, guidance, answers_a)
    scores_b = score(bank, guidance, answers_b)

    areas = {
        c.id: _area(
            c.id,
            c.title,
            _pair(scores_a.categories[c.id]),
            _pair(scores_b.categories[c.id]),
            guidance,
        )
        for c in bank.categories
    }
    overall = _area(
        "overall",
        "Overall",
        (scores_a.overall, scores_a.overall_band),
        (scores_b.overall, scores_b.overall_band),
        guidance,
    )

    both = [
        ItemCompare(
            id=q.id,
            category=q.category,
            category_title=areas[q.category].title,
            text=q.text,
            a=answers_a[q.id],
            b=answers_b[q.id],
            a_label=a.bank.label(answers_a[q.id]),
            b_label=b.bank.label(answers_b[q.id]),
            gap=abs(answers_a[q.id] - answers_b[q.id]),
            about=q.about,
            reverse=q.reverse,
        )
        for q in bank.questions
        if q.id in answers_a and q.id in answers_b
    ]
    differing = sorted((i for i in both if i.gap >= DIFFERENT_AT), key=lambda i: -i.gap)

    def keyed(item: ItemCompare) -> tuple[int, int]:
        question = bank.question(item.id)
        assert question is not None
        return question.keyed(item.a), question.keyed(item.b)

    strong_items = sorted(
        (i for i in both if min(keyed(i)) >= STRONG_KEYED),
        key=lambda i: (-min(keyed(i)), -sum(keyed(i))),
    )
    strong_areas = tuple(
        c
        for c in areas.values()
        if c.a is not None and c.b is not None and min(c.a, c.b) >= STRONG_SCORE
    )
    label_a, label_b = display_names(a, b)
    same_name = bool(a.name) and (a.name or "").casefold() == (b.name or "").casefold()
    return CompareView(
        title=a.bank.title or "Closeness check-in",
        intro=INTRO,
        a=_side(a, label_a, len(answers_a)),
        b=_side(b, label_b, len(answers_b)),
        categories=tuple(areas.values()),
        overall=overall,
        items=tuple(differing),
        strong_areas=strong_areas,
        strong_items=tuple(strong_items),
        starters=tuple(
            StarterView(s.tip.text, s.tip.strategy, s.area, s.item)
            for s in choose_starters(bank, guidance, areas, both, differing)
        ),
        compared_questions=len(both),
        bank_note=bank_note,
        notes=closing_notes(guidance, scores_a, scores_b),
        pairs=pairs(bank, (label_a, answers_a), (label_b, answers_b)),
        perception=perceive(bank, (label_a, answers_a, a.guesses), (label_b, answers_b, b.guesses)),
        name_note=(
            "These two results have the same time, name and answers: they may be copies of "
            "one result rather than two partners' results."
            if copy
            else f"Both results carry the name {a.name}, so they are called {label_a} and "
            f"{label_b} here."
            if same_name
            else None
        ),
    )
