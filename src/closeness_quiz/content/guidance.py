"""guidance.yaml: bands, per-category summaries, suggestions, conversation starters, notes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from closeness_quiz.content.bank import Bank, Question
from closeness_quiz.content.files import read_text
from closeness_quiz.content.records import Band, band_for
from closeness_quiz.content.schema import Problems, bands_of, begin, close_match, label_of, line_of
from closeness_quiz.record import Record
from closeness_quiz.safe_text import clean
from closeness_quiz.store.paths import data_dir

GUIDANCE_KEYS = ("version", "bands", "notes", "reflection", "categories")
NOTE_KEYS = (
    "not_diagnosis",
    "counselling",
    "individual_support",
    "safety_title",
    "safety",
    "resources",
)
# A custom guidance file may leave these out: the default guidance's texts are used, so the
# safety notice's alternative to counselling and the help line at the end are never missing.
OPTIONAL_NOTES = ("individual_support", "resources")
SAFETY_NOTES = ("safety_title", "safety")  # needed only with a bank that has `safety` questions
CATEGORY_KEYS = ("summaries", "suggestions", "starters")
TIP_KEYS = ("id", "strategy", "text", "signs", "questions", "together", "unless_weak", "about")
ABOUTS = ("self", "partner", "us")


def default_guidance_path() -> Path:
    return data_dir() / "guidance.yaml"


class Tip(Record):
    """A suggestion or conversation starter, tied to the signs or questions it addresses."""

    id: str
    strategy: str
    text: str
    signs: frozenset[str] = frozenset()
    questions: frozenset[str] = frozenset()
    together: bool = False  # an exercise done with the partner (never shown after a signal)
    # never shown when one of these statements was answered on the far side (e.g. no
    # touch idea for someone whose "no" is not always respected)
    unless_weak: frozenset[str] = frozenset()
    # the kinds of statement (`about` of the bank's questions) it answers; empty: any. An
    # idea that asks a person to do more leaves out `partner`, so that what a partner does
    # is never answered by "try harder yourself".
    about: frozenset[str] = frozenset()

    @property
    def general(self) -> bool:
        return not self.signs and not self.questions

    def addresses(self, question: Question) -> bool:
        if self.about and question.about not in self.about:
            return False
        return question.id in self.questions or (
            question.sign is not None and question.sign in self.signs
        )


class CategoryGuidance(Record):
    summaries: dict[str, str]
    suggestions: tuple[Tip, ...]
    starters: tuple[Tip, ...]


class Notes(Record):
    """The fixed texts. `individual_support` stands where `counselling` would after a safety
    signal; `resources` (where to find help) ends every report."""

    not_diagnosis: str
    counselling: str
    individual_support: str
    safety_title: str
    safety: str
    resources: str


class Guidance(Record):
    version: int
    bands: tuple[Band, ...]
    notes: Notes
    reflection: tuple[str, ...]
    categories: dict[str, CategoryGuidance]
    path: Path | None = None

    def band_for(self, score: float) -> Band:
        """The highest band whose minimum the score reaches (bands are sorted by `min`)."""
        return band_for(self.bands, score)

    def band(self, band_id: str) -> Band | None:
        return next((b for b in self.bands if b.id == band_id), None)


def load_guidance(path: Path | None = None, *, banks: Sequence[Bank] = ()) -> Guidance:
    packaged = path is None
    path = path or default_guidance_path()
    text = read_text(path, "guidance file")
    return parse_guidance(text, path, packaged=packaged, banks=banks)


def parse_guidance(
    text: str, path: Path, *, packaged: bool = False, data: Any = None, banks: Sequence[Bank] = ()
) -> Guidance:
    """Check a guidance file's text and build the Guidance; every problem is reported at once.
    `packaged`: the default guidance, whose pre-parsed data/compiled.json may be used; `data`:
    the text already parsed (by `bank validate`); `banks`: the banks it is used with, which
    it must fit (content/check_guidance.py)."""
    problems, root = begin(text, path, GUIDANCE_KEYS, packaged=packaged, data=data)
    version = problems.integer(root, "version", None)
    if root.get("bands") is None or root.get("bands") == []:
        problems.missing(root, "bands", None, "is missing or empty: give at least one band.")
    bands, band_ids = bands_of(root, None, problems, (0, 100))
    # A bank without private questions never shows the safety notice: its notes may be left out.
    optional = OPTIONAL_NOTES + (SAFETY_NOTES if banks and not any(b.safety for b in banks) else ())
    notes = _notes(root, problems, optional)
    reflection = _reflection(root, problems)
    categories = _categories(root, problems, band_ids)
    if banks:
        from closeness_quiz.content.check_guidance import fit_problems

        problems.items += fit_problems(root, banks, path)
    problems.raise_if_any()
    if any(not getattr(notes, key) for key in optional):
        fallback = load_guidance().notes
        notes = notes._replace(
            **{key: getattr(notes, key) or getattr(fallback, key) for key in optional}
        )
    return Guidance(
        version=version or 0,
        bands=bands,
        notes=notes,
        reflection=reflection,
        categories=categories,
        path=path,
    )


def _notes(root: dict[str, Any], problems: Problems, optional: tuple[str, ...]) -> Notes:
    if root.get("notes") is None:
        required = [k for k in NOTE_KEYS if k not in optional]
        problems.missing(root, "notes", None, f"is missing: give the texts {', '.join(required)}.")
        return Notes(*[""] * len(NOTE_KEYS))
    if not isinstance(root["notes"], dict):  # one problem, not one more for each missing text
        problems.mapping(root["notes"], "notes", line_of(root, "notes"))
        return Notes(*[""] * len(NOTE_KEYS))
    node = root["notes"]
    problems.known_keys(node, NOTE_KEYS, "notes")
    values = {
        key: problems.text(node, key, "notes", required=key not in optional) for key in NOTE_KEYS
    }
    return Notes(**values)


def _reflection(root: dict[str, Any], problems: Problems) -> tuple[str, ...]:
    value = root.get("reflection") or []  # optional: absent or left empty means none
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.add(
            "reflection", "should be a list of questions (text).", line_of(root, "reflection")
        )
        return ()
    return tuple(clean(v.strip()) for v in value)


def _tips(node: dict[str, Any], key: str, where: str, problems: Problems) -> tuple[Tip, ...]:
    tips: list[Tip] = []
    seen: dict[str, int | None] = {}
    for index, item in enumerate(problems.list_of_mappings(node, key, where), 1):
        here = label_of(item, f"{where}.{key}", f"{where}.{key}[{index}]")
        problems.known_keys(item, TIP_KEYS, here)
        ident = problems.text(item, "id", here)
        problems.unique(item, ident, seen, here)
        tips.append(
            Tip(
                id=ident,
                strategy=problems.text(item, "strategy", here, required=False),
                text=problems.text(item, "text", here),
                signs=problems.id_list(item, "signs", here),
                questions=problems.id_list(item, "questions", here),
                together=problems.flag(item, "together", here),
                unless_weak=problems.id_list(item, "unless_weak", here),
                about=_abouts(item, here, problems),
            )
        )
    return tuple(tips)


def _abouts(item: dict[str, Any], where: str, problems: Problems) -> frozenset[str]:
    """A tip's `about`: the kinds of statement it answers, some of self, partner, us."""
    abouts = problems.id_list(item, "about", where)
    unknown = sorted(abouts - set(ABOUTS))
    if unknown:
        problems.add(
            f"{where}, about",
            f"should list some of {', '.join(ABOUTS)} (the kinds of statement the idea "
            f"answers), not {', '.join(repr(a) for a in unknown)}.",
            line_of(item, "about"),
        )
        return frozenset()
    return abouts


def _categories(
    root: dict[str, Any], problems: Problems, band_ids: set[str]
) -> dict[str, CategoryGuidance]:
    node = problems.mapping(root.get("categories", {}), "categories", line_of(root, "categories"))
    out: dict[str, CategoryGuidance] = {}
    for key, body in node.items():
        category_id = clean(key)  # as the bank's ids are
        where = f"categories.{category_id}"
        item = problems.mapping(body, where, line_of(node, key))
        problems.known_keys(item, CATEGORY_KEYS, where)
        summaries_node = problems.mapping(
            item.get("summaries", {}), f"{where}.summaries", line_of(item, "summaries")
        )
        summaries: dict[str, str] = {}
        for band_key in summaries_node:
            band_id = clean(band_key)  # as the bands' ids are
            if band_ids and band_id not in band_ids:
                guess = close_match(band_id, band_ids)
                hint = f" Did you mean '{guess}'?" if guess else ""
                problems.add(
                    f"{where}.summaries",
                    f"unknown band '{band_id}'.{hint} The bands are: {', '.join(sorted(band_ids))}.",
                    line_of(summaries_node, band_key),
                )
            summaries[band_id] = problems.text(summaries_node, band_key, f"{where}.summaries")
        out[category_id] = CategoryGuidance(
            summaries=summaries,
            suggestions=_tips(item, "suggestions", where, problems),
            starters=_tips(item, "starters", where, problems),
        )
    return out
