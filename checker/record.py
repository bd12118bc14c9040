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

from typing import Any, ClassVar, TypeVar

R = TypeVar("R", bound="Record")


class Record:
    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    # Fields left out of equality (a dataclass field's compare=False) and of the repr
    # (repr=False).
    _not_compared: ClassVar[tuple[str, ...]] = ()
    _not_shown: ClassVar[tuple[str, ...]] = ()

    def _compared(self) -> tuple[Any, ...]:
        skip = self._not_compared
        return tuple(getattr(self, n) for n in self._fields if n not in skip)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._compared() == other._compared()
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
        return hash(self._compared())

    def _put(self, *values: Any) -> None:
        """Set every field, in ``_fields`` order: ``__init__``'s way past ``__setattr__``."""
        for name, value in zip(self._fields, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return self.__class__, tuple(getattr(self, n) for n in self._fields)


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
