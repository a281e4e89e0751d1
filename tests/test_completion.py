"""Shell completion (Typer's --install-completion / --show-completion), and --help at 80 columns."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closeness_quiz.cli import app
from tests.conftest import env_for_subprocess
from tests.test_docs import COMMANDS  # every command: their help too fits 80 columns
from tests.test_lookup import save

runner = CliRunner()


def complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash would be offered for the last word of `words`, as the real program answers."""
    line = f"closeness-quiz {words}"
    done = subprocess.run(
        [sys.executable, "-m", "closeness_quiz"],
        env={
            **(env or {}),
            "_CLOSENESS_QUIZ_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(line.split()) - (0 if line.endswith(" ") else 1)),
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.fixture
def env(quiz_home: Path) -> dict[str, str]:
    save(quiz_home, "one.json", "Alex", "2026-01-05T20:00:00+00:00")
    save(quiz_home, "two.json", "Sam", "2026-02-05T20:00:00+00:00")
    return env_for_subprocess(quiz_home)


def test_show_completion_prints_a_bash_script(monkeypatch: pytest.MonkeyPatch) -> None:
    # Typer asks for the shell by name when shell detection is off (as it is under a test).
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = runner.invoke(app, ["--show-completion", "bash"], prog_name="closeness-quiz")
    assert result.exit_code == 0, result.output
    assert "complete -o default -F _closeness_quiz_completion closeness-quiz" in result.stdout
    assert "_CLOSENESS_QUIZ_COMPLETE=complete_bash" in result.stdout


def test_the_options_are_in_the_help() -> None:
    out = runner.invoke(app, ["--help"]).stdout
    assert "--install-completion" in out and "--show-completion" in out


def test_result_arguments_complete_to_saved_names(env: dict[str, str]) -> None:
    assert complete("report ", env) == ["Alex", "Sam"]
    assert complete("report a", env) == ["alex"]
    assert complete("compare alex S", env) == ["Sam"]
    assert complete(f"report {Path.cwd()}/", env) == []  # a path: bash completes file names


def test_format_values_and_commands_complete(env: dict[str, str]) -> None:
    assert complete("report --format ", env) == ["text", "markdown", "html", "json"]
    assert complete("compare a b -f m", env) == ["markdown"]
    assert complete("worksheet --format ", env) == ["markdown", "html"]
    assert complete("history --format j", env) == ["json"]
    assert complete("rep", env) == ["report"]


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_fits_80_columns_with_whole_descriptions(
    monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, [*command.split(), "--help"], prog_name="closeness-quiz")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, result.stdout
    body = "\n".join(lines[1:]).replace("FILE...", "").replace("RESULT...", "")  # many args
    assert "..." not in body, body  # no description cut short
    usage = lines[0]
    assert "{" not in usage and "}" not in usage, usage


def test_usage_lines_name_the_arguments_plainly() -> None:
    def usage(*args: str) -> str:
        return runner.invoke(app, [*args, "--help"], prog_name="closeness-quiz").stdout.split("\n")[
            0
        ]

    assert usage("compare") == "Usage: closeness-quiz compare [OPTIONS] RESULT_A RESULT_B"
    assert usage("report") == "Usage: closeness-quiz report [OPTIONS] [RESULT]"
    assert usage("bank", "validate") == "Usage: closeness-quiz bank validate [OPTIONS] FILE..."


def test_the_command_list_shows_each_description_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = runner.invoke(app, ["--help"]).stdout
    listed = out.split("Commands:", 1)[1]
    assert re.search(r"take\s+Answer the questions, see your report and save the result\.", listed)
    assert re.search(r"report\s+Show a saved result again \(by default the latest\)\.", listed)


def test_installed_completion_completes_names_in_bash(env: dict[str, str], tmp_path: Path) -> None:
    """--install-completion bash, then bash itself asks for the completions of `report a`."""
    script = Path(sys.executable).with_name("closeness-quiz")
    if not script.exists() or shutil.which("bash") is None:
        pytest.skip("needs bash and the installed closeness-quiz script")
    env.update(
        HOME=str(tmp_path),
        PATH=f"{script.parent}{os.pathsep}{env.get('PATH', '')}",
        _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1",  # name the shell, don't detect it
    )
    done = subprocess.run(
        [str(script), "--install-completion", "bash"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "closeness-quiz.sh" in (tmp_path / ".bashrc").read_text(encoding="utf-8")
    asked = subprocess.run(
        [
            "bash",
            "-c",
            "source ~/.bash_completions/closeness-quiz.sh; "
            "COMP_WORDS=(closeness-quiz report a); COMP_CWORD=2; "
            "_closeness_quiz_completion closeness-quiz; printf '%s\\n' \"${COMPREPLY[@]}\"",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert asked.returncode == 0, asked.stderr
    assert asked.stdout.split() == ["alex"]
