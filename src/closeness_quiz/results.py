"""Result files: where they live, how they are written (atomic, 0600, never over another), read."""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from closeness_quiz import __version__
from closeness_quiz.bank import Bank, Category, Choice, Question
from closeness_quiz.errors import UserError
from closeness_quiz.files import load_json
from closeness_quiz.scoring import Scores

FORMAT = "closeness-quiz/result"
FORMAT_VERSION = 1
HOME_ENV = "CLOSENESS_QUIZ_HOME"


def results_dir() -> Path:
    """$CLOSENESS_QUIZ_HOME, else the platform's user data folder for closeness-quiz."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_path

    return user_data_path("closeness-quiz", appauthor=False)


def slug(text: str) -> str:
    cleaned = re.sub(r"[^\w]+", "-", text.casefold(), flags=re.UNICODE).strip("-_")
    return cleaned[:40] or "result"


def default_filename(name: str | None, taken_at: datetime) -> str:
    return f"{taken_at.strftime('%Y-%m-%d')}-{slug(name or 'result')}.json"


class Result(NamedTuple):
    """A saved result, with the snapshot of the questions it was answered against."""

    data: dict[str, Any]
    bank: Bank
    answers: dict[str, int]
    path: Path | None = None

    @property
    def name(self) -> str | None:
        name = self.data.get("name")
        return name if isinstance(name, str) and name else None

    @property
    def taken_at(self) -> str:
        return str(self.data.get("taken_at", ""))


def build_result(
    bank: Bank,
    answers: Mapping[str, int],
    scores: Scores,
    *,
    name: str | None,
    taken_at: datetime,
) -> dict[str, Any]:
    """The JSON result. Only scored answers go in: safety answers are never written."""
    scored = {q.id: int(answers[q.id]) for q in bank.questions if q.id in answers}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "tool_version": __version__,
        "taken_at": taken_at.isoformat(timespec="seconds"),
        "name": name or None,
        "bank": bank.info(),
        "answers": scored,
        **scores.as_json(),
        "scale": [{"value": c.value, "label": c.label} for c in bank.scale],
        "categories": [
            {"id": c.id, "title": c.title, "description": c.description} for c in bank.categories
        ],
        "questions": [
            {
                "id": q.id,
                "category": q.category,
                "text": q.text,
                "reverse": q.reverse,
                "sign": q.sign,
            }
            for q in bank.questions
        ],
    }


def write_new(target: Path, data: Mapping[str, Any]) -> Path:
    """Write JSON atomically with mode 0600. If `target` exists, pick `name-2.json`, `-3`, ..."""
    return write_new_text(target, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_new_text(target: Path, text: str) -> Path:
    """Atomic (temp file + link), owner-only (0600), and never over an existing file."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise UserError(f"can't create the folder ({exc.strerror}).", path=folder) from None
    try:
        import tempfile  # only writers pay for it (it loads random and hashlib)

        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.stem}.", suffix=".tmp")
    except OSError as exc:
        raise UserError(f"can't write in this folder ({exc.strerror}).", path=folder) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        return _place(tmp, target)
    except OSError as exc:
        raise UserError(f"can't save the file ({exc.strerror}).", path=target) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


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
        except OSError:
            # Filesystems without hard links: claim the name exclusively, then move into it.
            try:
                os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            except FileExistsError:
                continue
            os.replace(tmp, candidate)
            return candidate
    raise UserError("too many files with this name already.", path=target)


def read_result(path: Path, fallback_bank: Bank | None = None) -> Result:
    """Read and check a result file; anything off is a UserError naming the file and field."""
    data = load_json(path, "result file")
    if not isinstance(data, dict):
        raise UserError("is not a closeness-quiz result (expected a JSON object).", path=path)
    if data.get("format") != FORMAT:
        raise UserError(
            f"is not a closeness-quiz result (format is {data.get('format')!r}, "
            f"expected '{FORMAT}').",
            path=path,
        )
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise UserError("format_version is missing or not a whole number.", path=path)
    if version > FORMAT_VERSION:
        raise UserError(
            f"was written by a newer closeness-quiz (result format {version}; this version "
            f"reads up to {FORMAT_VERSION}). Upgrade closeness-quiz to read it.",
            path=path,
        )
    if "questions" in data:
        bank: Bank | None = _snapshot_bank(data, path)
    else:  # a result without its own copy of the questions is read against a bank at hand
        bank = fallback_bank if fallback_bank is not None else _default_bank()
    if bank is None:
        raise UserError("has no questions snapshot and no matching bank was given.", path=path)
    answers = _answers(data, bank, path)
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        raise UserError("name should be text.", path=path, where="name")
    if not isinstance(data.get("taken_at", ""), str):
        raise UserError("taken_at should be a date and time as text.", path=path, where="taken_at")
    return Result(data=data, bank=bank, answers=answers, path=path)


def _default_bank() -> Bank:
    from closeness_quiz.bank import load_bank

    return load_bank()


def _answers(data: dict[str, Any], bank: Bank, path: Path) -> dict[str, int]:
    raw = data.get("answers")
    if not isinstance(raw, dict):
        raise UserError("answers is missing or not an object.", path=path, where="answers")
    answers: dict[str, int] = {}
    for qid, value in raw.items():
        if bank.question(qid) is None:
            raise UserError("unknown question id.", path=path, where=f"answers.{qid}")
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
            raise UserError(
                f"answer should be a whole number from 0 to 4, not {value!r}.",
                path=path,
                where=f"answers.{qid}",
            )
        answers[qid] = value
    return answers


def _snapshot_bank(data: dict[str, Any], path: Path) -> Bank:
    """Rebuild the bank a result was answered against from the copy stored in it."""
    try:
        info = data.get("bank") or {}
        scale = tuple(Choice(int(c["value"]), str(c["label"])) for c in data["scale"])
        categories = tuple(
            Category(str(c["id"]), str(c["title"]), str(c.get("description") or ""))
            for c in data["categories"]
        )
        questions = tuple(
            Question(
                id=str(q["id"]),
                category=str(q["category"]),
                text=str(q["text"]),
                reverse=bool(q.get("reverse", False)),
                sign=q.get("sign") if isinstance(q.get("sign"), str) else None,
            )
            for q in data["questions"]
        )
        return Bank(
            id=str(info.get("id", "")),
            version=int(info.get("version", 0)),
            title=str(info.get("title", "")),
            description="",
            scale=scale,
            categories=categories,
            questions=questions,
            safety=(),
            sha256=str(info.get("sha256", "")),
            path=None,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UserError(
            f"the stored questions are damaged or incomplete ({type(exc).__name__}: {exc}).",
            path=path,
            where="questions",
        ) from None
