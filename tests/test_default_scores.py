"""The default bank scores exactly as before banks could carry their own scales and scoring.

Every number below was computed with the code as it stood before scales (commit 93affa8)
and is hard-coded here as the reference: a change that moves any of them, to the tenth, or
any band, or which statements count as strengths and weak points, fails.

The reference is the version-2 default bank and guidance, kept as they were in tests/data
(questions-v2.yaml, guidance-v2.yaml): the default content moved to version 3 on purpose,
while the scoring these numbers pin must not move for any bank."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from closeness_quiz.content.bank import Bank
from closeness_quiz.content.bank import load_bank as load_any_bank
from closeness_quiz.content.guidance import Guidance
from closeness_quiz.content.guidance import load_guidance as load_any_guidance
from closeness_quiz.content.scoring import score
from closeness_quiz.report.view import build_report
from closeness_quiz.store.results import new_result

CATS = ("communication", "affection", "trust", "time-together")
DATA = Path(__file__).parent / "data"


def load_bank() -> Bank:
    """The default bank as it was at version 2."""
    return load_any_bank(DATA / "questions-v2.yaml", require_signs=True)


def load_guidance(banks: list[Bank]) -> Guidance:
    """The default guidance as it was at version 2."""
    return load_any_guidance(DATA / "guidance-v2.yaml", banks=banks)


def pattern(bank: Bank, k: int) -> dict[str, int]:
    """Answer pattern k: all Never, all Almost always, all Sometimes, then values cycling
    through the scale at different strides (every third pattern with some questions skipped)."""
    out: dict[str, int] = {}
    for i, question in enumerate(bank.questions):
        if k in (0, 1, 2):
            out[question.id] = (0, 4, 2)[k]
            continue
        if (i * (k + 1)) % (k + 2) == 0 and k % 3 == 0:
            continue
        out[question.id] = (i * k + k // 2) % 5
    return out


def first_n(bank: Bank, n: int, value: int) -> dict[str, int]:
    """The first n questions of every area answered `value`, the rest skipped."""
    return {q.id: value for c in CATS for q in bank.questions_in(c)[:n]}


S, M, T = "strong", "mixed", "strained"
PATTERNS = [
    (0, (44.4, T), (33.3, T), (33.3, T), (50.0, M), (40.3, T)),
    (1, (55.6, M), (66.7, M), (66.7, M), (50.0, M), (59.8, M)),
    (2, (50.0, M), (50.0, M), (50.0, M), (50.0, M), (50.0, M)),
    (3, (60.7, M), (64.3, M), (50.0, M), (50.0, M), (56.3, M)),
    (4, (25.0, T), (55.6, M), (44.4, T), (28.1, T), (38.3, T)),
    (5, (50.0, M), (50.0, M), (50.0, M), (50.0, M), (50.0, M)),
    (6, (42.9, T), (46.9, T), (50.0, M), (46.4, T), (46.6, T)),
    (7, (47.2, T), (33.3, T), (55.6, M), (46.9, T), (45.8, T)),
    (8, (47.2, T), (36.1, T), (55.6, M), (37.5, T), (44.1, T)),
    (9, (68.8, M), (25.0, T), (62.5, M), (64.3, M), (55.2, M)),
    (10, (44.4, T), (33.3, T), (33.3, T), (50.0, M), (40.3, T)),
    (11, (27.8, T), (69.4, M), (38.9, T), (40.6, T), (44.2, T)),
    (12, (28.1, T), (68.8, M), (38.9, T), (28.6, T), (41.1, T)),
    (13, (52.8, M), (66.7, M), (44.4, T), (53.1, M), (54.3, M)),
]


@pytest.mark.parametrize(("k", "comm", "aff", "trust", "time", "overall"), PATTERNS)
def test_default_bank_scores_as_before(
    k: int,
    comm: tuple[float, str],
    aff: tuple[float, str],
    trust: tuple[float, str],
    time: tuple[float, str],
    overall: tuple[float, str],
) -> None:
    bank = load_bank()
    scores = score(bank, load_guidance(banks=[bank]), pattern(bank, k))
    got = {c: (scores.categories[c].score, scores.categories[c].band) for c in CATS}
    assert got == dict(zip(CATS, (comm, aff, trust, time), strict=True))
    assert (scores.overall, scores.overall_band) == overall


@pytest.mark.parametrize(
    ("n", "value", "expected", "overall"),
    [
        (2, 4, [(None, None, 2, 9)] * 3 + [(None, None, 2, 8)], (None, None)),
        (4, 2, [(None, None, 4, 9)] * 3 + [(50.0, M, 4, 8)], (50.0, M)),
        (
            5,
            3,
            [(45.0, T, 5, 9), (65.0, M, 5, 9), (55.0, M, 5, 9), (45.0, T, 5, 8)],
            (52.5, M),
        ),
        (
            6,
            1,
            [(50.0, M, 6, 9), (33.3, T, 6, 9), (41.7, T, 6, 9), (50.0, M, 6, 8)],
            (43.8, T),
        ),
    ],
)
def test_default_bank_skipped_questions_as_before(
    n: int,
    value: int,
    expected: list[tuple[float | None, str | None, int, int]],
    overall: tuple[float | None, str | None],
) -> None:
    bank = load_bank()
    scores = score(bank, load_guidance(banks=[bank]), first_n(bank, n, value))
    got = [tuple(scores.categories[c])[1:5] for c in CATS]
    assert got == expected
    assert (scores.overall, scores.overall_band) == overall


@pytest.mark.parametrize(
    ("k", "areas", "focus"),
    [
        (
            3,
            [(3, 4, 5), (4, 3, 6), (3, 4, 4), (2, 5, 6)],
            ["resentment-into-request", "what-closeness-looks-like", "beyond-logistics"],
        ),
        (
            4,
            [(1, 8, 6), (4, 5, 3), (3, 6, 8), (1, 7, 7)],
            ["ask-to-be-heard", "protected-time", "ask-for-understanding"],
        ),
        (
            9,
            [(5, 3, 4), (1, 7, 7), (5, 3, 5), (4, 3, 4)],
            ["touch-that-feels-good", "your-own-sense", "what-closeness-looks-like"],
        ),
        (
            13,
            [(3, 6, 6), (6, 3, 6), (3, 6, 6), (3, 5, 6)],
            ["resentment-into-request", "beyond-logistics", "what-closeness-looks-like"],
        ),
    ],
)
def test_default_bank_strengths_weak_points_and_ideas_as_before(
    k: int, areas: list[tuple[int, int, int]], focus: list[str]
) -> None:
    """How many statements count as going well and as hardest, how many ideas each area
    offers, and the "Start here" ideas: the close side and weak points unchanged. (Without
    the `critical` marks, which came later and on purpose make a report with a critical
    answer on the far side one for oneself alone: see test_private_life.py.)"""
    marked = load_bank()
    bank = marked._replace(questions=tuple(q._replace(critical=None) for q in marked.questions))
    taken = datetime(2026, 1, 1, tzinfo=UTC)
    result = new_result(bank, pattern(bank, k), name=None, taken_at=taken)
    view = build_report(result, load_guidance(banks=[bank]))
    got = {c.id: (len(c.strengths), len(c.hardest), len(c.all_ideas)) for c in view.categories}
    assert got == dict(zip(CATS, areas, strict=True))
    assert [i.id for i in view.focus] == focus
