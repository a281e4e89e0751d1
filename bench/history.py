"""How long `history` takes with a big results folder, against `--version`.

    .venv/bin/python bench/history.py [--results 2000] [--runs 10] [--keep DIR] [--profile]

Makes the results once, in a temp folder (or in --keep DIR, reused when it already holds
them), the way a person makes them: `take --answers` of the default bank, four people, one a
day (run in one process through the CLI, with CLOSENESS_QUIZ_NOW set to each day, so making
2,000 takes seconds instead of minutes). Then times `history --format json`, `history` as
text and `--version`, each as a whole process, interleaved (one run of each in turn), and
prints the fastest run of each and the ratio to `--version`: on a shared machine every
disturbance only adds time, so the minimum is what moves with the code. With hyperfine
installed, it is used for the runs (`hyperfine -N`, one command per call, in rounds).
--profile prints the cProfile of one `history --format json` run in-process instead. Nothing
is asserted: the table is for reading."""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

PY = sys.executable
NAMES = ("Alex", "Sam", "Kai", "Jo")
START = datetime(2020, 1, 1, 9, tzinfo=UTC)


def quiz(*args: str) -> list[str]:
    return [PY, "-m", "closeness_quiz", *args]


def make_results(home: Path, count: int) -> None:
    """`count` results in `home`, each saved by `take --answers` of the default bank."""
    from typer.testing import CliRunner

    from closeness_quiz.cli import app
    from closeness_quiz.content.bank import load_bank

    bank = load_bank()
    home.mkdir(parents=True, exist_ok=True)
    answers = home.parent / "answers"
    answers.mkdir(exist_ok=True)
    runner = CliRunner()
    saved = len(list(home.glob("*.json")))
    for n in range(saved, count):
        file = answers / f"{n % 5}.yaml"
        if not file.exists():
            file.write_text(
                "".join(f"{q.id}: {(i + n) % 5}\n" for i, q in enumerate(bank.questions)),
                encoding="utf-8",
            )
        env = {
            "CLOSENESS_QUIZ_HOME": str(home),
            "CLOSENESS_QUIZ_NOW": (START + timedelta(days=n)).isoformat(),
        }
        name = NAMES[n % len(NAMES)]
        done = runner.invoke(app, ["take", "--answers", str(file), "--name", name], env=env)
        if done.exit_code != 0:
            raise SystemExit(f"take --answers failed ({done.exit_code}):\n{done.output}")
    made = len(list(home.glob("*.json")))
    if made < count:
        raise SystemExit(f"{home} holds {made} results, not {count}")


def fastest(cmd: list[str], env: dict[str, str], runs: int) -> float:
    """The fastest of `runs` runs (after a warm-up); the command must not fail."""
    if shutil.which("hyperfine"):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run(
                ["hyperfine", "-N", "-w", "1", "-r", str(runs), "--export-json", out.name,
                 "--output=null", "--style", "none", subprocess.list2cmdline(cmd)],
                env=env, check=True, capture_output=True,
            )  # fmt: skip
            return float(json.loads(Path(out.name).read_text())["results"][0]["min"])
    samples = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(cmd, env=env, capture_output=True, check=False)
        samples.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr.decode()}")
    return min(samples[1:])


def profile(home: Path) -> None:
    """cProfile of `history --format json`, in this process, top 30 by cumulative time."""
    os.environ["CLOSENESS_QUIZ_HOME"] = str(home)
    from closeness_quiz.commands.history import run

    profiler = cProfile.Profile()
    with contextlib.redirect_stdout(io.StringIO()):
        profiler.runcall(run, name=None, fmt="json", page=False)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=int, default=2_000, help="how many results")
    parser.add_argument("--runs", type=int, default=10, help="timed runs per command and round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the commands in turn")
    parser.add_argument("--keep", type=Path, help="make (or reuse) the results here")
    parser.add_argument("--profile", action="store_true", help="profile history instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = (args.keep or Path(tmp)) / "home"
        started = time.perf_counter()
        make_results(home, args.results)
        made_in = time.perf_counter() - started
        if args.profile:
            profile(home)
            return 0
        env = dict(os.environ, CLOSENESS_QUIZ_HOME=str(home), COLUMNS="100", NO_COLOR="1")
        cases = {
            "closeness-quiz --version": quiz("--version"),
            "history --format json": quiz("history", "--format", "json"),
            "history (text)": quiz("history", "--no-pager"),
        }
        best = dict.fromkeys(cases, float("inf"))
        for _ in range(max(1, args.rounds)):
            for label, cmd in cases.items():
                best[label] = min(best[label], fastest(cmd, env, max(1, args.runs)))
        print(f"{args.results:,} results (made in {made_in:.0f} s); fastest of "
              f"{args.rounds} x {args.runs} runs, interleaved; python {sys.version.split()[0]}")  # fmt: skip
        print(f"{'command':<30}{'fastest s':>10}{'x --version':>13}")
        for label in cases:
            ratio = best[label] / best["closeness-quiz --version"]
            print(f"{label:<30}{best[label]:>10.3f}{ratio:>13.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
