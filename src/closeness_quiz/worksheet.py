"""A paper worksheet of the questions, built once as plain data and fed to each renderer.

Counsellors hand it out in a session or to a client without a terminal. The client part
explains itself, numbers every statement by area, keeps the safety statements on a private
part the client may tear off, and ends with reflection questions. The optional scoring key
tells the counsellor how to score a filled sheet by hand, or on a computer with
`closeness-quiz take --answers`, using a ready answers-file template."""

from __future__ import annotations

import shlex
import textwrap
from pathlib import Path
from typing import NamedTuple

from closeness_quiz.answers import yaml_key
from closeness_quiz.bank import Bank, Question
from closeness_quiz.guidance import Guidance
from closeness_quiz.records import Band, Units
from closeness_quiz.scale import DEFAULT_SCALE, Choice
from closeness_quiz.scoring import bands_for, category_score, category_value

ANSWERS_NAME = "answers.yaml"

ABOUT = (
    "This worksheet is a set of short statements about your relationship. It is a way to "
    "notice what feels close and what could use some care, and a starting point for a "
    "conversation with your partner, your counsellor or yourself. It is not a test and not a "
    "diagnosis, and there are no right or wrong answers."
)
HOW_TO = (
    "Read each statement and tick the one box that fits best for you. Think about the last "
    "month or so rather than the whole of your time together, and answer for yourself, not "
    "for your partner. Your first sense is usually the right one. If a statement does not "
    "apply to you, or you would rather not answer it, leave it blank and move on."
)
REFLECTION_INTRO = (
    "When you have finished, take a few quiet minutes with these questions. Write as much or "
    "as little as you like, here or on the back of the page."
)
PRIVATE_TITLE = "Private: for you only"
PRIVATE_INTRO = (
    "This part is just for you. You do not have to answer it, and you do not have to show it "
    "to anyone or hand it in: you may tear it off and keep it, or skip it altogether. These "
    "answers are never scored."
)
PRIVATE_HELP = (
    "If any of these statements is true for you, even now and then, you deserve to feel safe, "
    "and support just for you is available. A domestic abuse helpline, a doctor or a counsellor "
    "you see on your own can listen in confidence. If you are ever in immediate danger, call "
    "your local emergency number."
)
TICK_ONE = (
    "Tick the one box that fits best for each. If one does not apply to you, or you would "
    "rather not answer it, leave it blank and move on."
)
REVERSE_INTRO = (
    "For these statements, agreeing means less closeness, so each one counts as 4 minus the "
    "value ticked: a tick in the highest box counts 0, a tick in the lowest counts 4."
)
AREA_STEPS = (
    "For each area, add up the counted values of the statements that were answered and divide "
    "by how many were answered (the mean). Divide that by 4 and multiply by 100, then round to "
    "one decimal place: a score from 0 to 100. An area where fewer than half of the statements "
    "were answered gets no score."
)
OVERALL_STEP = (
    "The overall score is the mean of the area scores that exist, rounded to one decimal place."
)
TEMPLATE_WIDTH = 90  # fits a printed A4 or Letter page in a small monospace font, unwrapped


class SheetItem(NamedTuple):
    """One statement as printed: its number on the sheet, its id, text and keying, and its own
    choices (with a not-applicable box after them, where it has one)."""

    number: int
    id: str
    text: str
    reverse: bool = False
    choices: tuple[Choice, ...] = ()
    not_applicable: str | None = None


class SheetSection(NamedTuple):
    id: str
    title: str
    description: str
    items: tuple[SheetItem, ...]
    least: str | int = "half"  # the bank's `min_answered`

    @property
    def needed(self) -> int:
        """How many statements must be answered for the area to get a score (at least half,
        unless the bank says otherwise)."""
        if self.least == "all":
            return len(self.items)
        if isinstance(self.least, int):
            return self.least
        return (len(self.items) + 1) // 2


class PrivatePart(NamedTuple):
    title: str
    intro: str
    items: tuple[SheetItem, ...]
    help_title: str
    help: str


class KeyBand(NamedTuple):
    """A band as a score range: from `low` up to (not including) `below`, or to 100."""

    label: str
    low: float
    below: float | None
    counselling: bool
    top: float = 100

    @property
    def range_text(self) -> str:
        if self.below is None:
            return f"{self.low:g} to {self.top:g}"
        return f"{self.low:g} to under {self.below:g}"


class WorkedExample(NamedTuple):
    """A made-up area of four answers, scored with the same code as `take`."""

    ticked: tuple[int, ...]
    reverse_index: int | None
    keyed: tuple[int, ...]
    score: float


class ScoringKey(NamedTuple):
    scale: tuple[Choice, ...]
    sections: tuple[SheetSection, ...]
    bands: tuple[KeyBand, ...]
    example: WorkedExample | str  # the default's worked example, or one in words
    command: str
    answers_name: str
    answers_template: str
    has_private: bool
    # The bank's own scoring, in words: each scale with the statements that use it (no
    # heading where there is one scale), how reverse items count, and each step.
    values: tuple[tuple[str, tuple[Choice, ...]], ...] = ()
    reverse_intro: str = REVERSE_INTRO
    area_steps: str = AREA_STEPS
    overall_step: str = OVERALL_STEP

    @property
    def reverse_items(self) -> tuple[SheetItem, ...]:
        return tuple(i for s in self.sections for i in s.items if i.reverse)


class WorksheetView(NamedTuple):
    title: str
    about: str
    how_to: str
    scale: tuple[Choice, ...]
    sections: tuple[SheetSection, ...]
    reflection_intro: str
    reflection: tuple[str, ...]
    private: PrivatePart | None
    key: ScoringKey | None

    @property
    def items(self) -> tuple[SheetItem, ...]:
        return tuple(i for s in self.sections for i in s.items)


def build_worksheet(
    bank: Bank,
    guidance: Guidance,
    *,
    with_key: bool = False,
    bank_arg: Path | None = None,
    guidance_arg: Path | None = None,
) -> WorksheetView:
    """The worksheet for `bank`. `bank_arg`/`guidance_arg` are the custom files the counsellor
    named (None for the defaults), so the key's command scores against the same content."""
    sections: list[SheetSection] = []
    number = 0
    for category in bank.categories:
        items: list[SheetItem] = []
        for question in bank.questions_in(category.id):
            number += 1
            items.append(
                SheetItem(
                    number,
                    question.id,
                    _one_line(question.text),
                    question.reverse,
                    question.scale,
                    question.not_applicable,
                )
            )
        sections.append(
            SheetSection(
                category.id,
                category.title,
                category.description,
                tuple(items),
                bank.scoring.min_answered,
            )
        )
    private = None
    if bank.safety:
        private = PrivatePart(
            title=PRIVATE_TITLE,
            intro=PRIVATE_INTRO,
            items=tuple(
                SheetItem(n, q.id, _one_line(q.text)) for n, q in enumerate(bank.safety, 1)
            ),
            help_title=guidance.notes.safety_title,
            help=PRIVATE_HELP,
        )
    key = (
        _key(bank, guidance, tuple(sections), bank_arg, guidance_arg, private is not None)
        if with_key
        else None
    )
    return WorksheetView(
        title=bank.title or "Closeness check-in",
        about=ABOUT,
        how_to=_how_to(bank),
        scale=bank.scale,
        sections=tuple(sections),
        reflection_intro=REFLECTION_INTRO,
        reflection=guidance.reflection,
        private=private,
        key=key,
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _is_default_shape(bank: Bank) -> bool:
    """Scored as the default bank is: one 0-4 scale, percent, at least half, overall mean."""
    same = all(q.scale.values == DEFAULT_SCALE.values for q in bank.questions)
    return same and bank.scale.values == DEFAULT_SCALE.values and bank.scoring.is_default


def _how_to(bank: Bank) -> str:
    """The default bank's instructions; another bank's own `description`, as its authors give
    it, and how to mark the sheet."""
    if bank.id == "closeness-default" or not bank.description:
        return HOW_TO
    return f"{_one_line(bank.description)} {TICK_ONE}"


def _key(
    bank: Bank,
    guidance: Guidance,
    sections: tuple[SheetSection, ...],
    bank_arg: Path | None,
    guidance_arg: Path | None,
    has_private: bool,
) -> ScoringKey:
    first = bank.categories[0]
    units = bank.units_of(first.id)
    bands: tuple[Band, ...] = bands_for(bank, guidance, units, first.bands)
    key_bands = tuple(
        KeyBand(
            b.label,
            b.min,
            bands[i + 1].min if i + 1 < len(bands) else None,
            b.counselling,
            units.hi,
        )
        for i, b in enumerate(bands)
    )
    command = take_command(bank_arg, guidance_arg)
    key = ScoringKey(
        scale=bank.scale,
        sections=sections,
        bands=key_bands,
        example=_example(any(i.reverse for sec in sections for i in sec.items)),
        command=command,
        answers_name=ANSWERS_NAME,
        answers_template=answers_template(bank, sections, command, has_private),
        has_private=has_private,
        values=_values(bank, sections),
    )
    if _is_default_shape(bank):
        return key
    return key._replace(
        example=_example_words(bank),
        reverse_intro=_reverse_words(bank),
        area_steps=_steps_words(bank),
        overall_step=_overall_words(bank),
    )


def _values(
    bank: Bank, sections: tuple[SheetSection, ...]
) -> tuple[tuple[str, tuple[Choice, ...]], ...]:
    """Each scale the statements use, with the statements' numbers ('' where there is one)."""
    numbers: dict[tuple[Choice, ...], list[int]] = {}
    for item in (i for s in sections for i in s.items):
        numbers.setdefault(tuple(item.choices or bank.scale), []).append(item.number)
    if len(numbers) <= 1:
        return (("", tuple(bank.scale)),) if not numbers else (("", next(iter(numbers))),)
    return tuple(
        (f"Statement{'s' if len(n) > 1 else ''} {_spans(n)}", choices)
        for choices, n in numbers.items()
    )


def _spans(numbers: list[int]) -> str:
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


def _reverse_words(bank: Bank) -> str:
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


def _needed_words(bank: Bank) -> str:
    least = bank.scoring.min_answered
    if least == "all":
        return "An area with any statement left blank gets no score."
    if least == "half":
        return "An area where fewer than half of the statements were answered gets no score."
    return f"An area with fewer than {least} statements answered gets no score."


def _steps_words(bank: Bank) -> str:
    method = bank.scoring.method
    units = [bank.units_of(c.id) for c in bank.categories]
    span = _range_words(units)
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
    return f"{how}: a score {span}. {_needed_words(bank)}"


def _range_words(units: list[Units]) -> str:
    ranges = {(u.lo, u.hi) for u in units}
    if len(ranges) == 1:
        lo, hi = ranges.pop()
        return f"from {lo:g} to {hi:g}"
    return "within each area's own range"


def _overall_words(bank: Bank) -> str:
    overall = bank.scoring.overall
    if overall == "none":
        return "There is no overall score: each area stands on its own."
    if len(bank.categories) == 1:
        return "The overall score is the area's score."
    if overall == "sum":
        return "The overall score is the sum of the area scores that exist."
    return "The overall score is the mean of the area scores that exist."


def _example_words(bank: Bank) -> str:
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


def _example(with_reverse: bool) -> WorkedExample:
    ticked = (3, 2, 4, 1) if with_reverse else (3, 2, 4, 3)
    reverse_index = 3 if with_reverse else None
    keyed = tuple(DEFAULT_SCALE.keyed(v, i == reverse_index) for i, v in enumerate(ticked))
    score = category_score(list(keyed), len(keyed))
    assert score is not None
    return WorkedExample(ticked, reverse_index, keyed, score)


def take_command(bank_arg: Path | None, guidance_arg: Path | None) -> str:
    """The exact command that scores a filled-in answers file against the same content."""
    parts = ["closeness-quiz", "take", "--answers", ANSWERS_NAME]
    if bank_arg is not None:
        parts += ["--bank", str(bank_arg)]
    if guidance_arg is not None:
        parts += ["--guidance", str(guidance_arg)]
    return shlex.join(parts)


def wrap_command(command: str, width: int = TEMPLATE_WIDTH - 4) -> list[str]:
    """The command on several shell lines (ending in a backslash) when it is too long for one."""
    if len(command) <= width:
        return [command]
    words = shlex.split(command)
    lines = [shlex.join(words[:4])]
    lines += ["  " + shlex.join(words[i : i + 2]) for i in range(4, len(words), 2)]
    return [f"{line} \\" for line in lines[:-1]] + [lines[-1]]


def answers_template(
    bank: Bank, sections: tuple[SheetSection, ...], command: str, has_private: bool
) -> str:
    """A YAML answers file listing every scored statement, blank (= skipped) until filled in."""
    items = [i for s in sections for i in s.items]
    scales = {tuple(i.choices or bank.scale) for i in items}
    own = tuple(items[0].choices or bank.scale) if items else tuple(bank.scale)
    example = own[-2].label if len(own) > 1 else "a label"
    first = yaml_key(items[0].id) if items else "question-id"
    values = (
        "The values are: " + ", ".join(f"{c.value} = {c.label}" for c in own) + "."
        if len(scales) <= 1
        else "Each statement has its own boxes: their values are in step 1 of the key."
    )
    lines = [
        "# Answers from a paper worksheet. Score them with:",
        *(f"#   {line}" for line in wrap_command(command)),
        "# After each id's colon and a space, write the value that was ticked, exactly as",
        f"# ticked (do not reverse anything: the program does that), e.g. `{first}: "
        f"{own[-2].value if len(own) > 1 else 3}`.",
        *(f"# {line}" for line in textwrap.wrap(values, TEMPLATE_WIDTH - 2)),
        f"# A label works too (e.g. `{first}: {yaml_key(example)}`). Left blank = skipped.",
    ]
    if any(i.not_applicable for i in items):
        lines.append("# A not-applicable box ticked counts as blank: leave it blank here.")
    if has_private:
        lines.append(
            "# The private safety statements are left out on purpose: those answers belong to"
        )
        lines.append("# the client alone and are never scored or saved.")
    width = max((len(yaml_key(i.id)) for s in sections for i in s.items), default=0) + 3
    room = max(TEMPLATE_WIDTH - width - 2, 30)
    for section in sections:
        lines += ["", f"# {_one_line(section.title)}"]
        for item in section.items:
            key = f"{yaml_key(item.id)}:".ljust(width)
            number = f"{item.number}. "
            wrapped = textwrap.wrap(
                item.text, room, initial_indent=number, subsequent_indent=" " * len(number)
            )
            lines.append(f"{key}# {wrapped[0]}")
            lines += [f"{' ' * width}# {rest}" for rest in wrapped[1:]]
    return "\n".join(lines) + "\n"
