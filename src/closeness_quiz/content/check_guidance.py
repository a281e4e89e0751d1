"""A guidance file checked against the bank it is used with: every category it gives guidance
for must be one of the bank's, and every question a tip is tied to (`questions:`) must be in
the bank, in that tip's category.

`parse_guidance(..., banks=...)` runs this check, so `bank validate BANK GUIDANCE` and `take`,
`worksheet`, `report` and `compare` with `--bank` and `--guidance` refuse the same files with
the same messages. It reads the file's parsed data (not the Guidance record) for the line of
each category and tip, and so that a file with problems of its own is still checked in full."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from closeness_quiz.content.schema import close_match, line_of, preview
from closeness_quiz.errors import UserError
from closeness_quiz.safe_text import clean

if TYPE_CHECKING:
    from closeness_quiz.content.bank import Bank

TIP_LISTS = ("suggestions", "starters")


def fit_problems(root: dict[str, Any], banks: Sequence[Bank], path: Path) -> list[UserError]:
    """Every way the guidance file at `path` (its parsed data, `root`) doesn't fit these banks."""
    node = root.get("categories")
    if not banks or not isinstance(node, dict):
        return []
    category_of = {q.id: q.category for bank in banks for q in bank.questions}
    known = [c.id for bank in banks for c in bank.categories]
    names = ", ".join(str(b.path) if b.path else f"the bank '{b.id}'" for b in banks)
    found: list[UserError] = []
    for key, body in node.items():
        category_id = clean(key)  # as the bank's ids are
        where = f"categories.{category_id}"
        if category_id not in known:
            guess = close_match(category_id, known)
            hint = f" Did you mean '{guess}'?" if guess else ""
            problem = f"is not a category of {names}.{hint} Its categories are: {', '.join(known)}."
            found.append(UserError(problem, path=path, where=where, line=line_of(node, key)))
            continue
        for kind in TIP_LISTS:
            tips = body.get(kind) if isinstance(body, dict) else None
            for tip in tips if isinstance(tips, list) else []:
                if isinstance(tip, dict):
                    found += _tip_problems(tip, f"{where}.{kind}", category_id, category_of, path)
    return found


def _tip_problems(
    tip: dict[str, Any], where: str, category_id: str, category_of: dict[str, str], path: Path
) -> list[UserError]:
    ids = tip.get("questions")
    label = f"{where} '{preview(tip['id'])}', questions" if tip.get("id") else f"{where}, questions"
    line = line_of(tip, "questions")
    found: list[UserError] = []
    for raw in [ids] if isinstance(ids, str) else ids if isinstance(ids, list) else []:
        qid = clean(raw) if isinstance(raw, str) else preview(raw)
        shown = preview(qid)  # never a whole long text or list in a message
        if qid not in category_of:
            guess = close_match(qid, category_of)
            hint = f" Did you mean '{guess}'?" if guess else ""
            problem = f"'{shown}' is not a question in the bank.{hint}"
        elif category_of[qid] != category_id:
            problem = (
                f"'{shown}' belongs to '{category_of[qid]}', not '{category_id}', so this "
                "suggestion would never be tied to it."
            )
        else:
            continue
        found.append(UserError(problem, path=path, where=label, line=line))
    return found
