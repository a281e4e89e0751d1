"""`report` and `compare` stay quick: the real program never loads the prompt libraries for them.

Each case runs `python -X importtime -m closeness_quiz ...` in a fresh interpreter; Python then
lists every module it imported on stderr, so the check sees exactly what a user's run loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import env_for_subprocess

PROMPT_LIBRARIES = ("questionary", "prompt_toolkit")
ANSWERS = {
    "communication-01": 3,
    "communication-13": 1,
    "communication-03": 4,
    "communication-15": 0,
    "affection-13": 4,
    "affection-02": 1,
    "affection-03": 3,
    "affection-04": 2,
    "affection-08": 2,
    "trust-02": 2,
    "trust-14": 2,
    "trust-05": 2,
    "trust-06": 2,
    "trust-07": 2,
    "time-together-14": 0,
    "time-together-04": 1,
    "time-together-07": 4,
    "time-together-15": 2,
}


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "closeness_quiz", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env_for_subprocess(home),
        check=False,
    )


def imported(stderr: str) -> set[str]:
    """Module names from `-X importtime` lines: 'import time: self | cumulative | name'."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    folder = tmp_path_factory.mktemp("imports")
    home = folder / "home"
    answers = folder / "answers.yaml"
    answers.write_text(yaml.safe_dump(ANSWERS), encoding="utf-8")
    made = []
    for name in ("Alex", "Sam"):
        target = folder / f"{name}.json"
        took = run(home, "take", "--answers", str(answers), "--output", str(target), "-n", name)
        assert took.returncode == 0, took.stderr[-2000:]
        made.append(target)
    return home, made[0], made[1]


def test_the_check_sees_the_prompt_libraries_when_they_are_loaded(
    tmp_path: Path,
) -> None:
    """The detector itself works: importing the prompt module shows up in the list."""
    names = imported_by(tmp_path, "import closeness_quiz.quiz.prompts")
    assert {"questionary", "prompt_toolkit"} <= names


def imported_by(home: Path, code: str) -> set[str]:
    """Every module `python -c code` imports, in a fresh interpreter."""
    probe = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=env_for_subprocess(home),
        check=False,
    )
    assert probe.returncode == 0, probe.stderr[-2000:]
    return imported(probe.stderr)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
@pytest.mark.parametrize("command", ["report", "compare"])
def test_report_and_compare_do_not_import_prompt_libraries(
    results: tuple[Path, Path, Path], command: str, fmt: str
) -> None:
    home, alex, sam = results
    files = [str(alex)] if command == "report" else [str(alex), str(sam)]
    done = run(home, command, *files, "--format", fmt)
    assert done.returncode == 0, done.stderr[-2000:]
    names = imported(done.stderr)
    assert "closeness_quiz.cli" in names  # the listing really covers the program's imports
    loaded = sorted(n for n in names if n.split(".")[0] in PROMPT_LIBRARIES)
    assert loaded == [], f"{command} --format {fmt} imported {loaded}"


@pytest.mark.parametrize("command", ["report", "compare", "worksheet"])
def test_default_content_is_read_without_pyyaml(
    results: tuple[Path, Path, Path], command: str
) -> None:
    """data/compiled.json spares these commands the PyYAML import (see closeness_quiz.content.compiled)."""
    home, alex, sam = results
    files = {"report": [str(alex)], "compare": [str(alex), str(sam)], "worksheet": []}[command]
    done = run(home, command, *files)
    assert done.returncode == 0, done.stderr[-2000:]
    names = imported(done.stderr)
    assert "closeness_quiz.cli" in names
    assert "yaml" not in names


@pytest.mark.parametrize("command", ["report", "compare"])
def test_report_and_compare_leave_out_what_they_only_sometimes_need(
    results: tuple[Path, Path, Path], command: str
) -> None:
    """Issue 22's trimming, kept: exact scores need no `fractions` (nor the `decimal` it
    loads), a path is quoted in a message only when there is one (`shlex`), UTF-8 is read
    without the utf-8-sig codec, and only `report` needs the wording of "since last time"."""
    home, alex, sam = results
    files = [str(alex)] if command == "report" else [str(alex), str(sam)]
    done = run(home, command, *files)
    assert done.returncode == 0, done.stderr[-2000:]
    names = imported(done.stderr)
    assert "closeness_quiz.cli" in names
    unneeded = {"fractions", "decimal", "shlex", "encodings.utf_8_sig", "hashlib"}
    if command == "compare":
        unneeded.add("closeness_quiz.report.since")
    assert sorted(unneeded & names) == []


def test_the_first_question_waits_for_no_report_machinery(tmp_path: Path) -> None:
    """What `take` imports before its first question (its command module and the prompts):
    not the report's view, not Rich's console or styled text, not OpenSSL (the quiz makes no
    connection)."""
    names = imported_by(
        tmp_path,
        "import closeness_quiz.cli, closeness_quiz.commands.take, closeness_quiz.quiz.prompts;"
        "from closeness_quiz.content.bank import load_bank; load_bank()",
    )
    assert "questionary" in names
    unneeded = {"closeness_quiz.report.view", "closeness_quiz.checkin.view", "rich.text"}
    unneeded |= {"rich.console", "_ssl"}  # OpenSSL itself (the name ssl is tried, and refused)
    assert sorted(unneeded & names) == []


def test_ssl_can_still_be_loaded_after_the_prompts(tmp_path: Path) -> None:
    names = imported_by(
        tmp_path, "import closeness_quiz.quiz.prompts, ssl; assert ssl.OPENSSL_VERSION"
    )
    assert {"questionary", "_ssl"} <= names


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_load_only_typer(tmp_path: Path, flag: str) -> None:
    done = run(tmp_path, flag)
    assert done.returncode == 0, done.stderr[-2000:]
    names = imported(done.stderr)
    assert "closeness_quiz.cli" in names
    heavy = {"questionary", "prompt_toolkit", "yaml", "rich", "closeness_quiz.content.bank"}
    heavy |= {"closeness_quiz.commands.common"}  # no command's module: only the app's list
    heavy |= {"closeness_quiz.store.lookup"}  # what completes a RESULT loads only when completing
    assert sorted(heavy & names) == []


def test_report_of_a_file_does_not_load_what_a_name_needs(results: tuple[Path, Path, Path]) -> None:
    """A path that exists is read straight away: no folder scan, nothing for messages."""
    home, alex, _ = results
    done = run(home, "report", str(alex))
    assert done.returncode == 0, done.stderr[-2000:]
    names = imported(done.stderr)
    assert "closeness_quiz.store.lookup" in names
    unneeded = {
        "closeness_quiz.history.view",
        "closeness_quiz.store.drafts",
        "closeness_quiz.invocation",
    }
    assert sorted(unneeded & names) == []


def test_completing_a_name_loads_no_rendering_or_yaml(
    results: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, alex, _ = results
    home = tmp_path / "home"
    home.mkdir()
    (home / alex.name).write_bytes(alex.read_bytes())
    env = env_for_subprocess(home)
    env.update(
        _CLOSENESS_QUIZ_COMPLETE="complete_bash",
        COMP_WORDS="closeness-quiz report a",
        COMP_CWORD="2",
    )
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "closeness_quiz"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.split() == ["alex"], done.stderr[-2000:]
    names = imported(done.stderr)
    assert "closeness_quiz.store.lookup" in names
    assert sorted({"questionary", "prompt_toolkit", "yaml", "rich"} & names) == []


def test_report_of_another_banks_result_never_reads_the_default_bank(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An instrument's result carries its own questions: showing it again reads no default
    bank (only a default-bank result saved before `critical` marks existed needs it)."""
    import closeness_quiz.store.results as results

    source = Path(__file__).parent / "data" / "instruments" / "kms.yaml"
    answers = tmp_path / "a.yaml"
    answers.write_text("kms-1: 5\nkms-2: 6\nkms-3: 5\n", encoding="utf-8")
    from typer.testing import CliRunner

    from closeness_quiz.cli import app

    out = tmp_path / "r.json"
    took = CliRunner().invoke(
        app, ["take", "--bank", str(source), "--answers", str(answers), "-o", str(out)]
    )
    assert took.exit_code == 0, took.stderr
    read: list[object] = []
    real = results.load_bank
    monkeypatch.setattr(results, "load_bank", lambda *a, **k: read.append(1) or real(*a, **k))
    monkeypatch.setattr(results, "_SNAPSHOTS", {})
    results.read_result(out)
    assert read == []
