"""Drafts: the answers of an unfinished quiz, kept so Ctrl-C or a closed terminal loses nothing.

One draft per bank id (and per name, when `take --name` is given), in the results folder.
It is rewritten atomically (temp file + os.replace, mode 0600) after every answer, and
it only ever holds scored answers: the private safety answers never reach it."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from closeness_quiz.content.bank import Bank
from closeness_quiz.content.files import load_json
from closeness_quiz.content.scale import AnswerError, Choice, parse_answer
from closeness_quiz.errors import UserError
from closeness_quiz.record import Record
from closeness_quiz.safe_text import clean_line
from closeness_quiz.store.clock import local, now
from closeness_quiz.store.header import format_version, placed
from closeness_quiz.store.paths import (
    DRAFT_FORMAT,
    DRAFT_SUFFIX,
    LOCKED_DRAFT_SUFFIX,
    results_dir,
    slug,
)
from closeness_quiz.store.writing import replace as replace_file

if TYPE_CHECKING:
    from closeness_quiz.store.locking import DraftKey

FORMAT = DRAFT_FORMAT
FORMAT_VERSION = 1
SUFFIX = DRAFT_SUFFIX


class Locked:
    """Set for a locked take (`take --lock`): its draft is `<bank>--locked.draft.json.age`,
    named after no one, and holds its answers locked to `key` (see locking.DraftKey)."""

    on = False
    key: DraftKey | None = None


def key_path(bank_id: str, folder: Path) -> Path:
    """Where a locked take keeps its draft key, locked with the passphrase."""
    return folder / f"{slug(bank_id or 'bank')}--locked.key.age"


class Draft(Record):
    """An unfinished quiz: which bank it was answered against, who, since when, and the answers."""

    bank_id: str
    bank_sha256: str
    name: str | None
    started_at: datetime
    answers: dict[str, int]
    path: Path
    guess_ids: tuple[str, ...] = ()  # the statements this quiz asks the partner guesses for
    guesses: dict[str, int] = {}  # noqa: RUF012 - a record's default, never changed in place

    def as_json(self) -> dict[str, Any]:
        guessing = {"guess_ids": list(self.guess_ids), "guesses": dict(self.guesses)}
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "bank": {"id": self.bank_id, "sha256": self.bank_sha256},
            "name": self.name,
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "updated_at": now().isoformat(timespec="seconds"),
            "answers": dict(self.answers),
            **(guessing if self.guess_ids else {}),
        }

    def describe(self, total: int) -> str:
        """'started Tue 3 March 2026 at 21:40, 12 of 31 statements answered' for messages."""
        # started_at is already in local time (see _parse)
        return (
            f"started {stamp(self.started_at)}, {len(self.answers)} of {total} statements answered"
        )


def stamp(when: datetime) -> str:
    """'Tue 3 March 2026 at 21:40'."""
    return f"{when:%a} {when.day} {when:%B %Y} at {when:%H:%M}"


def draft_path(bank_id: str, name: str | None, folder: Path | None = None) -> Path:
    """`<bank>.draft.json`, or `<bank>--<name>.draft.json` for a named quiz."""
    stem = slug(bank_id or "bank")
    folder = folder if folder is not None else results_dir()
    if Locked.on:
        return folder / f"{stem}--locked{LOCKED_DRAFT_SUFFIX}"
    if name:
        stem += f"--{slug(name)}"
    return folder / f"{stem}{SUFFIX}"


def new_draft(bank: Bank, name: str | None, folder: Path | None = None) -> Draft:
    return Draft(
        bank_id=bank.id,
        bank_sha256=bank.sha256,
        name=name or None,
        started_at=now(),
        answers={},
        path=draft_path(bank.id, name, folder),
    )


def with_answers(draft: Draft, bank: Bank, answers: Mapping[str, int]) -> Draft:
    """The draft holding these answers: only ids of scored questions, so never a safety answer."""
    scored = {q.id: int(answers[q.id]) for q in bank.questions if q.id in answers}
    return draft._replace(answers=scored)


def with_guesses(draft: Draft, bank: Bank, guesses: Mapping[str, int]) -> Draft:
    """The draft holding these guesses (only for statements of the bank, never private ones)."""
    ids = {q.id for q in bank.questions}
    return draft._replace(guesses={k: int(v) for k, v in guesses.items() if k in ids})


def save(draft: Draft) -> None:
    """Replace the draft atomically with mode 0600. Failures are a UserError naming the file."""
    text = json.dumps(draft.as_json(), indent=2, ensure_ascii=False) + "\n"
    try:
        replace_file(draft.path, Locked.key.seal(text) if Locked.key is not None else text)
    except UserError as exc:
        raise UserError(f"can't keep a draft here: {exc.problem}", path=exc.path) from None


def remove(draft: Draft | Path) -> None:
    path = draft.path if isinstance(draft, Draft) else draft
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise UserError(f"can't remove the draft ({exc.strerror}).", path=path) from None


def discard(path: Path, scale: Sequence[Choice], total: int) -> str:
    """`take --discard`: the draft at `path` goes, even a damaged one; what to tell the person."""
    try:
        old = load(path, scale)
    except UserError:
        old = None
    if path.exists():
        remove(path)
        what = f" ({old.describe(total)})" if old else f" in {path}"
        return f"Discarded the unfinished quiz{what}. Starting afresh."
    return "There was no unfinished quiz to discard. Starting a new one."


def load(path: Path, scale: Sequence[Choice], discard: str = "") -> Draft | None:
    """The draft at `path`, None if there is none; a damaged one is a UserError with the way out."""
    if not path.exists():
        return None
    try:
        return _parse(_read(path), path, scale)
    except UserError as exc:
        exc.hint = (
            (exc.hint + " " if exc.hint else "")
            + "This is the saved progress of an unfinished quiz."
            + (f" To throw it away and start again: {discard}." if discard else "")
        )
        raise


def _read(path: Path) -> Any:
    if not path.name.endswith(LOCKED_DRAFT_SUFFIX):
        return load_json(path, "draft")
    from closeness_quiz.content.files import parse_json, read_bytes
    from closeness_quiz.store.locking import DraftKey

    key = Locked.key or DraftKey.read(key_path(path.name.split("--locked")[0], path.parent))
    Locked.key = key
    return parse_json(key.unseal(read_bytes(path, "draft"), path), path)


def _parse(data: Any, path: Path, scale: Sequence[Choice]) -> Draft:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError(f"is not a closeness-quiz draft (expected format '{FORMAT}').", path=path)
    newer = "was written by a newer closeness-quiz (draft format {version})."
    format_version(data, path, newest=FORMAT_VERSION, newer=newer)
    bank = data.get("bank")
    if not isinstance(bank, dict) or not isinstance(bank.get("id"), str):
        raise UserError("bank is missing or not an object with an id.", path=path, where="bank")
    sha = bank.get("sha256")
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        raise UserError("name should be text.", path=path, where="name")
    try:
        started = local(placed(str(data.get("started_at"))))
    except (ValueError, OverflowError, OSError):
        raise UserError(
            "is missing or not a date and time this program can use (it can't be put in your "
            "time zone), so the draft is damaged.",
            path=path,
            where="started_at",
        ) from None
    raw = data.get("answers")
    if not isinstance(raw, dict):
        raise UserError("answers is missing or not an object.", path=path, where="answers")
    answers = _values(raw, "answers", path, scale)
    guess_ids, guesses = _guessing(data, path, scale)
    return Draft(
        bank_id=clean_line(bank["id"]),
        bank_sha256=sha if isinstance(sha, str) else "",
        name=clean_line(name) if name else None,
        started_at=started,
        answers=answers,
        path=path,
        guess_ids=guess_ids,
        guesses=guesses,
    )


def _guessing(
    data: dict[str, Any], path: Path, scale: Sequence[Choice]
) -> tuple[tuple[str, ...], dict[str, int]]:
    ids, raw = data.get("guess_ids", []), data.get("guesses", {})
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise UserError("guess_ids should be a list of ids.", path=path, where="guess_ids")
    if not isinstance(raw, dict):
        raise UserError("guesses should be an object.", path=path, where="guesses")
    return tuple(ids), _values(raw, "guesses", path, scale)


def _values(raw: dict[str, Any], key: str, path: Path, scale: Sequence[Choice]) -> dict[str, int]:
    """Stored answers or guesses, each checked against the scale, the id named if one is off."""
    values: dict[str, int] = {}
    for qid, value in raw.items():
        try:
            values[qid] = parse_answer(value, scale, labels=False)
        except AnswerError as exc:
            raise UserError(str(exc), path=path, where=f"{key}.{qid}") from None
    return values


class Reconciled(Record):
    """A draft checked against the bank it resumes with: what is kept and what had to go."""

    draft: Draft
    bank_changed: bool
    dropped: tuple[str, ...]


def reconcile(draft: Draft, bank: Bank) -> Reconciled:
    """Keep the answers whose question is still in the bank, with a value on that question's
    own scale (the bank may have been edited)."""

    def on_scale(values: Mapping[str, int]) -> dict[str, int]:
        return {
            qid: value
            for qid, value in values.items()
            if (question := bank.question(qid)) is not None and value in question.scale.values
        }

    kept = with_answers(draft, bank, on_scale(draft.answers))._replace(
        guesses=on_scale(draft.guesses), bank_sha256=bank.sha256
    )
    dropped = tuple(sorted(set(draft.answers) - set(kept.answers)))
    changed = bool(draft.bank_sha256) and draft.bank_sha256 != bank.sha256
    return Reconciled(kept, changed or bool(dropped), dropped)


def find_all(scale: Sequence[Choice], folder: Path | None = None) -> list[Draft]:
    """Every readable draft in the results folder, to point at the right `--name` or `--bank`."""
    folder = folder if folder is not None else results_dir()
    found: list[Draft] = []
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        try:
            draft = load(path, scale)
        except UserError:
            continue
        if draft is not None:
            found.append(draft)
    return found


def lock_take(
    bank_id: str,
    folder: Path,
    *,
    resume: bool,
    discard: bool,
    keep: bool,
    file: Path | None,
    tell: Callable[[str], object],
) -> str:
    """Before a locked take asks anything: the passphrase (typed twice for a new quiz, once
    to go on with one; `tell` says what was wrong with one typed) and, where drafts are
    kept, the key they are locked to."""
    from closeness_quiz.store.locking import PASSPHRASES, DraftKey, pyrage

    pyrage()  # not installed: say how, before a single question
    PASSPHRASES.use_file(file)
    if not keep:
        return PASSPHRASES.new(tell)
    Locked.on = True
    key_file = key_path(bank_id, folder)
    unfinished = draft_path(bank_id, None, folder).exists()
    if resume and not unfinished:
        raise UserError(
            "there is no unfinished locked quiz to resume.",
            hint="Start a new one with --lock, without --resume.",
        )
    if unfinished and not discard:  # going on, or told about it: its passphrase opens it
        Locked.key = DraftKey.read(key_file)
        return PASSPHRASES.known[0]
    passphrase = PASSPHRASES.new(tell)
    Locked.key = DraftKey.made(key_file, passphrase)
    return passphrase
