"""Checks on the default content: data/questions.yaml and data/guidance.yaml.

These guard what users and maintainers rely on: the bank and guidance load, every
warning sign is measured, every rebuild strategy is offered, each category can always
tailor its suggestions, and the wording stays inclusive.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from closeness_quiz.content.bank import Bank, default_bank_path, load_bank
from closeness_quiz.content.guidance import Guidance, default_guidance_path, load_guidance

# These mirror the sign catalogue (content/signs.md in the project's shared content):
# the warning-sign ids of each scored category, and the rebuild-strategy ids. Keep them
# in step with the catalogue when it changes.
CATALOGUE_SIGNS: dict[str, frozenset[str]] = {
    "communication": frozenset(
        {
            "hard-to-express",
            "not-heard",
            "surface-talk",
            "avoided-topics",
            "withholding",
            "stonewalling",
            "hostility",
            "unresolved-conflict",
            "irritability",
        }
    ),
    "affection": frozenset(
        {
            "less-affection",
            "little-touch",
            "taken-for-granted",
            "unappreciated",
            "few-gestures",
            "sex-life-distance",
        }
    ),
    "trust": frozenset(
        {
            "misunderstood",
            "fear-of-judgment",
            "hard-to-trust",
            "unrepaired-hurt",
            "resentment",
            "inconsistency",
            "insecure-attachment",
            "boundaries",
            "honesty",
        }
    ),
    "time-together": frozenset(
        {
            "lonely-together",
            "roommates",
            "parallel-lives",
            "no-quality-time",
            "routine",
            "stress-crowds-out",
            "nothing-new",
            "distractions",
        }
    ),
}
ALL_SIGNS = frozenset().union(*CATALOGUE_SIGNS.values())
CATALOGUE_STRATEGIES = frozenset(
    {
        "active-listening",
        "vulnerability",
        "empathetic-response",
        "meaningful-questions",
        "daily-check-in",
        "appreciation",
        "affectionate-touch",
        "small-gestures",
        "happy-memories",
        "consistency",
        "repair",
        "needs-boundaries",
        "quality-time",
        "new-together",
        "support-goals",
        "professional-help",
    }
)
CATEGORIES = ("communication", "affection", "trust", "time-together")
GENDERED = re.compile(
    r"\b(he|she|him|her|his|hers|husband|wife|boyfriend|girlfriend)\b", re.IGNORECASE
)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


@pytest.fixture(scope="module")
def guidance() -> Guidance:
    return load_guidance()


def _strings(node: Any) -> list[str]:
    """Every text value in a loaded YAML document."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


# --- loading ------------------------------------------------------------------------


def test_default_bank_and_guidance_load(bank: Bank, guidance: Guidance) -> None:
    assert bank.id == "closeness-default"
    assert bank.title and bank.description
    assert [c.value for c in bank.scale] == [0, 1, 2, 3, 4]
    assert guidance.bands[0].min == 0
    assert guidance.reflection


def test_exactly_the_four_categories_in_order(bank: Bank, guidance: Guidance) -> None:
    assert tuple(c.id for c in bank.categories) == CATEGORIES
    assert all(c.title and c.description for c in bank.categories)
    assert set(guidance.categories) == set(CATEGORIES)


# --- questions ----------------------------------------------------------------------


@pytest.mark.parametrize("category", CATEGORIES)
def test_each_category_has_eight_to_ten_questions_with_two_to_four_reverse_items(
    bank: Bank, category: str
) -> None:
    questions = bank.questions_in(category)
    assert 8 <= len(questions) <= 10
    assert 2 <= sum(q.reverse for q in questions) <= 4
    # reverse items are mixed in, not all bunched at the end
    assert not questions[0].reverse or not questions[-1].reverse


def test_every_catalogued_sign_is_measured_in_its_own_category(bank: Bank) -> None:
    for question in bank.questions:
        assert question.sign in ALL_SIGNS, f"{question.id} names unknown sign {question.sign!r}"
        assert question.sign in CATALOGUE_SIGNS[question.category], (
            f"{question.id}: sign {question.sign!r} belongs to another category"
        )
    measured = {q.sign for q in bank.questions}
    assert measured == ALL_SIGNS


def test_the_strongest_signs_rest_on_two_statements(bank: Bank) -> None:
    counts = Counter(q.sign for q in bank.questions)
    # one partner doing most of the talking, beside being listened to; affection each way;
    # a mismatch in desire beside unhappiness with sex; backing for one's goals; time made
    for sign in ("not-heard", "less-affection", "sex-life-distance", "misunderstood"):
        assert counts[sign] >= 2, sign
    assert counts["no-quality-time"] >= 2


def _old_banks() -> list[dict[str, Any]]:
    here = Path(__file__).parent / "data"
    return [
        yaml.safe_load((here / name).read_text(encoding="utf-8"))
        for name in ("questions-v1.yaml", "questions-v2.yaml")
    ]


def test_question_ids_are_unique_and_never_reused_for_another_meaning(bank: Bank) -> None:
    """Ids keep their meaning across bank versions: a rewritten statement gets a new number
    (so older results compare only on statements that mean the same), never a reused one."""
    ids = [q.id for q in bank.questions]
    assert len(ids) == len(set(ids))
    for category in CATEGORIES:
        numbered = [q.id for q in bank.questions_in(category)]
        assert all(re.fullmatch(rf"{category}-\d\d", i) for i in numbered)
    v1, v2 = _old_banks()
    # a statement kept from version 2 kept its words (version 2 kept v1 ids whose meaning stayed)
    texts = {q["id"]: q["text"] for q in v2["questions"]}
    for question in bank.questions:
        if question.id in texts:
            assert question.text == texts[question.id], question.id
    # an id v2 retired from v1 stays retired
    retired = {q["id"] for q in v1["questions"]} - {q["id"] for q in v2["questions"]}
    assert not retired & set(ids)


def test_bank_version_3_says_whose_behaviour_each_statement_describes(bank: Bank) -> None:
    assert bank.version == 3
    for category in CATEGORIES:
        abouts = {q.about for q in bank.questions_in(category)}
        assert abouts <= {"self", "partner", "us"} and len(abouts) >= 2, category


def test_reworded_double_barrelled_and_conditional_statements(bank: Bank) -> None:
    """The v2 review's findings: no statement asks two things at once where v2 did, every
    conditional stem can be answered "This hasn't come up", every statement about sex
    "Doesn't apply to us", and consent is a trust statement, marked critical."""
    ids = {q.id for q in bank.questions}
    for gone in ("affection-01", "affection-11", "affection-12", "time-together-01",
                 "communication-02", "communication-04", "communication-08", "trust-03",
                 "trust-11", "trust-12", "time-together-09", "time-together-11",
                 "time-together-12"):  # fmt: skip
        assert gone not in ids, gone
    for question in bank.questions:
        if question.text.startswith(("When ", "If ")):
            assert question.not_applicable == "This hasn't come up", question.id
        if re.search(r"\bsex", question.text):
            assert question.not_applicable == "Doesn't apply to us", question.id
    consent = bank.question("trust-15")
    assert consent is not None and consent.category == "trust" and consent.critical == 2
    respect = bank.question("communication-11")
    assert respect is not None and respect.critical == 1
    assert {q.id for q in bank.questions if q.critical is not None} == {
        "trust-15",
        "communication-11",
    }


def test_pairs_mirror_each_other(bank: Bank) -> None:
    """A partner statement and the self statement it is paired with say the same thing the
    other way round, so that "in each other's words" never sets opposite views side by side."""
    pairs = {q.id: q.pair for q in bank.questions if q.pair}
    assert pairs == {"affection-13": "affection-14", "affection-02": "affection-08"}


def test_reverse_items_state_the_sign_plainly(bank: Bank) -> None:
    for question in bank.questions:
        text = question.text
        assert text.endswith((".", "?")), question.id
        assert len(text.split()) <= 20, f"{question.id} is long"
        if question.reverse:
            assert not text.startswith(("I don't", "I do not")), question.id
            assert "n't " not in text, question.id


HIGHEST_RISK = ("afraid", "physically", "threatened", "followed", "choked", "sexual")


def test_a_private_screen_of_single_behaviours(bank: Bank) -> None:
    assert 9 <= len(bank.safety) <= 14
    texts = [s.text.casefold() for s in bank.safety]
    for covered in ("afraid", "physically", "insult", "money", "friends", "sexual",
                    "choked or strangled", "kill", "weapon", "followed", "children or my pets"):  # fmt: skip
        assert any(covered in t for t in texts), covered
    for safety, text in zip(bank.safety, texts, strict=True):
        # choking is asked about at any time ever: it is the strongest warning sign of all
        assert text.startswith("at any time ever" if "choked" in text else "in the past year")
        # the highest-risk ones signal on any answer but Never, the others from Sometimes
        assert safety.signal_at == (1 if any(w in text for w in HIGHEST_RISK) else 2), text
    ids = [s.id for s in bank.safety]
    assert len(ids) == len(set(ids))
    assert not set(ids) & {q.id for q in bank.questions}
    # the first screening question (fear) signals on any answer but Never
    assert bank.safety[0].signal_at == 1
    assert bank.safety_together == (1, 2)


def test_the_screens_thresholds(bank: Bank) -> None:
    """Any "Rarely" on a highest-risk statement signals; one "Rarely" on a lower one does
    not, two together do, and one "Sometimes" on a lower one does."""
    lower = [s.id for s in bank.safety if s.signal_at == 2]
    highest = [s.id for s in bank.safety if s.signal_at == 1]
    assert len(lower) >= 2 and len(highest) >= 7
    assert not bank.safety_signalled({})
    assert not bank.safety_signalled({s.id: 0 for s in bank.safety})
    for one in highest:
        assert bank.safety_signalled({one: 1}), one
    for one in lower:
        assert not bank.safety_signalled({one: 1}), one
        assert bank.safety_signalled({one: 2}), one
    for i, one in enumerate(lower):
        for other in lower[i + 1 :]:
            assert bank.safety_signalled({one: 1, other: 1}), (one, other)
    assert not bank.safety_signalled({lower[0]: 1, lower[1]: 0})


# --- guidance -----------------------------------------------------------------------


def test_every_category_has_summaries_suggestions_and_starters(guidance: Guidance) -> None:
    band_ids = {b.id for b in guidance.bands}
    for category in CATEGORIES:
        body = guidance.categories[category]
        assert set(body.summaries) == band_ids, category
        assert all(text.strip() for text in body.summaries.values())
        assert len(body.suggestions) >= 2, category
        assert len(body.starters) >= 2, category


def test_lowest_band_points_to_counselling(guidance: Guidance) -> None:
    assert guidance.bands[0].counselling
    assert guidance.notes.counselling and guidance.notes.not_diagnosis
    assert guidance.notes.safety_title and guidance.notes.safety
    assert guidance.notes.individual_support and guidance.notes.resources
    # "if you are afraid, start with support for yourself", even in the couples note
    assert "afraid" in guidance.notes.counselling
    # the private notice names concrete places to turn, whatever the number of statements
    notice = guidance.notes.safety
    for place in ("1-800-799-7233", "0808 2000 247", "1800 737 732", "findahelpline.com"):
        assert place in notice
    assert "emergency" in notice and "this question" not in notice
    assert "share or compare" in notice


def test_every_strategy_is_used_by_a_suggestion(guidance: Guidance) -> None:
    used = {s.strategy for body in guidance.categories.values() for s in body.suggestions}
    assert used == CATALOGUE_STRATEGIES
    assert "professional-help" in used


def test_tips_name_only_catalogued_ids(guidance: Guidance) -> None:
    for category, body in guidance.categories.items():
        for tip in (*body.suggestions, *body.starters):
            where = f"{category}/{tip.id}"
            assert tip.strategy in CATALOGUE_STRATEGIES, where
            # tied to signs, or (for ideas that fit only some statements of a sign) to statements
            assert tip.signs or tip.questions, f"{where} names no signs or statements"
            assert tip.signs <= ALL_SIGNS, f"{where}: {sorted(tip.signs - ALL_SIGNS)}"


def test_suggestion_ids_and_texts_are_distinct(guidance: Guidance) -> None:
    for body in guidance.categories.values():
        ids = [t.id for t in (*body.suggestions, *body.starters)]
        assert len(ids) == len(set(ids))
    texts = Counter(
        t.text for body in guidance.categories.values() for t in (*body.suggestions, *body.starters)
    )
    assert max(texts.values()) == 1


@pytest.mark.parametrize("category", CATEGORIES)
def test_each_sign_of_a_category_is_addressed_there(guidance: Guidance, category: str) -> None:
    addressed = {sign for s in guidance.categories[category].suggestions for sign in s.signs}
    missing = CATALOGUE_SIGNS[category] - addressed
    assert not missing, f"{category}: no suggestion for {sorted(missing)}"


def test_each_question_has_a_tailored_suggestion(bank: Bank, guidance: Guidance) -> None:
    for question in bank.questions:
        tips = guidance.categories[question.category].suggestions
        assert any(t.addresses(question) for t in tips), question.id


# --- wording ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", [default_bank_path(), default_guidance_path()], ids=["bank", "guidance"]
)
def test_no_gendered_words(path: Path) -> None:
    texts = _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert texts
    found = [(m.group(0), t) for t in texts for m in [GENDERED.search(t)] if m]
    assert not found, found


def test_the_default_bank_marks_five_to_eight_checkin_statements_one_per_area_at_least() -> None:
    bank = load_bank()
    marked = [q for q in bank.questions if q.checkin]
    assert 5 <= len(marked) <= 8
    assert {q.category for q in marked} == {c.id for c in bank.categories}


def test_a_ninth_checkin_mark_is_refused_with_its_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from closeness_quiz.cli import app
    from tests.helpers import SMALL_BANK

    extra = "".join(
        f"  - {{id: more-{n}, category: talk, text: Statement {n}., checkin: true}}\n"
        for n in range(1, 10)
    )
    text = SMALL_BANK.replace("safety:\n", extra + "safety:\n")
    (tmp_path / "bank.yaml").write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(x for x in text.splitlines() if "more-9" in x)) + 1
    done = CliRunner().invoke(app, ["bank", "validate", str(tmp_path / "bank.yaml")])
    assert done.exit_code == 2
    assert f"line {line}" in done.stderr and "at most 8 statements" in done.stderr
    assert "more-8" not in done.stderr


def test_the_default_bank_id_constant_is_the_packaged_banks_id() -> None:
    from closeness_quiz.content.bank import DEFAULT_BANK_ID

    assert load_bank().id == DEFAULT_BANK_ID
