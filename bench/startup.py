"""Startup benchmark: how long each command takes as a whole process, against `import typer`.

Run from the repository with the project's venv:

    .venv/bin/python bench/startup.py            # measure and print a table
    .venv/bin/python bench/startup.py --check    # also exit 1 if a budget is missed

Each command runs as its own process, several times after a warm-up; the table shows
each command's fastest run and its ratio to `python -c "import typer"` measured in the same run,
so the budget holds on slow and fast machines alike. hyperfine is used where installed,
else repeated subprocess runs timed with time.perf_counter. The time until the first
question is on screen for `take` is measured in a pseudo-terminal.

Judged by the minimum, not the median: on a shared machine every disturbance only adds
time, so the fastest run is the one closest to what the code itself costs, and it moves
when the code does. The median moved with the machine's load as much as with the code, and
let start-up creep up by a few per cent a week without a budget noticing (issue 22).

    .venv/bin/python bench/startup.py --instructions   # count instructions instead (valgrind)

counts the instructions each command executes (valgrind's callgrind): the same number on
every run, whatever else the machine is doing, so a change of 1 % shows. The ratios are
judged against the same budgets.

Budgets (issue 22): --version and --help <= 1.1x, report and compare <= 1.6x, worksheet
<= 1.8x import typer; the first question on screen within 180 ms.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
FIRST_QUESTION_BUDGET_MS = 180.0
ROUND_RUNS = 5
RATIO_BUDGETS = {
    "--version": 1.1,
    "--help": 1.1,
    "report": 1.6,
    "compare": 1.6,
    "worksheet": 1.8,
}


@dataclass
class Timing:
    label: str
    fastest_ms: float
    runs: int


SCRIPT = Path(PY).with_name("closeness-quiz")


def quiz(*args: str) -> list[str]:
    """The installed console script, as users run it (else python -m closeness_quiz)."""
    if SCRIPT.exists():
        return [str(SCRIPT), *args]
    return [PY, "-m", "closeness_quiz", *args]


def make_results(folder: Path, env: dict[str, str]) -> tuple[Path, Path]:
    """Two real results to report on and compare, made with `take --answers`."""
    from closeness_quiz.content.bank import load_bank

    paths = []
    for name, flip in (("alex", False), ("sam", True)):
        answers = {q.id: (i + (2 if flip else 0)) % 5 for i, q in enumerate(load_bank().questions)}
        answers_file = folder / f"{name}.answers.json"
        answers_file.write_text(json.dumps(answers), encoding="utf-8")
        out = folder / f"{name}.json"
        subprocess.run(
            quiz("take", "--answers", str(answers_file), "--name", name, "--output", str(out)),
            env=env,
            check=True,
            capture_output=True,
        )
        paths.append(out)
    return paths[0], paths[1]


def run_quietly(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - start) * 1000


def time_subprocess(
    cmds: dict[str, list[str]], env: dict[str, str], runs: int, warmup: int
) -> dict[str, float]:
    """Round robin (every command once per round), so a machine that speeds up or slows down
    part-way affects every command alike and the ratios stay fair."""
    for _ in range(warmup):
        for cmd in cmds.values():
            run_quietly(cmd, env)
    samples: dict[str, list[float]] = {label: [] for label in cmds}
    for _ in range(runs):
        for label, cmd in cmds.items():
            samples[label].append(run_quietly(cmd, env))
    return {label: min(times) for label, times in samples.items()}


def time_hyperfine(
    cmds: dict[str, list[str]], env: dict[str, str], runs: int, warmup: int
) -> dict[str, float]:
    """hyperfine in rounds of ROUND_RUNS runs per command, the fastest over all rounds: on a shared
    machine whose speed drifts, one long pass per command would skew the ratios."""
    samples: dict[str, list[float]] = {label: [] for label in cmds}
    rounds = max(1, -(-runs // ROUND_RUNS))
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "hf.json"
        for round_number in range(rounds):
            argv = [
                "hyperfine",
                "-N",
                "--warmup",
                str(warmup if round_number == 0 else 1),
                "--runs",
                str(ROUND_RUNS),
                "--export-json",
                str(export),
                "--style",
                "none",
            ]
            for label, cmd in cmds.items():
                # "=": a label like --version is not a flag
                argv += [f"--command-name={label}", subprocess.list2cmdline(cmd)]
            subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
            for result in json.loads(export.read_text())["results"]:
                samples[result["command"]] += [t * 1000 for t in result["times"]]
    return {label: min(times) for label, times in samples.items()}


def count_instructions(cmds: dict[str, list[str]], env: dict[str, str]) -> dict[str, float]:
    """Millions of instructions each command executes, counted by valgrind (one run each:
    the count is the same on every run)."""
    counts = {}
    for label, cmd in cmds.items():
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        found = re.search(r"refs:\s*([\d,]+)", done.stderr)
        if found is None:
            raise SystemExit(f"valgrind counted nothing for {label}:\n{done.stderr[-2000:]}")
        counts[label] = int(found.group(1).replace(",", "")) / 1e6
    return counts


def time_first_question(env: dict[str, str], runs: int, warmup: int) -> float:
    """Milliseconds from starting `take` in a pseudo-terminal until question 1 is on screen."""
    samples = []
    for i in range(warmup + runs):
        start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: becomes `closeness-quiz take` on the terminal
            argv = quiz("take", "--no-save")
            os.execve(argv[0], argv, env)
        seen = b""
        deadline = start + 10
        while b"1 of " not in seen or b"Never" not in seen:
            if time.perf_counter() > deadline:
                raise SystemExit("take did not show its first question within 10 s")
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
        elapsed = (time.perf_counter() - start) * 1000
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
        if i >= warmup:
            samples.append(elapsed)
    return min(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command (at least 10)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 if any budget is missed")
    parser.add_argument(
        "--no-hyperfine", action="store_true", help="time with subprocess even if hyperfine is here"
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count instructions with valgrind instead of timing (deterministic)",
    )
    args = parser.parse_args()
    runs = max(10, args.runs)

    # Measure what an installed user gets: bytecode compiled, no colour, isolated home.
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(
            CLOSENESS_QUIZ_HOME=str(folder / "home"),
            PROMPT_TOOLKIT_NO_CPR="1",
            TERM="xterm-256color",
            COLUMNS="100",
        )
        a, b = make_results(folder, env)
        cmds = {
            "python -c pass": [PY, "-c", "pass"],
            "import typer": [PY, "-c", "import typer"],
            "--version": quiz("--version"),
            "--help": quiz("--help"),
            "report": quiz("report", str(a)),
            "compare": quiz("compare", str(a), str(b)),
            "worksheet": quiz("worksheet"),
        }
        if args.instructions:
            if shutil.which("valgrind") is None:
                raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
            fastest = count_instructions(cmds, env)
        else:
            use_hyperfine = shutil.which("hyperfine") is not None and not args.no_hyperfine
            if use_hyperfine:
                fastest = time_hyperfine(cmds, env, runs, args.warmup)
            else:
                fastest = time_subprocess(cmds, env, runs, args.warmup)
            first = time_first_question(env, runs, args.warmup)

    base = fastest["import typer"]
    version = sys.version.split()[0]
    if args.instructions:
        print(f"startup in instructions (valgrind callgrind, millions); python {version}")
        unit = "M instr"
    else:
        tool = "hyperfine" if use_hyperfine else "subprocess + perf_counter"
        print(
            f"startup, fastest of {runs} runs after {args.warmup} warm-up ({tool}); python {version}"
        )
        unit = "min ms"
    print(f"{'command':<28}{unit:>10}{'x typer':>9}{'budget':>8}  ok")
    failed = False
    for label, ms in fastest.items():
        ratio = ms / base
        budget = RATIO_BUDGETS.get(label)
        ok = budget is None or ratio <= budget
        failed |= not ok
        print(
            f"{label:<28}{ms:>10.1f}{ratio:>9.2f}{(f'{budget:.1f}x' if budget else ''):>8}  {'' if budget is None else ('yes' if ok else 'NO')}"
        )
    if not args.instructions:  # a terminal's wait for the screen can't be counted so
        ok = first <= FIRST_QUESTION_BUDGET_MS
        failed |= not ok
        print(
            f"{'take: first question shown':<28}{first:>10.1f}{first / base:>9.2f}"
            f"{f'{FIRST_QUESTION_BUDGET_MS:.0f} ms':>8}  {'yes' if ok else 'NO'}"
        )
    return 1 if (failed and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
