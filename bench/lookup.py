"""How long finding a result by name takes with a big results folder.

    .venv/bin/python bench/lookup.py [--runs 5]

Makes 2,000 results of the default bank in a temp folder (as bench/size.py does: four people,
one a day) and times, each as a whole process: `report PATH` (read straight away, no folder
scan), `report NAME` (the latest result with that name), `report` alone (the latest of all),
an unknown name (exit 2, listing the names), and completing a name in bash."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from size import HISTORY_SIZE, make_history, quiz


def timed(cmd: list[str], env: dict[str, str], runs: int, ok: int) -> float:
    """Median seconds of `runs` runs after a warm-up; the command must exit with `ok`."""
    samples = []
    for i in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(cmd, env=env, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != ok:
            raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr.decode()}")
        if i:
            samples.append(elapsed)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        make_history(home)
        env = dict(os.environ, CLOSENESS_QUIZ_HOME=str(home), COLUMNS="100", NO_COLOR="1")
        completing = dict(
            env,
            _CLOSENESS_QUIZ_COMPLETE="complete_bash",
            COMP_WORDS="closeness-quiz report a",
            COMP_CWORD="2",
        )
        cases = [
            ("report PATH", quiz("report", str(home / "result-01999.json")), env, 0),
            ("report NAME", quiz("report", "alex"), env, 0),
            ("report (the latest)", quiz("report"), env, 0),
            ("report UNKNOWN-NAME (exit 2)", quiz("report", "kim"), env, 2),
            ("completing a name", quiz(), completing, 0),
        ]
        print(f"{HISTORY_SIZE:,} results, median of {args.runs} runs after a warm-up")
        print(f"{'command':<32}{'median s':>10}")
        for label, cmd, use, ok in cases:
            print(f"{label:<32}{timed(cmd, use, max(1, args.runs), ok):>10.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
