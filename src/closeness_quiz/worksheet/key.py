"""A bank's own scoring in words, for the worksheet's key: which boxes count what on each
scale, how reverse statements count, each step for the bank's method and minimum of answers,
the overall score, and a worked example scored by the same code as `take`. (The default
bank's key keeps its own wording, in worksheet.py.)"""

from __future__ import annotations

from closeness_quiz.content.bank import Bank, Question
from closeness_quiz.content.records import Units
from closeness_quiz.content.scale import Choice
from closeness_quiz.content.scoring import category_value
from closeness_quiz.worksheet.views import SheetSection


def values_of(
    bank: Bank, sections: tuple[SheetSection, ...]
) -> tuple[tuple[str, tuple[Choice, ...]], ...]:
    """Each scale the statements use, with the statements' numbers ('' where there is one)."""
    numbers: dict[tuple[Choice, ...], list[int]] = {}
    for item in (i for s in sections for i in s.items):
        numbers.setdefault(tuple(item.choices or bank.scale), []).append(item.number)
    if len(numbers) <= 1:
        return (("", tuple(bank.scale)),) if not numbers else (("", next(iter(numbers))),)
    return tuple(
        (f"Statement{'s' if len(n) > 1 else ''} {spans(n)}", choices)
        for choices, n in numbers.items()
    )


def spans(numbers: list[int]) -> str:
    """'1-3, 5 and 7' for the statements 1, 2, 3, 5 and 7."""
    runs: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        runs.append(str(start) if start == prev else f"{start}\u2013{prev}")
        if n is not None:
            start = prev = n
    return runs[0] if len(runs) == 1 else ", ".join(runs[:-1]) + " and " + runs[-1]


def reverse_words(bank: Bank) -> str:
    totals = sorted({q.scale.lo + q.scale.hi for q in bank.questions if q.reverse})
    if len(totals) == 1:
        reverse = next(q for q in bank.questions if q.reverse)
        lo, hi = reverse.scale.lo, reverse.scale.hi
        return (
            f"Each of these statements counts the other way round: {totals[0]} minus the value "
            f"ticked, so a tick in the highest box counts {lo} and a tick in the lowest counts "
            f"{hi}."
        )
    return (
        "Each of these statements counts the other way round: its scale's lowest plus highest "
        "value, minus the value ticked."
    )


def needed_words(bank: Bank) -> str:
    least = bank.scoring.min_answered
    if least == "all":
        return "An area with any statement left blank gets no score."
    if least == "half":
        return "An area where fewer than half of the statements were answered gets no score."
    return f"An area with fewer than {least} statements answered gets no score."


def steps_words(bank: Bank) -> str:
    method = bank.scoring.method
    units = [bank.units_of(c.id) for c in bank.categories]
    span = range_words(units)
    if method == "mean":
        how = (
            "For each area, add up the counted values of the statements that were answered and "
            "divide by how many were answered (the mean), rounded to two decimal places"
        )
    elif method == "sum":
        how = (
            "For each area, add up the counted values of the statements. Where some were left "
            "blank but enough were answered, divide the total by how many were answered and "
            "multiply by the number of statements in the area (the prorated sum); round to one "
            "decimal place"
        )
    else:
        how = (
            "For each area, add up how far each counted value is above its scale's lowest "
            "value, divide by the most that could be, and multiply by 100, rounded to one "
            "decimal place"
        )
    return f"{how}: a score {span}. {needed_words(bank)}"


def range_words(units: list[Units]) -> str:
    ranges = {(u.lo, u.hi) for u in units}
    if len(ranges) == 1:
        lo, hi = ranges.pop()
        return f"from {lo:g} to {hi:g}"
    return "within each area's own range"


def overall_words(bank: Bank) -> str:
    overall = bank.scoring.overall
    if overall == "none":
        return "There is no overall score: each area stands on its own."
    if len(bank.categories) == 1:
        return "The overall score is the area's score."
    if overall == "sum":
        return "The overall score is the sum of the area scores that exist."
    return "The overall score is the mean of the area scores that exist."


def example_words(bank: Bank) -> str:
    """A worked example on the first area's own statements and scales, scored by the same
    code as `take`: every statement ticked one box below its highest, and the last one left
    blank where an area may still be scored without it."""
    category = bank.categories[0]
    questions = bank.questions_in(category.id)
    ticks = {q.id: q.scale[-2].value for q in questions}
    blank: Question | None = None
    if len(questions) > 2 and bank.scoring.min_answered != "all":
        blank = questions[-1]
        del ticks[blank.id]
    value = category_value(bank, questions, ticks)
    units = bank.units_of(category.id)
    ticked = ", ".join(str(ticks[q.id]) if q.id in ticks else "blank" for q in questions)
    counted = ", ".join(str(q.keyed(ticks[q.id])) for q in questions if q.id in ticks)
    turned = any(q.reverse for q in questions if q.id in ticks)
    text = f"For example, if the statements of {category.title} were ticked {ticked}"
    if turned:
        text += f", they count as {counted}"
    if value is None:
        return text + ": too few are answered for a score."
    return f"{text}: the score is {units.text(value)}."
