"""The data files ship in the wheel and are found from a plain checkout, run from elsewhere."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, env_for_subprocess

ANSWERS = (
    "communication-01: 4\ncommunication-13: 4\ncommunication-03: 4\ncommunication-15: 4\n"
    "communication-16: 0\n"
)


def run_quiz_from(cwd: Path, pythonpath: Path, home: Path) -> dict[str, object]:
    answers = cwd / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    env = env_for_subprocess(home)
    env["PYTHONPATH"] = str(pythonpath)
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import closeness_quiz.content.bank as b; print(b.__file__); print(b.default_bank_path())",
        ],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    module_file, bank_path = probe.stdout.split()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "closeness_quiz",
            "take",
            "--answers",
            str(answers),
            "--no-save",
            "--format",
            "json",
        ],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return {"module": module_file, "bank": bank_path, "result": json.loads(done.stdout)}


@pytest.mark.slow
def test_installed_wheel_carries_the_data(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("closeness_quiz-*.whl")
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    seen = run_quiz_from(elsewhere, site, tmp_path / "home")
    assert str(seen["module"]).startswith(str(site))
    assert str(seen["bank"]) == str(site / "closeness_quiz" / "data" / "questions.yaml")
    result = seen["result"]
    assert isinstance(result, dict) and result["scores"]["communication"]["score"] == 80.0
    packaged = site / "closeness_quiz" / "data" / "compiled.json"
    assert packaged.read_bytes() == (ROOT / "data" / "compiled.json").read_bytes()


def test_plain_checkout_finds_the_data(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    seen = run_quiz_from(elsewhere, ROOT / "src", tmp_path / "home")
    assert str(seen["bank"]) == str(ROOT / "data" / "questions.yaml")
