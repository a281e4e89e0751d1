"""Private at rest: the folders the program makes, `forget`, and locked results.

Folders are 0700 whatever the umask; a results folder others can see into is tightened and
the person told once. `forget` deletes only what this program wrote in the results folder,
after asking. A locked result is an age file that Debian's `age -d` opens."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import env_for_subprocess

SMALL_ANSWERS = "communication-01: 3\ncommunication-02: 1\naffection-01: 4\n"


def run_quiz(
    home: Path, *args: str | Path, umask: int | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The real program, in its own process (the umask is the process's own)."""

    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [sys.executable, "-m", "closeness_quiz", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env_for_subprocess(home),
        preexec_fn=set_umask,
        input=stdin,
        check=False,
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(SMALL_ANSWERS, encoding="utf-8")
    return path


# --- Folders ------------------------------------------------------------------------------


def test_every_folder_made_is_private_even_under_umask_000(tmp_path: Path) -> None:
    home = tmp_path / "a" / "b" / "results"
    out = tmp_path / "x" / "y" / "mine.json"
    answers = answers_file(tmp_path)
    done = run_quiz(home, "take", "--answers", answers, "--name", "Alex", umask=0)
    assert done.returncode == 0, done.stderr
    for folder in (tmp_path / "a", tmp_path / "a" / "b", home):
        assert mode(folder) == 0o700, folder
    (saved,) = home.glob("*.json")
    assert mode(saved) == 0o600
    done = run_quiz(home, "take", "--answers", answers, "--output", out, umask=0)
    assert done.returncode == 0, done.stderr
    assert mode(tmp_path / "x") == mode(tmp_path / "x" / "y") == 0o700
    assert mode(out) == 0o600
    assert "private to you" not in done.stderr  # made private: nothing to tighten


def test_report_output_folders_are_private_too(tmp_path: Path) -> None:
    home = tmp_path / "results"
    assert run_quiz(home, "take", "--answers", answers_file(tmp_path)).returncode == 0
    out = tmp_path / "shared" / "deep" / "report.html"
    done = run_quiz(home, "report", "-f", "html", "-o", out, umask=0)
    assert done.returncode == 0, done.stderr
    assert mode(tmp_path / "shared") == mode(tmp_path / "shared" / "deep") == 0o700


@pytest.mark.parametrize("command", [["history"], ["report"], ["take", "--answers", "ANSWERS"]])
def test_a_results_folder_others_can_see_into_is_tightened_and_said_once(
    tmp_path: Path, command: list[str]
) -> None:
    home = tmp_path / "results"
    assert run_quiz(home, "take", "--answers", answers_file(tmp_path)).returncode == 0
    home.chmod(0o755)
    args = [str(answers_file(tmp_path)) if a == "ANSWERS" else a for a in command]
    done = run_quiz(home, *args)
    assert done.returncode == 0, done.stderr
    assert mode(home) == 0o700
    said = [line for line in done.stderr.splitlines() if "private to you" in line]
    assert len(said) == 1, done.stderr
    assert str(home) in said[0] and "0700" in said[0]
    again = run_quiz(home, *args)
    assert "private to you" not in again.stderr


def test_a_folder_chosen_for_output_is_left_as_it_is(tmp_path: Path) -> None:
    """Only the results folder is the program's to tighten; --output may go anywhere."""
    home = tmp_path / "results"
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    done = run_quiz(home, "take", "--answers", answers_file(tmp_path), "-o", shared / "r.json")
    assert done.returncode == 0, done.stderr
    assert mode(shared) == 0o755


def test_a_results_folder_that_is_a_broken_link_says_so(tmp_path: Path) -> None:
    home = tmp_path / "results"
    home.symlink_to(tmp_path / "unplugged-drive" / "results")
    for command in (["take", "--answers", answers_file(tmp_path)], ["history"], ["report"]):
        done = run_quiz(home, *command)
        assert done.returncode == 2, command
        assert "link to a folder that isn't there" in done.stderr, command
        assert "File exists" not in done.stderr and "No saved results" not in done.stdout
