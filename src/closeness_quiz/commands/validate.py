"""`closeness-quiz bank validate FILE...`: check question banks and guidance files.

Every problem in every file is listed at once, one per line (file, line, id and field, what
is wrong), so a counsellor can fix a custom bank in one pass. A guidance file given together
with a bank is also checked against that bank."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from closeness_quiz.bank import Bank, default_bank_path, parse_bank
from closeness_quiz.errors import Exit, UserError, ValidationError
from closeness_quiz.files import parse_yaml, read_text
from closeness_quiz.guidance import Guidance, parse_guidance
from closeness_quiz.schema import close_match, line_of, preview

BANK_MARKERS = ("questions", "scale")
GUIDANCE_MARKERS = ("bands", "notes")


@dataclass
class Checked:
    """One file's outcome: what it is, what loaded, what is wrong, and friendly notes."""

    path: Path
    kind: str | None = None
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


def check_file(path: Path) -> Checked:
    checked = Checked(path)
    try:
        text = read_text(path, "file")
        checked.data = parse_yaml(text, path)
        checked.kind = kind_of(checked.data)
        if checked.kind == "bank":
            is_default = path.resolve() == default_bank_path().resolve()
            checked.bank = parse_bank(text, path, require_signs=is_default, data=checked.data)
        elif checked.kind == "guidance":
            checked.guidance = parse_guidance(text, path, data=checked.data)
        else:
            checked.problems.append(
                UserError(
                    "can't tell what this file is: a question bank has 'scale' and 'questions', "
                    "a guidance file has 'bands' and 'notes'.",
                    path=path,
                )
            )
    except ValidationError as exc:
        checked.problems.extend(exc.problems)
    except UserError as exc:
        checked.problems.append(exc)
    return checked


def cross_check(guide: Checked, banks: list[Checked]) -> None:
    """Check a guidance file against the banks given with it: categories and question ids it
    names must exist there (problems); bank categories it has no guidance for get a note."""
    root = guide.data if isinstance(guide.data, dict) else {}
    node = root.get("categories")
    node = node if isinstance(node, dict) else {}
    loaded = [b.bank for b in banks if b.bank is not None]
    for broken in (b for b in banks if b.bank is None):
        guide.notes.append(f"not checked against {broken.path}, which has problems of its own.")
    if not loaded:
        return
    category_of = {q.id: q.category for bank in loaded for q in bank.questions}
    known = [c.id for bank in loaded for c in bank.categories]
    names = ", ".join(str(b.path) for b in loaded)

    def problem(where: str, text: str, line: int | None) -> None:
        guide.problems.append(UserError(text, path=guide.path, where=where, line=line))

    for category_id, body in node.items():
        where = f"categories.{category_id}"
        if category_id not in known:
            guess = close_match(category_id, known)
            hint = f" Did you mean '{guess}'?" if guess else ""
            problem(
                where,
                f"is not a category of {names}.{hint} Its categories are: {', '.join(known)}.",
                line_of(node, category_id),
            )
            continue
        for key in ("suggestions", "starters"):
            tips = body.get(key) if isinstance(body, dict) else None
            for tip in tips if isinstance(tips, list) else []:
                if isinstance(tip, dict):
                    _check_tip_questions(tip, f"{where}.{key}", category_id, category_of, problem)
    for bank in loaded:
        for category in bank.categories:
            if category.id not in node:
                guide.notes.append(
                    f"the category '{category.id}' of {bank.path} has no guidance here; "
                    "its score will be shown, with a line saying no suggestions are available."
                )


def _check_tip_questions(
    tip: dict[str, Any],
    where: str,
    category_id: str,
    category_of: dict[str, str],
    problem: Callable[[str, str, int | None], None],
) -> None:
    ids = tip.get("questions")
    label = f"{where} '{preview(tip['id'])}', questions" if tip.get("id") else f"{where}, questions"
    for raw in [ids] if isinstance(ids, str) else ids if isinstance(ids, list) else []:
        qid = raw if isinstance(raw, str) else preview(raw)  # never a whole list in a message
        if qid not in category_of:
            guess = close_match(qid, category_of)
            hint = f" Did you mean '{guess}'?" if guess else ""
            problem(
                label, f"'{qid}' is not a question in the bank.{hint}", line_of(tip, "questions")
            )
        elif category_of[qid] != category_id:
            problem(
                label,
                f"'{qid}' belongs to '{category_of[qid]}', not '{category_id}', so this "
                "suggestion would never be tied to it.",
                line_of(tip, "questions"),
            )


def summary(checked: Checked) -> str:
    if checked.bank is not None:
        bank = checked.bank
        n, k = len(bank.questions), len(bank.categories)
        extra = [f"{sum(q.reverse for q in bank.questions)} reverse-keyed"]
        if bank.safety:
            extra.append(f"{len(bank.safety)} private safety questions")
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
    results = [check_file(path) for path in files]
    banks = [c for c in results if c.kind == "bank"]
    for checked in results:
        if checked.kind == "guidance" and banks:
            cross_check(checked, banks)
    failed = 0
    for checked in results:
        if checked.problems:
            failed += 1
            message = ValidationError(checked.path, checked.problems)
            sys.stderr.write(f"closeness-quiz: error: {message}\n")
        else:
            sys.stdout.write(summary(checked) + "\n")
        for note in checked.notes:
            sys.stdout.write(f"{checked.path}: note: {note}\n")
    sys.stdout.flush()
    if failed:
        raise Exit(2)
