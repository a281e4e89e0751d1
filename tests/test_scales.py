"""One scale model: keying, the close and far side, steps apart, and a question's own scale
and not-applicable choice wherever an answer comes in (answers file, prompt, plain mode)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from closeness_quiz.content.bank import load_bank
from closeness_quiz.content.scale import DEFAULT_SCALE, Choice, Scale
from closeness_quiz.errors import ValidationError
from closeness_quiz.quiz import prompts
from closeness_quiz.quiz.loop import run_quiz
from closeness_quiz.quiz.plain import make_ask
from closeness_quiz.store.answers import load_answers

ONE_TO_SEVEN = Scale(Choice(v, f"L{v}") for v in range(1, 8))
ZERO_TO_SIX = Scale(Choice(v, f"L{v}") for v in range(7))

BANK = """\
id: na-bank
version: 1
title: With a not-applicable choice
scale:
  - {value: 1, label: Disagree}
  - {value: 2, label: Unsure}
  - {value: 3, label: Agree}
scales:
  often:
    - {value: 0, label: Never}
    - {value: 5, label: Daily}
categories:
  - {id: home, title: Home}
questions:
  - id: chores
    category: home
    text: We share the chores fairly.
    not_applicable: We live apart
  - id: meals
    category: home
    text: We eat together.
    scale: often
"""


def test_the_default_scale_keeps_its_close_and_far_side() -> None:
    """3 and 4 are the close side, 0 and 1 the far side, and reverse is 4 - value."""
    assert [DEFAULT_SCALE.strong(v) for v in range(5)] == [False, False, False, True, True]
    assert [DEFAULT_SCALE.low(v) for v in range(5)] == [True, True, False, False, False]
    assert [DEFAULT_SCALE.keyed(v, True) for v in range(5)] == [4, 3, 2, 1, 0]


def test_other_scales_key_and_split_by_the_same_rule() -> None:
    """Reverse is min + max - value; the close side is the top two fifths of the range."""
    assert [ONE_TO_SEVEN.keyed(v, True) for v in range(1, 8)] == [7, 6, 5, 4, 3, 2, 1]
    assert [v for v in range(1, 8) if ONE_TO_SEVEN.strong(v)] == [5, 6, 7]  # 5-1 >= 3.6
    assert [v for v in range(1, 8) if ONE_TO_SEVEN.low(v)] == [1, 2, 3]  # 3-1 <= 2.4
    assert [v for v in range(7) if ZERO_TO_SIX.strong(v)] == [4, 5, 6]
    assert ONE_TO_SEVEN.steps(2, 5) == 3 and ONE_TO_SEVEN.steps(4, 4) == 0
    two = Scale([Choice(0, "No"), Choice(10, "Yes")])
    assert two.steps(0, 10) == 1  # one choice apart, however far apart the values


def test_an_answers_file_may_give_the_not_applicable_label(tmp_path: Path) -> None:
    bank_path = tmp_path / "bank.yaml"
    bank_path.write_text(BANK, encoding="utf-8")
    bank = load_bank(bank_path)
    path = tmp_path / "answers.yaml"
    path.write_text("chores: we live apart\nmeals: 5\n", encoding="utf-8")
    assert load_answers(path, bank).scored == {"meals": 5}  # not applicable: not answered
    path.write_text("chores: 2\nmeals: 2\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_answers(path, bank)  # 2 is not on "meals"'s own scale (0 or 5)
    (problem,) = caught.value.problems
    assert problem.where == "'meals'"
    assert "0 or 'Never', 5 or 'Daily'" in problem.problem


def test_plain_mode_offers_each_questions_own_choices_and_not_applicable(
    tmp_path: Path,
) -> None:
    bank_path = tmp_path / "bank.yaml"
    bank_path.write_text(BANK, encoding="utf-8")
    replies = iter(["4", "2"])
    shown: list[str] = []

    def read(prompt: str) -> str:
        shown.append(prompt)
        return next(replies)

    outcome = run_quiz(load_bank(bank_path), make_ask(read=read, write=shown.append))
    assert outcome.answers == {"meals": 5}  # "We live apart" counts as not answered
    text = "\n".join(shown)
    assert "  4. We live apart" in text and "Your answer (1-4, s to skip" in text
    assert "  1. Never\n  2. Daily" in text


def test_the_prompt_offers_not_applicable_after_the_scale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bank_path = tmp_path / "bank.yaml"
    bank_path.write_text(BANK, encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "60")
    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=30, columns=60), term="xterm")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        pipe.send_text("4\r2\r")  # the fourth choice of the first, the second of the next
        outcome = run_quiz(load_bank(bank_path), prompts.ask)
    assert outcome.answers == {"meals": 5}
    shown = capsys.readouterr().out
    assert "We share the chores fairly. \u2014 We live apart" in shown
    assert "(arrows or 1-4," in drawn.getvalue()


def test_a_resumed_draft_keeps_only_answers_on_each_questions_own_scale(
    tmp_path: Path,
) -> None:
    """A draft is read against every value the bank knows; resuming drops an answer that is
    not on its own question's scale (the bank was edited), so no score can leave its range."""
    from datetime import UTC, datetime

    from closeness_quiz.store.drafts import Draft, reconcile

    bank_path = tmp_path / "bank.yaml"
    bank_path.write_text(BANK, encoding="utf-8")
    bank = load_bank(bank_path)
    assert bank.any_scale.values == (0, 1, 2, 3, 5)
    draft = Draft(
        bank.id, "", "Sam", datetime(2026, 1, 1, tzinfo=UTC),
        {"chores": 5, "meals": 5}, tmp_path / "d.json", ("meals",), {"meals": 2},
    )  # fmt: skip
    checked = reconcile(draft, bank)
    assert checked.draft.answers == {"meals": 5}  # 5 is not on chores' 1-3 scale
    assert checked.draft.guesses == {}  # 2 is not on meals' 0-or-5 scale
    assert checked.dropped == ("chores",)


CATEGORY_SCALE = """\
id: areas
version: 1
title: Areas
scale:
  - {value: 0, label: No}
  - {value: 1, label: Yes}
scales:
  five:
    - {value: 1, label: One}
    - {value: 2, label: Two}
    - {value: 3, label: Three}
    - {value: 4, label: Four}
    - {value: 5, label: Five}
  three:
    - {value: 1, label: Low}
    - {value: 2, label: Mid}
    - {value: 3, label: High}
scoring:
  method: mean
  bands:
    - {id: bank-low, label: Bank low, min: 0}
    - {id: bank-high, label: Bank high, min: 3}
categories:
  - id: a
    title: A
    scale: five
    bands:
      - {id: own-low, label: Own low, min: 1}
      - {id: own-high, label: Own high, min: 4}
  - id: b
    title: B
    scale: five
questions:
  - {id: a1, category: a, text: One.}
  - {id: a2, category: a, text: Two., scale: three}
  - {id: b1, category: b, text: Three.}
"""


def test_a_categorys_scale_and_bands_and_a_questions_own_scale_wins(tmp_path: Path) -> None:
    from closeness_quiz.content.guidance import load_guidance
    from closeness_quiz.content.scoring import score

    path = tmp_path / "bank.yaml"
    path.write_text(CATEGORY_SCALE.replace("{value: 0, label: No}", '{value: 0, label: "No"}')
                    .replace("{value: 1, label: Yes}", '{value: 1, label: "Yes"}'),
                    encoding="utf-8")  # fmt: skip
    bank = load_bank(path)
    scales = {q.id: q.scale.values for q in bank.questions}
    assert scales == {"a1": (1, 2, 3, 4, 5), "a2": (1, 2, 3), "b1": (1, 2, 3, 4, 5)}
    scores = score(bank, load_guidance(), {"a1": 5, "a2": 3, "b1": 3})
    a, b = scores.categories["a"], scores.categories["b"]
    assert (a.score, a.band, a.units.as_json()) == (4.0, "own-high", [1, 4])  # (5 + 3) / 2
    assert (b.score, b.band, b.units.as_json()) == (3.0, "bank-high", [1, 5])
    assert (scores.overall, scores.overall_band) == (3.5, "bank-high")
