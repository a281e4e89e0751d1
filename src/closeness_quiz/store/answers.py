"""Answers files (`take --answers`): YAML or JSON, question id -> scale value or label.

Also writes them: the answers printed when a result can't be saved, and the template in the
worksheet key, are answers files that read back exactly."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from closeness_quiz.content.bank import Bank, Question
from closeness_quiz.content.files import read_text
from closeness_quiz.content.scale import YAML_WORDS, AnswerError, label, parse_answer
from closeness_quiz.content.schema import Problems, close_match, line_of, lined
from closeness_quiz.errors import MAX_LISTED, UserError, ValidationError
from closeness_quiz.record import Record

PLAIN_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
GUESSES = "guesses"
PLAN_FOLLOWUP = "plan_followup"  # at a check-in: how the plan went (tried, partly, not_yet)


class AnswersFile(Record):
    scored: dict[str, int]
    safety: dict[str, int]  # used for the private screen, never saved
    guesses: dict[str, int]  # how the respondent thinks their partner would answer
    plan_followup: str | None = None  # at a check-in: tried, partly or not_yet


def load_answers(path: Path, bank: Bank, *, followup: bool = False) -> AnswersFile:
    """Scored and private answers from `path`. A missing id is skipped; null means skipped.
    Every problem in the file is reported at once (the first MAX_LISTED of them).
    `followup` (a check-in): the file may say how the plan went, under `plan_followup`.
    Read the fast way, and again with line numbers only when there is a problem to report."""
    text = read_text(path, "answers file")
    return lined(text, path, None, lambda data: _answers(data, path, bank, followup))


def _answers(data: Any, path: Path, bank: Bank, followup: bool) -> AnswersFile:
    if isinstance(data, dict) and isinstance(data.get("answers"), dict):
        # a saved result (or a file that nests answers) works too, with its guesses
        data = {**data["answers"], **({GUESSES: data[GUESSES]} if GUESSES in data else {})}
    if not isinstance(data, dict):
        raise UserError(
            "should be a mapping of question ids to answers, e.g. 'communication-01: 3'.", path=path
        )
    problems = Problems(path)
    scored_ids = {q.id for q in bank.questions}
    safety_ids = {q.id for q in bank.safety}
    scored: dict[str, int] = {}
    safety: dict[str, int] = {}
    guesses = _guesses(data.get(GUESSES), data, bank, problems)
    went = _followup(data, path) if followup else None
    for qid, raw in data.items():
        if qid == GUESSES or (followup and qid == PLAN_FOLLOWUP):
            continue
        qid = str(qid)
        where, line = f"'{qid}'", line_of(data, qid)
        if qid not in scored_ids and qid not in safety_ids:
            problems.add(
                where, unknown_id(qid, bank, suggest=len(problems.items) < MAX_LISTED), line
            )
            continue
        question = bank.question(qid)
        if raw is None or (question is not None and means_not_applicable(raw, question)):
            continue  # not answered
        try:
            value = parse_answer(raw, question.scale if question else bank.scale)
        except AnswerError as exc:
            problems.add(where, str(exc), line)
            continue
        (scored if qid in scored_ids else safety)[qid] = value
    if problems.items:
        raise ValidationError(path, problems.items, every=None)
    if not scored:
        raise UserError("has no answers to score.", path=path)
    return AnswersFile(scored, safety, guesses, went)


def _followup(data: dict[str, Any], path: Path) -> str | None:
    """`plan_followup: tried | partly | not_yet` ('not yet' and any case work too)."""
    from closeness_quiz.checkin.plans import FOLLOWUP_ANSWERS

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


def unknown_id(qid: str, bank: Bank, *, suggest: bool = True) -> str:
    """What is wrong with an id the bank doesn't have, and what was likely meant: the id of
    that number on the printed worksheet (`1: 3`), or a close one ('communication-1').
    `suggest=False` once a message lists as many problems as it shows: looking for a close id
    for each of 100,000 unknown ones took minutes, for lines nobody would see."""
    problem = f"unknown question id (not in the bank '{bank.id}')."
    if not suggest:
        return problem
    if qid.isascii() and qid.isdigit():
        # Numbered as the worksheet prints them: area by area, in the bank's order.
        sheet = [q.id for c in bank.categories for q in bank.questions_in(c.id)]
        if len(qid) <= 9 and 1 <= int(qid) <= len(sheet):
            return (
                f"{problem} Use the question id, not the worksheet's number: number {int(qid)} "
                f"on the worksheet is '{sheet[int(qid) - 1]}' (the worksheet's scoring key "
                "lists every id)."
            )
        return f"{problem} Use the question ids, such as '{sheet[0]}', not numbers."
    # A private question is suggested only for what looks like one: 'affection-01' is never
    # "did you mean 'safety-01'?", which would also name a private question out of the blue.
    private = [q.id for q in bank.safety] if qid.casefold().startswith("saf") else []
    close = likely_id(qid, [*(q.id for q in bank.questions), *private])
    return f"{problem} Did you mean '{close}'?" if close else problem


def likely_id(qid: str, ids: list[str]) -> str | None:
    """The id meant by a mistyped one: the same but for case, '_' or leading zeros
    ('communication-1'), else a close spelling with the same numbers ('comunication-01').
    Never one with other numbers: 'trust-01' is not 'trust-12'."""

    # Numbers compared as digits without their leading zeros ('01' is '1'): a run of
    # thousands of digits is no number Python will convert.
    def numbers(text: str) -> list[str]:
        return [n.lstrip("0") or "0" for n in re.findall(r"[0-9]+", text)]

    def normal(text: str) -> str:
        folded = text.casefold().replace("_", "-")
        return re.sub(r"[0-9]+", lambda m: m.group().lstrip("0") or "0", folded)

    same = [i for i in ids if normal(i) == normal(qid)]
    if same:
        return same[0]
    return close_match(qid, [i for i in ids if numbers(i) == numbers(qid)])


def _guesses(raw: Any, data: dict[str, Any], bank: Bank, problems: Problems) -> dict[str, int]:
    """`guesses:` maps statement ids to the answer the respondent thinks their partner would
    give for themselves. Private questions can't be guessed."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.add(
            GUESSES,
            "should be a mapping of statement ids to guessed answers.",
            line_of(data, GUESSES),
        )
        return {}
    scored_ids = {q.id for q in bank.questions}
    safety_ids = {q.id for q in bank.safety}
    guesses: dict[str, int] = {}
    for qid, value in raw.items():
        qid = str(qid)
        where, line = f"{GUESSES}.'{qid}'", line_of(raw, qid)
        if qid in safety_ids:
            problems.add(where, "private questions can't be guessed.", line)
            continue
        if qid not in scored_ids:
            problems.add(
                where, unknown_id(qid, bank, suggest=len(problems.items) < MAX_LISTED), line
            )
            continue
        question = bank.question(qid)
        if value is None or (question is not None and means_not_applicable(value, question)):
            continue
        try:
            guesses[qid] = parse_answer(value, question.scale if question else bank.scale)
        except AnswerError as exc:
            problems.add(where, str(exc), line)
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
