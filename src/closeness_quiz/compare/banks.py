"""Which questions two results can be compared on: the same questionnaire (the same areas),
perhaps in different versions, compared on the statements both versions share."""

from __future__ import annotations

from closeness_quiz.content.records import Bank, Question
from closeness_quiz.errors import UserError
from closeness_quiz.store.results import Result


def _same_questions(mine: Question, theirs: Question | None) -> bool:
    return theirs is not None and (theirs.category, theirs.reverse, theirs.scale.values) == (
        mine.category,
        mine.reverse,
        mine.scale.values,
    )


def shared_bank(a: Result, b: Result) -> tuple[Bank, str | None]:
    """The questions both results can be compared on, and a note when their banks differ.

    Different areas mean different quizzes: that is refused, naming both files. The same areas
    in another version of the bank are compared on the questions the two versions share."""
    first, second = a.where("the first result"), b.where("the second result")
    areas_a = [c.id for c in a.bank.categories]
    areas_b = [c.id for c in b.bank.categories]
    if set(areas_a) != set(areas_b):
        raise UserError(
            f"{first} and {second} can't be compared: they come from different questionnaires "
            f"('{a.bank.id}' covers {', '.join(areas_a)}; '{b.bank.id}' covers "
            f"{', '.join(areas_b)}). Compare two results from the same quiz."
        )
    theirs = {q.id: q for q in b.bank.questions}
    shared = tuple(q for q in a.bank.questions if _same_questions(q, theirs.get(q.id)))
    if not shared:
        raise UserError(
            f"{first} and {second} can't be compared: their question banks have no "
            "questions in common."
        )
    bank = a.bank._replace(questions=shared)
    ka, kb = a.bank, b.bank
    if (ka.id, ka.version, ka.sha256) == (kb.id, kb.version, kb.sha256):
        return bank, None
    if ka.id != kb.id:
        which = f"different question banks ('{ka.id}' and '{kb.id}')"
    elif ka.version != kb.version:
        which = (
            f"different versions of the questions (version {ka.version} and version {kb.version})"
        )
    else:
        which = "different editions of the question bank"
    left_out = len(ka.questions) + len(kb.questions) - 2 * len(shared)
    if left_out:
        return bank, (
            f"These results were answered with {which}. Only the {len(shared)} questions that "
            "appear in both are compared here, so the scores may differ a little from each "
            "of your own reports."
        )
    return bank, (
        f"These results were answered with {which}. The questions are the same in both, "
        "so all of them are compared."
    )
