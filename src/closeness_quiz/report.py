"""One plain view of a result, built once and fed to every renderer (terminal, Markdown, HTML)."""

from __future__ import annotations

from typing import NamedTuple

from closeness_quiz import tailoring
from closeness_quiz.bank import Question
from closeness_quiz.guidance import Guidance
from closeness_quiz.results import Result
from closeness_quiz.scoring import Scores, score

SUGGESTIONS_BY_BAND_RANK = {0: 4}  # the lowest band gets four suggestions, others three


class ItemView(NamedTuple):
    id: str
    text: str
    answer: str
    keyed: int


class SuggestionView(NamedTuple):
    id: str
    text: str
    strategy: str
    because: ItemView | None


class CategoryView(NamedTuple):
    id: str
    title: str
    description: str
    score: float | None
    band: str | None
    band_label: str | None
    answered: int
    total: int
    summary: str | None
    strongest: ItemView | None
    weakest: ItemView | None
    suggestions: tuple[SuggestionView, ...]
    has_suggestions: bool  # the guidance has suggestions for this area


class ReportView(NamedTuple):
    title: str
    bank_id: str
    bank_version: int
    answers: dict[str, int]
    name: str | None
    taken_at: str
    overall: float | None
    overall_band: str | None
    overall_band_label: str | None
    categories: tuple[CategoryView, ...]
    not_diagnosis: str
    counselling: str | None


def build_report(result: Result, guidance: Guidance, scores: Scores | None = None) -> ReportView:
    """The report's content, worked out from the answers (`scores`, when the caller has just
    computed them). The private safety notice is never part of it: `take` shows that on its
    own, to the terminal only, so no export can carry it."""
    bank, answers = result.bank, result.answers
    scores = scores if scores is not None else score(bank, guidance, answers)

    def item(question: Question | None) -> ItemView | None:
        if question is None:
            return None
        value = answers[question.id]
        return ItemView(question.id, question.text, bank.label(value), question.keyed(value))

    views: list[CategoryView] = []
    for category in bank.categories:
        cat_score = scores.categories[category.id]
        questions = bank.questions_in(category.id)
        strongest, weakest = tailoring.strongest_and_weakest(questions, answers)
        advice = guidance.categories.get(category.id)
        band = guidance.band(cat_score.band) if cat_score.band else None
        suggestions: list[SuggestionView] = []
        if advice and band is not None and band != guidance.top_band:
            rank = guidance.bands.index(band)
            count = SUGGESTIONS_BY_BAND_RANK.get(rank, 3)
            for chosen in tailoring.choose(questions, answers, advice.suggestions, count=count):
                suggestions.append(
                    SuggestionView(
                        chosen.tip.id, chosen.tip.text, chosen.tip.strategy, item(chosen.question)
                    )
                )
        views.append(
            CategoryView(
                id=category.id,
                title=category.title,
                description=category.description,
                score=cat_score.score,
                band=cat_score.band,
                band_label=band.label if band else None,
                answered=cat_score.answered,
                total=cat_score.total,
                summary=advice.summaries.get(band.id) if advice and band else None,
                strongest=item(strongest),
                weakest=item(weakest),
                suggestions=tuple(suggestions),
                has_suggestions=advice is not None and bool(advice.suggestions),
            )
        )
    low = guidance.suggests_counselling(scores)
    overall_band = guidance.band(scores.overall_band) if scores.overall_band else None
    return ReportView(
        title=bank.title or "Closeness check-in",
        bank_id=bank.id,
        bank_version=bank.version,
        answers=dict(answers),
        name=result.name,
        taken_at=result.when,
        overall=scores.overall,
        overall_band=scores.overall_band,
        overall_band_label=overall_band.label if overall_band else None,
        categories=tuple(views),
        not_diagnosis=guidance.notes.not_diagnosis,
        counselling=guidance.notes.counselling if low else None,
    )
