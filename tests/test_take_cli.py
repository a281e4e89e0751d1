"""`take` without prompts: answers files, saving, privacy, and refusing to guess with no terminal."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.content.bank import load_bank
from tests.helpers import SMALL_BANK, SMALL_GUIDANCE, write

runner = CliRunner()


def answers_file(tmp_path: Path, text: str, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# Every item keyed 3 ("Often" on plain items, "Rarely" on reverse ones): every score is 75.0.
ALL_OFTEN = "\n".join(
    f"{q.id}: {'Rarely' if q.reverse else 'Often'}" for q in load_bank().questions
)


def test_no_terminal_and_no_answers_is_refused(quiz_home: Path) -> None:
    result = runner.invoke(app, ["take"], input="")
    assert result.exit_code == 2
    assert "no terminal" in result.stderr and "--answers" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not quiz_home.exists() or not list(quiz_home.iterdir())


def test_answers_by_number_and_label_are_scored_and_saved(tmp_path: Path, quiz_home: Path) -> None:
    path = answers_file(
        tmp_path,
        "communication-01: 4\ncommunication-13: often\ncommunication-03: RARELY\n"
        "communication-15: 2\naffection-13: 3\n",
    )
    result = runner.invoke(app, ["take", "--answers", str(path), "--name", "Robin"])
    assert result.exit_code == 0, result.stderr
    saved = list(quiz_home.glob("*-robin.json"))
    assert len(saved) == 1
    assert stat.S_IMODE(saved[0].stat().st_mode) == 0o600
    data = json.loads(saved[0].read_text())
    assert data["format"] == "closeness-quiz/result" and data["format_version"] == 1
    assert data["name"] == "Robin"
    assert data["answers"]["communication-13"] == 3 and data["answers"]["communication-03"] == 1
    assert data["scores"]["communication"]["answered"] == 4
    assert data["scores"]["affection"]["score"] is None  # 1 of 7 answered
    assert data["bank"]["id"] == "closeness-default" and len(data["bank"]["sha256"]) == 64
    assert str(saved[0]) in result.stderr
    assert "Communication" in result.stdout and "not a diagnosis" in result.stdout


def test_a_result_never_overwrites_another(tmp_path: Path, quiz_home: Path) -> None:
    path = answers_file(tmp_path, ALL_OFTEN)
    target = tmp_path / "mine.json"
    target.write_text("precious", encoding="utf-8")
    result = runner.invoke(app, ["take", "--answers", str(path), "--output", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.read_text() == "precious"
    second = tmp_path / "mine-2.json"
    assert json.loads(second.read_text())["scores"]["trust"]["answered"] == 10
    assert str(second) in result.stderr


def test_no_save_writes_nothing(tmp_path: Path, quiz_home: Path) -> None:
    result = runner.invoke(
        app, ["take", "--answers", str(answers_file(tmp_path, ALL_OFTEN)), "--no-save"]
    )
    assert result.exit_code == 0
    assert not quiz_home.exists() or not list(quiz_home.iterdir())
    assert "Not saved" in result.stderr


def test_safety_answers_show_a_private_notice_and_are_never_saved(
    tmp_path: Path, quiz_home: Path
) -> None:
    path = answers_file(tmp_path, ALL_OFTEN + "\nsafety-01: Sometimes\n")
    result = runner.invoke(
        app, ["take", "--answers", str(path), "--output", str(tmp_path / "r.json")]
    )
    assert result.exit_code == 0, result.stderr
    saved = (tmp_path / "r.json").read_text()
    assert "safety" not in saved
    from closeness_quiz.content.guidance import load_guidance

    # Printed where there is no terminal, the report is the one for oneself: support first,
    # and no private notice (it goes to a terminal only); the saved file knows nothing of it.
    title = load_guidance().notes.safety_title
    assert result.stdout.index("Someone to talk to") < result.stdout.index("Communication")
    assert title not in result.stdout and title not in saved


def test_json_format_prints_the_result_without_safety(tmp_path: Path) -> None:
    path = answers_file(tmp_path, ALL_OFTEN + "\nsafety-10: Often\n")
    result = runner.invoke(app, ["take", "--answers", str(path), "--no-save", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["overall"] == {"score": 75.0, "band": "strong", "range": [0, 100]}
    assert "safety-10" not in result.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("communication-01: 3\nnot-a-question: 2\n", "'not-a-question': unknown question id"),
        ("communication-01: 7\n", "'communication-01': '7' is not an answer"),
        ("communication-01: lots\n", "'communication-01': 'lots' is not an answer"),
        ("communication-01: null\n", "has no answers to score"),
        ("- 1\n- 2\n", "should be a mapping of question ids to answers"),
        ("communication-01: [1\n", "not valid YAML"),
        ("", "is empty"),
    ],
)
def test_bad_answers_files_exit_2_naming_file_and_id(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = answers_file(tmp_path, content)
    result = runner.invoke(app, ["take", "--answers", str(path)])
    assert result.exit_code == 2
    assert str(path) in result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_json_answers_file_works(tmp_path: Path) -> None:
    path = answers_file(
        tmp_path,
        json.dumps(
            {"trust-02": 4, "trust-14": "never", "trust-05": 4, "trust-06": 4, "trust-07": 1}
        ),
        "a.json",
    )
    result = runner.invoke(app, ["take", "--answers", str(path), "--no-save", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["scores"]["trust"]["answered"] == 5


def test_missing_answers_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["take", "--answers", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert f"{tmp_path / 'nope.yaml'}: no such answers file." in result.stderr


def test_yes_and_no_labels_work_unquoted_although_yaml_reads_them_as_true_and_false(
    tmp_path: Path,
) -> None:
    text = SMALL_BANK.replace("label: Never}", 'label: "No"}').replace(
        "label: Almost always}", 'label: "Yes"}'
    )
    bank = write(tmp_path, "bank.yaml", text)
    guidance = write(tmp_path, "guidance.yaml", SMALL_GUIDANCE)
    answers = tmp_path / "answers.yaml"
    answers.write_text("talk-1: No\ntalk-2: yes\nplay-1: YES\nplay-2: 2\n", encoding="utf-8")
    args = ["take", "--bank", str(bank), "--guidance", str(guidance), "--format", "json"]
    result = runner.invoke(app, [*args, "--answers", str(answers), "--no-save"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["answers"] == {
        "talk-1": 0,
        "talk-2": 4,
        "play-1": 4,
        "play-2": 2,
    }
