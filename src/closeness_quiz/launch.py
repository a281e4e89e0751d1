"""The program's entry point (the `closeness-quiz` script and `python -m closeness_quiz`).

Python's cyclic garbage collector runs over and over while the few hundred modules a command
needs are imported, though importing leaves next to no garbage. Pausing it for the start-up
saves about a tenth of the time every command takes to start (see bench/startup.py). The
commands that print and exit keep it paused, as they are short-lived; `take`, which runs for
minutes, turns it back on once its content is loaded, just before the first question.

When the command is done, Python would take every module and object apart again before the
process ends: about a tenth of `report`'s and `compare`'s time (40 M instructions), with
the output long written. `leave` ends the process straight away instead, once standard output
and standard error are flushed, with the same exit status. Only when nothing is left to do:
where a library registered something to run at exit, or another thread still runs, Python
ends as usual. Every file the program writes is closed (and synced) before its command
returns, so there is nothing else to finish."""

import gc
import sys


def main() -> None:
    gc.disable()
    from closeness_quiz.narrow import main as run

    try:
        run()
    except SystemExit as done:
        leave(done.code)
    leave(0)


def leave(status: object) -> None:
    """End the process with `status` (None or an int, as `sys.exit` takes them) without the
    interpreter's teardown where that is safe; else as usual, with SystemExit."""
    import atexit
    import os

    pending = getattr(atexit, "_ncallbacks", None)  # CPython's; elsewhere Python ends as usual
    threading = sys.modules.get("threading")  # not imported: no other thread was started
    if (
        pending is None
        or pending()
        or (threading is not None and threading.active_count() > 1)
        or not (status is None or isinstance(status, int))
    ):
        raise SystemExit(status)
    try:
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):  # a reader gone (| head), or closed: Python reports it as ever
        raise SystemExit(status) from None
    os._exit(status or 0)
