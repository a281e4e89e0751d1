"""Which ideas fit a person: the ones tied to their own weakest answers, weakest first.

Pure: questions, answers and guidance tips in, chosen ideas out. Two people with the same
area score but different weak statements get different ideas, because ideas follow the
statements (a tip addresses a statement through its id or through the sign it measures)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from closeness_quiz.content.bank import Question
from closeness_quiz.content.guidance import Tip
from closeness_quiz.record import Record

FOCUS_MAX = 3
AREA_MAX = 1  # further ideas per area beyond "Start here" (every one with --all)

Allowed = Callable[[Tip], bool]


class Idea(Record):
    """A suggestion, with the weak answers it answers (none for a general idea)."""

    tip: Tip
    category: str
    because: tuple[Question, ...] = ()


def everything(_: Tip) -> bool:
    return True


def ranked(questions: Iterable[Question], answers: Mapping[str, int]) -> list[Question]:
    """Answered questions, weakest first (where each answer stands on its own scale, turned
    so that higher is better); ties keep the bank's order."""
    answered = [q for q in questions if q.id in answers]
    return sorted(answered, key=lambda q: q.standing(answers[q.id]))


def weak(questions: Iterable[Question], answers: Mapping[str, int]) -> list[Question]:
    """Answers not on the close side ("Sometimes" or less on the default scale; on a
    `higher_is: worse` area, its highest answers), weakest first."""
    return [q for q in ranked(questions, answers) if q.weak(answers[q.id])]


def strengths(questions: Iterable[Question], answers: Mapping[str, int]) -> list[Question]:
    """Statements answered on the close side (the top two fifths of the scale: keyed 3 or 4
    on 0-4), strongest first. Never a statement answered 'Sometimes' or lower, however the
    rest of the area went, nor a high answer where higher is worse."""
    answered = [q for q in questions if q.id in answers]
    close = [q for q in answered if q.strong(answers[q.id])]
    return sorted(close, key=lambda q: -q.standing(answers[q.id]))


def _idea(tip: Tip, category: str, weak_here: Sequence[Question]) -> Idea:
    return Idea(tip, category, tuple(q for q in weak_here if tip.addresses(q)))


def matching(
    questions: Sequence[Question],
    answers: Mapping[str, int],
    tips: Sequence[Tip],
    category: str,
    allowed: Allowed = everything,
) -> list[Idea]:
    """Every allowed tip that addresses one of the weak answers, in the order of the weakest
    answer it addresses (each tip once, with all the weak answers it addresses)."""
    weak_here = weak(questions, answers)
    ideas: list[Idea] = []
    used: set[str] = set()
    for question in weak_here:
        for tip in tips:
            if tip.id not in used and allowed(tip) and tip.addresses(question):
                used.add(tip.id)
                ideas.append(_idea(tip, category, weak_here))
    return ideas


def focus(
    areas: Sequence[tuple[str, Sequence[Question], Sequence[Tip]]],
    answers: Mapping[str, int],
    allowed: Allowed = everything,
    count: int = FOCUS_MAX,
) -> list[Idea]:
    """The one to three ideas to start with: for the weakest answers across all areas, one
    area at a time first (so the start is not all about one thing), then any.

    With no weak answers at all, one idea for the lowest answer keeps what is good going."""
    by_area = {cid: (qs, tips) for cid, qs, tips in areas}
    weak_all = sorted(
        ((q, cid) for cid, qs, _ in areas for q in weak(qs, answers)),
        key=lambda pair: pair[0].standing(answers[pair[0].id]),
    )
    chosen: list[Idea] = []
    used: set[str] = set()

    def pick(question: Question, cid: str) -> bool:
        questions, tips = by_area[cid]
        for tip in tips:
            if tip.id not in used and allowed(tip) and tip.addresses(question):
                used.add(tip.id)
                chosen.append(_idea(tip, cid, weak(questions, answers)))
                return True
        return False

    for one_per_area in (True, False):
        for question, cid in weak_all:
            if len(chosen) >= count:
                return chosen
            if one_per_area and any(i.category == cid for i in chosen):
                continue
            pick(question, cid)
    if not chosen:
        lowest = sorted(
            ((q, cid) for cid, qs, _ in areas for q in ranked(qs, answers)),
            key=lambda pair: pair[0].standing(answers[pair[0].id]),
        )
        for question, cid in lowest:
            tips = by_area[cid][1]
            tip = next((t for t in tips if allowed(t) and t.addresses(question)), None)
            if tip is not None:
                chosen.append(Idea(tip, cid, ()))
                break
    return chosen


def for_area(
    questions: Sequence[Question],
    answers: Mapping[str, int],
    tips: Sequence[Tip],
    category: str,
    *,
    exclude: set[str],
    allowed: Allowed = everything,
    count: int | None = AREA_MAX,
) -> list[Idea]:
    """Further ideas for one area, beyond the focus: those tied to its weak answers first,
    then (only while it has weak answers and none is tied) a general one. `count=None`
    gives every matching idea (`report --all`)."""
    ideas = [
        i for i in matching(questions, answers, tips, category, allowed) if i.tip.id not in exclude
    ]
    if not ideas and weak(questions, answers):
        general = [t for t in tips if t.general and allowed(t) and t.id not in exclude]
        ideas = [Idea(t, category, ()) for t in general[:1]]
    return ideas if count is None else ideas[:count]
