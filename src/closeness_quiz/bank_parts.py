"""Checks for parts of a question bank that stand apart from its list structure: whose
behaviour a statement describes (`about`), and the partner/self statements that mirror each
other (`pair`). Used by bank.py while it builds a Bank."""

from __future__ import annotations

from typing import Any

from closeness_quiz.records import Question
from closeness_quiz.schema import Problems, describe, line_of

ABOUT = ("self", "partner", "us")  # whose behaviour a statement describes


def about_of(item: dict[str, Any], where: str, problems: Problems, required: bool) -> str:
    value = item.get("about")
    if value is None and not required:
        return "us"
    if value not in ABOUT:
        problems.add(
            f"{where}, about",
            f"should be one of self, partner or us, not {describe(value)}.",
            line_of(item, "about"),
        )
        return "us"
    return str(value)


def check_pairs(root: dict[str, Any], questions: tuple[Question, ...], problems: Problems) -> None:
    """A `pair` sits on a partner statement and names the self statement that mirrors it."""
    about = {q.id: q.about for q in questions}
    listed = root.get("questions")
    items = [i for i in listed if isinstance(i, dict)] if isinstance(listed, list) else []
    lines = {str(i.get("id")): (line_of(i, "pair"), line_of(i, "id")) for i in items}
    for q in questions:
        pair_line, id_line = lines.get(q.id, (None, None))
        if q.id == "guesses":  # the answers file's key for guesses
            problems.add(f"question '{q.id}'", "'guesses' can't be a question id.", id_line)
        if q.pair is None:
            continue
        if q.about != "partner":
            problem = f"only a statement about: partner can have a pair (this one is {q.about})."
        elif q.pair not in about:
            problem = f"'{q.pair}' is not a question in this bank."
        elif about[q.pair] != "self":
            problem = (
                f"'{q.pair}' is about: {about[q.pair]}; a pair must be a statement about: self."
            )
        else:
            continue
        problems.add(f"question '{q.id}', pair", problem, pair_line)
