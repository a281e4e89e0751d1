"""`Record`: the base of every record type (`class Scores(Record): ...`), read by the type
checker as `typing.NamedTuple` and built at run time as the same kind of class, only faster.

A record is a named tuple as the standard library makes one: a tuple subclass with a property
per field, defaults, keyword arguments, `_fields`, `_field_defaults`, `_replace`, `_asdict`,
`_make`, `__match_args__` and the same repr, equality and hash. What differs is the cost of
making the class: `typing.NamedTuple` checks every annotation and `collections.namedtuple`
compiles a constructor with eval(), some 0.1-0.3 ms per class; the hundred-odd record classes on
`report`'s and `compare`'s way cost them a sixth of their start-up (issue 22). Here the
constructor is one shared function, so a class costs about what a plain class does.
tests/test_record.py holds each behaviour to what `typing.NamedTuple` does."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Record"]

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from _collections import _tuplegetter

    _tuple_new = tuple.__new__

    def _constructor(fields: tuple[str, ...], default_of: dict[str, Any]) -> Any:
        count = len(fields)
        required = count - len(default_of)

        def __new__(cls, *args, **kwargs):
            given = len(args)
            if not kwargs and given == count:
                return _tuple_new(cls, args)
            values = list(args)
            taken = 0
            for name in fields[given:]:
                if name in kwargs:
                    values.append(kwargs[name])
                    taken += 1
                elif name in default_of:
                    values.append(default_of[name])
                else:
                    break
            if given > count or taken != len(kwargs) or len(values) != count:
                _refuse(cls, fields, required, args, kwargs)
            return _tuple_new(cls, values)

        return __new__

    def _refuse(
        cls: type, fields: tuple[str, ...], required: int, args: tuple[Any, ...], kwargs: Any
    ) -> None:
        """A TypeError worded like Python's for a call that doesn't fit the fields."""
        name = cls.__name__
        if len(args) > len(fields):
            raise TypeError(
                f"{name}() takes {len(fields)} positional arguments but {len(args)} were given"
            )
        for key in kwargs:
            if key not in fields:
                raise TypeError(f"{name}() got an unexpected keyword argument {key!r}")
            if fields.index(key) < len(args):
                raise TypeError(f"{name}() got multiple values for argument {key!r}")
        missing = [f for f in fields[len(args) : required] if f not in kwargs]
        raise TypeError(f"{name}() missing required arguments: {', '.join(map(repr, missing))}")

    class _Fields(tuple):
        """What every record class has besides its fields (as collections.namedtuple gives)."""

        __slots__ = ()
        _fields: tuple[str, ...] = ()

        @classmethod
        def _make(cls, iterable):
            made = _tuple_new(cls, iterable)
            if len(made) != len(cls._fields):
                raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(made)}")
            return made

        def _replace(self, /, **changes):
            made = self._make(map(changes.pop, self._fields, self))
            if changes:
                raise ValueError(f"Got unexpected field names: {list(changes)!r}")
            return made

        def _asdict(self):
            return dict(zip(self._fields, self, strict=True))

        def __repr__(self):
            shown = ", ".join(
                f"{name}={value!r}" for name, value in zip(self._fields, self, strict=True)
            )
            return f"{type(self).__name__}({shown})"

        def __getnewargs__(self):
            return tuple(self)

    class _RecordType(type):
        """Makes `class X(Record)` a named tuple: its annotations are the fields, in order."""

        def __new__(mcls, typename, bases, namespace):
            if bases == ():  # Record itself
                return super().__new__(mcls, typename, (_Fields,), namespace)
            if bases != (Record,):
                raise TypeError("a record type can only derive from Record")
            annotations = namespace.get("__annotations__", {})
            fields = tuple(annotations)
            defaults: dict[str, Any] = {}  # field -> its default, in order
            for name in fields:
                if name.startswith("_"):
                    raise ValueError(f"Field names cannot start with an underscore: {name!r}")
                if name in namespace:
                    defaults[name] = namespace[name]
                elif defaults:
                    raise TypeError(
                        f"Non-default field {name} cannot follow default field "
                        + ", ".join(defaults)
                    )
            body = {key: value for key, value in namespace.items() if key not in annotations}
            body.update(
                __slots__=(),
                _fields=fields,
                _field_defaults=defaults,
                __match_args__=fields,
                __new__=_constructor(fields, dict(defaults)),
            )
            for index, name in enumerate(fields):
                body[name] = _tuplegetter(index, f"Alias for field number {index}")
            return super().__new__(mcls, typename, (_Fields,), body)

    class Record(metaclass=_RecordType):
        """The base of a record type: `class Name(Record):` with annotated fields."""
