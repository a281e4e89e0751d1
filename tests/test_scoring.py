"""Scoring exactly as the contract says: keyed values, one decimal, null below half, mean overall."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closeness_quiz.content.scoring import category_score, ratio_half_up, score
from tests.helpers import small_bank, small_guidance


def test_reverse_items_count_as_four_minus_value(tmp_path: Path) -> None:
    bank, guidance = small_bank(tmp_path), small_guidance(tmp_path)
    # talk-2 and talk-4 are reverse: answering 4 ("Almost always") counts as 0.
    scores = score(bank, guidance, {"talk-1": 4, "talk-2": 4, "talk-3": 4, "talk-4": 4})
    assert scores.categories["talk"].score == 50.0
    scores = score(bank, guidance, {"talk-1": 4, "talk-2": 0, "talk-3": 4, "talk-4": 0})
    assert scores.categories["talk"].score == 100.0


def test_score_is_mean_over_four_times_100_rounded_to_one_decimal(tmp_path: Path) -> None:
    bank, guidance = small_bank(tmp_path), small_guidance(tmp_path)
    # keyed values 3, 1 (reverse 3), 3 -> mean 7/3 -> 58.333.. -> 58.3
    scores = score(bank, guidance, {"talk-1": 3, "talk-2": 3, "talk-3": 3})
    talk = scores.categories["talk"]
    assert (talk.score, talk.answered, talk.total) == (58.3, 3, 4)


def test_half_answered_is_scored_and_less_than_half_is_null(tmp_path: Path) -> None:
    bank, guidance = small_bank(tmp_path), small_guidance(tmp_path)
    half = score(bank, guidance, {"talk-1": 2, "talk-3": 4})
    assert half.categories["talk"].score == 75.0
    below = score(bank, guidance, {"talk-1": 2})
    assert below.categories["talk"].score is None
    assert below.categories["talk"].band is None
    assert below.categories["talk"].answered == 1


def test_overall_is_mean_of_existing_category_scores(tmp_path: Path) -> None:
    bank, guidance = small_bank(tmp_path), small_guidance(tmp_path)
    scores = score(bank, guidance, {"talk-1": 4, "talk-3": 4, "play-1": 1})
    assert scores.categories["talk"].score == 100.0
    assert scores.categories["play"].score == 25.0  # one of two answered: exactly half
    assert scores.overall == 62.5
    assert scores.overall_band == "middle"
    only_talk = score(bank, guidance, {"talk-1": 4, "talk-3": 3})
    assert only_talk.categories["play"].score is None
    assert only_talk.overall == only_talk.categories["talk"].score == 87.5


def test_no_answers_means_no_overall(tmp_path: Path) -> None:
    scores = score(small_bank(tmp_path), small_guidance(tmp_path), {})
    assert scores.overall is None and scores.overall_band is None


@pytest.mark.parametrize(
    ("value", "band"),
    [(0.0, "low"), (49.9, "low"), (50.0, "middle"), (74.9, "middle"), (75.0, "high")],
)
def test_bands_come_from_guidance_thresholds(tmp_path: Path, value: float, band: str) -> None:
    guidance = small_guidance(tmp_path)
    assert guidance.band_for(value).id == band


def test_rounding_is_half_up_and_exact() -> None:
    assert ratio_half_up(625, 100, 1) == 6.3  # 6.25 -> 6.3, not banker's 6.2
    assert ratio_half_up(-625, 100, 1) == -6.2  # halves go up, towards +infinity
    assert category_score([2, 2, 3], 3) == 58.3
    assert category_score([1, 2], 5) is None
    assert category_score([], 0) is None


@given(
    st.integers(-(10**6), 10**6),
    st.integers(1, 10**5),
    st.integers(0, 3),
)
def test_rounding_in_whole_numbers_is_the_exact_half_up(
    numerator: int, denominator: int, decimals: int
) -> None:
    exact = Fraction(numerator, denominator) * 10**decimals + Fraction(1, 2)
    assert ratio_half_up(numerator, denominator, decimals) == math.floor(exact) / 10**decimals


def test_a_bank_scored_with_two_guidance_files_gets_each_ones_bands(tmp_path: Path) -> None:
    """Scoring works out a bank's areas once per bank and guidance, never once per bank."""
    bank, guidance = small_bank(tmp_path), small_guidance(tmp_path)
    other = guidance._replace(bands=(guidance.bands[0]._replace(id="only", min=0),))
    answers = {"talk-1": 4, "talk-2": 0, "talk-3": 4, "talk-4": 0}
    assert score(bank, guidance, answers).categories["talk"].band != "only"
    assert score(bank, other, answers).categories["talk"].band == "only"
    assert score(bank, other, answers).overall_band == "only"
    assert score(bank, guidance, answers).overall_band != "only"


def test_scores_ignore_safety_and_unknown_ids(tmp_path: Path) -> None:
    bank, guidance = small_bank(tmp_path), small_guidance(tmp_path)
    plain = score(bank, guidance, {"talk-1": 3, "talk-3": 3})
    noisy = score(bank, guidance, {"talk-1": 3, "talk-3": 3, "safe-1": 4, "nope": 0})
    assert plain == noisy
