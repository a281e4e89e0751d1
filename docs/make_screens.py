"""The README's first screens, made from the real program.

    .venv/bin/python docs/make_screens.py            # docs/report.png, and the text screens
    .venv/bin/python docs/make_screens.py --no-png   # only print the text screens

In a temp folder it saves a sample result with `take --answers` (Alex: close on
communication and trust, less on affection, time together strained), then:

- prints the first screen of `take` in an 80x40 tmux window, after two answers (needs tmux);
- prints the start of `report alex` at 80 columns;
- writes `report alex --format html`, photographs it in headless Chromium at 900x1200 and
  saves the picture as docs/report.png, squeezed with pngquant and optipng where installed
  (apt-get install pngquant optipng), so that it stays small.

Nothing here touches the network or your own results folder."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PNG = ROOT / "docs" / "report.png"
WINDOW = "900,1200"
KEYED = {"communication": 3, "trust": 3, "affection": 2, "time-together": 1}


def program() -> list[str]:
    script = Path(sys.executable).with_name("closeness-quiz")
    return [str(script)] if script.exists() else [sys.executable, "-m", "closeness_quiz"]


def sample_answers(folder: Path) -> Path:
    """Each statement answered so that its area's keyed value is KEYED[area], give or take one."""
    sys.path.insert(0, str(ROOT / "src"))
    from closeness_quiz.content.bank import load_bank

    answers = {}
    for index, question in enumerate(load_bank().questions):
        keyed = max(0, min(4, KEYED[question.category] + (index % 3) - 1))
        answers[question.id] = 4 - keyed if question.reverse else keyed
    path = folder / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return path


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([*program(), *args], env=env, capture_output=True, text=True, check=True)
    return done.stdout


def take_screen(env: dict[str, str]) -> str:
    """The first screen of `take`, after answering 4 (Often) and 2 (Rarely)."""
    server = ["tmux", "-L", f"closeness-screens-{os.getpid()}"]
    command = " ".join([*program(), "take"]) + "; sleep 30"  # as the README starts it
    options = [f"-e{k}={env[k]}" for k in ("CLOSENESS_QUIZ_HOME", "NO_COLOR", "PATH")]
    subprocess.run(
        [*server, "new-session", "-d", "-s", "take", "-x", "80", "-y", "40", *options, command],
        check=True,
    )
    try:
        time.sleep(2)
        for key in ("4", "2"):
            subprocess.run([*server, "send-keys", "-t", "take", key, "Enter"], check=True)
            time.sleep(0.7)
        shown = subprocess.run(
            [*server, "capture-pane", "-p", "-t", "take"], capture_output=True, text=True
        ).stdout
    finally:
        subprocess.run([*server, "kill-server"], check=False)
    return "\n".join(line.rstrip() for line in shown.splitlines()).strip() + "\n"


def photograph(html: Path, png: Path, folder: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("needs Chromium (apt-get install chromium)")
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={folder / 'chromium'}",
            f"--screenshot={png}",
            f"--window-size={WINDOW}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
    )
    if shutil.which("pngquant"):
        subprocess.run(
            ["pngquant", "--force", "--skip-if-larger", "--quality=60-90", "--ext", ".png", png],
            check=False,
        )
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o5", png], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-png", action="store_true", help="only print the text screens")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(
            os.environ,
            CLOSENESS_QUIZ_HOME=str(folder / "results"),
            NO_COLOR="1",
            COLUMNS="80",
            PROMPT_TOOLKIT_NO_CPR="1",
            PATH=f"{Path(program()[0]).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        )
        run(["take", "--answers", str(sample_answers(folder)), "--name", "Alex"], env)
        if shutil.which("tmux"):
            print("--- take, the first screen ---")
            print(take_screen(env))
        print("--- report alex ---")
        print(run(["report", "alex"], env))
        if not options.no_png:
            html = folder / "report.html"
            run(["report", "alex", "--format", "html", "--output", str(html)], env)
            photograph(html, PNG, folder)
            print(f"--- {PNG.relative_to(ROOT)}: {PNG.stat().st_size / 1024:.0f} KB ---")
    return 0


if __name__ == "__main__":
    sys.exit(main())
