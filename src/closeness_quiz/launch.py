"""The program's entry point (the `closeness-quiz` script and `python -m closeness_quiz`).

Python's cyclic garbage collector runs over and over while the few hundred modules a command
needs are imported, though importing leaves next to no garbage. Pausing it for the start-up
saves about a tenth of the time every command takes to start (see bench/startup.py). The
commands that print and exit keep it paused, as they are short-lived; `take`, which runs for
minutes, turns it back on once its content is loaded, just before the first question."""

import gc


def main() -> None:
    gc.disable()
    from closeness_quiz.narrow import main as run

    run()
