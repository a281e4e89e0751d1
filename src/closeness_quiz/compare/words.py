"""What a comparison says, in words: headings and lines every format (terminal, Markdown,
HTML) shows the same way, so the three can never drift apart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from closeness_quiz.compare.about import grouped
from closeness_quiz.compare.perception import surprise_line
from closeness_quiz.record import Record
from closeness_quiz.render.glyphs import fmt_score

if TYPE_CHECKING:
    from closeness_quiz.compare.perception import Reading
    from closeness_quiz.compare.view import CompareView, ItemCompare, PairCompare, Side, StarterView

# Section headings, shared by every format so they all say the same thing.
HEAD_SCORES = "Scores side by side"
HEAD_STRENGTHS = "Where you both feel close"
HEAD_DIFFERENT = "Seen differently"
HEAD_STARTERS = "Conversations to start"
NO_DIFFERENCES = (
    "None of the questions you both answered are two or more steps apart: "
    "you see things in much the same way."
)
NO_STRENGTHS = (
    "This time, no area or question came out clearly well for both of you. "
    "That can change, and talking it through together is a good first step."
)


def quoted(item: ItemCompare) -> str:
    """The statement in quotes; a reverse-keyed one both answered Never or Rarely is put the
    way it was meant ('Seldom, for both of you: ...'), as the report puts its strengths."""
    seldom = "Seldom, for both of you: " if item.reverse and item.low else ""
    return f"{seldom}\u201c{item.text}\u201d"


def answers_in_words(item: ItemCompare, view: CompareView) -> str:
    """'Alex: Often · Sam: Rarely', the same words in every format."""
    return f"{view.a.label}: {item.a_label} \u00b7 {view.b.label}: {item.b_label}"


def heading(view: CompareView) -> str:
    """'How close do we feel? Side by side' (or 'Title: side by side')."""
    title = view.title.rstrip()
    return f"{title} Side by side" if title[-1:] in "?!." else f"{title}: side by side"


def steps_apart(item: ItemCompare | PairCompare) -> str:
    return f"{item.gap} step{'s' if item.gap != 1 else ''} apart"


def who_and_when(view: CompareView) -> str:
    """'Alex (2026-11-20) and Sam (2026-11-22) · 31 questions answered by both'."""

    def one(side: Side) -> str:
        return f"{side.label} ({side.taken_at[:10]})" if side.taken_at else side.label

    count = view.compared_questions
    noun = "question" if count == 1 else "questions"
    return f"{one(view.a)} and {one(view.b)} \u00b7 {count} {noun} answered by both"


def strong_areas_line(view: CompareView) -> str | None:
    if not view.strong_areas:
        return None
    titles = [a.title for a in view.strong_areas]
    joined = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]
    at = {a.strong_at for a in view.strong_areas}
    if len(at) == 1:
        return f"Areas you both scored {at.pop()}: {joined}."
    return f"Areas on the close side for you both: {joined}."


def starter_reason(starter: StarterView, view: CompareView) -> str:
    """Why this starter was chosen, in one line every renderer shows the same way."""
    if starter.item is not None:
        return f"About \u201c{starter.item.text}\u201d ({answers_in_words(starter.item, view)})"
    area = starter.area
    return (
        f"About {area.title} ({view.a.label}: {fmt_score(area.a, units=area.units)} \u00b7 "
        f"{view.b.label}: {fmt_score(area.b, units=area.units)})"
    )


def more_strengths_line(view: CompareView) -> str | None:
    more = view.strong_items_more
    if not more:
        return None
    noun = "statement" if more == 1 else "statements"
    return f"And {more} more {noun} where both of your answers point to closeness ({ALL_HINT})."


# --- whose behaviour a statement describes, and how well each reads the other -------------

HEAD_FEEL = "How each of you feels"
FEEL_INTRO = (
    "These statements describe each of you, so a difference here is not a disagreement: "
    "it is something about the other's experience worth understanding."
)
HEAD_EXPERIENCE = "How each of you experiences the other"
EXPERIENCE_INTRO = (
    "Here each of you describes what the other does. Different answers can both be true: "
    "they are how it feels from each side."
)
HEAD_PAIRS = "In each other's words"
PAIRS_INTRO = "What one of you says of the other, beside what the other says of themselves."
HEAD_SURPRISES = "The biggest surprises"
SURPRISES_INTRO = "A surprise is not a mistake: it is something new to learn about each other."
ITEMS_SHOWN = 5  # statements listed per group in the text formats (JSON and --all: every one)
ALL_HINT = "compare --all shows every one"
HEAD_SURPRISE_STARTERS = "Questions to ask each other"


class Bullet(Record):
    main: str
    detail: str | None = None


class Section(Record):
    """A heading, a few lines, then bullets: every format lays these out the same way."""

    heading: str
    lines: tuple[str, ...] = ()
    bullets: tuple[Bullet, ...] = ()
    after: tuple[str, ...] = ()  # a closing line, such as how many more there are


def _item_bullet(item: ItemCompare, view: CompareView) -> Bullet:
    detail = f"{answers_in_words(item, view)} ({steps_apart(item)})"
    return Bullet(f"{quoted(item)} ({item.category_title})", detail)


def _items_section(
    heading_: str, lines: tuple[str, ...], items: tuple[ItemCompare, ...], view: CompareView
) -> Section:
    """The largest differences first, at most ITEMS_SHOWN (every one with --all), and how
    many more there are."""
    shown = items if view.show_all else items[:ITEMS_SHOWN]
    more = len(items) - len(shown)
    after = (
        (f"And {more} more statement{'s' if more > 1 else ''} like these ({ALL_HINT}).",)
        if more > 0
        else ()
    )  # fmt: skip
    return Section(heading_, lines, tuple(_item_bullet(i, view) for i in shown), after)


def difference_sections(view: CompareView) -> list[Section]:
    """Seen differently (shared statements), then how each feels, how each experiences the
    other, and the paired statements: only the groups that have something to show."""
    us = grouped(view.items, "us")
    out = [_items_section(HEAD_DIFFERENT, () if us else (NO_DIFFERENCES,), us, view)]
    for about, heading_, intro in (
        ("self", HEAD_FEEL, FEEL_INTRO),
        ("partner", HEAD_EXPERIENCE, EXPERIENCE_INTRO),
    ):
        items = grouped(view.items, about)
        if items:
            out.append(_items_section(heading_, (intro,), items, view))
    if view.pairs:
        out.append(
            Section(
                HEAD_PAIRS,
                (PAIRS_INTRO,),
                tuple(
                    Bullet(
                        f"{p.says}, of {p.of}: \u201c{p.partner_text}\u201d \u2014 {p.partner_label}",
                        f"{p.of}, of themselves: \u201c{p.self_text}\u201d \u2014 {p.self_label} "
                        f"({pair_gap(p)})",
                    )
                    for p in view.pairs
                ),
            )
        )
    return out


def pair_gap(pair: PairCompare) -> str:
    """How far apart the two answers are in closeness, and, where one statement is worded
    the opposite way to the other, that the same word there means opposite views."""
    apart = "these answers agree" if pair.gap == 0 else steps_apart(pair)
    return f"worded opposite ways: {apart}" if pair.opposite else apart


def _reading_section(reading: Reading) -> Section:
    lines = [
        f"{reading.guesser} guessed how {reading.other} would answer {reading.guessed} "
        f"statement{'s' if reading.guessed != 1 else ''}: {reading.exact} exactly, and "
        f"{reading.within_one} within one step."
    ]
    if reading.left_out:
        lines.append(
            f"{reading.left_out} guess{'es' if reading.left_out != 1 else ''} on statements "
            f"{reading.other} did not answer, or that a comparison does not show, "
            f"{'are' if reading.left_out != 1 else 'is'} left out."
        )
    bullets = tuple(
        Bullet(f"{a.title}: {a.exact} of {a.guessed} exactly, {a.within_one} within one step")
        for a in reading.areas
    )
    return Section(f"How well {reading.guesser} reads {reading.other}", tuple(lines), bullets)


def perception_sections(view: CompareView) -> list[Section]:
    perception = view.perception
    if perception is None:
        return []
    out = [_reading_section(r) for r in perception.readings]
    # One bullet per statement, with each way round it surprised, so none is quoted twice.
    by_statement: dict[str, tuple[str, list[str]]] = {}
    for r in perception.readings:
        for g in r.surprises:
            by_statement.setdefault(g.id, (g.text, []))[1].append(surprise_line(r, g))
    surprises = [
        Bullet(f"\u201c{text}\u201d", " ".join(lines)) for text, lines in by_statement.values()
    ]
    if surprises:
        out.append(Section(HEAD_SURPRISES, (SURPRISES_INTRO,), tuple(surprises)))
    if perception.starters:
        out.append(
            Section(HEAD_SURPRISE_STARTERS, (), tuple(Bullet(s) for s in perception.starters))
        )
    return out
