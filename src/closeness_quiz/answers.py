"""Answers files (`take --answers`): YAML or JSON, question id -> scale value or label."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from closeness_quiz.bank import Bank
from closeness_quiz.errors import UserError
from closeness_quiz.files import load_yaml
from closeness_quiz.schema import line_of

# Unquoted, YAML reads these words as true or false: a scale labelled "Yes" or "No" must
# still accept them as written.
YAML_TRUE = ("yes", "true", "on")
YAML_FALSE = ("no", "false", "off")


def parse_value(raw: Any, bank: Bank) -> int | None:
    """A scale value (0-4), a choice's label (any case), or None for an unusable answer."""
    if isinstance(raw, bool):
        words = YAML_TRUE if raw else YAML_FALSE
        matches = [c.value for c in bank.scale if c.label.strip().casefold() in words]
        return matches[0] if len(matches) == 1 else None
    if isinstance(raw, int):
        return raw if any(c.value == raw for c in bank.scale) else None
    if isinstance(raw, str):
        text = raw.strip().casefold()
        for choice in bank.scale:
            if text == choice.label.casefold():
                return choice.value
        if text.isdigit():
            return parse_value(int(text), bank)
    return None


def load_answers(path: Path, bank: Bank) -> tuple[dict[str, int], dict[str, int]]:
    """(scored answers, private safety answers). A missing id is skipped; null means skipped."""
    data = load_yaml(path, "answers file")
    if isinstance(data, dict) and isinstance(data.get("answers"), dict):
        data = data["answers"]  # a saved result (or a file that nests answers) works too
    if not isinstance(data, dict):
        raise UserError(
            "should be a mapping of question ids to answers, e.g. 'communication-01: 3'.", path=path
        )
    scored_ids = {q.id for q in bank.questions}
    safety_ids = {q.id for q in bank.safety}
    labels = ", ".join(f"{c.value} or '{c.label}'" for c in bank.scale)
    scored: dict[str, int] = {}
    safety: dict[str, int] = {}
    for qid, raw in data.items():
        qid = str(qid)
        line = line_of(data, qid)
        if qid not in scored_ids and qid not in safety_ids:
            raise UserError(
                f"unknown question id (not in the bank '{bank.id}').",
                path=path,
                where=f"'{qid}'",
                line=line,
            )
        if raw is None:
            continue
        value = parse_value(raw, bank)
        if value is None:
            raise UserError(
                f"'{raw}' is not an answer; use one of {labels}.",
                path=path,
                where=f"'{qid}'",
                line=line,
            )
        (scored if qid in scored_ids else safety)[qid] = value
    if not scored:
        raise UserError("has no answers to score.", path=path)
    return scored, safety
