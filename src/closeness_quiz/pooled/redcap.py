"""REDCap's data dictionary, both ways: the codebook written beside an export, and a
dictionary read back into a question bank (`bank import`).

A data dictionary is a CSV file with REDCap's 18 standard columns, one row per field
(variable). Variable names are lowercase letters, digits and underscores; the first field is
the record identifier. A radio or dropdown field's choices are "code, label | code, label".
What REDCap has no column for (a question's own id where it isn't a valid variable name, its
category id, whether it is reverse-keyed) goes in the Field Annotation as
`closeness-quiz {...}` (JSON), which REDCap keeps and shows but never acts on.

Every cell written is safe to open in a spreadsheet: text that starts with = + - @ (or a tab
or carriage return) gets a leading ' (as OWASP recommends for CSV injection), while plain
numbers stay numbers. Reading a dictionary takes that ' off again."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from closeness_quiz.content.records import Bank, Question
from closeness_quiz.content.scale import Scale
from closeness_quiz.safe_text import clean_line

COLUMNS = (
    "Variable / Field Name",
    "Form Name",
    "Section Header",
    "Field Type",
    "Field Label",
    "Choices, Calculations, OR Slider Labels",
    "Field Note",
    "Text Validation Type OR Show Slider Number",
    "Text Validation Min",
    "Text Validation Max",
    "Identifier?",
    "Branching Logic (Show field only if...)",
    "Required Field?",
    "Custom Alignment",
    "Question Number (surveys only)",
    "Matrix Group Name",
    "Matrix Ranking?",
    "Field Annotation",
)
VARIABLE, FORM, SECTION, TYPE, LABEL, CHOICES = COLUMNS[:6]
VALIDATION, ANNOTATION = COLUMNS[7], COLUMNS[17]
MARK = "closeness-quiz "  # the start of our own Field Annotation
MAX_VARIABLE = 100  # REDCap's longest variable name
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?\Z")


# -- cells and names ------------------------------------------------------------------------


def safe_cell(value: str | int | float | None) -> str:
    """A cell a spreadsheet shows as written: never a formula. Numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_START) and not NUMBER.match(text):
        return "'" + text
    return text


def unescape_cell(text: str) -> str:
    """A cell as it was before `safe_cell` guarded it."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def variable_name(text: str) -> str:
    """`text` as a REDCap variable name: lowercase letters, digits and underscores, starting
    with a letter ('communication-01' -> 'communication_01')."""
    name = re.sub(r"[^a-z0-9_]+", "_", text.casefold()).strip("_")
    if not name or not name[0].isascii() or not name[0].isalpha():
        name = f"q_{name}".rstrip("_")
    return name[:MAX_VARIABLE]


def variable_names(ids: Sequence[str], *, taken: Iterable[str] = ()) -> list[str]:
    """A distinct variable name for each id (a clash gets _2, _3, ...)."""
    used = set(taken)
    names = []
    for ident in ids:
        base = variable_name(ident)
        name, number = base, 1
        while name in used:
            number += 1
            name = f"{base[: MAX_VARIABLE - len(str(number)) - 1]}_{number}"
        used.add(name)
        names.append(name)
    return names


def csv_text(rows: Iterable[Sequence[str | int | float | None]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


# -- the codebook ---------------------------------------------------------------------------


def choices_text(scale: Scale) -> str:
    """'0, Never | 1, Rarely | ...' (a '|' in a label would end the choice: it becomes '/')."""
    return " | ".join(f"{c.value}, {c.label.replace('|', '/')}" for c in scale)


def _annotation(data: dict[str, Any]) -> str:
    return MARK + json.dumps(data, ensure_ascii=False, separators=(", ", ": "))


def codebook_rows(bank: Bank, columns: Sequence[str]) -> list[list[str]]:
    """The data dictionary of an export's columns (`columns`: record_id, pseudonym, date,
    kind, then one variable per question of the bank, in the bank's order)."""
    form = variable_name(bank.id)
    blank = [""] * len(COLUMNS)

    def row(**cells: str) -> list[str]:
        out = list(blank)
        for key, value in cells.items():
            out[COLUMNS.index(_KEYS[key])] = value
        out[COLUMNS.index(FORM)] = form
        return out

    head = {"bank": bank.id, "version": bank.version, "title": bank.title}
    rows = [
        row(variable=columns[0], type="text", label="Record ID", annotation=_annotation(head)),
        row(
            variable=columns[1],
            type="text",
            label="Pseudonym: random, the same for one person within one export only",
        ),
        row(variable=columns[2], type="text", label="Date taken", validation="date_ymd"),
        row(
            variable=columns[3],
            type="text",
            label="Kind: full (the whole questionnaire) or checkin (the weekly check-in)",
        ),
    ]
    seen: set[str] = set()
    for variable, question in zip(columns[4:], bank.questions, strict=True):
        category = bank.category(question.category)
        first = category.id not in seen
        seen.add(category.id)
        rows.append(
            row(
                variable=variable,
                section=category.title if first else "",
                type="radio",
                label=question.text,
                choices=choices_text(question.scale),
                annotation=_annotation(_question_note(question, category, first)),
            )
        )
    return rows


_KEYS = {
    "variable": VARIABLE,
    "section": SECTION,
    "type": TYPE,
    "label": LABEL,
    "choices": CHOICES,
    "validation": VALIDATION,
    "annotation": ANNOTATION,
}


def _question_note(question: Question, category: Any, first: bool) -> dict[str, Any]:
    note: dict[str, Any] = {"id": question.id, "category": question.category}
    if question.reverse:
        note["reverse"] = True
    if question.scale_name:
        note["scale"] = question.scale_name
    if first and category.description:
        note["category_description"] = category.description
    if first and category.worse:
        note["higher_is"] = "worse"
    return note


def codebook_text(bank: Bank, columns: Sequence[str]) -> str:
    return csv_text([list(COLUMNS), *codebook_rows(bank, columns)])


# -- a dictionary read back into a bank -----------------------------------------------------


@dataclass
class Imported:
    """A bank (as the mapping its YAML holds) and each field left out, with why."""

    bank: dict[str, Any]
    left_out: list[tuple[str, str]] = field(default_factory=list)


REASONS = {
    "text": "a free-text field, not a choice on a scale",
    "notes": "a free-text field, not a choice on a scale",
    "calc": "a calculated field, not a question",
    "descriptive": "text shown on the form, not a question",
    "checkbox": "a checkbox field takes several answers at once; a question takes one",
    "yesno": "a yes/no field; make it a radio field with choices '0, No | 1, Yes' to import it",
    "truefalse": "a true/false field; make it a radio field with choices '0, False | 1, True'",
    "slider": "a slider, not a set of labelled choices",
    "file": "a file upload, not a question",
    "sql": "a database query field, not a question",
}


class DictionaryError(ValueError):
    """The file is not a data dictionary this program can read (the message says why)."""


def read_dictionary(text: str, fallback_id: str) -> Imported:
    """The radio and dropdown fields of a REDCap data dictionary as a bank: each field a
    question, its choices a scale (the most used one the bank's `scale`, the others named
    `scales`), its section header (else its form) a category."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise DictionaryError("it is empty.")
    header = [h.strip().casefold() for h in rows[0]]
    wanted = {name: name.casefold() for name in (VARIABLE, FORM, SECTION, TYPE, LABEL, CHOICES)}
    missing = [name for name, folded in wanted.items() if folded not in header]
    if missing:
        raise DictionaryError(
            "it is not a REDCap data dictionary: the first row should name REDCap's columns, "
            f"and {', '.join(repr(m) for m in missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not among them."
        )
    at = {name: header.index(folded) for name, folded in wanted.items()}
    notes_at = header.index(ANNOTATION.casefold()) if ANNOTATION.casefold() in header else None
    out = Imported({})
    head: dict[str, Any] = {}
    categories: dict[str, dict[str, Any]] = {}
    questions: list[tuple[dict[str, Any], tuple[tuple[int, str], ...], str | None]] = []
    seen_ids: set[str] = set()
    seen_variables: set[str] = set()
    form_now, section_now = "", ""
    for number, raw in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in raw):
            continue

        def cell(name: str, raw: list[str] = raw) -> str:
            index = at[name]
            return unescape_cell(raw[index].strip()) if index < len(raw) else ""

        variable = cell(VARIABLE) or f"(row {number})"
        kind = cell(TYPE).casefold()
        note = _read_note(raw[notes_at] if notes_at is not None and notes_at < len(raw) else "")
        if "bank" in note and not head:
            head = note
        form = cell(FORM)
        if form != form_now:
            form_now, section_now = form, ""
        if cell(SECTION):
            section_now = _plain(cell(SECTION))
        if variable in seen_variables:
            out.left_out.append((variable, f"row {number}: the same variable name again"))
            continue
        seen_variables.add(variable)
        if kind not in ("radio", "dropdown"):
            why = REASONS.get(kind, f"a field of type '{kind or 'none'}', not a choice question")
            out.left_out.append((variable, why))
            continue
        try:
            choices = _choices(cell(CHOICES))
        except DictionaryError as exc:
            out.left_out.append((variable, str(exc)))
            continue
        label = _plain(cell(LABEL))
        ident = clean_line(str(note.get("id") or variable))
        if not label:
            out.left_out.append((variable, "it has no label (the statement to answer)"))
            continue
        if ident in seen_ids or ident == "guesses":
            out.left_out.append((variable, f"its id '{ident}' is already taken"))
            continue
        category_id = str(note.get("category") or _slug(section_now) or _slug(form) or "items")
        category = categories.setdefault(
            category_id,
            {
                "id": category_id,
                "title": section_now or form.replace("_", " ").strip() or category_id,
            },
        )
        if note.get("category_description") and "description" not in category:
            category["description"] = str(note["category_description"])
        if note.get("higher_is") == "worse":
            category["higher_is"] = "worse"
        seen_ids.add(ident)
        question: dict[str, Any] = {"id": ident, "category": category_id, "text": label}
        if note.get("reverse") is True:
            question["reverse"] = True
        scale_name = note.get("scale")
        questions.append((question, choices, scale_name if isinstance(scale_name, str) else None))
    out.bank = _bank(head, fallback_id, list(categories.values()), questions)
    return out


def _read_note(text: str) -> dict[str, Any]:
    """Our own Field Annotation, where there is one; anything else is REDCap's business."""
    text = unescape_cell(text.strip())
    if not text.startswith(MARK):
        return {}
    try:
        data = json.loads(text[len(MARK) :])
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _plain(text: str) -> str:
    """A label as text: REDCap allows HTML in labels; its tags go, its entities are read, and
    a control character is shown as its escape (as in any bank text)."""
    return clean_line(" ".join(html.unescape(re.sub(r"<[^>]*>", " ", text)).split()))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60]


def _choices(text: str) -> tuple[tuple[int, str], ...]:
    """'1, Never | 2, Sometimes' as (value, label) pairs, lowest value first."""
    pairs: list[tuple[int, str]] = []
    for part in (p.strip() for p in text.split("|")):
        if not part:
            continue
        code, _, label = part.partition(",")
        code, label = code.strip(), _plain(label)
        if not re.fullmatch(r"-?\d{1,6}", code):
            raise DictionaryError(f"its choice code '{code}' is not a whole number")
        if not label:
            raise DictionaryError(f"its choice {code} has no label")
        if NUMBER.match(label) and label != str(int(code)):
            raise DictionaryError(
                f"its choice {code} is labelled '{label}', another number (a label that is a "
                "number must be its own choice's code)"
            )
        pairs.append((int(code), label))
    if not 2 <= len(pairs) <= 11:
        raise DictionaryError(f"it has {len(pairs)} choices; a scale has 2 to 11")
    values = [v for v, _ in pairs]
    if len(set(values)) != len(values):
        raise DictionaryError("two of its choices have the same code")
    labels = [label.casefold() for _, label in pairs]
    if len(set(labels)) != len(labels):
        raise DictionaryError("two of its choices have the same label")
    return tuple(sorted(pairs))


def _bank(
    head: dict[str, Any],
    fallback_id: str,
    categories: list[dict[str, Any]],
    questions: list[tuple[dict[str, Any], tuple[tuple[int, str], ...], str | None]],
) -> dict[str, Any]:
    """The bank's mapping: the scale most questions without a scale name use is `scale`;
    every other set of choices is a named scale (its name kept from the codebook)."""
    unnamed = Counter(choices for _, choices, name in questions if name is None)
    common = unnamed or Counter(choices for _, choices, _ in questions)
    default = common.most_common(1)[0][0] if common else ()
    named: dict[str, tuple[tuple[int, str], ...]] = {}
    for question, choices, wanted in questions:
        if choices == default and wanted is None:
            continue
        name = next((n for n, c in named.items() if c == choices and wanted in (None, n)), None)
        if name is None:
            name = wanted if wanted and wanted not in named else f"scale-{len(named) + 2}"
            named[name] = choices
        question["scale"] = name
    bank: dict[str, Any] = {
        "id": str(head.get("bank") or _slug(fallback_id) or "imported"),
        "version": head.get("version") if type(head.get("version")) is int else 1,
        "title": str(head.get("title") or f"Imported from {fallback_id}"),
        "scale": [{"value": v, "label": t} for v, t in default],
    }
    if named:
        bank["scales"] = {n: [{"value": v, "label": t} for v, t in c] for n, c in named.items()}
    bank["categories"] = categories
    bank["questions"] = [q for q, _, _ in questions]
    return bank
