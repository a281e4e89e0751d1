"""Drafts and `take --resume`: every answer is kept as it is given, and nothing is ever lost.

`take` runs through the real CLI; only the terminal is scripted (a fake "ask" callable, or the
real plain-mode reader fed by CliRunner's input), so drafts, messages and exit codes are real."""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from closeness_quiz.cli import app
from closeness_quiz.commands import take as take_cmd
from closeness_quiz.quiz.loop import Nav, Step, run_quiz
from tests.helpers import SMALL_BANK, SMALL_GUIDANCE, small_bank, write

runner = CliRunner()
SCORED = ["talk-1", "talk-2", "talk-3", "talk-4", "play-1", "play-2"]
SAFETY = ["safe-1", "safe-2"]
Reply = int | Nav | type[BaseException]


class Script:
    """Plays the person at the terminal: one reply per question, or an exception (Ctrl-C, EOF).

    Before each question it also reads the draft on disk, to show what was kept by then."""

    def __init__(self, draft: Path, replies: Sequence[Reply]) -> None:
        self.draft = draft
        self.replies = list(replies)
        self.steps: list[Step] = []
        self.drafts_seen: list[dict[str, int] | None] = []

    def __call__(self, step: Step) -> int | Nav:
        self.steps.append(step)
        self.drafts_seen.append(draft_answers(self.draft))
        reply = self.replies.pop(0)
        if isinstance(reply, type):
            raise reply()
        return reply

    @property
    def asked(self) -> list[str]:
        return [step.id for step in self.steps]


def draft_answers(path: Path) -> dict[str, int] | None:
    if not path.exists():
        return None
    answers: dict[str, int] = json.loads(path.read_text(encoding="utf-8"))["answers"]
    return answers


@pytest.fixture
def content(tmp_path: Path) -> list[str]:
    bank = write(tmp_path, "bank.yaml", SMALL_BANK)
    guidance = write(tmp_path, "guidance.yaml", SMALL_GUIDANCE)
    return ["--bank", str(bank), "--guidance", str(guidance)]


@pytest.fixture
def draft(quiz_home: Path) -> Path:
    return quiz_home / "small.draft.json"


def take(
    monkeypatch: pytest.MonkeyPatch,
    script: Script | None,
    content: list[str],
    *args: str,
    input: str | None = None,
) -> Result:
    """`closeness-quiz take` as if in a terminal, answered by `script` (or typed `input`)."""
    monkeypatch.setattr(take_cmd, "stdin_is_terminal", lambda: True)
    if script is not None:
        monkeypatch.setattr(take_cmd, "pick_ask", lambda plain: script)
    return runner.invoke(app, ["take", *content, *args], input=input)


def saved_results(home: Path) -> list[Path]:
    return sorted(p for p in home.glob("*.json") if "draft" not in p.name)


def interrupt_after_three(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path, *args: str
) -> Result:
    result = take(monkeypatch, Script(draft, [1, 2, 3, KeyboardInterrupt]), content, *args)
    assert result.exit_code == 130, result.output
    return result


def test_the_draft_is_written_after_every_answer_owner_only_and_without_safety(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path
) -> None:
    # Six scored answers (with one skip and one back), then a safety answer that signals, then Ctrl-C.
    script = Script(draft, [1, 2, Nav.SKIP, Nav.BACK, 4, 0, 3, 4, 4, KeyboardInterrupt])
    result = take(monkeypatch, script, content)

    assert result.exit_code == 130
    assert script.drafts_seen[:4] == [
        None,
        {"talk-1": 1},
        {"talk-1": 1, "talk-2": 2},
        {"talk-1": 1, "talk-2": 2},
    ]
    # after "back" and a new answer to talk-3, each later question sees everything before it
    assert script.drafts_seen[5] == {"talk-1": 1, "talk-2": 2, "talk-3": 4}
    assert script.asked[-2:] == SAFETY
    final = {"talk-1": 1, "talk-2": 2, "talk-3": 4, "talk-4": 0, "play-1": 3, "play-2": 4}
    assert script.drafts_seen[-1] == final  # the safety answer given just before is not in it
    assert draft_answers(draft) == final
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    text = draft.read_text(encoding="utf-8")
    assert "safe" not in text and "afraid" not in text
    data = json.loads(text)
    assert data["format"] == "closeness-quiz/draft" and data["bank"]["id"] == "small"
    assert len(data["bank"]["sha256"]) == 64 and data["started_at"]
    assert "6 answers are kept" in result.stderr and "take --resume" in result.stderr
    assert "Traceback" not in result.output
    assert saved_results(draft.parent) == []
    assert [p.name for p in draft.parent.iterdir()] == [draft.name]  # no temp files left behind


def test_resume_goes_on_from_the_first_unanswered_question(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path, quiz_home: Path
) -> None:
    interrupt_after_three(monkeypatch, content, draft)
    assert draft_answers(draft) == {"talk-1": 1, "talk-2": 2, "talk-3": 3}

    script = Script(draft, [4, 0, 2, 0, 0])
    result = take(monkeypatch, script, content, "--resume")

    assert result.exit_code == 0, result.output
    assert script.asked == ["talk-4", "play-1", "play-2", *SAFETY]
    assert script.steps[0].number == 4 and script.steps[0].can_go_back
    assert "going on from statement 4" in result.stdout
    (saved,) = saved_results(quiz_home)
    assert json.loads(saved.read_text())["answers"] == {
        "talk-1": 1,
        "talk-2": 2,
        "talk-3": 3,
        "talk-4": 4,
        "play-1": 0,
        "play-2": 2,
    }
    assert not draft.exists()  # a finished quiz removes its draft


def test_earlier_answers_can_be_changed_with_back_after_resuming(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path, quiz_home: Path
) -> None:
    interrupt_after_three(monkeypatch, content, draft)
    script = Script(draft, [Nav.BACK, 0, 4, 4, 4, 0, 0])
    result = take(monkeypatch, script, content, "--resume")

    assert result.exit_code == 0, result.output
    assert script.asked[:3] == ["talk-4", "talk-3", "talk-4"]
    assert script.steps[1].current == 3  # the earlier answer is shown as the current one
    (saved,) = saved_results(quiz_home)
    answers = json.loads(saved.read_text())["answers"]
    assert answers["talk-3"] == 0 and answers["talk-1"] == 1


def test_take_with_a_draft_says_so_and_how_to_resume_or_discard(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path
) -> None:
    interrupt_after_three(monkeypatch, content, draft)
    before = draft.read_bytes()
    script = Script(draft, [])
    result = take(monkeypatch, script, content)

    assert result.exit_code == 2
    assert "You have an unfinished quiz" in result.stderr
    assert "3 of 6 statements answered" in result.stderr and "started" in result.stderr
    assert "closeness-quiz take --resume" in result.stderr
    assert "closeness-quiz take --discard" in result.stderr
    assert script.steps == []  # nothing was asked
    assert draft.read_bytes() == before


def test_discard_throws_the_draft_away_and_starts_afresh(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path, quiz_home: Path
) -> None:
    interrupt_after_three(monkeypatch, content, draft)
    script = Script(draft, [0, 0, 0, 0, 0, 0, 0, 0])
    result = take(monkeypatch, script, content, "--discard")

    assert result.exit_code == 0, result.output
    assert "Discarded the unfinished quiz (started" in result.stderr
    assert script.drafts_seen[0] is None and script.asked[0] == "talk-1"
    (saved,) = saved_results(quiz_home)
    assert json.loads(saved.read_text())["answers"]["talk-1"] == 0
    assert not draft.exists()


def test_resume_with_no_draft_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path
) -> None:
    result = take(monkeypatch, Script(draft, []), content, "--resume")
    assert result.exit_code == 2
    assert "there is no unfinished quiz to resume" in result.stderr
    assert "Traceback" not in result.output


def test_drafts_are_kept_per_name(
    monkeypatch: pytest.MonkeyPatch, content: list[str], quiz_home: Path
) -> None:
    alex = quiz_home / "small--alex.draft.json"
    interrupt_after_three(monkeypatch, content, alex, "--name", "Alex")
    assert json.loads(alex.read_text())["name"] == "Alex"

    # Another name is not blocked by Alex's draft, and does not touch it.
    result = take(
        monkeypatch,
        Script(quiz_home / "small--sam.draft.json", [4] * 6 + [0, 0]),
        content,
        "--name",
        "Sam",
    )
    assert result.exit_code == 0, result.output
    assert draft_answers(alex) == {"talk-1": 1, "talk-2": 2, "talk-3": 3}

    # Resuming without the name points at Alex's draft.
    result = take(monkeypatch, Script(alex, []), content, "--resume")
    assert result.exit_code == 2
    assert "Alex" in result.stderr
    assert f"closeness-quiz take --resume --bank {content[1]} --name Alex" in result.stderr

    script = Script(alex, [0, 0, 0, 0, 0])
    result = take(monkeypatch, script, content, "--resume", "--name", "Alex")
    assert result.exit_code == 0, result.output
    assert script.asked[0] == "talk-4"
    names = sorted(json.loads(p.read_text())["name"] for p in saved_results(quiz_home))
    assert names == ["Alex", "Sam"]
    assert not alex.exists()


def test_a_draft_from_a_changed_bank_keeps_the_answers_still_in_it(
    monkeypatch: pytest.MonkeyPatch,
    content: list[str],
    draft: Path,
    quiz_home: Path,
    tmp_path: Path,
) -> None:
    interrupt_after_three(monkeypatch, content, draft)
    edited = "\n".join(line for line in SMALL_BANK.splitlines() if "id: talk-2," not in line) + "\n"
    write(tmp_path, "bank.yaml", edited)

    script = Script(draft, [2, 2, 2, 0, 0])
    result = take(monkeypatch, script, content, "--resume")

    assert result.exit_code == 0, result.output
    assert "has changed since this quiz was started" in result.stderr
    assert "1 answer(s) to questions no longer in it were left out" in result.stderr
    assert script.asked[0] == "talk-4"
    (saved,) = saved_results(quiz_home)
    answers = json.loads(saved.read_text())["answers"]
    assert answers == {"talk-1": 1, "talk-3": 3, "talk-4": 2, "play-1": 2, "play-2": 2}


def test_plain_mode_end_of_input_keeps_the_draft_and_resume_finishes(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path, quiz_home: Path
) -> None:
    # The real plain-text reader; input ends after two answers, like a closed terminal.
    result = take(monkeypatch, None, content, "--plain", input="2\nrarely\n")
    assert result.exit_code == 130
    assert draft_answers(draft) == {"talk-1": 1, "talk-2": 1}
    assert "2 answers are kept" in result.stderr

    result = take(monkeypatch, None, content, "--plain", "--resume", input="3\n3\n3\n3\n1\n1\n")
    assert result.exit_code == 0, result.output
    assert "Statement 3 of 6" in result.stdout and "Statement 1 of 6" not in result.stdout
    (saved,) = saved_results(quiz_home)
    assert json.loads(saved.read_text())["answers"] == {
        "talk-1": 1,
        "talk-2": 1,
        "talk-3": 2,
        "talk-4": 2,
        "play-1": 2,
        "play-2": 2,
    }
    assert not draft.exists()


def test_ctrl_c_before_any_answer_leaves_nothing_behind(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path, quiz_home: Path
) -> None:
    result = take(monkeypatch, Script(draft, [KeyboardInterrupt]), content)
    assert result.exit_code == 130
    assert "nothing to keep" in result.stderr
    assert not quiz_home.exists() or list(quiz_home.iterdir()) == []


def test_skipping_everything_leaves_no_draft_and_no_result(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path, quiz_home: Path
) -> None:
    result = take(monkeypatch, Script(draft, [Nav.SKIP] * 8), content)
    assert result.exit_code == 0
    assert "nothing to score" in result.stderr
    assert not draft.exists() and saved_results(quiz_home) == []


def test_no_save_keeps_no_draft(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path, quiz_home: Path
) -> None:
    script = Script(draft, [1, 2, KeyboardInterrupt])
    result = take(monkeypatch, script, content, "--no-save")
    assert result.exit_code == 130
    assert script.drafts_seen == [None, None, None]
    assert "Nothing was saved (--no-save)" in result.stderr
    assert not quiz_home.exists() or list(quiz_home.iterdir()) == []


def test_a_damaged_draft_names_the_file_and_can_be_discarded(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path, quiz_home: Path
) -> None:
    quiz_home.mkdir()
    draft.write_text('{"format": "closeness-quiz/draft", "answ', encoding="utf-8")
    result = take(monkeypatch, Script(draft, []), content, "--resume")
    assert result.exit_code == 2
    assert str(draft) in result.stderr and "not valid JSON" in result.stderr
    assert "closeness-quiz take --discard" in result.stderr
    assert "Traceback" not in result.output

    result = take(monkeypatch, Script(draft, [3] * 6 + [0, 0]), content, "--discard")
    assert result.exit_code == 0, result.output
    assert f"Discarded the unfinished quiz in {draft}" in result.stderr
    assert len(saved_results(quiz_home)) == 1 and not draft.exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--resume", "--discard"], "--resume and --discard can't be used together"),
        (["--resume", "--answers", "a.yaml"], "--resume is for a quiz answered in the terminal"),
        (["--discard", "--answers", "a.yaml"], "--discard is for a quiz answered in the terminal"),
    ],
)
def test_flags_that_do_not_go_together(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path, args: list[str], expected: str
) -> None:
    result = take(monkeypatch, Script(draft, []), content, *args)
    assert result.exit_code == 2
    assert expected in result.stderr


def answers_block(stderr: str) -> str:
    start = stderr.index("# Your answers")
    return stderr[start:]


def test_an_unwritable_folder_prints_the_answers_and_keeps_the_draft(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    target = blocker / "result.json"
    script = Script(draft, [4, 0, 3, 1, 2, 4, 0, 0])
    result = take(monkeypatch, script, content, "--name", "Rowan Lee", "--output", str(target))

    assert result.exit_code == 2
    assert "your result could not be saved" in result.stderr and str(blocker) in result.stderr
    assert "Traceback" not in result.output
    block = answers_block(result.stderr)
    assert f"take --answers answers.yaml --bank {content[1]} --name 'Rowan Lee'" in block
    assert "talk-1: 4  # Almost always" in block
    assert "safe" not in block
    # The draft survives too, so `take --resume` can still finish the job.
    assert draft_answers(tmp_path / "quiz-home" / "small--rowan-lee.draft.json") is not None

    # The printed block is a working answers file that gives the same scores.
    answers_file = write(tmp_path, "answers.yaml", block)
    assert yaml.safe_load(block) == dict(zip(SCORED, [4, 0, 3, 1, 2, 4], strict=True))
    again = runner.invoke(
        app, ["take", *content, "--answers", str(answers_file), "--no-save", "--format", "json"]
    )
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["answers"] == yaml.safe_load(block)


def test_a_full_disk_prints_the_answers_so_none_are_lost(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path, quiz_home: Path
) -> None:
    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    script = Script(draft, [1, 1, 1, 1, 1, 1, 0, 0])
    result = take(monkeypatch, script, content)

    assert result.exit_code == 2
    assert result.stderr.count("can't be kept in a draft") == 1  # said once, not after every answer
    assert "No space left on device" in result.stderr
    assert "your result could not be saved" in result.stderr
    assert yaml.safe_load(answers_block(result.stderr)) == dict.fromkeys(SCORED, 1)
    assert [p for p in quiz_home.iterdir()] == []  # no half-written files or temp files


def test_an_interruption_when_no_draft_can_be_kept_prints_the_answers(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path
) -> None:
    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    result = take(monkeypatch, Script(draft, [2, 3, KeyboardInterrupt]), content)
    assert result.exit_code == 130
    assert yaml.safe_load(answers_block(result.stderr)) == {"talk-1": 2, "talk-2": 3}


def test_a_save_failure_with_an_answers_file_points_back_to_it(
    content: list[str], tmp_path: Path
) -> None:
    answers = write(tmp_path, "mine.yaml", "talk-1: 2\ntalk-2: 2\n")
    blocker = write(tmp_path, "blocker", "x")
    result = runner.invoke(
        app, ["take", *content, "--answers", str(answers), "--output", str(blocker / "r.json")]
    )
    assert result.exit_code == 2
    assert f"Your answers are still in {answers}" in result.stderr
    assert "# Your answers" not in result.stderr


def test_on_change_never_sees_safety_answers(tmp_path: Path) -> None:
    seen: list[dict[str, int]] = []
    replies = iter([1, 2, 3, 4, 0, 1, 4, 4])
    outcome = run_quiz(small_bank(tmp_path), lambda step: next(replies), on_change=seen.append)
    assert outcome.safety == {"safe-1": 4, "safe-2": 4}
    assert len(seen) == 6 and all(set(s) <= set(SCORED) for s in seen)


def test_resume_with_another_bank_points_at_the_bank_the_quiz_was_started_with(
    monkeypatch: pytest.MonkeyPatch, content: list[str], draft: Path
) -> None:
    interrupt_after_three(monkeypatch, content, draft)
    result = take(monkeypatch, Script(draft, []), [], "--resume")  # the default bank this time
    assert result.exit_code == 2
    assert "there is no unfinished quiz to resume" in result.stderr
    assert "another question bank ('small')" in result.stderr and "--bank" in result.stderr
    assert draft_answers(draft) == {"talk-1": 1, "talk-2": 2, "talk-3": 3}
