"""Where things live: the results folder, the packaged content folder, and file-name slugs.

Small and dependency-free, so that every module can ask where to read or write without
importing the modules that do the reading and writing."""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

HOME_ENV = "CLOSENESS_QUIZ_HOME"
# File names in the results folder, named once here (light to import, unlike the modules
# that read and write each kind).
LOCKED_SUFFIX = ".json.age"  # a locked result: an age file (store/locking.py)
DRAFT_SUFFIX = ".draft.json"  # an unfinished quiz (store/drafts.py)
LOCKED_DRAFT_SUFFIX = DRAFT_SUFFIX + ".age"  # a locked take's draft
DRAFT_FORMAT = "closeness-quiz/draft"
AGE_HEADER = b"age-encryption.org/v1\n"  # how every age file begins


# Told of each results folder made private; set by the command layer (commands/__init__.py),
# which says so to the person. The store only reports it: it never prints.
_TOLD: list[Callable[[Path], object]] = []


def when_made_private(tell: Callable[[Path], object]) -> None:
    """From now on, `tell(folder)` whenever `results_dir` makes the results folder private."""
    _TOLD[:] = [tell]


def results_dir() -> Path:
    """$CLOSENESS_QUIZ_HOME, else the platform's user data folder for closeness-quiz; made
    private (0700) if it already exists and others could read, list or enter it (reported
    through `when_made_private`)."""
    home = os.environ.get(HOME_ENV)
    if home:
        folder = Path(home).expanduser()
    else:
        from platformdirs import user_data_path

        folder = user_data_path("closeness-quiz", appauthor=False)
    if keep_private(folder):
        for tell in _TOLD:
            tell(folder)
    return folder


def keep_private(folder: Path) -> bool:
    """Tighten a results folder that others can read, list or enter to 0700; whether it did
    (once: after that it is private). Its file names alone tell names and dates."""
    try:
        status = os.stat(folder)
    except (OSError, ValueError):
        return False  # not there yet (it is made 0700), or unusable: the reader or writer says why
    if not stat.S_ISDIR(status.st_mode) or not status.st_mode & 0o077:
        return False
    if hasattr(os, "getuid") and status.st_uid != os.getuid():
        return False  # someone else's folder: not ours to change
    try:
        os.chmod(folder, 0o700)
    except OSError:
        return False
    return True


def data_dir() -> Path:
    """Where the default bank and guidance live: inside the wheel, or the checkout's data/."""
    packaged = Path(__file__).resolve().parents[1] / "data"
    if (packaged / "questions.yaml").is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


def slug(text: str) -> str:
    """A file-name-safe, lower-case form of a name or id ('Alex B.' -> 'alex-b')."""
    cleaned = re.sub(r"[^\w]+", "-", text.casefold(), flags=re.UNICODE).strip("-_")
    try:
        cleaned.encode(sys.getfilesystemencoding())
    except UnicodeEncodeError:  # an ASCII locale's file names: 'Zoë' is 'zoe'
        import unicodedata

        letters = unicodedata.normalize("NFKD", cleaned).encode("ascii", "ignore").decode()
        cleaned = re.sub(r"[^\w]+", "-", letters, flags=re.ASCII).strip("-_")
    return cleaned[:40] or "result"


def default_filename(name: str | None, taken_at: datetime) -> str:
    return f"{taken_at.strftime('%Y-%m-%d')}-{slug(name or 'result')}.json"
