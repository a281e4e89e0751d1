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
    _MISSING = object()

    def _constructor(fields: tuple[str, ...], defaults: tuple[Any, ...]) -> Any:
        count = len(fields)
        required = count - len(defaults)
        position = {name: index for index, name in enumerate(fields)}

        def __new__(cls, *args, **kwargs):
            if not kwargs and len(args) == count:
                return _tuple_new(cls, args)
            if len(args) > count:
                raise TypeError(
                    f"{cls.__name__}() takes {count} positional arguments but {len(args)} "
                    "were given"
                )
            values = [*args, *[_MISSING] * (count - len(args))]
            for name, value in kwargs.items():
                index = position.get(name)
                if index is None:
                    raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {name!r}")
                if values[index] is not _MISSING:
                    raise TypeError(f"{cls.__name__}() got multiple values for argument {name!r}")
                values[index] = value
            for index in range(count):
                if values[index] is _MISSING:
                    if index < required:
                        missing = [fields[i] for i in range(required) if values[i] is _MISSING]
                        raise TypeError(
                            f"{cls.__name__}() missing required arguments: "
                            + ", ".join(map(repr, missing))
                        )
                    values[index] = defaults[index - required]
            return _tuple_new(cls, values)

        return __new__

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
            defaults = []
            for name in fields:
                if name.startswith("_"):
                    raise ValueError(f"Field names cannot start with an underscore: {name!r}")
                if name in namespace:
                    defaults.append(namespace[name])
                elif defaults:
                    raise TypeError(
                        f"Non-default namedtuple field {name} cannot follow default field"
                        f"{'s' if len(defaults) > 1 else ''} {', '.join(fields[: len(defaults)])}"
                    )
            body = {key: value for key, value in namespace.items() if key not in annotations}
            body.update(
                __slots__=(),
                _fields=fields,
                _field_defaults={name: namespace[name] for name in fields if name in namespace},
                __match_args__=fields,
                __new__=_constructor(fields, tuple(defaults)),
            )
            for index, name in enumerate(fields):
                body[name] = _tuplegetter(index, f"Alias for field number {index}")
            return super().__new__(mcls, typename, (_Fields,), body)

    class Record(metaclass=_RecordType):
        """The base of a record type: `class Name(Record):` with annotated fields."""
