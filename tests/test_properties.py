"""Properties that must hold for every input (hypothesis): scores stay in range, reverse keying
mirrors exactly, and no text at all makes a loader fail with anything but the user-facing error."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.content.bank import Bank, Category, Question, load_bank, parse_bank
from closeness_quiz.content.guidance import load_guidance, parse_guidance
from closeness_quiz.content.scale import Choice
from closeness_quiz.content.scoring import Scores, score
from closeness_quiz.errors import UserError
from closeness_quiz.store.answers import load_answers
from closeness_quiz.store.results import read_result
from tests.helpers import SMALL_BANK, SMALL_GUIDANCE, build_result

GUIDANCE = load_guidance()
DEFAULT_BANK = load_bank()
SCALE = tuple(
    Choice(v, label)
    for v, label in enumerate(["Never", "Rarely", "Sometimes", "Often", "Almost always"])
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
runner = CliRunner()


@st.composite
def banks_and_answers(draw: st.DrawFn) -> tuple[Bank, dict[str, int]]:
    """A bank of 1-5 categories with 1-9 questions each, some reverse-keyed; any answers to it."""
    categories = tuple(Category(f"c{i}", f"Area {i}", "") for i in range(draw(st.integers(1, 5))))
    questions = tuple(
        Question(f"{c.id}-q{j}", c.id, f"Statement {j}", reverse=draw(st.booleans()))
        for c in categories
        for j in range(draw(st.integers(1, 9)))
    )
    bank = Bank("fuzz", 1, "Fuzz", "", SCALE, categories, questions, (), sha256="0" * 64)
    ids = [q.id for q in questions]
    answers = draw(st.dictionaries(st.sampled_from(ids), st.integers(0, 4), max_size=len(ids)))
    return bank, answers


def flipped(bank: Bank) -> Bank:
    return bank._replace(questions=tuple(q._replace(reverse=not q.reverse) for q in bank.questions))


def mirrored(answers: dict[str, int]) -> dict[str, int]:
    return {qid: 4 - value for qid, value in answers.items()}


def category_scores(scores: Scores) -> dict[str, float | None]:
    return {cid: c.score for cid, c in scores.categories.items()}


@FUZZ
@given(banks_and_answers())
def test_scores_are_always_within_0_to_100_or_none(case: tuple[Bank, dict[str, int]]) -> None:
    bank, answers = case
    scores = score(bank, GUIDANCE, answers)
    for category in bank.categories:
        result = scores.categories[category.id]
        total = len(bank.questions_in(category.id))
        assert result.total == total
        assert result.answered == sum(1 for q in bank.questions_in(category.id) if q.id in answers)
        if result.answered * 2 < total:
            assert result.score is None and result.band is None
        else:
            assert result.score is not None and 0 <= result.score <= 100
            assert Fraction(str(result.score)) * 10 == int(result.score * 10)  # one decimal place
            assert result.band is not None
    existing = [s for s in category_scores(scores).values() if s is not None]
    if existing:
        assert (
            scores.overall is not None
            and min(existing) - 0.05 <= scores.overall <= max(existing) + 0.05
        )
    else:
        assert scores.overall is None and scores.overall_band is None


@FUZZ
@given(banks_and_answers())
def test_reversing_answers_and_keys_together_changes_nothing(
    case: tuple[Bank, dict[str, int]],
) -> None:
    bank, answers = case
    assert score(flipped(bank), GUIDANCE, mirrored(answers)) == score(bank, GUIDANCE, answers)


@FUZZ
@given(banks_and_answers())
def test_reversing_every_answer_mirrors_every_score(case: tuple[Bank, dict[str, int]]) -> None:
    bank, answers = case
    before = score(bank, GUIDANCE, answers)
    after = score(bank, GUIDANCE, mirrored(answers))
    for cid, value in category_scores(before).items():
        other = after.categories[cid].score
        if value is None:
            assert other is None
        else:
            # Exactly 100 - score, except that an exact .x5 rounds up both ways (then 0.1 more).
            assert other is not None
            assert exact(other) - (100 - exact(value)) in (0, Fraction(1, 10))
    if before.overall is None:
        assert after.overall is None
    else:
        # The overall is a mean of rounded scores, rounded again: off by at most 0.2.
        assert after.overall is not None
        assert abs(exact(after.overall) - (100 - exact(before.overall))) <= Fraction(2, 10)


def exact(score: float) -> Fraction:
    return Fraction(str(score))


# --- Loading anything never fails with anything but UserError --------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-10, 10)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


def mutations(valid: str) -> st.SearchStrategy[str]:
    """The valid text cut short, with a slice removed, or with something pasted into it."""
    n = len(valid)
    cut = st.integers(0, n).map(lambda i: valid[:i])
    removed = st.tuples(st.integers(0, n), st.integers(0, 60)).map(
        lambda p: valid[: p[0]] + valid[p[0] + p[1] :]
    )
    pasted = st.tuples(st.integers(0, n), st.text(max_size=12)).map(
        lambda p: valid[: p[0]] + p[1] + valid[p[0] :]
    )
    return cut | removed | pasted


def any_text(valid: str, mapping_keys: list[str]) -> st.SearchStrategy[str]:
    """Arbitrary text, arbitrary YAML/JSON data, near-valid structures, and damaged valid files."""
    near = st.dictionaries(st.sampled_from(mapping_keys), json_values, max_size=len(mapping_keys))
    return (
        st.text(max_size=200)
        | json_values.map(json.dumps)
        | json_values.map(lambda v: yaml.safe_dump(v, allow_unicode=True))
        | near.map(lambda v: yaml.safe_dump(v, allow_unicode=True))
        | mutations(valid)
    )


@contextmanager
def written(text: str, name: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        yield path


def only_user_errors(load: Callable[[], Any]) -> None:
    try:
        load()
    except UserError as exc:
        assert str(exc)  # and it has something to say


def good_result() -> str:
    answers = {q.id: 2 for q in DEFAULT_BANK.questions}
    data = build_result(
        DEFAULT_BANK,
        answers,
        score(DEFAULT_BANK, GUIDANCE, answers),
        name="Alex",
        taken_at=datetime.fromisoformat("2026-03-01T10:00:00+00:00"),
    )
    return json.dumps(data, indent=1)


GOOD_RESULT = good_result()
RESULT_KEYS = list(json.loads(GOOD_RESULT))


@FUZZ
@given(
    any_text(SMALL_BANK, ["id", "version", "title", "scale", "categories", "questions", "safety"])
)
def test_any_text_as_a_bank_is_loaded_or_refused_clearly(text: str) -> None:
    only_user_errors(lambda: parse_bank(text, Path("bank.yaml")))


@FUZZ
@given(any_text(SMALL_GUIDANCE, ["version", "bands", "notes", "reflection", "categories"]))
def test_any_text_as_guidance_is_loaded_or_refused_clearly(text: str) -> None:
    only_user_errors(lambda: parse_guidance(text, Path("guidance.yaml")))


@FUZZ
@given(
    any_text(
        "communication-01: 3\ntrust-02: often\nsafety-01: never\n",
        ["communication-01", "answers", "trust-02"],
    )
)
def test_any_text_as_answers_is_loaded_or_refused_clearly(text: str) -> None:
    with written(text, "answers.yaml") as path:
        only_user_errors(lambda: load_answers(path, DEFAULT_BANK))


def result_variants() -> st.SearchStrategy[str]:
    """Good results with one or more fields replaced by arbitrary data, or damaged as text."""
    base = json.loads(GOOD_RESULT)
    changed = st.dictionaries(
        st.sampled_from(RESULT_KEYS), json_values, min_size=1, max_size=3
    ).map(lambda edits: json.dumps(base | edits))
    answer_edits = st.dictionaries(st.text(max_size=20), json_values, max_size=3).map(
        lambda edits: json.dumps(base | {"answers": base["answers"] | edits})
    )
    return changed | answer_edits | any_text(GOOD_RESULT, RESULT_KEYS)


@FUZZ
@given(result_variants())
def test_any_text_as_a_result_is_read_or_refused_clearly(text: str) -> None:
    with written(text, "result.json") as path:
        only_user_errors(lambda: read_result(path, lambda: DEFAULT_BANK))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(result_variants())
def test_report_on_any_result_exits_0_or_2_without_a_traceback(text: str) -> None:
    with written(text, "result.json") as path:
        result = runner.invoke(app, ["report", str(path), "--format", "json"])
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr, text[:300])
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code == 2:
        assert "result.json" in result.stderr


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    any_text(SMALL_BANK, ["id", "version", "title", "scale", "categories", "questions", "safety"])
)
def test_bank_validate_on_any_text_exits_0_or_2_without_a_traceback(text: str) -> None:
    with written(text, "bank.yaml") as path:
        result = runner.invoke(app, ["bank", "validate", str(path)])
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr, text[:300])
    assert "Traceback" not in result.stdout + result.stderr


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(result_variants())
def test_history_lists_any_file_as_a_result_or_as_skipped(text: str) -> None:
    from closeness_quiz.commands.history import load

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "good.json").write_text(GOOD_RESULT, encoding="utf-8")
        (Path(folder) / "fuzzed.json").write_text(text, encoding="utf-8")
        history = load(Path(folder), None)
    files = [row.file for row in history.rows] + [s.file for s in history.skipped]
    assert sorted(files) == ["fuzzed.json", "good.json"]
    assert "good.json" in [row.file for row in history.rows] or "good.json" in {
        s.file for s in history.skipped if s.problem.startswith("the same result as")
    }


# The quick paths of safe_text and lines (no regular expression for the usual text) must
# answer exactly as the plain definitions do, for any text: controls, bidi, surrogates,
# punctuation, box drawing, wide and combining characters.
TRICKY = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=0x2FF),
        st.characters(min_codepoint=0x10F0, max_codepoint=0x1110),
        st.characters(min_codepoint=0x1FF0, max_codepoint=0x2100),
        st.characters(min_codepoint=0x24F0, max_codepoint=0x2610),
        st.characters(min_codepoint=0xD7F0, max_codepoint=0xE010),
        st.sampled_from("\u3000\u4e00\ufeff\U0001f600\u0301 \xa0"),
        st.sampled_from("\n\t\r\x0b\x1b\x00\x7f\x85\x9f\u202e\u2066\u2069\ud800\udfff"),
    ),
    max_size=12,
)


@FUZZ
@given(TRICKY)
def test_cleaning_and_measuring_text_match_their_definitions(text: str) -> None:
    import re

    from rich.cells import cell_len

    from closeness_quiz.render.lines import measure
    from closeness_quiz.safe_text import clean, clean_line

    def escaped(chars: str) -> str:
        return re.sub(
            f"[{chars}\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]",
            lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}",
            text,
        )

    assert clean(text) == escaped("\x00-\x08\x0b-\x1f")
    assert clean_line(text) == escaped("\x00-\x1f")
    wide = re.search("[^\u0000-\u10ff\u2000-\u206f\u2500-\u25fc]", text)
    assert measure(text) is (cell_len if wide else len)


@FUZZ
@given(st.text())
def test_a_banks_fingerprint_is_sha256_of_its_text(text: str) -> None:
    """bank.py takes CPython's own SHA-256 where it can (quicker to load than hashlib's)."""
    import hashlib

    from closeness_quiz.content.bank import _sha256

    assert _sha256(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
