"""`Record` (closeness_quiz/record.py) behaves as `typing.NamedTuple` does: the same class
written both ways gives the same values, errors, repr, equality and helpers."""

from __future__ import annotations

import ast
import copy
import pickle
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from closeness_quiz.record import Record

SOURCE = Path(__file__).resolve().parents[1] / "src" / "closeness_quiz"


class Standard(NamedTuple):
    """A record."""

    id: str
    score: float | None
    tags: tuple[str, ...] = ()
    shown: bool = False

    @property
    def label(self) -> str:
        return f"{self.id}:{self.score}"

    def doubled(self) -> float:
        return 2 * (self.score or 0)


class Ours(Record):
    """A record."""

    id: str
    score: float | None
    tags: tuple[str, ...] = ()
    shown: bool = False

    @property
    def label(self) -> str:
        return f"{self.id}:{self.score}"

    def doubled(self) -> float:
        return 2 * (self.score or 0)


CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    (("a", 1.5), {}),
    (("a", 1.5, ("x",), True), {}),
    (("a",), {"score": None}),
    ((), {"id": "a", "score": 2.0, "shown": True}),
    ((), {"score": 2.0, "id": "a"}),
    (("a", 1.0), {"tags": ("y", "z")}),
]
BAD_CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((), {}),
    (("a",), {}),
    (("a", 1.0, (), False, "extra"), {}),
    (("a", 1.0), {"id": "b"}),
    (("a", 1.0), {"nope": 1}),
    ((), {"score": 1.0}),
]


def as_text(value: Any) -> str:
    return repr(value).replace("Standard(", "X(").replace("Ours(", "X(")


@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_made_the_same(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    theirs, ours = Standard(*args, **kwargs), Ours(*args, **kwargs)
    assert tuple(ours) == tuple(theirs)
    assert ours == theirs and hash(ours) == hash(theirs)  # tuples, compared as tuples
    assert as_text(ours) == as_text(theirs)
    assert (ours.id, ours.score, ours.tags, ours.shown) == tuple(theirs)
    assert ours.label == theirs.label and ours.doubled() == theirs.doubled()
    assert ours._asdict() == theirs._asdict()
    assert ours._replace(shown=True, id="b") == theirs._replace(shown=True, id="b")
    assert Ours._make(tuple(theirs)) == ours and type(Ours._make(tuple(theirs))) is Ours
    assert copy.copy(ours) == ours and copy.deepcopy(ours) == ours
    assert pickle.loads(pickle.dumps(ours)) == ours
    match ours:
        case Ours(name, score):
            assert (name, score) == (theirs.id, theirs.score)
        case _:
            pytest.fail("positional match")


@pytest.mark.parametrize(("args", "kwargs"), BAD_CALLS)
def test_wrong_calls_fail_alike(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    with pytest.raises(TypeError):
        Standard(*args, **kwargs)
    with pytest.raises(TypeError):
        Ours(*args, **kwargs)


def test_class_attributes_match() -> None:
    assert Ours._fields == Standard._fields == ("id", "score", "tags", "shown")
    assert Ours._field_defaults == Standard._field_defaults
    assert Ours.__match_args__ == Standard.__match_args__
    assert Ours.__doc__ == Standard.__doc__
    assert Ours.__module__ == Standard.__module__ and Ours.__qualname__ == "Ours"
    assert isinstance(Ours("a", 1.0), tuple)
    with pytest.raises(AttributeError):
        Ours("a", 1.0).id = "b"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        Ours("a", 1.0).extra = 1  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="unexpected field names"):
        Ours("a", 1.0)._replace(nope=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Ours._make(("a",))


def test_a_field_without_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError, match="cannot follow default field"):

        class Wrong(Record):  # type: ignore[misc]
            first: int = 0
            second: int


def test_only_records_derive_from_record() -> None:
    with pytest.raises(TypeError, match="only derive from Record"):

        class Both(Record, int):  # type: ignore[misc]
            first: int


def test_every_record_type_of_the_package_uses_record() -> None:
    """typing.NamedTuple costs ten times as much to make: the package uses Record."""
    found = []
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in ("typing", "collections"):
                names = {alias.name for alias in node.names}
                if names & {"NamedTuple", "namedtuple"} and path.name != "record.py":
                    found.append(str(path.relative_to(SOURCE)))
    assert found == []
