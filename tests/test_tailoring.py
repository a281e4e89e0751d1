"""Suggestions follow the respondent's own weakest answers, not a generic list."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from closeness_quiz.bank import load_bank
from closeness_quiz.guidance import load_guidance
from closeness_quiz.report import build_report
from closeness_quiz.results import new_result
from closeness_quiz.scoring import score
from closeness_quiz.tailoring import choose, strongest_and_weakest
from tests.helpers import small_bank, small_guidance


def test_weakest_answer_gets_its_suggestion_first(tmp_path: Path) -> None:
    bank, guidance = small_bank(tmp_path), small_guidance(tmp_path)
    talk = bank.questions_in("talk")
    tips = guidance.categories["talk"].suggestions
    # talk-3 ("I feel heard") answered Never: the listening suggestion leads.
    chosen = choose(talk, {"talk-1": 2, "talk-2": 3, "talk-3": 0, "talk-4": 2}, tips)
    # weakest first: talk-3 (keyed 0), talk-2 (reverse: 4 - 3 = 1), then talk-1 (keyed 2)
    assert [c.tip.id for c in chosen] == ["listen", "share", "deeper"]
    assert chosen[0].question is not None and chosen[0].question.id == "talk-3"
    assert chosen[0].value == 0


def test_same_score_different_weak_points_different_suggestions(tmp_path: Path) -> None:
    bank, guidance = small_bank(tmp_path), small_guidance(tmp_path)
    talk = bank.questions_in("talk")
    tips = guidance.categories["talk"].suggestions
    a = {"talk-1": 0, "talk-2": 0, "talk-3": 4, "talk-4": 2}  # weak: surface talk
    b = {"talk-1": 4, "talk-2": 0, "talk-3": 0, "talk-4": 2}  # weak: not heard
    assert (
        score(bank, guidance, a).categories["talk"].score
        == score(bank, guidance, b).categories["talk"].score
    )
    first_a = choose(talk, a, tips)[0].tip.id
    first_b = choose(talk, b, tips)[0].tip.id
    assert (first_a, first_b) == ("deeper", "listen")


def test_general_suggestions_fill_when_no_weak_answers(tmp_path: Path) -> None:
    bank, guidance = small_bank(tmp_path), small_guidance(tmp_path)
    talk = bank.questions_in("talk")
    chosen = choose(
        talk, {"talk-1": 3, "talk-2": 1, "talk-3": 3}, guidance.categories["talk"].suggestions
    )
    assert len(chosen) == 2
    assert chosen[0].tip.id == "general" and chosen[0].question is None


def test_strongest_and_weakest_use_keyed_values(tmp_path: Path) -> None:
    bank = small_bank(tmp_path)
    talk = bank.questions_in("talk")
    strongest, weakest = strongest_and_weakest(talk, {"talk-1": 2, "talk-2": 4, "talk-4": 0})
    assert strongest is not None and strongest.id == "talk-4"  # reverse, answered Never
    assert weakest is not None and weakest.id == "talk-2"  # reverse, answered Almost always
    only, none = strongest_and_weakest(talk, {"talk-1": 2})
    assert only is not None and only.id == "talk-1" and none is None


def _view(answers: dict[str, int]):  # type: ignore[no-untyped-def]
    bank, guidance = load_bank(), load_guidance()
    from datetime import datetime

    result = new_result(bank, answers, name="Sam", taken_at=datetime(2026, 11, 22, tzinfo=UTC))
    return (
        build_report(result, guidance),
        bank,
        guidance,
    )


def test_default_content_report_tailors_each_weak_category() -> None:
    bank = load_bank()
    answers = {q.id: (0 if q.reverse else 4) for q in bank.questions}  # all strong...
    communication = bank.questions_in("communication")
    for q in communication:  # ...except communication, which is weak throughout
        answers[q.id] = 4 if q.reverse else 0
    view, _, guidance = _view(answers)
    by_id = {c.id: c for c in view.categories}
    assert by_id["communication"].band == "strained"
    assert len(by_id["communication"].suggestions) == 4
    assert all(s.because is not None for s in by_id["communication"].suggestions)
    for strong in ("affection", "trust", "time-together"):
        assert by_id[strong].band == guidance.top_band.id
        assert by_id[strong].suggestions == ()
    assert view.counselling == guidance.notes.counselling
    assert view.not_diagnosis == guidance.notes.not_diagnosis


def test_mixed_category_gets_two_to_four_suggestions_and_no_counselling_when_all_fine() -> None:
    bank = load_bank()
    answers = {q.id: (1 if q.reverse else 3) for q in bank.questions}
    trust = bank.questions_in("trust")
    answers[trust[0].id] = 4 if trust[0].reverse else 0
    answers[trust[1].id] = 3 if trust[1].reverse else 1
    view, _, _ = _view(answers)
    trust_view = next(c for c in view.categories if c.id == "trust")
    assert trust_view.band == "mixed"
    assert 2 <= len(trust_view.suggestions) <= 4
    assert trust_view.suggestions[0].because is not None
    assert trust_view.suggestions[0].because.id == trust[0].id
    assert view.counselling is None
