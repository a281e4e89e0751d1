"""Two partners' results side by side: both scores per area and the gap between them, the
answers seen differently, what both feel good about, and conversations to start.

Pure: two Results and the Guidance in, one CompareView out, fed to every renderer (terminal,
Markdown, HTML) and to `--format json`. Safety answers are never in a Result, and nothing here
looks for them, so no comparison can show or hint at them.

A critical statement (`critical: N` in the bank: "My partner respects my no") is never shown,
nor its answers or guesses, nor a starter built on it, whoever answered it. Where either
partner answered one on the far side, that statement's whole area shows no statements (its
scores stay), neither partner is offered a starter for it, and both are pointed to support
for themselves rather than couples counselling."""

from __future__ import annotations

from closeness_quiz.compare.about import pairs
from closeness_quiz.compare.banks import shared_bank
from closeness_quiz.compare.perception import perceive
from closeness_quiz.compare.starters import choose_starters
from closeness_quiz.compare.view import AreaCompare, CompareView, ItemCompare, Side, StarterView
from closeness_quiz.content.guidance import Guidance
from closeness_quiz.content.records import PERCENT, Band, Bank, Units
from closeness_quiz.content.scale import label
from closeness_quiz.content.scoring import CategoryScore, score
from closeness_quiz.errors import UserError
from closeness_quiz.report.tailoring import weak
from closeness_quiz.report.view import closing_notes
from closeness_quiz.store.results import Result, same_name

DIFFERENT_AT = 2  # answers this many scale steps (choices) apart or more: "seen differently"

INTRO = (
    "A gap is not a verdict on either of you. It shows where you see things differently, "
    "and that is usually the best place to start a curious, kind conversation."
)


def gap_of(a: float | None, b: float | None) -> float | None:
    if a is None or b is None:
        return None
    # Scores carry one or two decimals, so in hundredths they are whole: the gap is exact.
    return abs(round(a * 100) - round(b * 100)) / 100


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
    a: tuple[float | None, Band | None],
    b: tuple[float | None, Band | None],
    units: Units | None = PERCENT,
    strong_at: str | None = None,
) -> AreaCompare:
    """Both scores and their bands (each from the bands it was scored with)."""
    return AreaCompare(
        id=area_id,
        title=title,
        a=a[0],
        b=b[0],
        a_band=a[1].id if a[1] else None,
        b_band=b[1].id if b[1] else None,
        a_band_label=a[1].label if a[1] else None,
        b_band_label=b[1].label if b[1] else None,
        gap=gap_of(a[0], b[0]),
        units=units,
        strong_at=strong_at,
    )


def _pair(cat: CategoryScore) -> tuple[float | None, Band | None]:
    return cat.score, cat.band_info


def strong_from(bank: Bank, category_id: str) -> tuple[int, int]:
    """Where a whole area's close side begins, as a part of its range (numerator, denominator):
    where the close side of its scales begins (3 of 0-4: 3/4, 75 out of 100), turned where
    higher is worse."""
    questions = bank.questions_in(category_id)
    num, den = max(
        ((q.scale.strong_from - q.scale.lo, q.scale.span or 1) for q in questions),
        key=lambda part: part[0] / part[1],  # small fractions: floats order them exactly
    )
    return (den - num, den) if questions[0].worse else (num, den)


def strong_area(bank: Bank, cat: CategoryScore) -> bool:
    if cat.score is None:
        return False
    num, den = strong_from(bank, cat.category)
    # how far past the start the score is, in parts of 1/den; a score a float's rounding
    # away from the start (75.0 against 3/4) is at it
    past = cat.units.fraction(cat.score) * den - num
    return past <= 1e-9 if bank.category(cat.category).worse else past >= -1e-9


def strong_words(bank: Bank, cat: CategoryScore) -> str:
    """'75 or more' (or, where higher is worse, '2.5 or less'), in the area's units."""
    units = cat.units
    num, den = strong_from(bank, cat.category)
    at = units.lo + num / den * (units.hi - units.lo)
    more = "less" if bank.category(cat.category).worse else "more"
    return f"{round(at, units.decimals):g} or {more}"


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
    # What may be shown statement by statement: never a critical statement, and nothing of an
    # area where a critical statement was answered on the far side by either partner.
    # Each result is judged by its own stored questions and all its answers, so neither a
    # copy edited to drop a mark nor another version of the bank lets one through.
    flagged = (
        bank.critical_areas(answers_a, answers_b)
        | a.bank.critical_areas(a.answers)
        | b.bank.critical_areas(b.answers)
    )
    critical = {q.id for k in (bank, a.bank, b.bank) for q in k.questions if q.critical is not None}
    hidden = critical | {q.id for q in bank.questions if q.category in flagged}
    shown_a = {qid: v for qid, v in answers_a.items() if qid not in hidden}
    shown_b = {qid: v for qid, v in answers_b.items() if qid not in hidden}
    # The scores leave the critical statements out too: with every other statement of an
    # area on show (--all), an area score that held one would give its answer away.
    scores_a = score(bank, guidance, {q: v for q, v in answers_a.items() if q not in critical})
    scores_b = score(bank, guidance, {q: v for q, v in answers_b.items() if q not in critical})

    areas = {
        c.id: _area(
            c.id,
            c.title,
            _pair(scores_a.categories[c.id]),
            _pair(scores_b.categories[c.id]),
            scores_a.categories[c.id].units,
            strong_words(bank, scores_a.categories[c.id]),
        )
        for c in bank.categories
    }
    overall = _area(
        "overall",
        "Overall",
        (scores_a.overall, scores_a.overall_band_info),
        (scores_b.overall, scores_b.overall_band_info),
        scores_a.overall_units,
    )

    both = [
        ItemCompare(
            id=q.id,
            category=q.category,
            category_title=areas[q.category].title,
            text=q.text,
            a=shown_a[q.id],
            b=shown_b[q.id],
            a_label=label(q.scale, shown_a[q.id]),
            b_label=label(q.scale, shown_b[q.id]),
            gap=q.scale.steps(shown_a[q.id], shown_b[q.id]),
            about=q.about,
            reverse=q.reverse,
            low=q.scale.low(answers_a[q.id]) and q.scale.low(answers_b[q.id]),
        )
        for q in bank.questions
        if q.id in shown_a and q.id in shown_b
    ]
    differing = sorted((i for i in both if i.gap >= DIFFERENT_AT), key=lambda i: -i.gap)

    def standing(item: ItemCompare) -> tuple[float, float]:
        """How well the lower and the two answers together go: each one division of whole
        numbers, so items order exactly as their fractions do."""
        question = bank.question(item.id)
        assert question is not None
        lo, span = question.scale.lo, question.scale.span or 1
        a, b = (question.towards_closeness(v) - lo for v in (item.a, item.b))
        return min(a, b) / span, (a + b) / span

    def strong(item: ItemCompare) -> bool:
        question = bank.question(item.id)
        return question is not None and question.strong(item.a) and question.strong(item.b)

    strong_items = sorted(
        (i for i in both if strong(i)),
        key=lambda i: tuple(-part for part in standing(i)),
    )
    strong_areas = tuple(
        areas[c.id]
        for c in bank.categories
        if strong_area(bank, scores_a.categories[c.id])
        and strong_area(bank, scores_b.categories[c.id])
    )
    # A starter whose `unless_weak` statement either partner answered on the far side is out.
    weak_ids = {q.id for q in (*weak(bank.questions, answers_a), *weak(bank.questions, answers_b))}
    label_a, label_b = display_names(a, b)
    shared_name = bool((a.name or "").strip()) and same_name(a.name, b.name)
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
            for s in choose_starters(
                bank, guidance, areas, both, differing, barred=(flagged, weak_ids)
            )
        ),
        # Counted over every statement both answered, so what is held back doesn't show.
        compared_questions=sum(1 for qid in answers_a if qid in answers_b),
        bank_note=bank_note,
        # The same notes for every couple, whatever either answered (a note that came only
        # with a critical answer would tell of it): support for each person, and couples
        # counselling where a score is low, as its own text says, not where there is fear.
        notes=closing_notes(guidance, scores_a, scores_b, support=True),
        pairs=pairs(bank, (label_a, shown_a), (label_b, shown_b)),
        # A guess at a statement held back is left out, and counted as left out like a
        # guess at a statement the other didn't answer: the count gives nothing away.
        perception=perceive(bank, (label_a, shown_a, a.guesses), (label_b, shown_b, b.guesses)),
        name_note=(
            "These two results have the same time, name and answers: they may be copies of "
            "one result rather than two partners' results."
            if copy
            else f"Both results carry the name {a.name}, so they are called {label_a} and "
            f"{label_b} here."
            if shared_name
            else None
        ),
    )
