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
from closeness_quiz.bank import Bank
from closeness_quiz.guidance import Guidance
from closeness_quiz.scale import Choice
from closeness_quiz.scoring import category_score

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
TEMPLATE_WIDTH = 90  # fits a printed A4 or Letter page in a small monospace font, unwrapped


class SheetItem(NamedTuple):
    """One statement as printed: its number on the sheet, its id, text and keying."""

    number: int
    id: str
    text: str
    reverse: bool = False


class SheetSection(NamedTuple):
    id: str
    title: str
    description: str
    items: tuple[SheetItem, ...]

    @property
    def needed(self) -> int:
        """How many statements must be answered for the area to get a score (at least half)."""
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

    @property
    def range_text(self) -> str:
        if self.below is None:
            return f"{self.low:g} to 100"
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
    example: WorkedExample
    command: str
    answers_name: str
    answers_template: str
    has_private: bool

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
            items.append(SheetItem(number, question.id, _one_line(question.text), question.reverse))
        sections.append(
            SheetSection(category.id, category.title, category.description, tuple(items))
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
        how_to=HOW_TO,
        scale=bank.scale,
        sections=tuple(sections),
        reflection_intro=REFLECTION_INTRO,
        reflection=guidance.reflection,
        private=private,
        key=key,
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _key(
    bank: Bank,
    guidance: Guidance,
    sections: tuple[SheetSection, ...],
    bank_arg: Path | None,
    guidance_arg: Path | None,
    has_private: bool,
) -> ScoringKey:
    bands = guidance.bands
    key_bands = tuple(
        KeyBand(b.label, b.min, bands[i + 1].min if i + 1 < len(bands) else None, b.counselling)
        for i, b in enumerate(bands)
    )
    command = take_command(bank_arg, guidance_arg)
    return ScoringKey(
        scale=bank.scale,
        sections=sections,
        bands=key_bands,
        example=_example(any(i.reverse for sec in sections for i in sec.items)),
        command=command,
        answers_name=ANSWERS_NAME,
        answers_template=answers_template(bank, sections, command, has_private),
        has_private=has_private,
    )


def _example(with_reverse: bool) -> WorkedExample:
    ticked = (3, 2, 4, 1) if with_reverse else (3, 2, 4, 3)
    reverse_index = 3 if with_reverse else None
    keyed = tuple(4 - v if i == reverse_index else v for i, v in enumerate(ticked))
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
    values = ", ".join(f"{c.value} = {_one_line(c.label)}" for c in bank.scale)
    example = bank.scale[-2].label if len(bank.scale) > 1 else "a label"
    first = next((yaml_key(i.id) for s in sections for i in s.items), "question-id")
    lines = [
        "# Answers from a paper worksheet. Score them with:",
        *(f"#   {' '.join(line.splitlines())}" for line in wrap_command(command)),
        "# After each id's colon and a space, write the value that was ticked, exactly as",
        f"# ticked (do not reverse anything: the program does that), e.g. `{first}: 3`.",
        f"# The values are: {values}.",
        f"# A label works too (e.g. `{first}: {yaml_key(example)}`). Left blank = skipped.",
    ]
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
