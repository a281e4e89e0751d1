"""Answers files (`take --answers`): YAML or JSON, question id -> scale value or label.

Also writes them: the answers printed when a result can't be saved, and the template in the
worksheet key, are answers files that read back exactly."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from closeness_quiz.bank import Bank, Question
from closeness_quiz.errors import UserError
from closeness_quiz.files import load_yaml
from closeness_quiz.scale import YAML_WORDS, AnswerError, label, parse_answer
from closeness_quiz.schema import line_of

PLAIN_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
GUESSES = "guesses"
PLAN_FOLLOWUP = "plan_followup"  # at a check-in: how the plan went (tried, partly, not_yet)


class AnswersFile(NamedTuple):
    scored: dict[str, int]
    safety: dict[str, int]  # used for the private screen, never saved
    guesses: dict[str, int]  # how the respondent thinks their partner would answer
    plan_followup: str | None = None  # at a check-in: tried, partly or not_yet


def load_answers(path: Path, bank: Bank, *, followup: bool = False) -> AnswersFile:
    """Scored and private answers from `path`. A missing id is skipped; null means skipped.
    `followup` (a check-in): the file may say how the plan went, under `plan_followup`."""
    data = load_yaml(path, "answers file")
    if isinstance(data, dict) and isinstance(data.get("answers"), dict):
        # a saved result (or a file that nests answers) works too, with its guesses
        data = {**data["answers"], **({GUESSES: data[GUESSES]} if GUESSES in data else {})}
    if not isinstance(data, dict):
        raise UserError(
            "should be a mapping of question ids to answers, e.g. 'communication-01: 3'.", path=path
        )
    scored_ids = {q.id for q in bank.questions}
    safety_ids = {q.id for q in bank.safety}
    scored: dict[str, int] = {}
    safety: dict[str, int] = {}
    guesses = _guesses(data.get(GUESSES), data, path, bank)
    went = _followup(data, path) if followup else None
    for qid, raw in data.items():
        if qid == GUESSES or (followup and qid == PLAN_FOLLOWUP):
            continue
        qid = str(qid)
        line = line_of(data, qid)
        if qid not in scored_ids and qid not in safety_ids:
            raise UserError(
                f"unknown question id (not in the bank '{bank.id}').",
                path=path,
                where=f"'{qid}'",
                line=line,
            )
        question = bank.question(qid)
        if raw is None or (question is not None and means_not_applicable(raw, question)):
            continue  # not answered
        try:
            value = parse_answer(raw, question.scale if question else bank.scale)
        except AnswerError as exc:
            raise UserError(str(exc), path=path, where=f"'{qid}'", line=line) from None
        (scored if qid in scored_ids else safety)[qid] = value
    if not scored:
        raise UserError("has no answers to score.", path=path)
    return AnswersFile(scored, safety, guesses, went)


def _followup(data: dict[str, Any], path: Path) -> str | None:
    """`plan_followup: tried | partly | not_yet` ('not yet' and any case work too)."""
    from closeness_quiz.plans import FOLLOWUP_ANSWERS

    raw = data.get(PLAN_FOLLOWUP)
    if raw is None:
        return None
    answer = "_".join(str(raw).casefold().split()) if isinstance(raw, str) else None
    if answer not in FOLLOWUP_ANSWERS:
        raise UserError(
            "should be tried, partly or not_yet (how the plan from the last check-in went).",
            path=path,
            where=PLAN_FOLLOWUP,
            line=line_of(data, PLAN_FOLLOWUP),
        )
    return answer


def _guesses(raw: Any, data: dict[str, Any], path: Path, bank: Bank) -> dict[str, int]:
    """`guesses:` maps statement ids to the answer the respondent thinks their partner would
    give for themselves. Private questions can't be guessed."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise UserError(
            "should be a mapping of statement ids to guessed answers.",
            path=path,
            where=GUESSES,
            line=line_of(data, GUESSES),
        )
    scored_ids = {q.id for q in bank.questions}
    safety_ids = {q.id for q in bank.safety}
    guesses: dict[str, int] = {}
    for qid, value in raw.items():
        qid = str(qid)
        where, line = f"{GUESSES}.'{qid}'", line_of(raw, qid)
        if qid in safety_ids:
            raise UserError(
                "private questions can't be guessed.", path=path, where=where, line=line
            )
        if qid not in scored_ids:
            raise UserError(
                f"unknown question id (not in the bank '{bank.id}').",
                path=path,
                where=where,
                line=line,
            )
        question = bank.question(qid)
        if value is None or (question is not None and means_not_applicable(value, question)):
            continue
        try:
            guesses[qid] = parse_answer(value, question.scale if question else bank.scale)
        except AnswerError as exc:
            raise UserError(str(exc), path=path, where=where, line=line) from None
    return guesses


def means_not_applicable(raw: object, question: Question) -> bool:
    """Whether an answer is the question's `not_applicable` label (any case): no answer."""
    return (
        question.not_applicable is not None
        and isinstance(raw, str)
        and raw.strip().casefold() == question.not_applicable.casefold()
    )


def yaml_key(text: str) -> str:
    """Text as YAML that reads back as exactly this text (quoted when it must be)."""
    if PLAIN_KEY.fullmatch(text) and text.casefold() not in YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def answers_yaml(bank: Bank, answers: Mapping[str, int], command: str) -> str:
    """Scored answers as an answers file for `take --answers`, each label as a comment."""
    lines = [
        "# Your answers, so that nothing is lost. Save the lines below as answers.yaml, then run:",
        f"#   {command}",
    ]
    for question in bank.questions:
        if question.id in answers:
            value = answers[question.id]
            lines.append(f"{yaml_key(question.id)}: {value}  # {label(question.scale, value)}")
    return "\n".join(lines) + "\n"
