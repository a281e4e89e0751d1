"""Locked results: the result file encrypted with a passphrase, in the standard age format
(through pyrage, the optional `lock` extra), so someone who can log in as the same user
sees that a file exists and its date, but not what it says. Debian's `age -d` opens it.

A locked take's drafts are rewritten after every answer, and age's passphrase encryption
takes a second or two each time (scrypt, on purpose). So a locked take makes one random
key, keeps it in a file locked with the passphrase (once), and locks each draft to that
key (instantly): the passphrase still opens everything, and nothing is kept in the clear.

pyrage is imported only when a locked file is written or read: `report` of an ordinary
result never loads it."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from closeness_quiz.errors import UserError
from closeness_quiz.store.paths import AGE_HEADER, LOCKED_SUFFIX

LOCK_ENV = "CLOSENESS_QUIZ_LOCK"
INSTALL = (
    "Locking needs the optional package pyrage: pip install 'closeness-quiz[lock]' "
    "(with pipx: pipx inject closeness-quiz pyrage)."
)
ASKS = 3  # tries at typing a new passphrase twice alike


def wanted(flag: bool) -> bool:
    """`--lock`, or CLOSENESS_QUIZ_LOCK=1 (yes, true, on)."""
    setting = os.environ.get(LOCK_ENV, "").strip().casefold()
    return flag or setting in ("1", "yes", "true", "on")


def locked_filename(taken_at: datetime) -> str:
    """`2026-11-22-locked-3f9a.json.age`: a date and four random letters, never a name."""
    import secrets

    return f"{taken_at:%Y-%m-%d}-locked-{secrets.token_hex(2)}{LOCKED_SUFFIX}"


def pyrage() -> Any:
    """The pyrage module, or a UserError saying how to install it (exit 2)."""
    try:
        import pyrage as module  # type: ignore[import-untyped]
    except ImportError:
        raise UserError(INSTALL) from None
    return module


def use_passphrase_file(path: Path | None) -> None:
    """`--passphrase-file FILE`: locked results read in this run are opened with its first
    line instead of asking."""
    PASSPHRASES.use_file(path)


class Passphrases:
    """Where passphrases come from in this run: a --passphrase-file, else the terminal (never
    echoed), else nowhere. One that opened a file is tried first on the next one."""

    def __init__(self) -> None:
        self.file: Path | None = None
        self.known: list[str] = []
        self.declined = False  # Enter alone at the question: don't ask again for the next file

    def use_file(self, path: Path | None) -> None:
        self.file = path
        self.known = []

    def from_file(self) -> str:
        from closeness_quiz.content.files import read_text

        assert self.file is not None
        text = read_text(self.file, "passphrase file")
        passphrase = text.split("\n", 1)[0].rstrip("\r")
        if not passphrase:
            raise UserError("the first line of the passphrase file is empty.", path=self.file)
        return passphrase

    def ask(self, prompt: str) -> str:
        """One passphrase typed at the terminal; a UserError where there is no terminal."""
        if self.file is not None:
            return self.from_file()
        if not sys.stdin.isatty() or self.declined:
            raise UserError(
                "is locked: give its passphrase with --passphrase-file FILE (its first line), "
                "or run this in a terminal to type it."
            )
        import getpass

        return getpass.getpass(prompt)

    def new(self, tell: Callable[[str], object]) -> str:
        """A new passphrase for a locked take: typed twice alike, never shown, never stored.
        `tell`: what the person is told when the two differ (the command says it)."""
        if self.file is not None:
            self.known = [self.from_file()]
            return self.known[0]
        if not sys.stdin.isatty():
            raise UserError(
                "--lock needs a passphrase to lock the result with: give it with "
                "--passphrase-file FILE (its first line), or run this in a terminal to type it."
            )
        for _ in range(ASKS):
            first = self.ask("Choose a passphrase to lock your result: ")
            if not first:
                tell("The passphrase can't be empty.")
                continue
            if self.ask("Type it again: ") == first:
                self.known = [first]
                return first
            tell("The two passphrases differ; please type them again.")
        raise UserError(
            "no passphrase was chosen, so nothing was asked or saved. Start again with --lock."
        )

    def open(self, data: bytes, path: Path, prompt: str = "") -> bytes:
        """The decrypted bytes of a locked file; a UserError (exit 2) if the passphrase is
        wrong or the file is damaged. Nothing is ever written."""
        age = pyrage()
        if not data.startswith(AGE_HEADER):
            raise UserError("is not a locked result (not an age file).", path=path)
        for known in self.known:
            try:
                return bytes(age.passphrase.decrypt(data, known))
            except age.DecryptError:
                continue
        if self.known and self.file is not None:
            raise _wrong(path)
        try:
            given = self.ask(prompt or f"Passphrase for {path.name} (Enter to skip): ")
        except UserError as exc:
            exc.path = exc.path or path
            raise
        if not given:
            self.declined = True
            raise UserError("is locked, and no passphrase was given.", path=path)
        try:
            opened = bytes(age.passphrase.decrypt(data, given))
        except age.DecryptError:
            raise _wrong(path) from None
        self.known.insert(0, given)
        return opened


def _wrong(path: Path) -> UserError:
    return UserError(
        "can't be unlocked: the passphrase is wrong (or the file is damaged). Nothing was changed.",
        path=path,
    )


PASSPHRASES = Passphrases()


def lock(text: str, passphrase: str) -> bytes:
    """`text` as an age file locked with `passphrase` (one to two seconds, by design)."""
    return bytes(pyrage().passphrase.encrypt(text.encode("utf-8"), passphrase))


def read_locked(path: Path, limit: int, prompt: str = "") -> str:
    """A locked file's text, unlocked with the passphrase from this run's source."""
    from closeness_quiz.content.files import read_bytes

    data = read_bytes(path, "locked result", limit=limit)
    opened = PASSPHRASES.open(data, path, prompt)
    try:
        return opened.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError("unlocks, but what it holds is not UTF-8 text.", path=path) from None


class DraftKey:
    """The random key a locked take's drafts are locked to; itself kept locked with the
    passphrase beside them, so the passphrase alone opens a draft on --resume."""

    def __init__(self, identity: Any) -> None:
        self.identity = identity

    @classmethod
    def made(cls, path: Path, passphrase: str) -> DraftKey:
        from closeness_quiz.store.writing import replace

        key = cls(pyrage().x25519.Identity.generate())
        replace(path, lock(str(key.identity), passphrase))
        return key

    @classmethod
    def read(cls, path: Path) -> DraftKey:
        text = read_locked(path, 10_000, "Passphrase of your unfinished locked quiz: ").strip()
        try:
            return cls(pyrage().x25519.Identity.from_str(text))
        except Exception:
            raise UserError("is not the key of a locked quiz.", path=path) from None

    def seal(self, text: str) -> bytes:
        age = pyrage()
        return bytes(age.encrypt(text.encode("utf-8"), [self.identity.to_public()]))

    def unseal(self, data: bytes, path: Path) -> str:
        age = pyrage()
        try:
            return bytes(age.decrypt(data, [self.identity])).decode("utf-8")
        except (age.DecryptError, UnicodeDecodeError):
            raise UserError("the unfinished locked quiz is damaged.", path=path) from None
