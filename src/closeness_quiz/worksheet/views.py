"""The worksheet as plain data (built by worksheet.py, shown by render/worksheet*.py, and
worded for another bank's scoring by worksheet/key.py): the sheet's statements and areas,
the private part, and the counsellor's scoring key."""

from __future__ import annotations

from closeness_quiz.content.scale import Choice
from closeness_quiz.record import Record

# The default bank's scoring, in the key's words (another bank's is worded by worksheet/key.py).
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


class SheetItem(Record):
    """One statement as printed: its number on the sheet, its id, text and keying, and its own
    choices (with a not-applicable box after them, where it has one)."""

    number: int
    id: str
    text: str
    reverse: bool = False
    choices: tuple[Choice, ...] = ()
    not_applicable: str | None = None


class SheetSection(Record):
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


class PrivatePart(Record):
    title: str
    intro: str
    items: tuple[SheetItem, ...]
    help_title: str
    help: str


class KeyBand(Record):
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


class WorkedExample(Record):
    """A made-up area of four answers, scored with the same code as `take`."""

    ticked: tuple[int, ...]
    reverse_index: int | None
    keyed: tuple[int, ...]
    score: float


class ScoringKey(Record):
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


class WorksheetView(Record):
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
