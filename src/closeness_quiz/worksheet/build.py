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

from closeness_quiz.content.bank import DEFAULT_BANK_ID, Bank
from closeness_quiz.content.guidance import Guidance
from closeness_quiz.content.records import Band
from closeness_quiz.content.scale import DEFAULT_SCALE
from closeness_quiz.content.scoring import bands_for, category_score
from closeness_quiz.store.answers import yaml_key
from closeness_quiz.worksheet.key import (
    example_words,
    overall_words,
    reverse_words,
    steps_words,
    values_of,
)
from closeness_quiz.worksheet.views import (
    KeyBand,
    PrivatePart,
    ScoringKey,
    SheetItem,
    SheetSection,
    WorkedExample,
    WorksheetView,
)

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
TEMPLATE_WIDTH = 90  # fits a printed A4 or Letter page in a small monospace font, unwrapped


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
        # The default guidance's questions are written for the default bank: a published
        # instrument's worksheet holds the instrument alone, unless a --guidance adds some.
        reflection=(
            guidance.reflection if guidance_arg is not None or bank.id == DEFAULT_BANK_ID else ()
        ),
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
    if bank.id == DEFAULT_BANK_ID or not bank.description:
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
        values=values_of(bank, sections),
    )
    if _is_default_shape(bank):
        return key
    return key._replace(
        example=example_words(bank),
        reverse_intro=reverse_words(bank),
        area_steps=steps_words(bank),
        overall_step=overall_words(bank),
    )


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
        "The values are: " + ", ".join(f"{c.value} = {_one_line(c.label)}" for c in own) + "."
        if len(scales) <= 1
        else "Each statement has its own boxes: their values are in step 1 of the key."
    )
    lines = [
        "# Answers from a paper worksheet. Score them with:",
        *(f"#   {' '.join(line.splitlines())}" for line in wrap_command(command)),
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
