"""The one way files are written: atomically (temp file, fsync, then a rename or link),
readable by the owner only (0600), in a folder created 0700.

`write_new` never replaces an existing file (results, exports); `replace` swaps in a new
version of a file this program owns (drafts)."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from closeness_quiz.errors import UserError


def write_new(target: Path, text: str | bytes) -> Path:
    """Write `text` at `target`, or at `name-2.ext`, `-3`, ... if taken; returns where."""
    return _write(target, text, lambda tmp: _place(tmp, target), "save the file")


def replace(target: Path, text: str | bytes) -> None:
    """Replace `target` with `text` in one step: a reader sees the old file or the new one."""
    _write(target, text, lambda tmp: _rename(tmp, target), "save the file")


def _write(target: Path, text: str | bytes, finish: Callable[[Path], Path], doing: str) -> Path:
    folder = target.parent
    make_folder(folder)
    try:
        if folder.is_dir() and target.is_dir():
            raise UserError("is a folder; give a file name to write to.", path=target)
    except OSError as exc:  # is_dir() raises for a name longer than the system allows
        raise _failed(exc, target, doing) from None
    import tempfile  # only writers pay for it (it loads random and hashlib)

    try:
        # A short temp name: a long target name must not fail for the temp file's sake.
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".cq-", suffix=".tmp")
    except OSError as exc:
        raise UserError(f"can't write in this folder ({exc.strerror}).", path=folder) from None
    tmp = Path(tmp_name)
    try:
        with signals_held():
            # Bytes (a locked file) as they are; text as UTF-8.
            handle = (
                os.fdopen(fd, "w", encoding="utf-8")
                if isinstance(text, str)
                else os.fdopen(fd, "wb")
            )
            with handle:
                handle.write(text)  # type: ignore[arg-type]
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o600)
            placed = finish(tmp)
            with contextlib.suppress(FileNotFoundError):  # its second name, before a
                tmp.unlink()  # held SIGTERM ends the process and leaves it behind
            return placed
    except OSError as exc:
        raise _failed(exc, target, doing) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def make_folder(folder: Path) -> None:
    """Create `folder` and any missing folder above it, each 0700 whatever the umask (with
    umask 000, mkdir alone would make them writable by anyone)."""
    missing: list[Path] = []
    here = folder
    try:
        while not here.is_dir() and here != here.parent:
            if os.path.lexists(here) and not here.exists():
                raise UserError(
                    "is a link to a folder that isn't there (an unplugged drive?); "
                    "plug it in, or remove the link.",
                    path=here,
                )
            missing.append(here)
            here = here.parent
        for part in reversed(missing):
            with contextlib.suppress(FileExistsError):  # made meanwhile: not ours to change
                os.mkdir(part, 0o700)  # each one: mkdir(parents=True) gives parents 0777 - umask
    except OSError as exc:
        raise UserError(f"can't create the folder ({exc.strerror}).", path=folder) from None


def _failed(exc: OSError, target: Path, doing: str) -> UserError:
    if exc.errno == errno.ENAMETOOLONG:
        return UserError("the file name is too long for this folder.", path=target)
    return UserError(f"can't {doing} ({exc.strerror}).", path=target)


def _rename(tmp: Path, target: Path) -> Path:
    os.replace(tmp, target)
    return target


def _place(tmp: Path, target: Path) -> Path:
    """Give the finished temp file its final name without ever replacing an existing file."""
    for attempt in range(1, 1000):
        candidate = (
            target if attempt == 1 else target.with_name(f"{target.stem}-{attempt}{target.suffix}")
        )
        try:
            os.link(tmp, candidate)
            return candidate
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno == errno.ENAMETOOLONG:
                raise
            # Filesystems without hard links: claim the name exclusively, then move into it.
            try:
                os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            except FileExistsError:
                continue
            os.replace(tmp, candidate)
            return candidate
    raise UserError("too many files with this name already.", path=target)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C, hang-up and terminate while a file is written, so it is never half done.

    A held signal is delivered the moment the write is complete; its usual effect follows."""
    import signal

    held = {signal.SIGINT, signal.SIGTERM}
    if hasattr(signal, "SIGHUP"):
        held.add(signal.SIGHUP)
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
