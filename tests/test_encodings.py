"""Every command under an ASCII-only encoding, and with COLUMNS=0 or a tiny width: exit 0,
nothing lost, and output the terminal can show (pure ASCII where the encoding is ASCII).

In-process with CliRunner (its standard output is a real text stream with a charset), and as
the real program in a subprocess with PYTHONIOENCODING=ascii, or LC_ALL=C without UTF-8 mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from closeness_quiz.cli import app
from tests.conftest import ROOT, env_for_subprocess
from tests.test_report_cli import ALEX, SAM

NAMES = ("Zoë", "李 Wei")  # names in other scripts must not crash an ASCII terminal


@pytest.fixture
def files(tmp_path: Path, quiz_home: Path) -> dict[str, Path]:
    """Two saved results in the results folder, and their answers files."""
    made: dict[str, Path] = {}
    for key, (name, answers) in zip(("a", "b"), zip(NAMES, (ALEX, SAM), strict=True), strict=True):
        answers_file = tmp_path / f"{key}-answers.yaml"
        answers_file.write_text(yaml.safe_dump(answers), encoding="utf-8")
        made[f"{key}-answers"] = answers_file
        result = CliRunner().invoke(app, ["take", "--answers", str(answers_file), "--name", name])
        assert result.exit_code == 0, result.stderr
    made["a"], made["b"] = sorted(quiz_home.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
    return made


def commands(files: dict[str, Path]) -> list[list[str]]:
    a, b, answers = str(files["a"]), str(files["b"]), str(files["a-answers"])
    return [
        ["take", "--answers", answers, "--no-save"],
        ["take", "--answers", answers, "--name", "Zoë"],
        ["take", "--answers", answers, "--no-save", "--plain"],
        ["report", a],
        *(["report", a, "--format", fmt] for fmt in ("markdown", "html", "json")),
        ["compare", a, b],
        *(["compare", a, b, "--format", fmt] for fmt in ("markdown", "html", "json")),
        ["history"],
        ["history", "--format", "json"],
        ["worksheet"],
        ["worksheet", "--format", "html", "--with-key"],
        ["bank", "validate", str(ROOT / "data" / "questions.yaml")],
        ["--help"],
        ["take", "--help"],
    ]


def ids(args: list[str]) -> str:
    return " ".join(a if not a.startswith("/") else Path(a).name for a in args)


def test_every_command_writes_pure_ascii_to_an_ascii_stream(files: dict[str, Path]) -> None:
    for args in commands(files):
        result = CliRunner(charset="ascii").invoke(app, args)
        assert result.exit_code == 0, (ids(args), result.stderr, result.exception)
        assert result.stdout_bytes, ids(args)
        assert result.stdout_bytes.isascii(), ids(args)
        assert "Traceback" not in result.stderr


def test_ascii_output_keeps_its_meaning(files: dict[str, Path]) -> None:
    """Bars and dashes become ASCII, names lose only their accents, JSON and HTML mean the
    same as in UTF-8."""
    a, b = str(files["a"]), str(files["b"])
    ascii_runner, utf8 = CliRunner(charset="ascii"), CliRunner()
    report = ascii_runner.invoke(app, ["report", a]).stdout
    assert "Zoe" in report
    assert any(
        line.endswith(("Strained", "Mixed", "Strong")) and "#" in line
        for line in report.splitlines()
    )
    assert '"' in report and " - " in report
    json_commands = [["report", a, "--format", "json"], ["compare", a, b, "--format", "json"]]
    for args in [*json_commands, ["history", "--format", "json"]]:
        assert json.loads(ascii_runner.invoke(app, args).stdout) == json.loads(
            utf8.invoke(app, args).stdout
        )
    page = ascii_runner.invoke(app, ["report", a, "--format", "html"]).stdout
    assert "Zo&#235;" in page
    history = ascii_runner.invoke(app, ["history"]).stdout
    assert "Zoe" in history and "? Wei" in history


@pytest.mark.parametrize("columns", ["0", "1", "12"])
def test_no_width_or_a_tiny_one_still_gives_the_whole_output(
    files: dict[str, Path], columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """COLUMNS=0 means 'ask the terminal' (80 when there is none); a tiny width is laid out
    at 30 columns, the narrowest that stays readable, instead of printing nothing."""
    monkeypatch.setenv("COLUMNS", columns)
    widest = 80 if columns == "0" else 30
    for args in commands(files):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, (ids(args), result.stderr)
        assert result.stdout.strip(), ids(args)
        if args[0] in ("report", "compare", "history") and "--format" not in args:
            assert "Overall" in result.stdout, ids(args)
            assert max(len(line) for line in result.stdout.splitlines()) <= widest, ids(args)


ENVIRONMENTS = {
    "PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
    "LC_ALL=C": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}


@pytest.mark.parametrize("setting", ENVIRONMENTS)
def test_the_real_program_never_crashes_on_an_ascii_terminal(
    files: dict[str, Path], quiz_home: Path, setting: str
) -> None:
    env = env_for_subprocess(quiz_home)
    env.pop("PYTHONIOENCODING", None)
    env.update(ENVIRONMENTS[setting])
    probe = [sys.executable, "-c", "import sys; print(sys.stdout.encoding)"]
    encoding = subprocess.run(probe, env=env, capture_output=True, text=True).stdout.strip()
    assert encoding.replace("-", "").casefold() in ("ascii", "ansi_x3.41968", "usascii")
    before = set(quiz_home.glob("*.json"))
    for args in commands(files):
        done = subprocess.run(
            [sys.executable, "-m", "closeness_quiz", *args],
            env=env,
            capture_output=True,
            timeout=60,
            cwd=os.fspath(ROOT),
        )
        assert done.returncode == 0, (ids(args), done.stderr.decode("utf-8", "replace"))
        assert done.stdout and done.stdout.isascii(), ids(args)
        assert b"Traceback" not in done.stderr
    assert len(set(quiz_home.glob("*.json")) - before) == 1  # the take that saves, saved
