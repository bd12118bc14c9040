"""Plain records: the data classes of a one-file check's path, without ``dataclasses``.

A dataclass is built when its module is imported: its methods are generated as text
and run through ``exec`` (≈ 0.2 ms a class, ≈ 0.5 ms frozen), and a one-file check
imports some thirty. A record's methods are written once, here, and its ``__init__``
in its class, so the byte code cache holds them all. A subclass lists its fields in
``_fields``, in the order of its ``__init__``'s parameters, and gets what the
dataclasses gave: equality with a record of the same class, field by field; the same
``repr``; ``replace`` (``dataclasses.replace``) and ``as_dict`` (``dataclasses.asdict``).
``Frozen`` records hash by value, refuse assignment and pickle as their fields.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, ClassVar, TypeVar

R = TypeVar("R", bound="Record")


def _getter(names: tuple[str, ...]) -> Any:
    """A function of a record giving the tuple of ``names`` (``attrgetter`` gives a
    bare value for one name)."""
    if len(names) == 1:
        one = attrgetter(names[0])
        return staticmethod(lambda self: (one(self),))
    if not names:
        return staticmethod(lambda self: ())
    return staticmethod(attrgetter(*names))


class Record:
    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    # Fields left out of equality (a dataclass field's compare=False) and of the repr
    # (repr=False).
    _not_compared: ClassVar[tuple[str, ...]] = ()
    _not_shown: ClassVar[tuple[str, ...]] = ()

    # Each class's compared and all fields read by one C call: equality and hashing are
    # on the hot path of a run (findings are interned, deduplicated and hashed in sets).
    _compare_key: ClassVar[Any] = staticmethod(lambda self: ())
    _all_fields: ClassVar[Any] = staticmethod(lambda self: ())

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        compared = tuple(n for n in cls._fields if n not in cls._not_compared)
        cls._compare_key = _getter(compared)
        cls._all_fields = _getter(cls._fields)

    def _compared(self) -> tuple[Any, ...]:
        return self._compare_key(self)  # type: ignore[no-any-return]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            key = self._compare_key
            return key(self) == key(other)  # type: ignore[no-any-return]
        return NotImplemented

    # Mutable and compared by value, as a dataclass with eq: not hashable.
    __hash__: ClassVar[None] = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        skip = self._not_shown
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields if n not in skip)
        return f"{self.__class__.__qualname__}({shown})"

    def replace(self: R, **changes: Any) -> R:
        """A copy with ``changes`` made, built through ``__init__`` (``dataclasses.replace``)."""
        unknown = set(changes) - set(self._fields)
        if unknown:
            raise TypeError(f"{self.__class__.__qualname__} has no field {sorted(unknown)[0]!r}")
        values = {n: changes[n] if n in changes else getattr(self, n) for n in self._fields}
        return self.__class__(**values)

    def as_dict(self) -> dict[str, Any]:
        """Every field, records within turned into dicts too (``dataclasses.asdict``)."""
        return {n: _plain(getattr(self, n)) for n in self._fields}


class Frozen(Record):
    """A record that cannot change: hashed by value, and pickled as its fields (its
    ``__init__`` must take every field, in ``_fields`` order)."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self._compare_key(self))

    def _put(self, *values: Any) -> None:
        """Set every field, in ``_fields`` order: ``__init__``'s way past ``__setattr__``."""
        for name, value in zip(self._fields, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return self.__class__, self._all_fields(self)


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.as_dict()
    if hasattr(value.__class__, "__dataclass_fields__"):  # one that is still a dataclass
        from dataclasses import asdict

        return asdict(value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return value.__class__(*[_plain(v) for v in value])
    if isinstance(value, (list, tuple)):
        return value.__class__(_plain(v) for v in value)
    if isinstance(value, dict):
        return value.__class__((_plain(k), _plain(v)) for k, v in value.items())
    return value
