"""compare's pure logic: gaps, ordering, strengths, starters, missing answers, bank versions."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from closeness_quiz.compare.build import build_compare, display_names, gap_of
from closeness_quiz.compare.json_view import as_json
from closeness_quiz.compare.starters import MAX_STARTERS, MIN_STARTERS
from closeness_quiz.content.bank import Bank, parse_bank
from closeness_quiz.content.guidance import Guidance, parse_guidance
from closeness_quiz.errors import UserError
from closeness_quiz.store.results import Result, new_result

BANK = """\
id: pair
version: 1
title: Pair bank
scale:
  - {value: 0, label: Never}
  - {value: 1, label: Rarely}
  - {value: 2, label: Sometimes}
  - {value: 3, label: Often}
  - {value: 4, label: Almost always}
categories:
  - {id: talk, title: Talk, description: How we talk.}
  - {id: play, title: Play, description: How we have fun.}
questions:
  - {id: talk-1, category: talk, text: We talk about more than chores., sign: surface-talk}
  - {id: talk-2, category: talk, text: I keep worries to myself., reverse: true, sign: withholding}
  - {id: talk-3, category: talk, text: I feel heard., sign: not-heard}
  - {id: talk-4, category: talk, text: Arguments go round in circles., reverse: true, sign: unresolved-conflict}
  - {id: play-1, category: play, text: We laugh together., sign: routine}
  - {id: play-2, category: play, text: We try new things., sign: nothing-new}
  - {id: play-3, category: play, text: We make time for each other., sign: no-quality-time}
safety:
  - {id: safe-1, text: I feel afraid at home.}
"""

GUIDANCE = """\
version: 1
bands:
  - {id: low, label: Low, min: 0, counselling: true}
  - {id: middle, label: Middle, min: 50}
  - {id: high, label: High, min: 75}
notes:
  not_diagnosis: A conversation starter, not a diagnosis.
  counselling: A couples counsellor can help.
  safety_title: Safety first
  safety: Please reach out to someone trained to help.
categories:
  talk:
    summaries: {low: Hard., middle: Mixed., high: Flowing.}
    suggestions:
      - {id: listen, strategy: active-listening, signs: [not-heard], text: Listen for five minutes.}
    starters:
      - {id: t-general, strategy: daily-check-in, text: "How was today for you, really?"}
      - {id: t-heard, strategy: active-listening, signs: [not-heard], text: When do you feel most listened to?}
      - {id: t-deep, strategy: meaningful-questions, signs: [surface-talk], text: What is on your mind lately?}
      - {id: t-circles, strategy: repair, questions: [talk-4], text: Which argument would you like us to settle?}
  play:
    summaries: {low: Rare., middle: Some., high: Lots.}
    suggestions:
      - {id: new, strategy: new-together, signs: [nothing-new], text: Try a new class.}
    starters:
      - {id: p-new, strategy: new-together, signs: [nothing-new], text: What would you like us to try?}
      - {id: p-time, strategy: quality-time, signs: [no-quality-time], text: How would you spend a free afternoon?}
"""

WHEN = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    return parse_bank(BANK, tmp_path / "bank.yaml")


@pytest.fixture
def guidance(tmp_path: Path) -> Guidance:
    return parse_guidance(GUIDANCE, tmp_path / "guidance.yaml")


def make(
    bank: Bank,
    guidance: Guidance,
    answers: dict[str, int],
    *,
    name: str | None = None,
    path: str = "a.json",
) -> Result:
    return new_result(bank, answers, name=name, taken_at=WHEN)._replace(path=Path(path))


ALL_HIGH = {
    "talk-1": 4,
    "talk-2": 0,
    "talk-3": 4,
    "talk-4": 0,
    "play-1": 3,
    "play-2": 2,
    "play-3": 2,
}


def test_both_scores_bands_and_gap_per_area(bank: Bank, guidance: Guidance) -> None:
    a = make(bank, guidance, ALL_HIGH, name="Alex")
    # talk keyed 2,2,1,3 -> 50.0; play keyed 1,2,2 -> 41.7
    b_answers = {"talk-1": 2, "talk-2": 2, "talk-3": 1, "talk-4": 1, "play-1": 1, "play-2": 2}
    b_answers["play-3"] = 2
    b = make(bank, guidance, b_answers, name="Sam", path="b.json")
    view = build_compare(a, b, guidance)

    talk, play = view.categories
    assert (talk.id, talk.a, talk.b, talk.gap) == ("talk", 100.0, 50.0, 50.0)
    assert (talk.a_band_label, talk.b_band_label) == ("High", "Middle")
    # 7/12 and 5/12 of the way: 58.3 and 41.7; the gap is exact, not 16.599999...
    assert (play.a, play.b, play.gap) == (58.3, 41.7, 16.6)
    assert (play.a_band, play.b_band) == ("middle", "low")
    assert view.overall.a == 79.2 and view.overall.b == 45.9 and view.overall.gap == 33.3
    assert (view.a.label, view.b.label) == ("Alex", "Sam")


def test_an_unscored_area_has_no_gap(bank: Bank, guidance: Guidance) -> None:
    a = make(bank, guidance, {"talk-1": 4, "talk-3": 4, "play-1": 4})  # play: 1 of 3
    b = make(bank, guidance, {"talk-1": 1, "talk-3": 1, "play-1": 0, "play-2": 0}, path="b.json")
    view = build_compare(a, b, guidance)
    play = view.categories[1]
    assert play.a is None and play.b == 0.0 and play.gap is None
    assert as_json(view)["categories"]["play"] == {
        "title": "Play",
        "a": None,
        "b": 0.0,
        "gap": None,
        "a_band": None,
        "b_band": "low",
    }


def test_seen_differently_largest_gap_first_only_both_answered(
    bank: Bank, guidance: Guidance
) -> None:
    a = make(bank, guidance, {"talk-1": 4, "talk-2": 1, "talk-3": 4, "talk-4": 2, "play-1": 4})
    b = make(
        bank,
        guidance,
        {"talk-1": 2, "talk-2": 4, "talk-3": 0, "talk-4": 1, "play-2": 0},
        path="b.json",
    )
    view = build_compare(a, b, guidance)
    # gaps: talk-3 4, talk-2 3, talk-1 2; talk-4 is only 1 apart; play-1/play-2 answered by one
    assert [(i.id, i.gap) for i in view.items] == [("talk-3", 4), ("talk-2", 3), ("talk-1", 2)]
    first = view.items[0]
    assert (first.a, first.b, first.a_label, first.b_label) == (4, 0, "Almost always", "Never")
    assert first.category_title == "Talk"
    assert view.compared_questions == 4
    assert all(i["gap"] >= 2 for i in as_json(view)["items"])


def test_equal_gaps_keep_the_bank_order(bank: Bank, guidance: Guidance) -> None:
    a = make(bank, guidance, {"talk-1": 0, "talk-3": 4, "play-1": 4, "play-2": 0})
    b = make(bank, guidance, {"talk-1": 2, "talk-3": 2, "play-1": 2, "play-2": 2}, path="b.json")
    view = build_compare(a, b, guidance)
    assert [i.id for i in view.items] == ["talk-1", "talk-3", "play-1", "play-2"]


def test_shared_strengths_use_keyed_values(bank: Bank, guidance: Guidance) -> None:
    a = make(bank, guidance, {"talk-1": 4, "talk-2": 0, "talk-3": 3, "talk-4": 1, "play-1": 3})
    b = make(
        bank,
        guidance,
        {"talk-1": 3, "talk-2": 0, "talk-3": 2, "talk-4": 0, "play-1": 4},
        path="b.json",
    )
    view = build_compare(a, b, guidance)
    # talk-2 and talk-4 are reverse: "Never"/"Rarely" keeping worries to yourself is a strength.
    # talk-3 is not (Sam answered Sometimes). Both "Almost always" (talk-2) comes first, then
    # the rest in the bank's order.
    assert [i.id for i in view.strong_items] == ["talk-2", "talk-1", "talk-4", "play-1"]
    # talk: Alex keyed 4,4,3,3 = 87.5, Sam 3,4,2,4 = 81.3 -> both 75 or more
    assert [c.id for c in view.strong_areas] == ["talk"]
    assert as_json(view)["shared_strengths"]["categories"] == ["talk"]


def test_no_shared_strength_when_one_partner_is_low(bank: Bank, guidance: Guidance) -> None:
    a = make(bank, guidance, ALL_HIGH)
    b = make(bank, guidance, {"talk-1": 0, "talk-2": 4, "talk-3": 0, "talk-4": 4}, path="b.json")
    view = build_compare(a, b, guidance)
    assert view.strong_items == () and view.strong_areas == ()


def test_starters_address_the_questions_seen_most_differently(
    bank: Bank, guidance: Guidance
) -> None:
    a = make(bank, guidance, {"talk-1": 3, "talk-3": 4, "play-1": 3, "play-2": 4, "play-3": 3})
    b = make(
        bank,
        guidance,
        {"talk-1": 3, "talk-3": 0, "play-1": 3, "play-2": 1, "play-3": 3},
        path="b.json",
    )
    view = build_compare(a, b, guidance)
    assert [i.id for i in view.items] == ["talk-3", "play-2"]
    # t-heard addresses talk-3's sign (not-heard), p-new addresses play-2's (nothing-new);
    # t-general comes first in the file but addresses neither.
    assert [s.text for s in view.starters] == [
        "When do you feel most listened to?",
        "What would you like us to try?",
    ]
    assert view.starters[0].item is not None and view.starters[0].item.id == "talk-3"
    assert view.starters[0].strategy == "active-listening"
    assert as_json(view)["starters"][1] == {
        "text": "What would you like us to try?",
        "strategy": "new-together",
        "category": "play",
        "question": "play-2",
    }


def test_starters_are_never_more_than_three(bank: Bank, guidance: Guidance) -> None:
    a = make(bank, guidance, {"talk-1": 4, "talk-3": 4, "talk-4": 4, "play-2": 4, "play-3": 4})
    b = make(
        bank,
        guidance,
        {"talk-1": 0, "talk-3": 0, "talk-4": 0, "play-2": 0, "play-3": 0},
        path="b.json",
    )
    view = build_compare(a, b, guidance)
    assert len(view.items) == 5
    assert len(view.starters) == MAX_STARTERS
    assert len({s.text for s in view.starters}) == MAX_STARTERS


def test_without_differences_starters_follow_the_largest_area_gaps(
    bank: Bank, guidance: Guidance
) -> None:
    # Every answer is at most one step apart, but play differs more than talk overall.
    a = make(bank, guidance, {"talk-1": 3, "talk-3": 3, "play-1": 4, "play-2": 4, "play-3": 3})
    b = make(
        bank,
        guidance,
        {"talk-1": 3, "talk-3": 2, "play-1": 3, "play-2": 3, "play-3": 2},
        path="b.json",
    )
    view = build_compare(a, b, guidance)
    assert view.items == ()
    assert len(view.starters) == MIN_STARTERS
    first, second = view.starters
    assert first.area.id == "play" and first.item is None
    # within play, the starter for the differing question that comes first in the bank order
    assert first.text == "What would you like us to try?"
    assert second.area.id == "talk"
    assert second.text == "When do you feel most listened to?"  # talk-3 differs, talk-1 doesn't


def test_names_fall_back_and_never_collide(bank: Bank, guidance: Guidance) -> None:
    anon_a = make(bank, guidance, ALL_HIGH)
    anon_b = make(bank, guidance, ALL_HIGH, path="b.json")
    assert display_names(anon_a, anon_b) == ("Partner A", "Partner B")
    same_a = make(bank, guidance, ALL_HIGH, name="Robin")
    same_b = make(bank, guidance, ALL_HIGH, name="robin ", path="b.json")
    assert display_names(same_a, same_b) == ("Robin (A)", "robin (B)")
    view = build_compare(anon_a, make(bank, guidance, ALL_HIGH, name="Sam"), guidance)
    assert as_json(view)["a"]["name"] is None
    assert as_json(view)["a"]["label"] == "Partner A"
    assert as_json(view)["b"]["name"] == "Sam"


def test_contract_json_shape(bank: Bank, guidance: Guidance) -> None:
    a = make(bank, guidance, ALL_HIGH, name="Alex")
    b = make(bank, guidance, {**ALL_HIGH, "talk-3": 1}, name="Sam", path="b.json")
    data = json.loads(json.dumps(as_json(build_compare(a, b, guidance))))
    assert data["a"]["name"] == "Alex" and data["a"]["taken_at"] == "2026-11-22T10:00:00+00:00"
    assert data["b"]["name"] == "Sam"
    assert set(data["categories"]) == {"talk", "play"}
    # Sam's talk: keyed 4, 4, 1, 4 -> 81.3; the gap is |100.0 - 81.3| to one decimal
    assert data["categories"]["talk"] == {
        "title": "Talk",
        "a": 100.0,
        "b": 81.3,
        "gap": 18.7,
        "a_band": "high",
        "b_band": "high",
    }
    assert data["items"] == [
        {
            "id": "talk-3",
            "category": "talk",
            "text": "I feel heard.",
            "a": 4,
            "b": 1,
            "a_label": "Almost always",
            "b_label": "Rarely",
            "gap": 3,
            "about": "us",
        }
    ]


def test_counselling_note_when_either_partner_is_in_a_low_band(
    bank: Bank, guidance: Guidance
) -> None:
    high = make(bank, guidance, {"talk-1": 4, "talk-3": 4, "play-1": 4, "play-2": 4})
    low = make(bank, guidance, {"talk-1": 0, "talk-3": 0, "play-1": 4, "play-2": 4}, path="b.json")
    assert "counselling" not in [n.id for n in build_compare(high, high, guidance).notes]
    notes = {n.id: n.text for n in build_compare(high, low, guidance).notes}
    assert notes["counselling"] == "A couples counsellor can help."
    assert "resources" in notes
    assert notes["not_diagnosis"].startswith("A conversation starter")


def test_safety_answers_cannot_reach_the_comparison(bank: Bank, guidance: Guidance) -> None:
    a = make(bank, guidance, {**ALL_HIGH, "safe-1": 4})
    b = make(bank, guidance, ALL_HIGH, path="b.json")
    assert "safe-1" not in a.answers  # build_result keeps scored answers only
    text = json.dumps(as_json(build_compare(a, b, guidance)))
    assert "safe-1" not in text and "afraid" not in text


def other_version(bank: Bank, *, drop: str, add: bool, version: int) -> Bank:
    questions = tuple(q for q in bank.questions if q.id != drop)
    if add:
        extra = bank.questions[0]._replace(id="talk-5", text="We talk at bedtime.")
        questions += (extra,)
    return bank._replace(questions=questions, version=version, sha256="0" * 64)


def test_different_bank_versions_compare_shared_questions(bank: Bank, guidance: Guidance) -> None:
    newer = other_version(bank, drop="play-3", add=True, version=2)
    a = make(bank, guidance, {**ALL_HIGH, "play-3": 4})
    b = make(
        newer,
        guidance,
        {"talk-1": 4, "talk-2": 0, "talk-3": 4, "talk-4": 0, "talk-5": 0, "play-1": 3, "play-2": 0},
        path="b.json",
    )
    view = build_compare(a, b, guidance)
    assert view.bank_note is not None
    assert "version 1 and version 2" in view.bank_note
    assert "Only the 6 questions that appear in both are compared" in view.bank_note
    assert view.compared_questions == 6
    ids = {i.id for i in view.items}
    assert "talk-5" not in ids and "play-3" not in ids
    assert [i.id for i in view.items] == ["play-2"]
    # play is scored on the shared play-1 and play-2 only: Alex keyed 3,2 -> 62.5 (not 75.0)
    assert view.categories[1].a == 62.5
    assert as_json(view)["bank_note"] == view.bank_note


def test_same_questions_in_an_edited_bank_are_all_compared(bank: Bank, guidance: Guidance) -> None:
    edited = bank._replace(sha256="f" * 64)
    view = build_compare(make(bank, guidance, ALL_HIGH), make(edited, guidance, ALL_HIGH), guidance)
    assert view.bank_note is not None and "all of them are compared" in view.bank_note
    assert view.compared_questions == 7


def test_the_same_bank_needs_no_note(bank: Bank, guidance: Guidance) -> None:
    view = build_compare(make(bank, guidance, ALL_HIGH), make(bank, guidance, ALL_HIGH), guidance)
    assert view.bank_note is None


def test_results_from_different_questionnaires_are_refused(
    bank: Bank, guidance: Guidance, tmp_path: Path
) -> None:
    other_text = BANK.replace("id: pair", "id: other").replace("id: play,", "id: games,")
    other_text = other_text.replace("category: play", "category: games")
    other = parse_bank(other_text, tmp_path / "other.yaml")
    a = make(bank, guidance, ALL_HIGH, path="alex.json")
    b = make(other, guidance, {"talk-1": 2, "talk-3": 2}, path="sam.json")
    with pytest.raises(UserError) as caught:
        build_compare(a, b, guidance)
    message = str(caught.value)
    assert "alex.json" in message and "sam.json" in message
    assert "different questionnaires" in message
    assert "games" in message


def test_no_questions_in_common_is_refused(bank: Bank, guidance: Guidance) -> None:
    renamed = tuple(q._replace(id=q.id + "-x") for q in bank.questions)
    other = bank._replace(questions=renamed, version=2)
    a = make(bank, guidance, ALL_HIGH, path="alex.json")
    b = make(other, guidance, {"talk-1-x": 2, "talk-3-x": 2}, path="sam.json")
    with pytest.raises(UserError, match="no questions in common") as caught:
        build_compare(a, b, guidance)
    assert "alex.json" in str(caught.value) and "sam.json" in str(caught.value)


@pytest.mark.parametrize(
    ("a", "b", "gap"),
    [
        (62.5, 37.5, 25.0),
        (58.3, 41.7, 16.6),
        (0.1, 0.2, 0.1),
        (None, 50.0, None),
        (80.0, 80.0, 0.0),
    ],
)
def test_gap_is_exact_to_one_decimal(a: float | None, b: float | None, gap: float | None) -> None:
    assert gap_of(a, b) == gap


def test_an_area_exactly_at_the_close_side_is_a_shared_strength(
    bank: Bank, guidance: Guidance
) -> None:
    """75.0 is where the close side of 0-4 begins (3/4): exactly there counts, just below not."""
    at_start = {"talk-1": 3, "talk-2": 1, "talk-3": 3, "talk-4": 1}  # keyed 3, 3, 3, 3: 75.0
    just_below = {**at_start, "talk-1": 2}  # 68.8
    a = make(bank, guidance, at_start)
    view = build_compare(a, make(bank, guidance, at_start, path="b.json"), guidance)
    assert [(c.id, c.a, c.b, c.strong_at) for c in view.strong_areas] == [
        ("talk", 75.0, 75.0, "75 or more")
    ]
    view = build_compare(a, make(bank, guidance, just_below, path="b.json"), guidance)
    assert view.strong_areas == ()


def test_shared_strengths_order_by_the_lower_then_both_answers(
    bank: Bank, guidance: Guidance
) -> None:
    """Both "Almost always" first; then by the lower answer; then by the two together."""
    a = make(bank, guidance, {"talk-1": 3, "talk-3": 4, "play-1": 4, "play-2": 3, "play-3": 4})
    b = make(
        bank,
        guidance,
        {"talk-1": 3, "talk-3": 4, "play-1": 3, "play-2": 4, "play-3": 4},
        path="b.json",
    )
    view = build_compare(a, b, guidance)
    # talk-3 and play-3: 4 and 4; play-1 and play-2: 4 and 3 (bank order); talk-1: 3 and 3
    assert [i.id for i in view.strong_items] == ["talk-3", "play-3", "play-1", "play-2", "talk-1"]
