"""The hints the program prints start it again the way it was started (see invocation.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from closeness_quiz import invocation
from closeness_quiz.invocation import program
from closeness_quiz.quiz import session


def script(folder: Path, name: str = "closeness-quiz") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_the_script_on_path_is_called_by_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = script(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(found.parent))
    assert program(str(found)) == "closeness-quiz"


def test_a_script_that_is_not_the_one_on_path_is_called_by_its_full_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script(tmp_path / "other")  # another install is on PATH
    venv = script(tmp_path / "my venv" / "bin")
    monkeypatch.setenv("PATH", str(tmp_path / "other"))
    monkeypatch.chdir(tmp_path)
    assert program("my venv/bin/closeness-quiz") == f"'{venv}'"  # absolute, quoted
    monkeypatch.setenv("PATH", "")
    assert program(str(venv)) == f"'{venv}'"


def test_python_m_names_the_python_that_runs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main = str(tmp_path / "site-packages" / "closeness_quiz" / "__main__.py")
    python = script(tmp_path / "venv" / "bin", "python3")
    monkeypatch.setenv("PATH", str(python.parent))
    assert program(main, str(python)) == "python3 -m closeness_quiz"
    monkeypatch.setenv("PATH", str(tmp_path))
    assert program(main, str(python)) == f"{python} -m closeness_quiz"


@pytest.mark.parametrize("argv0", ["", "/usr/lib/python3/site-packages/pytest/__main__.py", "-c"])
def test_anything_else_gets_the_plain_name(argv0: str) -> None:
    assert program(argv0) == "closeness-quiz"


def test_the_take_hints_use_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        invocation.sys, "argv", [os.path.join("x", "closeness_quiz", "__main__.py")]
    )
    monkeypatch.setattr(invocation, "python", lambda executable: "python3")
    assert session.command("--resume", "Mary Ann") == (
        "python3 -m closeness_quiz take --resume --name 'Mary Ann'"
    )
    assert invocation.command("report", "/tmp/a b.json") == (
        "python3 -m closeness_quiz report '/tmp/a b.json'"
    )
