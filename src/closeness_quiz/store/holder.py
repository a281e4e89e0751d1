"""One lock per draft, held while a quiz is answered: a second `take` under the same name, in
another terminal, refuses at once (exit 2, naming the quiz that holds it) instead of writing
over the first one's answers, and `take --discard` can't throw away a quiz still running."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import sys
from datetime import datetime
from pathlib import Path

from closeness_quiz.errors import UserError
from closeness_quiz.safe_text import clean_line
from closeness_quiz.store.clock import local, now
from closeness_quiz.store.drafts import stamp
from closeness_quiz.store.writing import make_folder

if sys.platform != "win32":  # on Windows, quizzes go without a lock
    import fcntl


LOCK_SUFFIX = ".lock"


def lock_path(draft: Path) -> Path:
    """`.<draft>.lock`, hidden beside the draft (left behind, unlocked, if a take is killed)."""
    return draft.with_name(f".{draft.name}{LOCK_SUFFIX}")


class DraftLock:
    """Held while a quiz is answered, so that a second `take` under the same name (in another
    terminal) refuses at once instead of writing over the first one's answers. A context
    manager: the block it guards lets go of it however the block ends.

    An flock on `.<draft>.lock`: the system lets go of it when the process ends, however it ends
    (Ctrl-C, a closed terminal, a crash), so it is never left stuck. The file says who holds it
    (process, terminal, since when) for the message the second `take` shows. Where no lock can
    be had (no fcntl, a folder that can't be written), none is held: no draft can be kept there
    either, and the quiz goes on as before."""

    def __init__(self, path: Path, fd: int | None = None) -> None:
        self.path = path
        self.fd = fd

    @classmethod
    def take(cls, draft: Path, who: str, doing: str) -> DraftLock:
        """The lock for `draft`, or a UserError naming the quiz that holds it (`who` names the
        quiz, `doing` says what is refused)."""
        path = lock_path(draft)
        if sys.platform == "win32":
            return cls(path)
        for _ in range(5):  # the file may be removed between open and lock: try the new one
            try:
                make_folder(draft.parent)
                fd = os.open(path, _LOCK_FLAGS, 0o600)
            except UserError:  # the folder can't be made: no draft there either
                return cls(path)
            except OSError as exc:  # a folder that can't be written: no draft there either
                if exc.errno in (errno.EISDIR, errno.ELOOP, errno.ENXIO):
                    raise _not_a_lock_file(path) from None
                return cls(path)
            try:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    raise _not_a_lock_file(path)
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                error = _held_elsewhere(draft, fd, who, doing)
                os.close(fd)
                raise error from None
            except UserError:
                os.close(fd)
                raise
            except OSError:  # no locks on this file system: go on without one
                os.close(fd)
                return cls(path)
            if _same_file(fd, path):
                _write_holder(fd)
                return cls(path, fd)
            os.close(fd)
        return cls(path)

    def __enter__(self) -> DraftLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def release(self) -> None:
        """Let go (the quiz is over): the lock file goes, then the lock. Again is nothing."""
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        try:
            if _same_file(fd, self.path):
                self.path.unlink()
        except OSError:
            pass
        finally:
            os.close(fd)

    def __del__(self) -> None:  # a lock no one released (an internal error): let go quietly
        try:  # noqa: SIM105 (not contextlib: at interpreter exit its module may be gone)
            self.release()
        except Exception:
            pass


def hold(draft: Path, name: str | None, *, discard: bool, needed: bool = True) -> DraftLock:
    """The lock a `take` holds on its draft while it runs (`needed`: it may write or remove the
    draft; a `--no-save` quiz writes none and needs none)."""
    if not needed:
        return DraftLock(lock_path(draft))
    who = f"under the name '{name}'" if name else "with no --name"
    doing = "it can't be discarded while it is being answered." if discard else "this one stops."
    return DraftLock.take(draft, who, doing)


_LOCK_FLAGS = (
    os.O_RDWR
    | os.O_CREAT
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _not_a_lock_file(path: Path) -> UserError:
    """Something else where the lock file goes (a folder, a link, a named pipe)."""
    return UserError(
        "is not a lock file (it is a folder, a link or a special file), so it is not known "
        "whether another quiz under this name is running. Remove it, then run this again.",
        path=path,
    )


def _same_file(fd: int, path: Path) -> bool:
    """Whether `path` still names the file open as `fd` (not removed, not replaced)."""
    try:
        mine, now = os.fstat(fd), os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino)


def _terminal() -> str | None:
    """The terminal this take runs in (/dev/pts/3), for the other take's message."""
    for stream in (0, 1, 2):
        with contextlib.suppress(OSError):
            if os.isatty(stream):
                return os.ttyname(stream)
    return None


def _write_holder(fd: int) -> None:
    holder = {
        "pid": os.getpid(),
        "terminal": _terminal(),
        "since": now().isoformat(timespec="seconds"),
    }
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder).encode("utf-8"), 0)
    except OSError:
        pass  # the lock holds without it; the message is only less precise


def _held_elsewhere(draft: Path, fd: int, who: str, doing: str) -> UserError:
    """What the second `take` is told: which quiz holds the lock, and what to do."""
    try:
        holder = json.loads(os.pread(fd, 2000, 0).decode("utf-8"))
    except (OSError, ValueError):
        holder = None
    holder = holder if isinstance(holder, dict) else {}
    details: list[str] = []
    terminal = holder.get("terminal")
    if isinstance(terminal, str) and terminal:
        details.append(clean_line(terminal[:60]))
    with contextlib.suppress(KeyError, TypeError, ValueError, OverflowError, OSError):
        details.append(f"started {stamp(local(datetime.fromisoformat(holder['since'])))}")
    pid = holder.get("pid")
    if type(pid) is int:
        details.append(f"process {pid}")
    shown = f" ({', '.join(details)})" if details else ""
    return UserError(
        f"another quiz {who} is being answered right now in another terminal{shown}. Two "
        f"quizzes at once would write over each other's answers, so {doing} Finish or stop "
        "that quiz first (Ctrl-C there keeps its answers for --resume), then run this again.",
        path=draft,
    )
