"""`bank validate` and loading custom content: every problem reported at once, one per line,
naming the file, the line, the question id and field, and what is wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.errors import UserError, ValidationError
from tests.conftest import ROOT

runner = CliRunner()

# Line numbers matter: the tests below assert them.
BANK = """\
id: test-bank
version: 1
title: Test bank
scale:
  - {value: 0, label: Never}
  - {value: 1, label: Rarely}
  - {value: 2, label: Sometimes}
  - {value: 3, label: Often}
  - {value: 4, label: Almost always}
categories:
  - id: teamwork
    title: Teamwork
  - id: fun
    title: Fun
questions:
  - id: teamwork-01
    category: teamwork
    text: We share the jobs at home.
  - id: teamwork-02
    category: teamwork
    reverse: true
    text: I do more than my share.
  - id: fun-01
    category: fun
    text: We laugh together.
"""

GUIDANCE = """\
version: 1
bands:
  - {id: low, label: Low, min: 0, counselling: true}
  - {id: high, label: High, min: 60}
notes:
  not_diagnosis: Not a diagnosis.
  counselling: A counsellor can help.
  safety_title: Your safety first
  safety: Reach out in confidence.
reflection:
  - What would you like more of?
categories:
  teamwork:
    summaries: {low: Hard now., high: Going well.}
    suggestions:
      - id: plan
        questions: [teamwork-01]
        text: Plan the week together.
  fun:
    suggestions:
      - {id: play, text: Play a game.}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def validate(*paths: Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["bank", "validate", *map(str, paths)])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def problems_of(tmp_path: Path, text: str, name: str = "bank.yaml") -> tuple[Path, list[str]]:
    """Validate one file that must fail; return its path and its problem lines."""
    path = write(tmp_path, name, text)
    code, out, err = validate(path)
    assert code == 2, out + err
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith(f"closeness-quiz: error: {path}")
    return path, [line.strip() for line in lines]


# --- valid files ------------------------------------------------------------------------


def test_a_valid_bank_says_ok_with_its_counts(tmp_path: Path) -> None:
    path = write(tmp_path, "bank.yaml", BANK)
    code, out, err = validate(path)
    assert code == 0, err
    assert out == f"{path}: OK (3 questions in 2 categories; 1 reverse-keyed)\n"
    assert err == ""


def test_a_valid_guidance_file_with_its_bank_is_cross_checked_and_ok(tmp_path: Path) -> None:
    bank = write(tmp_path, "bank.yaml", BANK)
    guidance = write(tmp_path, "guidance.yaml", GUIDANCE)
    code, out, err = validate(bank, guidance)
    assert code == 0, err
    assert out.splitlines() == [
        f"{bank}: OK (3 questions in 2 categories; 1 reverse-keyed)",
        f"{guidance}: OK (guidance: bands Low from 0, High from 60; suggestions for 2 "
        "categories; 1 reflection questions)",
    ]


def test_the_default_content_is_valid() -> None:
    code, out, err = validate(ROOT / "data" / "questions.yaml", ROOT / "data" / "guidance.yaml")
    assert code == 0, err
    assert "OK (39 questions in 4 categories" in out
    assert "13 private safety questions" in out
    assert "note:" not in out


def test_a_bank_category_without_guidance_is_a_note_not_an_error(tmp_path: Path) -> None:
    bank = write(tmp_path, "bank.yaml", BANK)
    guidance = write(tmp_path, "guidance.yaml", GUIDANCE.split("  fun:\n")[0])
    code, out, err = validate(bank, guidance)
    assert code == 0, err
    assert (
        f"{guidance}: note: the category 'fun' of {bank} has no guidance here; its score will "
        "be shown, with a line saying no suggestions are available."
    ) in out.splitlines()


# --- question bank problems -------------------------------------------------------------


def test_duplicate_question_id(tmp_path: Path) -> None:
    path, lines = problems_of(tmp_path, BANK.replace("id: fun-01", "id: teamwork-01"))
    assert lines == [
        f"closeness-quiz: error: {path}, line 23: questions[3] 'teamwork-01': "
        "duplicate id (first used at line 16)."
    ]


def test_duplicate_category_id(tmp_path: Path) -> None:
    text = BANK.replace("  - id: fun\n    title: Fun\n", "  - id: teamwork\n    title: Again\n")
    text = text.replace("category: fun", "category: teamwork")
    path, lines = problems_of(tmp_path, text)
    assert lines == [
        f"closeness-quiz: error: {path}, line 13: categories[2] 'teamwork': "
        "duplicate id (first used at line 11)."
    ]


def test_unknown_category_suggests_the_close_one(tmp_path: Path) -> None:
    path, lines = problems_of(tmp_path, BANK.replace("category: fun", "category: fnu"))
    # One problem, not a second one saying 'fun' has no questions: that follows from the typo.
    assert lines == [
        f"closeness-quiz: error: {path}, line 24: question 'fun-01', category: unknown "
        "category 'fnu'. Did you mean 'fun'? The categories are: teamwork, fun."
    ]


def test_missing_text(tmp_path: Path) -> None:
    path, lines = problems_of(tmp_path, BANK.replace("    text: We laugh together.\n", ""))
    assert lines == [
        f"closeness-quiz: error: {path}, line 23: question 'fun-01', text: is missing or empty."
    ]


def test_empty_text(tmp_path: Path) -> None:
    _, lines = problems_of(tmp_path, BANK.replace("text: We laugh together.", 'text: "  "'))
    assert lines[-1].endswith("question 'fun-01', text: is missing or empty.")


def test_scale_with_one_choice_or_twelve(tmp_path: Path) -> None:
    one = BANK.replace(BANK[BANK.index("  - {value: 1") : BANK.index("categories:")], "")
    path, lines = problems_of(tmp_path, one)
    assert lines == [
        f"closeness-quiz: error: {path}, line 4: scale: has 1 choice; a scale needs from 2 to "
        "11, each with a whole-number value and a label."
    ]
    more = "".join(f"  - {{value: {v}, label: L{v}}}\n" for v in range(5, 12))
    path, lines = problems_of(tmp_path, BANK.replace("categories:\n", more + "categories:\n"))
    assert lines[-1].endswith("scale: has 12 choices; a scale needs from 2 to 11, each with a "
                              "whole-number value and a label.")  # fmt: skip


def test_four_choices_or_seven_from_one_are_a_scale(tmp_path: Path) -> None:
    four = BANK.replace("  - {value: 4, label: Almost always}\n", "")
    assert validate(write(tmp_path, "four.yaml", four))[0] == 0
    seven = "".join(f"  - {{value: {v}, label: L{v}}}\n" for v in range(1, 8))
    start, end = BANK.index("  - {value: 0"), BANK.index("categories:")
    assert validate(write(tmp_path, "seven.yaml", BANK[:start] + seven + BANK[end:]))[0] == 0


def test_scale_with_a_repeated_value(tmp_path: Path) -> None:
    path, lines = problems_of(tmp_path, BANK.replace("{value: 4,", "{value: 3,"))
    assert lines == [
        f"closeness-quiz: error: {path}, line 4: scale: the values must be different and in "
        "ascending order, lowest first (found 0, 1, 2, 3, 3)."
    ]


def test_scale_values_out_of_order(tmp_path: Path) -> None:
    path, lines = problems_of(tmp_path, BANK.replace("{value: 4,", "{value: -1,"))
    assert lines == [
        f"closeness-quiz: error: {path}, line 4: scale: the values must be different and in "
        "ascending order, lowest first (found 0, 1, 2, 3, -1)."
    ]


def test_a_label_that_reads_as_another_value_is_refused(tmp_path: Path) -> None:
    """Labels "1".."5" on the values 0..4: an answer 4 and an answer "4" would differ."""
    text = BANK
    for value, word in enumerate(("Never", "Rarely", "Sometimes", "Often", "Almost always")):
        text = text.replace(
            f"{{value: {value}, label: {word}}}", f'{{value: {value}, label: "{value + 1}"}}'
        )
    path, lines = problems_of(tmp_path, text)
    assert lines[0] == f"closeness-quiz: error: {path} has 5 problems:"
    assert lines[1] == (
        f"{path}, line 5: scale[1].label: '1' reads as the number 1, but this choice's value "
        "is 0: an answer 1 would then mean another choice than '1'. Give each choice the value "
        "its label says, or a label in words."
    )
    same = BANK
    for value, word in enumerate(("Never", "Rarely", "Sometimes", "Often", "Almost always")):
        same = same.replace(
            f"{{value: {value}, label: {word}}}", f'{{value: {value}, label: "{value}"}}'
        )
    assert validate(write(tmp_path, "same.yaml", same))[0] == 0


def test_scale_with_a_repeated_label_and_a_missing_label(tmp_path: Path) -> None:
    text = BANK.replace("label: Almost always", "label: often").replace(", label: Never", "")
    path, lines = problems_of(tmp_path, text)
    assert lines == [
        f"closeness-quiz: error: {path} has 2 problems:",
        f"{path}, line 4: scale: two choices have the same label.",
        f"{path}, line 5: scale[1].label: is missing or empty.",
    ]


def test_missing_scale(tmp_path: Path) -> None:
    text = BANK.split("scale:\n")[0] + "categories:\n" + BANK.split("categories:\n")[1]
    path, lines = problems_of(tmp_path, text)
    assert lines == [
        f"closeness-quiz: error: {path}, line 1: scale: is missing: give 2 to 11 answer "
        "choices, each with a whole-number value and a label."
    ]


def test_category_with_no_questions(tmp_path: Path) -> None:
    text = BANK.replace(
        "  - id: fun\n    title: Fun\n",
        "  - id: fun\n    title: Fun\n  - id: calm\n    title: Calm\n",
    )
    path, lines = problems_of(tmp_path, text)
    assert lines == [
        f"closeness-quiz: error: {path}, line 15: category 'calm': has no questions: add at "
        "least one, or remove the category."
    ]


def test_unknown_key_that_looks_like_a_typo(tmp_path: Path) -> None:
    # 'txt' is reported once, as a typo of 'text', not again as "text is missing".
    path, lines = problems_of(tmp_path, BANK.replace("text: We laugh", "txt: We laugh"))
    assert lines == [
        f"closeness-quiz: error: {path}, line 25: question 'fun-01': unknown key 'txt'. "
        "Did you mean 'text'?"
    ]


def test_unknown_top_level_key_typo_and_unlike_anything(tmp_path: Path) -> None:
    text = BANK.replace("title: Test bank", "titel: Test bank") + "colour: blue\n"
    path, lines = problems_of(tmp_path, text)
    assert lines[1:] == [
        f"{path}, line 3: unknown key 'titel'. Did you mean 'title'?",
        f"{path}, line 26: unknown key 'colour'. The keys allowed here are: id, version, title, "
        "description, scale, scales, scoring, categories, questions, safety, reliability, "
        "safety_together.",
    ]


def test_wrong_types(tmp_path: Path) -> None:
    text = BANK.replace("version: 1", "version: one").replace("reverse: true", "reverse: maybe")
    path, lines = problems_of(tmp_path, text)
    assert lines[1:] == [
        f"{path}, line 2: version: should be a whole number, not 'one'.",
        f"{path}, line 21: question 'teamwork-02', reverse: should be true or false, not 'maybe'.",
    ]


def test_questions_not_a_list_is_reported_once(tmp_path: Path) -> None:
    text = BANK.split("questions:\n")[0] + "questions: none yet\n"
    path, lines = problems_of(tmp_path, text)
    assert lines == [
        f"closeness-quiz: error: {path}, line 15: questions: should be a list, not 'none yet'."
    ]


def test_safety_question_reusing_a_scored_id_and_bad_signal_at(tmp_path: Path) -> None:
    text = BANK + "safety:\n  - id: fun-01\n    text: I feel afraid.\n    signal_at: 7\n"
    path, lines = problems_of(tmp_path, text)
    assert lines[1:] == [
        f"{path}, line 27: safety question 'fun-01': uses the id of a scored question; give it "
        "its own id.",
        f"{path}, line 29: safety question 'fun-01', signal_at: should be a scale value from "
        "1 to 4, not the number 7.",
    ]


def test_sign_is_optional_in_a_custom_bank_but_required_in_the_default(tmp_path: Path) -> None:
    assert validate(write(tmp_path, "bank.yaml", BANK))[0] == 0
    default = (ROOT / "data" / "questions.yaml").read_text(encoding="utf-8")
    assert "sign: hard-to-express" in default
    # A copy is a custom bank: no sign needed there.
    copy = write(tmp_path, "copy.yaml", default.replace("    sign: hard-to-express\n", ""))
    assert validate(copy)[0] == 0


def test_every_problem_in_one_go_one_per_line_in_file_order(tmp_path: Path) -> None:
    text = (
        BANK.replace("{value: 4,", "{value: 2,")
        .replace("category: fun", "category: funn")
        .replace("id: teamwork-02", "id: teamwork-01")
        .replace("    text: We share the jobs at home.\n", "")
    )
    path, lines = problems_of(tmp_path, text)
    assert lines == [
        f"closeness-quiz: error: {path} has 4 problems:",
        f"{path}, line 4: scale: the values must be different and in ascending order, lowest "
        "first (found 0, 1, 2, 3, 2).",
        f"{path}, line 16: question 'teamwork-01', text: is missing or empty.",
        f"{path}, line 18: questions[2] 'teamwork-01': duplicate id (first used at line 16).",
        f"{path}, line 23: question 'fun-01', category: unknown category 'funn'. Did you mean "
        "'fun'? The categories are: teamwork, fun.",
    ]


# --- guidance problems ------------------------------------------------------------------


def test_guidance_band_problems(tmp_path: Path) -> None:
    text = GUIDANCE.replace("min: 0,", "min: 10,").replace("min: 60}", "min: 160}")
    path, lines = problems_of(tmp_path, text, "guidance.yaml")
    assert lines[1:] == [
        f"{path}, line 2: bands: the lowest band starts at min: 10; it must start at 0, so every "
        "score has a band.",
        f"{path}, line 4: band 'high', min: should be between 0 and 100, not 160.",
    ]


def test_guidance_missing_note_typo_and_unknown_band(tmp_path: Path) -> None:
    text = GUIDANCE.replace("  safety: Reach", "  safty: Reach").replace(
        "{low: Hard now.,", "{lo: Hard now.,"
    )
    path, lines = problems_of(tmp_path, text, "guidance.yaml")
    assert lines[1:] == [
        f"{path}, line 9: notes: unknown key 'safty'. Did you mean 'safety'?",
        f"{path}, line 14: categories.teamwork.summaries: unknown band 'lo'. Did you mean "
        "'low'? The bands are: high, low.",
    ]


def test_guidance_without_notes_or_bands(tmp_path: Path) -> None:
    text = "version: 1\nbands: []\nreflection: [Why?]\n"
    path, lines = problems_of(tmp_path, text, "guidance.yaml")
    assert lines[1:] == [
        f"{path}, line 1: bands: is missing or empty: give at least one band.",
        f"{path}, line 1: notes: is missing: give the texts not_diagnosis, counselling, "
        "safety_title, safety.",
    ]


def test_guidance_duplicate_suggestion_id(tmp_path: Path) -> None:
    text = GUIDANCE.replace(
        "{id: play, text: Play a game.}", "{id: play, text: A.}\n      - {id: play, text: B.}"
    )
    path, lines = problems_of(tmp_path, text, "guidance.yaml")
    assert lines == [
        f"closeness-quiz: error: {path}, line 22: categories.fun.suggestions 'play': "
        "duplicate id (first used at line 21)."
    ]


def test_guidance_cross_checked_against_the_bank(tmp_path: Path) -> None:
    bank = write(tmp_path, "bank.yaml", BANK)
    text = GUIDANCE.replace("  fun:\n", "  fnu:\n").replace(
        "questions: [teamwork-01]", "questions: [teamwork-1, fun-01]"
    )
    guidance = write(tmp_path, "guidance.yaml", text)
    code, out, err = validate(bank, guidance)
    assert code == 2
    assert out.splitlines() == [
        f"{bank}: OK (3 questions in 2 categories; 1 reverse-keyed)",
        f"{guidance}: note: the category 'fun' of {bank} has no guidance here; its score will "
        "be shown, with a line saying no suggestions are available.",
    ]
    assert [line.strip() for line in err.splitlines()] == [
        f"closeness-quiz: error: {guidance} has 3 problems:",
        f"{guidance}, line 17: categories.teamwork.suggestions 'plan', questions: 'teamwork-1' "
        "is not a question in the bank. Did you mean 'teamwork-01'?",
        f"{guidance}, line 17: categories.teamwork.suggestions 'plan', questions: 'fun-01' "
        "belongs to 'fun', not 'teamwork', so this suggestion would never be tied to it.",
        f"{guidance}, line 19: categories.fnu: is not a category of {bank}. Did you mean 'fun'? "
        "Its categories are: teamwork, fun.",
    ]


# --- files ------------------------------------------------------------------------------


def test_a_file_that_is_neither_bank_nor_guidance(tmp_path: Path) -> None:
    path, lines = problems_of(tmp_path, "name: Alex\nanswers: {fun-01: 3}\n", "other.yaml")
    assert lines == [
        f"closeness-quiz: error: {path}: can't tell what this file is: a question bank has "
        "'scale' and 'questions', a guidance file has 'bands' and 'notes'."
    ]


def test_misspelt_markers_still_identify_the_kind(tmp_path: Path) -> None:
    path, lines = problems_of(tmp_path, BANK.replace("questions:", "questons:"))
    assert lines == [
        f"closeness-quiz: error: {path}, line 15: unknown key 'questons'. Did you mean 'questions'?"
    ]


def test_bad_files_are_reported_and_the_good_ones_still_checked(tmp_path: Path) -> None:
    good = write(tmp_path, "bank.yaml", BANK)
    broken = write(tmp_path, "broken.yaml", "id: x\nscale: [\n")
    missing = tmp_path / "missing.yaml"
    code, out, err = validate(broken, missing, good)
    assert code == 2
    assert out == f"{good}: OK (3 questions in 2 categories; 1 reverse-keyed)\n"
    assert err.splitlines()[0].startswith(
        f"closeness-quiz: error: {broken}, line 3: not valid YAML"
    )
    assert err.splitlines()[1] == f"closeness-quiz: error: {missing}: no such file."


# --- loading a bank for other commands --------------------------------------------------


def test_take_with_a_bad_bank_lists_every_problem_one_per_line(tmp_path: Path) -> None:
    bank = write(
        tmp_path,
        "bank.yaml",
        BANK.replace("category: fun", "category: funn").replace("reverse: true", "reverse: 1"),
    )
    answers = write(tmp_path, "answers.yaml", "teamwork-01: 3\n")
    result = runner.invoke(app, ["take", "--bank", str(bank), "--answers", str(answers)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"closeness-quiz: error: {bank} has 2 problems:",
        f"  {bank}, line 21: question 'teamwork-02', reverse: should be true or false, not the "
        "number 1.",
        f"  {bank}, line 24: question 'fun-01', category: unknown category 'funn'. Did you mean "
        "'fun'? The categories are: teamwork, fun.",
    ]
    assert ";" not in result.stderr
    assert "Traceback" not in result.output


def test_validation_error_keeps_each_problem() -> None:
    one = UserError("is missing or empty.", path="b.yaml", where="question 'x', text", line=4)
    two = UserError("duplicate id.", path="b.yaml", where="questions[2] 'x'", line=2)
    error = ValidationError("b.yaml", [one, two])
    assert error.problems == [two, one]  # in file order
    assert str(error) == (
        "b.yaml has 2 problems:\n"
        "  b.yaml, line 2: questions[2] 'x': duplicate id.\n"
        "  b.yaml, line 4: question 'x', text: is missing or empty."
    )
    assert str(ValidationError("b.yaml", [one])) == (
        "b.yaml, line 4: question 'x', text: is missing or empty."
    )


@pytest.mark.parametrize("name", ["custom-bank.yaml", "custom-guidance.yaml"])
def test_the_examples_validate_on_their_own(name: str) -> None:
    code, out, err = validate(ROOT / "examples" / name)
    assert code == 0, err
    assert ": OK (" in out


# --- problems found in review: exact lines, no follow-on noise ---------------------------


def test_a_list_item_that_is_not_a_mapping_is_reported_at_its_own_line(tmp_path: Path) -> None:
    text = BANK.replace("  - id: fun-01\n", "  - just some words\n  - id: fun-01\n")
    path, lines = problems_of(tmp_path, text)
    assert lines == [
        f"closeness-quiz: error: {path}, line 23: questions[3]: should be a mapping of keys "
        "to values, not 'just some words'."
    ]


def test_a_scale_entry_left_empty_is_one_problem_at_its_line(tmp_path: Path) -> None:
    path, lines = problems_of(tmp_path, BANK.replace("  - {value: 0, label: Never}", "  -"))
    assert lines == [
        f"closeness-quiz: error: {path}, line 5: scale[1]: should be a mapping of keys to "
        "values, not nothing."
    ]


def test_notes_that_are_not_a_mapping_are_one_problem(tmp_path: Path) -> None:
    notes = GUIDANCE[GUIDANCE.index("notes:") : GUIDANCE.index("reflection:")]
    path, lines = problems_of(tmp_path, GUIDANCE.replace(notes, "notes: [a, b]\n"), "g.yaml")
    assert lines == [
        f"closeness-quiz: error: {path}, line 5: notes: should be a mapping of keys to values, "
        "not a list."
    ]


def test_a_band_with_a_broken_min_is_still_a_band_summaries_may_name(tmp_path: Path) -> None:
    path, lines = problems_of(tmp_path, GUIDANCE.replace("min: 60}", 'min: "60"}'), "g.yaml")
    assert lines == [
        f"closeness-quiz: error: {path}, line 4: band 'high', min: should be a number, not '60'."
    ]


def test_summaries_that_are_not_a_mapping_name_their_line(tmp_path: Path) -> None:
    text = GUIDANCE.replace("summaries: {low: Hard now., high: Going well.}", "summaries: [x]")
    path, lines = problems_of(tmp_path, text, "g.yaml")
    assert lines == [
        f"closeness-quiz: error: {path}, line 14: categories.teamwork.summaries: should be a "
        "mapping of keys to values, not a list."
    ]


def test_an_empty_reflection_list_is_fine(tmp_path: Path) -> None:
    text = GUIDANCE.replace("reflection:\n  - What would you like more of?\n", "reflection:\n")
    code, out, err = validate(write(tmp_path, "g.yaml", text))
    assert code == 0, err
    assert "0 reflection questions" in out


def test_signal_at_must_be_a_whole_number(tmp_path: Path) -> None:
    text = BANK + "safety:\n  - {id: safe-1, text: I feel afraid., signal_at: 2.0}\n"
    path, lines = problems_of(tmp_path, text)
    assert lines == [
        f"closeness-quiz: error: {path}, line 27: safety question 'safe-1', signal_at: should "
        "be a scale value from 1 to 4, not the number 2.0."
    ]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ("about: partner\n    pair: nope-01", "'nope-01' is not a question in this bank."),
        ("about: us\n    pair: fun-02", "only a statement about: partner can have a pair"),
        ("about: partner\n    pair: fun-02", "'fun-02' is about: us; a pair must be"),
    ],
)
def test_a_pair_names_a_self_statement_of_the_bank(
    tmp_path: Path, change: str, problem: str
) -> None:
    text = (BANK + "  - id: fun-02\n    category: fun\n    text: We play.\n").replace(
        "    text: We laugh together.", f"    {change}\n    text: We laugh together.", 1
    )
    assert change in text
    path = write(tmp_path, "bank.yaml", text)
    result = runner.invoke(app, ["bank", "validate", str(path)])
    assert result.exit_code == 2 and problem in result.stderr, result.stderr
    assert re.search(r"line \d+: question 'fun-01', pair", result.stderr)


# A bank with its own scales and scoring; line numbers matter below.
SCALED = """\
id: scaled
version: 1
title: Scaled
scale:
  - {value: 1, label: Low}
  - {value: 2, label: Mid}
  - {value: 3, label: High}
scales:
  wide:
    - {value: 0, label: Never}
    - {value: 6, label: Always}
scoring:
  method: sum
  bands:
    - {id: low, label: Low, min: 1}
    - {id: high, label: High, min: 5}
categories:
  - id: one
    title: One
questions:
  - id: q1
    category: one
    text: A
  - id: q2
    category: one
    text: B
    scale: wide
"""


def test_a_bank_with_its_own_scales_and_scoring_validates(tmp_path: Path) -> None:
    code, out, _ = validate(write(tmp_path, "scaled.yaml", SCALED))
    assert code == 0, out


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            "    scale: wide\n",
            "    scale: wid\n",
            27,
            "question 'q2', scale: 'wid' is not one of the bank's named scales. Did you mean "
            "'wide'? Named scales: wide.",
        ),
        (
            "    title: One\n",
            "    title: One\n    higher_is: bigger\n",
            20,
            "category 'one', higher_is: should be better or worse, not 'bigger': worse means a "
            "higher score is more of something unwanted (such as attachment anxiety).",
        ),
        (
            "  method: sum\n",
            "  method: median\n",
            13,
            "scoring.method: should be percent, mean or sum, not 'median'.",
        ),
        (
            "  method: sum\n",
            "  method: sum\n  overall: max\n",
            14,
            "scoring.overall: should be mean, sum or none, not 'max'.",
        ),
        (
            "  method: sum\n",
            "  method: sum\n  min_answered: 3\n",
            14,
            "scoring.min_answered: 3 is more than the 2 questions of category 'one', so it "
            "could never have a score.",
        ),
        (
            "  method: sum\n",
            "  method: sum\n  min_answered: some\n",
            14,
            "scoring.min_answered: should be half, all or a whole number of questions (1 or "
            "more), not 'some'.",
        ),
        (
            "min: 1}",
            "min: 4}",
            14,
            "scoring.bands: the lowest band starts at min: 4; it must start at 1, so every "
            "score has a band.",
        ),
        (
            "min: 5}",
            "min: 12}",
            16,
            "band 'high', min: 12 is above the highest possible score (9), so no score could "
            "reach this band.",
        ),
        (
            "min: 5}",
            "min: .nan}",
            16,
            "band 'high', min: should be a number, not infinity or NaN.",
        ),
        (
            "    scale: wide\n",
            "    scale: {a: 1}\n",
            27,
            "question 'q2', scale: A mapping is not one of the bank's named scales. Named "
            "scales: wide.",
        ),
        (
            "    text: B\n",
            "    text: B\n    not_applicable: always\n",
            27,
            "question 'q2', not_applicable: 'always' is already a choice of this question's "
            "scale; give it its own label.",
        ),
        (
            "{value: 6, label: Always}",
            '{value: 6, label: "5"}',
            11,
            "scales.wide[2].label: '5' reads as the number 5, but this choice's value is 6: an "
            "answer 5 would then mean another choice than '5'. Give each choice the value its "
            "label says, or a label in words.",
        ),
        (
            "{value: 6, label: Always}",
            "{value: -1, label: Always}",
            9,
            "scales.wide: the values must be different and in ascending order, lowest first "
            "(found 0, -1).",
        ),
    ],
)
def test_each_scale_and_scoring_rule_is_explained_with_its_line(
    tmp_path: Path, old: str, new: str, line: int, message: str
) -> None:
    assert old in SCALED
    path, lines = problems_of(tmp_path, SCALED.replace(old, new, 1))
    assert lines == [f"closeness-quiz: error: {path}, line {line}: {message}"]


def test_custom_guidance_needs_no_safety_notes_for_a_bank_without_safety(
    tmp_path: Path,
) -> None:
    bank = write(tmp_path, "bank.yaml", BANK)
    lines = GUIDANCE.splitlines(keepends=True)
    guidance = "".join(line for line in lines if "safety" not in line)
    code, out, err = validate(bank, write(tmp_path, "guidance.yaml", guidance))
    assert code == 0, out + err
    with_safety = BANK + "safety:\n  - {id: safe-1, text: I feel afraid.}\n"
    bank2 = write(tmp_path, "bank2.yaml", with_safety)
    code, out, err = validate(bank2, write(tmp_path, "guidance2.yaml", guidance))
    assert code == 2
    assert "notes.safety_title: is missing or empty." in err


@pytest.mark.parametrize(
    ("together", "problem"),
    [
        ("{at: 0, count: 2}", "safety_together, at: should be a scale value from 1 to 4"),
        ("{at: 1, count: 1}", "safety_together, count: should be from 2 to the number of"),
        ("{at: 1, count: 3}", "safety_together, count: should be from 2 to the number of"),
        ("{at: 1, cuont: 2}", "unknown key 'cuont'. Did you mean 'count'?"),
        ("two", "safety_together: should be a mapping of keys to values, not 'two'"),
    ],
)
def test_safety_together_is_checked(tmp_path: Path, together: str, problem: str) -> None:
    from tests.helpers import SMALL_BANK

    text = SMALL_BANK + f"safety_together: {together}\n"
    path = write(tmp_path, "bank.yaml", text)
    code, _, err = validate(path)
    assert code == 2 and problem in err, err
    assert "Traceback" not in err
    line = len(text.splitlines())
    assert f"line {line}" in err


def test_safety_together_signals_two_lower_answers_together(tmp_path: Path) -> None:
    from closeness_quiz.content.bank import load_bank
    from closeness_quiz.quiz.loop import Outcome
    from tests.helpers import SMALL_BANK

    bank = load_bank(
        write(tmp_path, "bank.yaml", SMALL_BANK + "safety_together: {at: 1, count: 2}\n")
    )
    assert not Outcome(safety={"safe-1": 0, "safe-2": 1}).safety_signalled(bank)
    assert Outcome(safety={"safe-1": 1, "safe-2": 1}).safety_signalled(bank)
    plain = load_bank(write(tmp_path, "plain.yaml", SMALL_BANK))
    assert not Outcome(safety={"safe-1": 0, "safe-2": 1}).safety_signalled(plain)
    assert plain.safety_together is None


def test_a_tips_about_is_checked(tmp_path: Path) -> None:
    from tests.helpers import SMALL_GUIDANCE

    text = SMALL_GUIDANCE.replace("strategy:", "about: [self, partnr], strategy:", 1)
    assert text != SMALL_GUIDANCE
    path = write(tmp_path, "guidance.yaml", text)
    code, _, err = validate(path)
    assert code == 2 and "about: should list some of self, partner, us" in err, err
    assert "'partnr'" in err


# --- the fast way: LibYAML's plain loader first, line numbers only for a problem ----------


def big_bank(size: int, broken: dict[int, str] | None = None) -> str:
    """A valid bank of `size` questions, one per line (question i on line 9 + i), with the
    questions in `broken` written as given instead."""
    head = [
        "id: big",
        "version: 1",
        "title: A big bank",
        "scale: [{value: 0, label: Never}, {value: 1, label: Rarely}, "
        "{value: 2, label: Sometimes}, {value: 3, label: Often}, {value: 4, label: Always}]",
        "categories:",
        "  - {id: talk, title: Talk}",
        "  - {id: play, title: Play}",
        "questions:",
    ]
    rows = [
        (broken or {}).get(i)
        or f"  - {{id: q-{i:05d}, category: {('talk', 'play')[i % 2]}, text: Statement {i}.}}"
        for i in range(size)
    ]
    return "\n".join([*head, *rows]) + "\n"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("{id: q-4990, category: tlak, text: A.}", "question 'q-4990', category: unknown category"),
        ("{id: q-4990, category: talk, text: A., reverse: 2}", "reverse: should be true or false"),
        ("{id: q-4990, category: talk, text: A., 3: B.}", "question 'q-4990': unknown key '3'"),
        ("{id: q-4990, category: talk, text: A., text: B.}", "the key 'text' appears twice"),
    ],
    ids=["unknown-category", "wrong-type", "number-as-key", "key-twice"],
)
def test_a_problem_deep_in_a_big_bank_still_names_its_line(
    tmp_path: Path, row: str, problem: str
) -> None:
    """A 5,000-question bank is read without line numbers; the one problem near its end is
    still reported at its own line, by `bank validate` and by `take --bank`."""
    path = write(tmp_path, "bank.yaml", big_bank(5_000, {4_990: f"  - {row}"}))
    answers = write(tmp_path, "answers.yaml", "q-00001: 3\n")
    code, _, err = validate(path)
    assert code == 2, err
    assert err.startswith(f"closeness-quiz: error: {path}, line {9 + 4_990}: "), err
    assert problem in err and err.count("\n") == 1, err
    took = runner.invoke(app, ["take", "--bank", str(path), "--answers", str(answers), "--no-save"])
    assert took.exit_code == 2, took.output
    assert f"{path}, line {9 + 4_990}: " in took.stderr and problem in took.stderr, took.stderr


def test_a_problem_deep_in_a_big_answers_file_names_its_line(tmp_path: Path) -> None:
    bank = write(tmp_path, "bank.yaml", big_bank(5_000))
    lines = [f"q-{i:05d}: {i % 5}" for i in range(5_000)]
    lines[4_990] = "q-04990: often-ish"
    answers = write(tmp_path, "answers.yaml", "\n".join(lines) + "\n")
    took = runner.invoke(app, ["take", "--bank", str(bank), "--answers", str(answers), "--no-save"])
    assert took.exit_code == 2, took.output
    assert f"{answers}, line 4991: 'q-04990': 'often-ish' is not an answer" in took.stderr


def plain(data: object) -> str:
    """The data as plain dicts and lists, with every scalar's type shown (1 == True in Python)."""
    if isinstance(data, dict):
        return "{" + ", ".join(f"{plain(k)}: {plain(v)}" for k, v in data.items()) + "}"
    if isinstance(data, list):
        return "[" + ", ".join(plain(v) for v in data) + "]"
    return f"{type(data).__name__}({data!r})"


SAME_DATA = [
    "a: 1\nb: 1.5\nc: true\nd: null\ne: text\nf: '3'\ng: 2026-12-01\nh: .inf\n",
    "- [1, two, {three: 3}]\n- {nested: {deep: [yes, no, ~]}}\n",
    '"quoted key": 1\n\'single\': two\nplain: !!str 3\nnumber: !!int "4"\n',
    "text: |\n  two\n  lines\nfolded: >\n  one\n  line\n",
    "1: one\n2.5: two\ntrue: three\nnull: four\n",  # keys that are not text: read as text
    "base: &base {a: 1, b: 2}\nmore:\n  <<: *base\n  b: 3\n",  # aliases and merges
    "inline:\n  <<: {a: 1}\n  b: 2\n",  # a merge without an alias
    "{a: 1, b: [x, y]}",  # JSON
    "just text\n",
    "",
]


@pytest.mark.parametrize("text", SAME_DATA)
def test_the_fast_way_reads_the_same_data_as_the_line_loader(text: str) -> None:
    from closeness_quiz.content.files import parse_yaml

    fast, lined = parse_yaml(text, Path("x.yaml"), lines=False), parse_yaml(text, Path("x.yaml"))
    assert plain(fast) == plain(lined)


SAME_MESSAGE = [
    "a: 1\nb: 2\na: 3\n",  # a key twice
    "a: {x: 1, x: 2}\n",
    "? [a, b]\n: 1\n",  # a list as a key
    "? {a: 1}\n: 1\n",
    "a:\n\tb: 1\n",  # a tab
    "a: 1\n---\nb: 2\n",  # two documents
    "a: !!python/object/apply:os.system [ls]\n",  # a tag that would run code
    "a: !custom 1\n",
    "a: [1, 2\n",  # unclosed
    f"a: {'9' * 5000}\n",  # a number too long for Python
    "a: " + "[" * 5000 + "]" * 5000 + "\n",  # nested too deeply
    "a: &x [*x]\n",  # an alias inside what it names
    "a: !!str [1, 2]\n",  # a tag that does not fit its node
]


@pytest.mark.parametrize("text", SAME_MESSAGE)
def test_the_fast_way_refuses_what_the_line_loader_refuses_with_its_message(text: str) -> None:
    from closeness_quiz.content.files import parse_yaml

    with pytest.raises(UserError) as lined:
        parse_yaml(text, Path("x.yaml"))
    with pytest.raises(UserError) as fast:
        parse_yaml(text, Path("x.yaml"), lines=False)
    assert str(fast.value) == str(lined.value)
