"""Where things live: the results folder, the packaged content folder, and file-name slugs.

Small and dependency-free, so that every module can ask where to read or write without
importing the modules that do the reading and writing."""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

HOME_ENV = "CLOSENESS_QUIZ_HOME"


def results_dir() -> Path:
    """$CLOSENESS_QUIZ_HOME, else the platform's user data folder for closeness-quiz."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_path

    return user_data_path("closeness-quiz", appauthor=False)


def data_dir() -> Path:
    """Where the default bank and guidance live: inside the wheel, or the checkout's data/."""
    packaged = Path(__file__).resolve().parent / "data"
    if (packaged / "questions.yaml").is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def slug(text: str) -> str:
    """A file-name-safe, lower-case form of a name or id ('Alex B.' -> 'alex-b')."""
    cleaned = re.sub(r"[^\w]+", "-", text.casefold(), flags=re.UNICODE).strip("-_")
    try:
        cleaned.encode(sys.getfilesystemencoding())
    except UnicodeEncodeError:  # an ASCII locale's file names: 'Zoë' is 'zoe'
        letters = unicodedata.normalize("NFKD", cleaned).encode("ascii", "ignore").decode()
        cleaned = re.sub(r"[^\w]+", "-", letters, flags=re.ASCII).strip("-_")
    return cleaned[:40] or "result"


def default_filename(name: str | None, taken_at: datetime) -> str:
    return f"{taken_at.strftime('%Y-%m-%d')}-{slug(name or 'result')}.json"
