"""Size benchmark: how long the commands take on a large bank and a long history.

Run from the repository with the project's venv:

    .venv/bin/python bench/size.py               # measure and print a table
    .venv/bin/python bench/size.py --runs 5      # more runs per command

In a temp folder it generates question banks of 2,000 and 20,000 questions (four areas,
the default categories, so the default guidance fits), two results answered against each,
and a results folder of 2,000 results of the default bank. It then times, each as a whole
process (median of --runs): `bank validate` and `compare` at both sizes, and `history` of
the 2,000 results as text and as JSON. Nothing is asserted: the table is for reading.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

PY = sys.executable
CATEGORIES = ("communication", "affection", "trust", "time-together")
BANK_SIZES = (2_000, 20_000)
HISTORY_SIZE = 2_000


def quiz(*args: str) -> list[str]:
    return [PY, "-m", "closeness_quiz", *args]


def bank_yaml(size: int) -> str:
    """A valid custom bank of `size` questions spread over the four default areas."""
    lines = [
        f"id: bench-{size}",
        "version: 1",
        f"title: Benchmark bank of {size} questions",
        "scale:",
        "  - {value: 0, label: Never}",
        "  - {value: 1, label: Rarely}",
        "  - {value: 2, label: Sometimes}",
        "  - {value: 3, label: Often}",
        "  - {value: 4, label: Almost always}",
        "categories:",
        *(f"  - {{id: {c}, title: {c.title()}, description: About {c}.}}" for c in CATEGORIES),
        "questions:",
    ]
    for i in range(size):
        category = CATEGORIES[i % len(CATEGORIES)]
        reverse = "true" if i % 5 == 0 else "false"
        lines.append(
            f"  - {{id: q-{i:05d}, category: {category}, "
            f"text: Statement number {i} about {category}., reverse: {reverse}}}"
        )
    return "\n".join(lines) + "\n"


def make_banks(folder: Path) -> dict[int, tuple[Path, Path, Path]]:
    """Per size: the bank file and two results answered against it."""
    from closeness_quiz.content.bank import load_bank
    from closeness_quiz.content.guidance import load_guidance
    from closeness_quiz.content.scoring import score
    from closeness_quiz.store.results import new_result, result_text
    from closeness_quiz.store.writing import write_new

    guidance = load_guidance()
    made = {}
    for size in BANK_SIZES:
        path = folder / f"bank-{size}.yaml"
        path.write_text(bank_yaml(size), encoding="utf-8")
        bank = load_bank(path)
        results = []
        for name, shift in (("Alex", 0), ("Sam", 2)):
            answers = {q.id: (i + shift) % 5 for i, q in enumerate(bank.questions)}
            result = new_result(
                bank, answers, name=name, taken_at=datetime(2026, 3, 1, 10, tzinfo=UTC)
            )
            text = result_text(result, score(bank, guidance, result.answers))
            results.append(write_new(folder / f"{name.lower()}-{size}.json", text))
        made[size] = (path, results[0], results[1])
    return made


def make_history(home: Path) -> None:
    """HISTORY_SIZE results of the default bank, four people, one a day."""
    from closeness_quiz.content.bank import load_bank
    from closeness_quiz.content.guidance import load_guidance
    from closeness_quiz.content.scoring import score
    from closeness_quiz.store.results import new_result, result_text

    bank, guidance = load_bank(), load_guidance()
    home.mkdir(parents=True)
    start = datetime(2020, 1, 1, 9, tzinfo=UTC)
    for n in range(HISTORY_SIZE):
        answers = {q.id: (i + n) % 5 for i, q in enumerate(bank.questions)}
        name = ("Alex", "Sam", "Kai", "Jo")[n % 4]
        result = new_result(bank, answers, name=name, taken_at=start + timedelta(days=n))
        text = result_text(result, score(bank, guidance, result.answers))
        (home / f"result-{n:05d}.json").write_text(text, encoding="utf-8")


def timed(cmd: list[str], env: dict[str, str], runs: int) -> float:
    """Median seconds of `runs` runs (after one warm-up); the command must not fail."""
    samples = []
    for i in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(cmd, env=env, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr.decode()}")
        if i:
            samples.append(elapsed)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per command")
    args = parser.parse_args()
    runs = max(1, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        home = folder / "home"
        banks = make_banks(folder)
        make_history(home)
        env = dict(os.environ, CLOSENESS_QUIZ_HOME=str(home), COLUMNS="100", NO_COLOR="1")
        cmds: list[tuple[str, list[str]]] = []
        for size, (bank, a, b) in banks.items():
            cmds.append((f"bank validate, {size:,} questions", quiz("bank", "validate", str(bank))))
            cmds.append((f"compare, {size:,} questions", quiz("compare", str(a), str(b))))
        cmds.append((f"history, {HISTORY_SIZE:,} results, text", quiz("history")))
        cmds.append(
            (f"history, {HISTORY_SIZE:,} results, json", quiz("history", "--format", "json"))
        )
        print(f"size, median of {runs} runs after a warm-up; python {sys.version.split()[0]}")
        print(f"{'command':<40}{'median s':>10}")
        for label, cmd in cmds:
            print(f"{label:<40}{timed(cmd, env, runs):>10.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
