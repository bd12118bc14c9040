"""The runtime of the generated validator ``checker.read.fastmodel``.

The generated module declares only what the model holds: a class per model, and per
class a table of its fields' checks (``CHECKS``). Everything that is the same for every
class lives here, written by hand: the base class, the one function that checks a dict
against a class's table and builds the instance (``make``), and the converters a table
names for values that are not taken as they are (a part, a list of parts, a choice of
texts …). A table rather than code per field keeps the generated module free of
repeated code and no slower: a field costs one dict lookup by the value's type.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

NoneType = type(None)

# Per Python type a field takes, how a value of it is taken: None, as it is; otherwise
# the function that checks it (raising ``Declined``) and gives the attribute's value.
Kind = dict[type, Callable[[Any], Any] | None]
# One field: the key in the report, the attribute, the kind.
Check = tuple[str, str, Kind]


class Declined(Exception):
    """The data does not plainly fit the model: pydantic judges it."""


def _pattern(v: str, rx: re.Pattern[str]) -> bool:
    # pydantic matches with Rust's regex, this with Python's. The two read \s and \w alike
    # but for these characters: Python's whitespace \x1c-\x1f, Rust's word characters
    # among the marks and connectors, Python's among other numbers, and surrogates. Text
    # with any of them is left to pydantic.
    return rx.search(v) is not None and not any(
        "\x1c" <= c <= "\x1f"
        or c in "\u200c\u200d"
        or (not c.isascii() and unicodedata.category(c) in _DISAGREE)
        for c in v
    )


_DISAGREE = frozenset({"Mn", "Mc", "Me", "No", "Pc", "Cs"})


class Plain:
    """A validated report part: attributes as the pydantic model has them."""

    __slots__ = ()
    FIELDS: ClassVar[dict[str, str]]  # attribute → key in the report
    KEYS: ClassVar[frozenset[str]]  # the keys the report may give (extra="forbid")
    ATTRS: ClassVar[dict[str, str]]  # key in the report → attribute
    CHECKS: ClassVar[tuple[Check, ...]]  # set after all classes exist (they nest)

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        cls.KEYS = frozenset(cls.FIELDS.values())
        cls.ATTRS = {key: attr for attr, key in cls.FIELDS.items()}

    def dump(self) -> dict[str, Any]:
        """As pydantic's ``model_dump(by_alias=True, exclude_none=True)``."""
        out: dict[str, Any] = {}
        for attr, key in self.FIELDS.items():
            value = getattr(self, attr)
            if value is not None:
                out[key] = dump_part(value)
        return out

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(
            getattr(self, a) == getattr(other, a) for a in self.FIELDS
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, as the pydantic models

    def __repr__(self) -> str:
        inner = ", ".join(f"{a}={getattr(self, a)!r}" for a in self.FIELDS)
        return f"{type(self).__name__}({inner})"


def dump_part(value: Any) -> Any:
    """A part, a list of parts or a value as ``Plain.dump`` gives it."""
    if isinstance(value, Plain):
        return value.dump()
    if isinstance(value, list):
        return [dump_part(x) for x in value]
    if isinstance(value, dict):
        return dict(value)
    return value


_new = object.__new__
P = TypeVar("P", bound=Plain)


def make(cls: type[P], d: Any) -> P:
    """``d`` checked exactly as the strict model ``cls`` checks it, as an instance of ``cls``.

    A missing key reads as None, so a required field (one whose kind takes no None) is
    missing when its key is. An unknown key or a type the field does not take: ``Declined``.
    """
    if type(d) is not dict or not cls.KEYS.issuperset(d):
        raise Declined
    o = _new(cls)
    get = d.get
    try:
        for key, attr, kind in cls.CHECKS:
            v = get(key)
            convert = kind[type(v)]
            setattr(o, attr, v if convert is None else convert(v))
    except KeyError:
        raise Declined from None
    return o


# The converters a kind names, one per shape of value the model knows.

# The converters of parts and lists of parts, to the class of their parts: what
# ``unknown_keys`` walks the data by.
_PART_OF: dict[Callable[[Any], Any], type[Plain]] = {}


def one(cls: type[Plain]) -> Callable[[Any], Any]:
    """A part: a mapping checked as ``cls``."""

    def check(v: Any) -> Plain:
        return make(cls, v)

    _PART_OF[check] = cls
    return check


def many(cls: type[Plain]) -> Callable[[Any], Any]:
    """A list of parts, each checked as ``cls``."""

    def check(v: list[Any]) -> list[Plain]:
        return [make(cls, x) for x in v]

    _PART_OF[check] = cls
    return check


_TEXT_OF: dict[Callable[[Any], Any], type[Plain]] = {}  # ``text``'s converters, likewise


def text(cls: type[Plain]) -> Callable[[Any], Any]:
    """Plain text for a free-text section (the model's before-validator): its text."""

    def check(v: str) -> Plain:
        return make(cls, {"text": v})

    _TEXT_OF[check] = cls
    return check


def among(choices: frozenset[str]) -> Callable[[Any], Any]:
    """A text that must be one of ``choices`` (a Literal)."""

    def check(v: str) -> str:
        if v in choices:
            return v
        raise Declined

    return check


def within(low: int | None, high: int | None) -> Callable[[Any], Any]:
    """A whole number within the field's bounds (``ge``, ``le``)."""

    def check(v: int) -> int:
        if (low is None or low <= v) and (high is None or v <= high):
            return v
        raise Declined

    return check


def matching(rx: re.Pattern[str]) -> Callable[[Any], Any]:
    """A text the field's pattern matches, as pydantic's would."""

    def check(v: str) -> str:
        if _pattern(v, rx):
            return v
        raise Declined

    return check


def texts(v: list[Any]) -> list[str]:
    """A list of texts."""
    if all(type(x) is str for x in v):
        return list(v)
    raise Declined


def keyed(choices: frozenset[str]) -> Callable[[Any], Any]:
    """A mapping of texts whose keys are among ``choices`` (``dict[Literal[…], str]``)."""

    def check(v: dict[Any, Any]) -> dict[str, str]:
        if all(type(k) is str and k in choices and type(x) is str for k, x in v.items()):
            return dict(v)
        raise Declined

    return check


# What the generated module's public functions do, given its root class and tables.


def build(root: type[P], data: Any) -> P | None:
    """The report when ``data`` plainly fits the model, else None (pydantic judges it)."""
    try:
        return make(root, data)
    except (Declined, RecursionError):
        return None


def unknown_keys(root: type[Plain], data: Any) -> list[tuple[str | int, ...]] | None:
    """The paths of the keys that no part of the model takes, in the order of pydantic's
    errors for them (a part's fields first, in the model's order, then its own unknown
    keys as written). None where pydantic would say more of one than that its key is
    unknown: a key that is not text, or a part that may also be a plain value (a union:
    pydantic then reports each member)."""
    found: list[tuple[str | int, ...]] = []

    def walk(cls: type[Plain], d: dict[Any, Any], path: tuple[str | int, ...], alone: bool) -> None:
        for key, _, kind in cls.CHECKS:
            v = d.get(key)
            part = _PART_OF.get(kind.get(type(v)))  # type: ignore[arg-type]
            if part is None:
                continue
            # a part where the field takes nothing else (None, or text made that part) is
            # judged alone; one beside plain values is one member of a union
            sole = all(
                t is NoneType or c is kind[type(v)] or _TEXT_OF.get(c) is part  # type: ignore[arg-type]
                for t, c in kind.items()
            )
            if type(v) is dict:
                walk(part, v, (*path, key), alone and sole)
            elif type(v) is list:
                for i, x in enumerate(v):
                    if type(x) is dict:
                        walk(part, x, (*path, key, i), alone and sole)
        extra = [k for k in d if k not in cls.KEYS]
        if extra and (not alone or not all(type(k) is str for k in extra)):
            raise Declined
        found.extend((*path, k) for k in extra)

    if type(data) is not dict:
        return None
    try:
        walk(root, data, (), True)
    except (Declined, RecursionError):
        return None
    return found


def model_at(
    root: type[Plain], parts: dict[type[Plain], dict[str, type[Plain]]], path: tuple[str | int, ...]
) -> type[Plain] | None:
    """The class that describes the mapping at ``path`` (list indices skipped), if any."""
    current: type[Plain] | None = root
    for part in path:
        if isinstance(part, int):
            continue
        if current is None:
            return None
        current = parts[current].get(part)
    return current


def from_model(classes: dict[str, type[Plain]], model: Any) -> Any:
    """The same report in the plain classes, from a pydantic model (or any part) as it
    validated it: copied field by field, not checked again."""
    if isinstance(model, list):
        return [from_model(classes, x) for x in model]
    if isinstance(model, dict):
        return dict(model)
    plain = classes.get(type(model).__name__)
    if plain is None:
        return model
    o = _new(plain)
    for attr in plain.FIELDS:
        setattr(o, attr, from_model(classes, getattr(model, attr)))
    return o
