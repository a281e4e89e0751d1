"""One plain view of a result, built once and fed to every renderer (terminal, Markdown,
HTML, JSON): the scores, "Start here" (one to three ideas for the weakest answers), then per
area its summary, what is going well, what is harder, and at most two further ideas.

A report for oneself alone (`solo`: asked for with --solo, switched on by a safety signal or
by a critical statement answered on the far side) puts support for oneself first, chooses no
idea done together with or towards the partner, shows no area summary (they speak of working
on it together), and leaves out couples counselling. The private notice (`notice`, after a
signalled private screen, known only to `take`, in memory) comes before everything, and only
on the terminal: nothing about the signal is stored in a result or written to a file. A
critical answer is part of the result, so every report of it is for oneself alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from closeness_quiz.content.bank import Bank, Category, Question
from closeness_quiz.content.guidance import Guidance, Tip
from closeness_quiz.content.records import PERCENT, Units
from closeness_quiz.content.scale import label
from closeness_quiz.content.scoring import Scores, score
from closeness_quiz.record import Record
from closeness_quiz.report import tailoring
from closeness_quiz.store.results import Result

if TYPE_CHECKING:
    from closeness_quiz.report.since import Since

SHOWN_HARDEST = 3
SHOWN_STRENGTHS = 2
NO_STRENGTHS = (
    "None of your answers here is on the close side right now. That is worth knowing, "
    "not a verdict, and it can change."
)
# Reverse-keyed strengths are put the way the person answered them.
HAPPENS = ("never", "rarely", "sometimes", "often")


class ItemView(Record):
    id: str
    text: str
    answer: str
    keyed: int
    reverse: bool = False
    strong: bool = False  # answered on the close side


class IdeaView(Record):
    id: str
    category: str
    category_title: str
    text: str
    strategy: str
    because: tuple[str, ...]  # ids of the weak statements it answers


class NoteView(Record):
    id: str  # a key of `notes` in guidance.yaml
    title: str
    text: str


class CategoryView(Record):
    id: str
    title: str
    description: str
    score: float | None
    band: str | None
    band_label: str | None
    answered: int
    total: int
    summary: str | None
    strengths: tuple[ItemView, ...]  # every statement answered on the close side
    hardest: tuple[ItemView, ...]  # every weak statement, weakest first
    ideas: tuple[IdeaView, ...]  # the further ideas shown (at most two unless --all)
    all_ideas: tuple[IdeaView, ...]  # every idea that matches a weak answer here
    has_suggestions: bool  # the guidance has suggestions for this area
    guided: bool = True  # the guidance speaks of this area at all (a published scale may not)
    show_all: bool = False
    units: Units = PERCENT  # what the score is measured in (and its range)
    needed: str = "at least half"  # how many answers a score needs, in words
    worse: bool = False  # `higher_is: worse`: a higher score means more of something unwanted

    @property
    def strengths_shown(self) -> tuple[ItemView, ...]:
        return self.strengths if self.show_all else self.strengths[:SHOWN_STRENGTHS]

    @property
    def hardest_shown(self) -> tuple[ItemView, ...]:
        return self.hardest if self.show_all else self.hardest[:SHOWN_HARDEST]


class ReportView(Record):
    title: str
    bank_id: str
    bank_version: int
    answers: dict[str, int]
    name: str | None
    taken_at: str
    overall: float | None
    overall_band: str | None
    overall_band_label: str | None
    overall_units: Units | None  # None: the bank gives no overall score
    focus: tuple[IdeaView, ...]
    categories: tuple[CategoryView, ...]
    # Before the scores: the private notice (a take's terminal after a signal), then support
    # for oneself (a report for oneself alone). Empty in any other report.
    first: tuple[NoteView, ...]
    notes: tuple[NoteView, ...]  # counselling, not a diagnosis, where to find help: at the end
    since: Since | None = None  # `report`: the change since that name's previous result


def said(item: ItemView) -> tuple[str, str, str]:
    """A statement as the report quotes it: (words before, the statement, words after).
    'You said this rarely happens: "..."' for a reverse-keyed strength, else '"..." - Often'."""
    if item.reverse and item.strong and item.answer.casefold() in HAPPENS:
        return f"You said this {item.answer.casefold()} happens: ", item.text, ""
    return "", item.text, f" \u2014 {item.answer}"


def build_report(
    result: Result,
    guidance: Guidance,
    scores: Scores | None = None,
    *,
    solo: bool = False,
    notice: bool = False,
    show_all: bool = False,
) -> ReportView:
    """The report's content, worked out from the answers (`scores`, when the caller has just
    computed them from the same answers). `solo`: a report for oneself alone; `notice`: the
    private notice first (a signalled take, on its terminal only), which implies `solo`."""
    bank, answers = result.bank, result.answers
    scores = scores if scores is not None else score(bank, guidance, answers)
    solo = solo or notice or bank.soft_signal(answers)

    weak_ids = {q.id for q in tailoring.weak(bank.questions, answers)}

    def allowed(tip: Tip) -> bool:
        return not (solo and tip.together) and not (tip.unless_weak & weak_ids)

    def item(question: Question) -> ItemView:
        value = answers[question.id]
        return ItemView(
            question.id,
            question.text,
            label(question.scale, value),
            question.keyed(value),
            question.reverse,
            question.strong(value),
        )

    titles = {c.id: c.title for c in bank.categories}

    def idea(chosen: tailoring.Idea) -> IdeaView:
        tip = chosen.tip
        return IdeaView(
            tip.id,
            chosen.category,
            titles.get(chosen.category, chosen.category),
            tip.text,
            tip.strategy,
            tuple(q.id for q in chosen.because),
        )

    def tips_of(category_id: str) -> tuple[Tip, ...]:
        advice = guidance.categories.get(category_id)
        return advice.suggestions if advice else ()

    # Lowest-scoring areas first, so that where answers tie, "Start here" goes to them.
    def lowest_first(category: Category) -> tuple[bool, float]:
        value = scores.categories[category.id].score
        return (value is None, value or 0.0)

    by_score = sorted(bank.categories, key=lowest_first)
    areas = [(c.id, bank.questions_in(c.id), tips_of(c.id)) for c in by_score]
    # A strong profile (every scored area in its best band) gets one idea to start with, not
    # three for single "Sometimes" answers.
    scored = [c for c in scores.categories.values() if c.score is not None]
    strong = bool(scored) and all(c.best for c in scored)
    focus = tailoring.focus(areas, answers, allowed, count=1 if strong else tailoring.FOCUS_MAX)
    in_focus = {i.tip.id for i in focus}
    views: list[CategoryView] = []
    for category in bank.categories:
        cat_score = scores.categories[category.id]
        questions = bank.questions_in(category.id)
        advice = guidance.categories.get(category.id)
        band = cat_score.band_info  # from the bands it was scored with: the bank's or guidance's
        wants_ideas = cat_score.score is not None and not cat_score.best
        tips = tips_of(category.id)
        every = (
            tailoring.for_area(
                questions,
                answers,
                tips,
                category.id,
                exclude=in_focus,
                allowed=allowed,
                count=None,
            )
            if wants_ideas
            else []
        )
        shown = every if show_all else every[: tailoring.AREA_MAX]
        views.append(
            CategoryView(
                id=category.id,
                title=category.title,
                description=category.description,
                score=cat_score.score,
                band=cat_score.band,
                band_label=band.label if band else None,
                answered=cat_score.answered,
                total=cat_score.total,
                units=cat_score.units,
                needed=needed(bank),
                worse=category.worse,
                # For oneself alone, no summary: they encourage working on it together.
                summary=advice.summaries.get(band.id) if advice and band and not solo else None,
                # A critical statement answered close ("My partner accepts my no") is a floor,
                # not something going well: it is never listed as a strength.
                strengths=tuple(
                    item(q) for q in tailoring.strengths(questions, answers) if q.critical is None
                ),
                hardest=tuple(item(q) for q in tailoring.weak(questions, answers)),
                ideas=tuple(idea(i) for i in shown),
                all_ideas=tuple(idea(i) for i in every),
                has_suggestions=bool(advice and advice.suggestions),
                guided=advice is not None,
                show_all=show_all,
            )
        )
    overall_band = scores.overall_band_info
    closing = closing_notes(guidance, scores, solo=solo)
    upfront = tuple(n for n in closing if n.id == "individual_support")
    return ReportView(
        title=bank.title or "Closeness check-in",
        bank_id=bank.id,
        bank_version=bank.version,
        answers=dict(answers),
        name=result.name,
        taken_at=result.when,
        overall=scores.overall,
        overall_band=scores.overall_band,
        overall_band_label=overall_band.label if overall_band else None,
        overall_units=scores.overall_units,
        focus=tuple(idea(i) for i in focus),
        categories=tuple(views),
        # Support for oneself comes first; after the private notice, which already says as
        # much, it stands at the end where couples counselling would.
        first=(_note("safety", guidance.notes.safety_title, guidance),) if notice else upfront,
        notes=closing if notice else tuple(n for n in closing if n not in upfront),
    )


def _note(key: str, title: str, guidance: Guidance) -> NoteView:
    return NoteView(key, title, getattr(guidance.notes, key))


def closing_notes(
    guidance: Guidance, *scores: Scores, solo: bool = False, support: bool = False
) -> tuple[NoteView, ...]:
    """The notes that end a report or a comparison: support (for oneself in a report for one
    person alone, else couples counselling when a score is low, and with `support` support
    for each person as well), not a diagnosis, where to find help."""
    notes: list[NoteView] = []
    if not solo and any(s.counselling for s in scores):
        notes.append(_note("counselling", "Support", guidance))
    if solo or support:
        notes.append(_note("individual_support", "Someone to talk to", guidance))
    notes.append(_note("not_diagnosis", "Please keep in mind", guidance))
    notes.append(_note("resources", "Where to find help", guidance))
    return tuple(n for n in notes if n.text)


# Words every format shares.
START_HERE = "Start here"
GOING_WELL = "Going well"
HARDER = "Harder right now"
MORE_IDEAS = "More ideas for this area"
NO_SUGGESTIONS = "No suggestions are available for this area in the guidance file."
NO_GUIDANCE = "No ideas come with this question bank for this area."


def no_ideas(cat: CategoryView) -> str | None:
    """What an area without ideas says: why there are none (a guidance file that lists none
    for it, or a bank that comes with no ideas, as a published scale), or nothing."""
    if cat.has_suggestions or cat.score is None:
        return None
    return NO_SUGGESTIONS if cat.guided else NO_GUIDANCE


def worse_note(view: ReportView) -> str | None:
    """'For Attachment anxiety, a higher score means more difficulty.' where a bank says so."""
    worse = [c.title for c in view.categories if c.worse]
    if not worse:
        return None
    names = worse[0] if len(worse) == 1 else ", ".join(worse[:-1]) + " and " + worse[-1]
    return f"For {names}, a higher score means more difficulty."


def needed(bank: Bank) -> str:
    """How many answers a category needs for a score, in words."""
    least = bank.scoring.min_answered
    if least == "half":
        return "at least half"
    return "all" if least == "all" else f"at least {least}"


def not_scored(cat: CategoryView) -> str:
    return f"Not scored: {cat.answered} of {cat.total} questions answered ({cat.needed} needed)."


def blocks(text: str) -> list[tuple[str, str]]:
    """A note's text as ('p', paragraph) and ('li', list item) blocks: lines starting with
    '- ' are list items, other lines run on into one paragraph until a blank line."""
    out: list[tuple[str, str]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append(("p", " ".join(para)))
            para.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(("- ", "* ")):
            flush()
            out.append(("li", line[2:].strip()))
        elif line:
            para.append(line)
        else:
            flush()
    flush()
    return out
