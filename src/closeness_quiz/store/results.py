"""The result file format: one typed record, read and checked once, written from the record.

A result keeps its answers and a copy of the questions they were answered against, so it
can be shown again even after the bank changes. The scores stored in the file are for other
programs to read; this program never trusts them and always works them out afresh."""

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from closeness_quiz import __version__
from closeness_quiz.checkin import plans
from closeness_quiz.checkin.plans import FULL, Followup, Plan
from closeness_quiz.content.bank import DEFAULT_BANK_ID, Bank, load_bank, parse_bank
from closeness_quiz.content.files import parse_json, read_text
from closeness_quiz.content.records import Band, Scoring
from closeness_quiz.content.scale import AnswerError, Choice, parse_answer
from closeness_quiz.content.scoring import Scores
from closeness_quiz.errors import UserError, ValidationError
from closeness_quiz.record import Record
from closeness_quiz.safe_text import clean_line
from closeness_quiz.store.decoding import decoded
from closeness_quiz.store.header import format_version, placed
from closeness_quiz.store.paths import LOCKED_SUFFIX

FORMAT = "closeness-quiz/result"
FORMAT_VERSION = 1
# A result is larger than its bank (scores, answers and the bank's questions), so it may be
# larger than the 5 MB allowed for a bank: what the program writes, it reads back.
MAX_RESULT_BYTES = 50_000_000
MAX_NAME = 100  # characters of a name shown; a longer one is cut short with "…"


class BankRef(Record):
    """Which bank a result says it was answered with."""

    id: str
    version: int
    sha256: str


class Result(Record):
    """A result: who, when, the questions (`bank`) and the answers (scored questions only)."""

    name: str | None
    taken_at: datetime
    bank: Bank
    answers: dict[str, int]
    guesses: dict[str, int]
    stored_bank: BankRef
    has_snapshot: bool = True  # False: read against a bank at hand (no copy of the questions)
    path: Path | None = None
    kind: str = FULL
    plan: Plan | None = None
    followup: Followup | None = None

    @property
    def bank_id(self) -> str:
        """The id of the bank it was answered with: as stored, else the bank read against."""
        return self.stored_bank.id or self.bank.id

    @property
    def when(self) -> str:
        """taken_at as ISO text, as it is written."""
        return self.taken_at.isoformat(timespec="seconds")

    def where(self, fallback: str) -> str:
        return str(self.path) if self.path is not None else fallback


def new_result(
    bank: Bank,
    answers: Mapping[str, int],
    *,
    name: str | None,
    taken_at: datetime,
    guesses: Mapping[str, int] | None = None,
) -> Result:
    """A fresh result. Only scored questions' answers are kept: safety answers never are."""
    scored = {q.id: int(answers[q.id]) for q in bank.questions if q.id in answers}
    guessed = {q.id: int(guesses[q.id]) for q in bank.questions if guesses and q.id in guesses}
    return Result(
        name=clean_line(name) if name else None,  # as it will read back
        taken_at=taken_at,
        bank=bank,
        answers=scored,
        guesses=guessed,
        stored_bank=BankRef(bank.id, bank.version, bank.sha256),
    )


def result_json(result: Result, scores: Scores) -> dict[str, Any]:
    """The file's content, from the record and its freshly computed scores."""
    bank = result.bank
    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "tool_version": __version__,
        "taken_at": result.when,
        "name": result.name,
        "bank": {
            "id": bank.id,
            "version": bank.version,
            "title": bank.title,
            "sha256": bank.sha256,
        },
        "answers": dict(result.answers),
        "kind": result.kind,
    }
    if result.plan is not None:
        data["plan"] = result.plan.as_json()
    if result.followup is not None:
        data["followup"] = result.followup.as_json()
    if result.guesses:
        data["guesses"] = dict(result.guesses)
    data.update(scores.as_json())
    data["scale"] = _choices(bank.scale)
    if bank.scales:
        data["scales"] = {name: _choices(scale) for name, scale in bank.scales.items()}
    if not bank.scoring.is_default:
        data["scoring"] = _scoring(bank.scoring)
    if bank.reliability:
        data["reliability"] = dict(bank.reliability)
    data["categories"] = [
        {
            "id": c.id,
            "title": c.title,
            "description": c.description,
            **({"scale": c.scale_name} if c.scale_name else {}),
            **({"higher_is": "worse"} if c.worse else {}),
            **({"bands": _bands(c.bands)} if c.bands else {}),
        }
        for c in bank.categories
    ]
    data["questions"] = [
        {
            "id": q.id,
            "category": q.category,
            "text": q.text,
            "reverse": q.reverse,
            "sign": q.sign,
            "about": q.about,
            **({"pair": q.pair} if q.pair else {}),
            **({"scale": q.scale_name} if q.scale_name else {}),
            **({"not_applicable": q.not_applicable} if q.not_applicable else {}),
            **({"critical": q.critical} if q.critical is not None else {}),
            **({"checkin": True} if q.checkin else {}),
        }
        for q in bank.questions
    ]
    return data


def _choices(scale: Sequence[Choice]) -> list[dict[str, Any]]:
    return [{"value": c.value, "label": c.label} for c in scale]


def _bands(bands: Sequence[Band]) -> list[dict[str, Any]]:
    return [
        {
            "id": b.id,
            "label": b.label,
            "min": b.min,
            **({"counselling": True} if b.counselling else {}),
        }
        for b in bands
    ]


def _scoring(scoring: Scoring) -> dict[str, Any]:
    """A bank's `scoring:` as the bank would write it, so the copy kept scores the same."""
    out: dict[str, Any] = {
        "method": scoring.method,
        "overall": scoring.overall,
        "min_answered": scoring.min_answered,
    }
    if scoring.bands:
        out["bands"] = _bands(scoring.bands)
    if scoring.sd:
        out["sd"] = dict(scoring.sd)
    return out


def result_text(result: Result, scores: Scores) -> str:
    return json.dumps(result_json(result, scores), indent=2, ensure_ascii=False) + "\n"


BankAtHand = Callable[[], Bank]


def read_result(path: Path, bank_at_hand: BankAtHand | None = None) -> Result:
    """Read and check a result file; anything off is a UserError naming the file and field.

    `bank_at_hand` gives the bank to read a result against when it has no copy of its
    questions (only called then, so commands that never need it never load a bank)."""
    if path.name.endswith(LOCKED_SUFFIX):  # a locked result: pyrage only for these
        from closeness_quiz.store.locking import read_locked

        data = parse_json(read_locked(path, MAX_RESULT_BYTES), path)
        return parse_result(data, path, bank_at_hand)
    text = read_text(path, "result file", limit=MAX_RESULT_BYTES)
    return parse_result(decoded(text, path), path, bank_at_hand)


NEWER = (
    "was written by a newer closeness-quiz (result format {version}; this version reads up "
    "to {newest}). Upgrade closeness-quiz to read it."
)


def parse_result(data: Any, path: Path, bank_at_hand: BankAtHand | None = None) -> Result:
    if not isinstance(data, dict):
        raise UserError("is not a closeness-quiz result (expected a JSON object).", path=path)
    if data.get("format") != FORMAT:
        shown = data.get("format")
        shown = f"'{shown}'" if isinstance(shown, str) and len(shown) < 60 else "missing"
        raise UserError(
            f"is not a closeness-quiz result (format is {shown}, expected '{FORMAT}').", path=path
        )
    format_version(data, path, newest=FORMAT_VERSION, newer=NEWER)
    stored = _bank_ref(data.get("bank"), path)
    if "questions" in data:
        bank = _snapshot_bank(data, stored, path)
    elif bank_at_hand is not None:
        bank = bank_at_hand()
    else:
        raise UserError("has no copy of its questions and no bank was given.", path=path)
    return Result(
        name=read_name(data.get("name"), path),
        taken_at=read_taken_at(data.get("taken_at"), path),
        bank=bank,
        answers=_values(data.get("answers"), bank, path, "answers", required=True),
        guesses=_values(data.get("guesses"), bank, path, "guesses", required=False),
        stored_bank=stored,
        has_snapshot="questions" in data,
        path=path,
        kind=plans.parse_kind(data.get("kind", FULL), path),
        plan=plans.parse_plan(data.get("plan"), path),
        followup=plans.parse_followup(data.get("followup"), path),
    )


def _bank_ref(raw: Any, path: Path) -> BankRef:
    if not isinstance(raw, dict):  # missing or mangled: the questions in the file still tell
        return BankRef("", 0, "")
    ident, version, sha = raw.get("id", ""), raw.get("version", 0), raw.get("sha256", "")
    if not isinstance(ident, str) or not isinstance(sha, str):
        raise UserError("the bank's id and sha256 should be text.", path=path, where="bank")
    if isinstance(version, bool) or not isinstance(version, int):
        raise UserError("should be a whole number.", path=path, where="bank.version")
    return BankRef(clean_line(ident), version, sha)


def read_name(raw: Any, path: Path) -> str | None:
    """The name, with any control character in it shown as its escape: it is printed in every
    report, comparison, history and hint."""
    if raw is not None and not isinstance(raw, str):
        raise UserError("name should be text.", path=path, where="name")
    if raw and len(raw) > MAX_NAME:  # a name of megabytes would be printed on every line
        raw = raw[: MAX_NAME - 1] + "…"
    return clean_line(raw) if raw else None


def read_taken_at(raw: Any, path: Path) -> datetime:
    if not isinstance(raw, str):
        raise UserError("is missing or not a date and time as text.", path=path, where="taken_at")
    try:
        return placed(raw)
    except (ValueError, OverflowError, OSError):
        shown = raw if len(raw) <= 40 else raw[:37] + "..."
        raise UserError(
            f"'{shown}' is not a date and time this program can use (it can't be put in UTC "
            "or your time zone).",
            path=path,
            where="taken_at",
        ) from None


def _values(raw: Any, bank: Bank, path: Path, key: str, *, required: bool) -> dict[str, int]:
    if raw is None and not required:
        return {}
    if not isinstance(raw, dict):
        problem = "is missing or not an object" if raw is None else "should be an object"
        raise UserError(f"{key} {problem}.", path=path, where=key)
    values: dict[str, int] = {}
    on_scale = _on_scale(bank)
    for qid, value in raw.items():
        allowed = on_scale.get(qid)
        if allowed is not None and type(value) is int and value in allowed:
            values[qid] = value  # as parse_answer takes it, only faster
            continue
        question = bank.question(qid)
        if question is None:
            private = key == "guesses" and any(q.id == qid for q in bank.safety)
            problem = "private questions can't be guessed." if private else "unknown question id."
            raise UserError(problem, path=path, where=f"{key}.{qid}")
        try:
            values[qid] = parse_answer(value, question.scale, labels=False)
        except AnswerError as exc:
            raise UserError(str(exc), path=path, where=f"{key}.{qid}") from None
    return values


def _on_scale(bank: Bank) -> dict[str, frozenset[int]]:
    """Each question's id -> the values on its scale (as Bank.question finds the question)."""
    if _ON_SCALE and _ON_SCALE[0][0] is bank:
        return _ON_SCALE[0][1]
    index = {q.id: frozenset(c.value for c in q.scale) for q in reversed(bank.questions)}
    _ON_SCALE[:] = [(bank, index)]
    return index


_ON_SCALE: list[tuple[Bank, dict[str, frozenset[int]]]] = []  # the last bank's: `history`


def _snapshot_bank(data: dict[str, Any], stored: BankRef, path: Path) -> Bank:
    """The bank a result was answered against, from the copy kept in it, checked by the same
    rules as any bank file (problems name the result file and the field)."""
    info = data.get("bank")
    title = info.get("title") if isinstance(info, dict) else None
    stated: dict[str, Any] = {  # as the file states it
        "id": stored.id or "result",
        "version": stored.version,
        "title": title if isinstance(title, str) and title.strip() else "How close do we feel?",
        "scale": data.get("scale"),
        **{key: data[key] for key in ("scales", "scoring", "reliability") if key in data},
        "categories": data.get("categories"),
        "questions": data["questions"],
    }
    for seen, bank in _SNAPSHOTS.get(stored.sha256, ()):
        if seen == stated:  # the same questions as a result read before: parsed once
            return bank
    questions = stated["questions"]
    snapshot = {
        **stated,
        "questions": [
            {k: v for k, v in q.items() if v is not None} if isinstance(q, dict) else q
            for q in questions
        ]
        if isinstance(questions, list)
        else questions,
    }
    try:
        bank = _with_critical_marks(parse_bank("", path, data=snapshot, sha256=stored.sha256))
    except ValidationError as exc:
        first = exc.problems[0]
        where = f"{first.where}: " if first.where else ""
        more = len(exc.problems) - 1
        also = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise UserError(
            f"the stored questions are damaged or incomplete: {where}{first.problem}{also}",
            path=path,
        ) from None
    if stored.sha256 in _SNAPSHOTS or len(_SNAPSHOTS) < _SNAPSHOTS_KEPT:
        kept = _SNAPSHOTS.setdefault(stored.sha256, [])
        if len(kept) < _SNAPSHOTS_PER_SHA:
            kept.append((stated, bank))
    return bank


# Banks parsed from results' stored questions, by the sha256 they name: `history` of 10,000
# results of one bank parses it once and holds one copy. Each entry is compared in full with
# the next result's snapshot before it is reused, so a file whose questions were edited
# (while its sha256 was not) is still read as it is.
_SNAPSHOTS: dict[str, list[tuple[dict[str, Any], Bank]]] = {}
_SNAPSHOTS_PER_SHA = 4
_SNAPSHOTS_KEPT = 64  # sha256s: a folder of results from many banks can't grow it for ever


# Critical statements of earlier default banks that today's no longer asks (v3 moved consent
# to trust-15 and reworded it): an old result holding one word for word is guarded still.
RETIRED_MARKS = {
    ("affection-11", "My partner respects my wishes about sex, including when I say no."): 2,
}


def _with_critical_marks(bank: Bank) -> Bank:
    """A default-bank result saved before statements were marked `critical` gets the marks
    of today's default bank (and of its retired critical statements) for the statements it
    shares word for word, so that a critical answer in an old result is guarded as in a new
    one (see Question.critical_low)."""
    if bank.id != DEFAULT_BANK_ID or any(q.critical is not None for q in bank.questions):
        return bank  # another bank (a counsellor's instrument) never reads the default one
    default = load_bank()
    marks = {(q.id, q.text): q.critical for q in default.questions if q.critical is not None}
    marks |= RETIRED_MARKS
    if not any((q.id, q.text) in marks for q in bank.questions):
        return bank
    return bank._replace(
        questions=tuple(q._replace(critical=marks.get((q.id, q.text))) for q in bank.questions)
    )


def same_name(a: str | None, b: str | None) -> bool:
    """One person's results, whatever the case or spaces around the name ("Alex " is Alex)."""
    return (a or "").strip().casefold() == (b or "").strip().casefold()
