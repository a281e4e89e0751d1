"""The core model: one way in for an answer (`parse_answer`), one record for a result."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from closeness_quiz.content.bank import load_bank
from closeness_quiz.content.guidance import load_guidance
from closeness_quiz.content.scale import AnswerError, Choice, parse_answer
from closeness_quiz.content.scoring import score
from closeness_quiz.errors import UserError
from closeness_quiz.store.results import new_result, parse_result, read_result, result_json

SCALE = (
    Choice(0, "Never"),
    Choice(1, "Rarely"),
    Choice(2, "Sometimes"),
    Choice(3, "Often"),
    Choice(4, "Almost always"),
)
YES_NO = (Choice(0, "No"), Choice(1, "A little"), Choice(2, "Yes"))


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (0, 0),
        (4, 4),
        ("3", 3),
        (" 2 ", 2),
        ("Often", 3),
        ("often", 3),
        ("ALMOST ALWAYS", 4),
        ("  never ", 0),
    ],
)
def test_parse_answer_takes_values_and_labels_in_any_case(raw: object, value: int) -> None:
    assert parse_answer(raw, SCALE) == value


@pytest.mark.parametrize(("raw", "value"), [(True, 2), (False, 0), ("yes", 2), ("NO", 0)])
def test_yaml_yes_and_no_match_yes_and_no_labels(raw: object, value: int) -> None:
    assert parse_answer(raw, YES_NO) == value


@pytest.mark.parametrize(
    "raw",
    [
        "³",
        "\u0663",
        "\uff13",
        "²",
        5,
        -1,
        2.0,
        float("nan"),
        True,
        None,
        [1],
        "",
        "often-ish",
        "0003",
    ],
)
def test_anything_off_the_scale_is_refused_clearly(raw: object) -> None:
    with pytest.raises(AnswerError) as caught:
        parse_answer(raw, SCALE)
    message = str(caught.value)
    assert "is not an answer" in message and "0 or 'Never'" in message and "4 or" in message


def test_stored_values_take_numbers_only() -> None:
    assert parse_answer(3, SCALE, labels=False) == 3
    with pytest.raises(AnswerError, match="whole number from 0 to 4, not 'Often'"):
        parse_answer("Often", SCALE, labels=False)


BANK = load_bank()
GUIDANCE = load_guidance()
WHEN = datetime(2026, 11, 22, 21, 40, tzinfo=timezone(timedelta(hours=1)))


def saved(tmp_path: Path, change: Any = None) -> Path:
    answers = {q.id: i % 5 for i, q in enumerate(BANK.questions)}
    answers["safety-01"] = 4  # a private answer is never kept
    result = new_result(BANK, answers, name="Alex", taken_at=WHEN, guesses={"trust-14": 1})
    data = result_json(result, score(BANK, GUIDANCE, result.answers))
    if change is not None:
        change(data)
    path = tmp_path / "result.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_result_round_trips_through_its_file(tmp_path: Path) -> None:
    path = saved(tmp_path)
    stored = json.loads(path.read_text(encoding="utf-8"))
    result = read_result(path)
    assert result.name == "Alex"
    assert result.taken_at == WHEN and result.taken_at.tzinfo is not None
    assert result.answers == {q.id: i % 5 for i, q in enumerate(BANK.questions)}
    assert "safety-01" not in result.answers
    assert result.guesses == {"trust-14": 1}
    assert [q.id for q in result.bank.questions] == [q.id for q in BANK.questions]
    assert result.stored_bank == (BANK.id, BANK.version, BANK.sha256)
    again = result_json(result, score(result.bank, GUIDANCE, result.answers))
    assert again == stored


def _set(path: str, value: object) -> Any:
    def change(data: dict[str, Any]) -> None:
        node = data
        *parents, last = path.split(".")
        for key in parents:
            node = node[key]
        node[last] = value

    return change


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (_set("format", "something-else"), "is not a closeness-quiz result"),
        (_set("format_version", "one"), "format_version"),
        (_set("format_version", 99), "newer closeness-quiz"),
        (_set("name", 7), "name"),
        (_set("taken_at", 20261122), "taken_at"),
        (_set("taken_at", "yesterday"), "taken_at: 'yesterday'"),
        (_set("taken_at", "0001-01-01T00:00:00+05:00"), "taken_at"),
        (_set("answers", [1, 2]), "answers"),
        (_set("answers.trust-14", 9), "answers.trust-14"),
        (_set("answers.trust-14", "Often"), "answers.trust-14"),
        (_set("answers.not-a-question", 1), "answers.not-a-question: unknown question id"),
        (_set("guesses", "all"), "guesses"),
        (_set("guesses.trust-14", 7), "guesses.trust-14"),
        (_set("questions", 5), "stored questions are damaged"),
        (_set("scale", None), "stored questions are damaged"),
    ],
)
def test_every_malformed_field_is_named(tmp_path: Path, change: Any, named: str) -> None:
    path = saved(tmp_path, change)
    with pytest.raises(UserError) as caught:
        read_result(path)
    message = str(caught.value)
    assert str(path) in message and named in message


def test_a_result_without_its_questions_is_read_against_the_bank_at_hand(tmp_path: Path) -> None:
    data = json.loads(saved(tmp_path).read_text())
    for key in ("questions", "categories", "scale"):
        del data[key]
    asked: list[bool] = []

    def at_hand() -> Any:
        asked.append(True)
        return BANK

    result = parse_result(data, tmp_path / "old.json", at_hand)
    assert asked == [True] and not result.has_snapshot and result.bank is BANK
    with pytest.raises(UserError, match="no copy of its questions"):
        parse_result(data, tmp_path / "old.json")


def test_a_naive_time_counts_as_local(tmp_path: Path) -> None:
    result = read_result(saved(tmp_path, _set("taken_at", "2026-01-02T03:04:05")))
    assert result.taken_at.tzinfo is not None
    assert result.taken_at.replace(tzinfo=None) == datetime(2026, 1, 2, 3, 4, 5)
    assert result.taken_at.astimezone(UTC) is not None


def test_stored_questions_are_parsed_once_per_bank_and_an_edited_copy_is_read_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`history` of many results of one bank parses its questions once (and holds one copy),
    but a result whose stored questions differ under the same sha256 is read as it is."""
    import json
    from datetime import UTC, datetime

    from closeness_quiz.content.bank import load_bank
    from closeness_quiz.content.guidance import load_guidance
    from closeness_quiz.content.scoring import score
    from closeness_quiz.store import results

    bank, guidance = load_bank(), load_guidance()
    answers = {q.id: 2 for q in bank.questions}
    text = results.result_text(
        results.new_result(bank, answers, name="A", taken_at=datetime(2026, 1, 1, tzinfo=UTC)),
        score(bank, guidance, answers),
    )
    paths = []
    for n in range(5):
        paths.append(tmp_path / f"r{n}.json")
        paths[-1].write_text(text, encoding="utf-8")
    edited = json.loads(text)
    edited["questions"][0]["text"] = "An edited statement."
    paths.append(tmp_path / "edited.json")
    paths[-1].write_text(json.dumps(edited), encoding="utf-8")

    parsed: list[object] = []
    real = results.parse_bank
    monkeypatch.setattr(results, "_SNAPSHOTS", {})
    monkeypatch.setattr(results, "parse_bank", lambda *a, **k: parsed.append(1) or real(*a, **k))
    read = [results.read_result(p) for p in paths]
    assert len(parsed) == 2  # once for the five copies, once for the edited one
    assert read[0].bank is read[4].bank
    assert read[5].bank.questions[0].text == "An edited statement."
    assert read[0].bank.questions[0].text != "An edited statement."


def a_result_text(name: str = "A", value: int = 2) -> str:
    from closeness_quiz.store import results

    bank, guidance = load_bank(), load_guidance()
    answers = {q.id: value for q in bank.questions}
    taken = datetime(2026, 1, 1, tzinfo=UTC)
    result = results.new_result(bank, answers, name=name, taken_at=taken)
    return results.result_text(result, score(bank, guidance, answers))


def decoded_or_message(text: str) -> object:
    from closeness_quiz.content.files import parse_json
    from closeness_quiz.store import decoding

    outcomes = []
    for read in (decoding.decoded, parse_json):
        try:
            outcomes.append(read(text, Path("r.json")))
        except UserError as exc:
            outcomes.append(str(exc))
    assert outcomes[0] == outcomes[1]
    return outcomes[0]


def test_the_end_results_share_is_parsed_once_and_every_file_reads_as_parse_json_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Results of one bank end with the same scale, categories and questions: `decoded`
    parses that end once per distinct text, and still gives what parse_json gives, or its
    message, for every file: however its beginning is damaged or laid out."""
    from closeness_quiz.store import decoding

    monkeypatch.setattr(decoding, "_TAILS", {})
    text = a_result_text()
    cut = text.index(decoding.TAIL)
    other = a_result_text("B", 3)
    assert other[cut:] == text[cut:]  # the same end
    edited = json.loads(text)
    edited["questions"][0]["text"] = "An edited statement."
    cases = [
        text,
        other,
        json.dumps(edited, indent=2),  # another end
        text.replace('"name": "A"', '"name": "A", "name": "B"'),  # a key twice, in the beginning
        text.replace('"kind": "full"', '"questions": 5'),  # a key in both parts
        text.replace('"answers": {', '"answers": {"x": [1, {', 1),  # broken at the start
        text[:cut] + "\n}",  # cut off where the end begins
        text.replace("{", '{\n  "a": {', 1)[:-2] + "}\n}\n",  # the end inside another object
        text.replace(decoding.TAIL, ' "scale": '),  # laid out otherwise: parsed whole
        text.replace('"kind": "full",', '"kind": "full"'),  # no comma before the end
        "{," + text[cut:],  # nothing before the end but a comma: not JSON
        "{ ," + text[cut:],
    ]
    read = [decoded_or_message(case) for case in cases]
    assert isinstance(read[0], dict) and read[0]["name"] == "A"
    assert isinstance(read[1], dict) and read[1]["name"] == "B"
    assert isinstance(read[2], dict)
    assert read[2]["questions"][0]["text"] == "An edited statement."
    twice = "r.json: not valid here: the key '{}' appears twice in one object, so it is not "
    assert read[3] == twice.format("name") + "clear which value is meant."
    assert read[4] == twice.format("questions") + "clear which value is meant."
    assert isinstance(read[5], str) and read[5].startswith("r.json, line ")
    assert isinstance(read[6], str) and read[6].startswith("r.json, line ")
    assert isinstance(read[7], dict) and "questions" in read[7]["a"]
    assert isinstance(read[8], dict) and read[8]["questions"] == read[0]["questions"]
    assert isinstance(read[9], str) and "Expecting ',' delimiter" in read[9]
    for bare in read[10:]:
        assert isinstance(bare, str) and "Expecting property name" in bare
    assert len(decoding._TAILS) == 2  # the end of the first two parsed once, and the edited one


def test_an_answer_is_checked_against_its_own_banks_scale_whatever_was_read_before(
    tmp_path: Path,
) -> None:
    """Reading results of one bank after another: each answer is checked against the scale
    of its own result's questions (1-5 here), never one met in an earlier result (0-4)."""
    from closeness_quiz.content.bank import parse_bank
    from tests.helpers import SMALL_BANK

    zero_to_four = parse_bank(SMALL_BANK, tmp_path / "a.yaml")
    one_to_five = parse_bank(
        SMALL_BANK.replace("{value: 4,", "{value: 5,")
        .replace("{value: 3,", "{value: 4,")
        .replace("{value: 2,", "{value: 3,")
        .replace("{value: 1,", "{value: 2,")
        .replace("{value: 0,", "{value: 1,"),
        tmp_path / "b.yaml",
    )
    taken = datetime(2026, 1, 1, tzinfo=UTC)
    answers = {"talk-1": 1, "talk-2": 2, "talk-3": 3, "play-1": 4}
    for bank in (zero_to_four, one_to_five):
        data = result_json(
            new_result(bank, answers, name="A", taken_at=taken),
            score(bank, load_guidance(), answers),
        )
        assert parse_result(data, tmp_path / f"{bank.path}.json").answers == answers
    data = result_json(
        new_result(zero_to_four, {"talk-1": 0}, name="A", taken_at=taken),
        score(zero_to_four, load_guidance(), {"talk-1": 0}),
    )
    assert parse_result(data, tmp_path / "zero.json").answers == {"talk-1": 0}
    ones = result_json(
        new_result(one_to_five, {"talk-1": 1}, name="A", taken_at=taken),
        score(one_to_five, load_guidance(), {"talk-1": 1}),
    )
    ones["answers"]["talk-1"] = 0  # on 0-4, not on 1-5
    with pytest.raises(UserError, match=r"answers\.talk-1: answer should be"):
        parse_result(ones, tmp_path / "ones.json")
