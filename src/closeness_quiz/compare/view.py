"""A comparison as plain data, the shape every renderer reads (terminal, Markdown, HTML,
JSON): built by `compare.build`, worded by `compare.words`."""

from __future__ import annotations

from closeness_quiz.compare.perception import Perception
from closeness_quiz.content.records import PERCENT, Units
from closeness_quiz.record import Record
from closeness_quiz.report.view import NoteView

STRENGTHS_SHOWN = 6  # questions listed as shared strengths; the rest are counted


class PairCompare(Record):
    """`says` describes `of` (a partner statement); `of` describes themselves (its pair)."""

    says: str
    of: str
    partner_id: str
    partner_text: str
    partner_label: str
    self_id: str
    self_text: str
    self_label: str
    gap: int  # steps apart towards closeness (reverse statements turned round)
    # One statement reverse-keyed and the other not ("go unnoticed" beside "I thank my
    # partner"): the same answer to both means opposite views, so it is said beside them.
    opposite: bool = False


class Side(Record):
    """One partner: `label` is what the report calls them (their name, or Partner A/B)."""

    label: str
    name: str | None
    taken_at: str
    bank_id: str
    bank_version: int
    answered: int


class AreaCompare(Record):
    id: str
    title: str
    a: float | None
    b: float | None
    a_band: str | None
    b_band: str | None
    a_band_label: str | None
    b_band_label: str | None
    gap: float | None
    units: Units | None = PERCENT  # what the scores are measured in (None: no overall)
    strong_at: str | None = None  # "75 or more": where the close side begins, in those units


class ItemCompare(Record):
    """A question both answered: raw scale values, their words, and the distance in steps."""

    id: str
    category: str
    category_title: str
    text: str
    a: int
    b: int
    a_label: str
    b_label: str
    gap: int
    about: str = "us"  # whose behaviour the statement describes: self, partner or us
    reverse: bool = False
    low: bool = False  # both answers on the far side of the scale ("Rarely" or less on 0-4)


class StarterView(Record):
    """A conversation starter, and the difference that led to it (a question or a whole area)."""

    text: str
    strategy: str
    area: AreaCompare
    item: ItemCompare | None


class CompareView(Record):
    title: str
    intro: str
    a: Side
    b: Side
    categories: tuple[AreaCompare, ...]
    overall: AreaCompare
    items: tuple[ItemCompare, ...]
    strong_areas: tuple[AreaCompare, ...]
    strong_items: tuple[ItemCompare, ...]
    starters: tuple[StarterView, ...]
    compared_questions: int
    bank_note: str | None
    notes: tuple[NoteView, ...]  # support, not a diagnosis, where to find help
    pairs: tuple[PairCompare, ...] = ()
    perception: Perception | None = None
    name_note: str | None = None
    show_all: bool = False  # `compare --all`: every statement of each group, not the first few

    @property
    def areas(self) -> tuple[AreaCompare, ...]:
        """Every area, then the overall score (unless the bank gives none)."""
        overall = (self.overall,) if self.overall.units is not None else ()
        return (*self.categories, *overall)

    @property
    def strong_items_shown(self) -> tuple[ItemCompare, ...]:
        return self.strong_items if self.show_all else self.strong_items[:STRENGTHS_SHOWN]

    @property
    def strong_items_more(self) -> int:
        return len(self.strong_items) - len(self.strong_items_shown)
