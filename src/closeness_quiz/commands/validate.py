"""`closeness-quiz bank validate FILE...`: check question banks and guidance files.

Every problem in every file is listed at once, one per line (file, line, id and field, what
is wrong), so a counsellor can fix a custom bank in one pass. A guidance file given together
with a bank is also checked against that bank."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from closeness_quiz.content.bank import Bank, default_bank_path, parse_bank
from closeness_quiz.content.files import parse_yaml, read_text
from closeness_quiz.content.guidance import Guidance, parse_guidance
from closeness_quiz.content.schema import close_match, lined
from closeness_quiz.errors import Exit, UserError, ValidationError
from closeness_quiz.safe_text import clean

BANK_MARKERS = ("questions", "scale")
GUIDANCE_MARKERS = ("bands", "notes")


@dataclass
class Checked:
    """One file's outcome: what it is, what loaded, what is wrong, and friendly notes."""

    path: Path
    kind: str | None = None
    text: str = ""
    data: Any = None
    bank: Bank | None = None
    guidance: Guidance | None = None
    problems: list[UserError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def kind_of(data: Any) -> str | None:
    """'bank' or 'guidance' by the file's top-level keys (misspelt ones count too)."""
    if not isinstance(data, dict):
        return None
    keys = [str(k) for k in data]
    votes = {"bank": 0, "guidance": 0}
    for kind, markers in (("bank", BANK_MARKERS), ("guidance", GUIDANCE_MARKERS)):
        votes[kind] = sum(1 for m in markers if m in keys) * 2 + sum(
            1 for k in keys if k not in markers and close_match(k, markers)
        )
    if not any(votes.values()):
        return None
    return "bank" if votes["bank"] >= votes["guidance"] else "guidance"


def read_file(path: Path) -> Checked:
    """The file read and parsed as YAML, and what kind of file it is."""
    checked = Checked(path)
    try:
        checked.text = read_text(path, "file")
        checked.data = parse_yaml(checked.text, path, lines=False)  # with lines if need be
        checked.kind = kind_of(checked.data)
        if checked.kind is None:
            checked.problems.append(
                UserError(
                    "can't tell what this file is: a question bank has 'scale' and 'questions', "
                    "a guidance file has 'bands' and 'notes'.",
                    path=path,
                )
            )
    except UserError as exc:
        checked.problems.append(exc)
    return checked


def check(checked: Checked, banks: list[Checked]) -> None:
    """Build the bank or guidance, collecting every problem; a guidance file is checked
    against the banks given with it (content/check_guidance.py, as `take --guidance` does)."""
    path, loaded = checked.path, [b.bank for b in banks if b.bank is not None]
    try:
        if checked.kind == "bank":
            is_default = path.resolve() == default_bank_path().resolve()
            checked.bank = parse_bank(
                checked.text, path, require_signs=is_default, data=checked.data
            )
        elif checked.kind == "guidance":
            checked.guidance = lined(
                checked.text,
                path,
                checked.data,
                lambda data: parse_guidance(checked.text, path, data=data, banks=loaded),
            )
    except ValidationError as exc:
        checked.problems.extend(exc.problems)
    except UserError as exc:
        checked.problems.append(exc)
    if checked.kind == "guidance":
        notes_on_fit(checked, banks)


def notes_on_fit(guide: Checked, banks: list[Checked]) -> None:
    """Bank categories the guidance has nothing for, and banks it could not be checked against."""
    root = guide.data if isinstance(guide.data, dict) else {}
    node = root.get("categories")
    node = node if isinstance(node, dict) else {}
    for broken in (b for b in banks if b.bank is None):
        guide.notes.append(f"not checked against {broken.path}, which has problems of its own.")
    for bank in (b.bank for b in banks if b.bank is not None):
        for category in bank.categories:
            if category.id not in node:
                guide.notes.append(
                    f"the category '{category.id}' of {bank.path} has no guidance here; "
                    "its score will be shown, with a line saying no suggestions are available."
                )


def summary(checked: Checked) -> str:
    if checked.bank is not None:
        bank = checked.bank
        n, k = len(bank.questions), len(bank.categories)
        extra = [f"{sum(q.reverse for q in bank.questions)} reverse-keyed"]
        if bank.safety:
            n_private = len(bank.safety)
            extra.append(f"{n_private} private safety question{'' if n_private == 1 else 's'}")
        return (
            f"{checked.path}: OK ({n} question{'s' if n != 1 else ''} in {k} "
            f"categor{'ies' if k != 1 else 'y'}; {', '.join(extra)})"
        )
    guide = checked.guidance
    assert guide is not None
    bands = ", ".join(f"{b.label} from {b.min:g}" for b in guide.bands)
    return (
        f"{checked.path}: OK (guidance: bands {bands}; suggestions for "
        f"{len(guide.categories)} categor{'ies' if len(guide.categories) != 1 else 'y'}; "
        f"{len(guide.reflection)} reflection questions)"
    )


def run(files: list[Path]) -> None:
    results = [read_file(path) for path in files]
    banks = [c for c in results if c.kind == "bank"]
    for checked in banks:
        check(checked, [])
    for checked in results:
        if checked.kind == "guidance":
            check(checked, banks)
    failed = 0
    for checked in results:
        if checked.problems:
            failed += 1
            message = ValidationError(checked.path, checked.problems)
            message.limit = None  # every problem at once, however many
            sys.stderr.write(clean(f"closeness-quiz: error: {message}") + "\n")
        else:
            sys.stdout.write(clean(summary(checked)) + "\n")
        for note in checked.notes:
            sys.stdout.write(clean(f"{checked.path}: note: {note}") + "\n")
    sys.stdout.flush()
    if failed:
        raise Exit(2)
