"""The README's first command leaves a working `closeness-quiz`, and the hints it prints work.

The install runs as the README says it, in a fresh venv in a copy of the project, with two
changes so that it works offline: the venv sees this test venv's packages (a .pth file), and
pip is told not to fetch dependencies or build tools (--no-deps --no-build-isolation). Then
each way of starting the program prints "See it again with:" and, on the next line, a
command that, run by bash as a person would paste it, must show the report."""

from __future__ import annotations

import os
import shlex
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_docs import setup_commands

ANSWERS = "communication-01: 3\ncommunication-13: 1\ntrust-02: 4\naffection-13: 2\n"
README_INSTALL = "python3 -m venv .venv && . .venv/bin/activate && pip install ."
TAKE = " && closeness-quiz take"


def test_the_readme_shows_the_install_this_file_tests() -> None:
    first = setup_commands()[0]
    assert first == README_INSTALL + TAKE


def plain_path() -> str:
    """PATH without any folder that holds a closeness-quiz (such as this test venv's bin)."""
    keep = [
        d for d in os.environ.get("PATH", os.defpath).split(os.pathsep) if d and not (
            Path(d, "closeness-quiz").exists()
        )
    ]  # fmt: skip
    return os.pathsep.join(keep)


def bash(script: str, cwd: Path, path: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(PATH=path, CLOSENESS_QUIZ_HOME=str(home), NO_COLOR="1", COLUMNS="100")
    return subprocess.run(
        ["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def hint(stderr: str) -> str:
    """The command on the line after "See it again with:", where it stands alone."""
    lines = stderr.splitlines()
    return lines[lines.index("See it again with:") + 1].removeprefix("  ")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with the README's install done in it: the project folder."""
    project = tmp_path_factory.mktemp("install") / "my project"  # a space, to test the quoting
    project.mkdir()
    for name in ("src", "data"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "CHANGELOG.md"):
        shutil.copy(ROOT / name, project / name)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    deps = os.pathsep.join(site.getsitepackages())
    offline = README_INSTALL.replace(
        "python3 -m venv .venv",
        f"{shlex.quote(sys.executable)} -m venv .venv && "
        f"echo {shlex.quote(deps)} > .venv/lib/{version}/site-packages/test-deps.pth",
    ).replace("pip install .", "pip install -q --no-deps --no-build-isolation .")
    done = bash(f"set -e; {offline}; command -v closeness-quiz", project, plain_path(), project)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == str(project / ".venv" / "bin" / "closeness-quiz")
    (project / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    return project


@pytest.mark.slow
@pytest.mark.parametrize(
    ("how", "on_path", "expected"),
    [
        ("activated", True, "closeness-quiz"),
        ("script-by-path", False, "'{bin}/closeness-quiz'"),
        ("python-m", False, "'{bin}/python' -m closeness_quiz"),
        ("python-m-activated", True, "python -m closeness_quiz"),
    ],
)
def test_the_printed_hint_runs_as_printed(
    installed: Path, tmp_path: Path, how: str, on_path: bool, expected: str
) -> None:
    venv_bin = installed / ".venv" / "bin"
    start = {
        "activated": "closeness-quiz",
        "script-by-path": ".venv/bin/closeness-quiz",
        "python-m": ".venv/bin/python -m closeness_quiz",
        "python-m-activated": "python -m closeness_quiz",
    }[how]
    # An activated venv puts its bin first on PATH; else the plain PATH, without this venv.
    path = f"{venv_bin}{os.pathsep}{plain_path()}" if on_path else plain_path()
    home = tmp_path / "results"
    took = bash(f"{start} take --answers answers.yaml --name Alex", installed, path, home)
    assert took.returncode == 0, took.stderr[-3000:]
    again = hint(took.stderr)
    (saved,) = home.glob("*-alex.json")
    assert again == f"{expected.format(bin=venv_bin)} report {shlex.quote(str(saved))}"
    # Pasted into a shell started elsewhere, with the same PATH, it shows the report.
    shown = bash(again, tmp_path, path, home)
    assert shown.returncode == 0, shown.stderr[-3000:]
    assert "Alex" in shown.stdout and "Communication" in shown.stdout
    # And the same program finds it by name.
    named = bash(f"{again.rsplit(' report ', 1)[0]} report alex", tmp_path, path, home)
    assert named.returncode == 0 and named.stdout == shown.stdout, named.stderr[-3000:]


@pytest.mark.slow
def test_the_installed_program_is_the_copy_in_the_venv(installed: Path) -> None:
    python = installed / ".venv" / "bin" / "python"
    done = subprocess.run(
        [str(python), "-c", "import closeness_quiz; print(closeness_quiz.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert done.stdout.strip().startswith(str(installed / ".venv" / "lib"))
