"""Generate ``checker/read/fastmodel.py`` from the pydantic report model.

A one-file check must not pay pydantic's import and the model build (≈ 150 ms,
as much as yamllint in all) for a report that plainly fits the model. This
generator walks ``checker.read.model.Report`` through pydantic's own field
information and writes, in plain Python, a class per model (same attribute
names, ``__slots__``) and a function per model that checks a dict exactly as
the strict model does and builds the instance, or raises ``Declined``.

What the generator does not know (a validator, a constraint, a config, a
union whose members one Python type cannot tell apart) makes it fail here, at
build time, never at run time. The output is committed; ``rapportkoll schema
--update-repo`` regenerates it with the JSON schemas and ``schema --check``
(and a test) fails when it is stale.

    python -m checker.read.gen          # write checker/read/fastmodel.py
    python -m checker.read.gen --check  # exit 1 when it is stale
"""

from __future__ import annotations

import sys
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel, BeforeValidator, StringConstraints

from checker.read import model as report_model

TARGET = Path(__file__).resolve().parent / "fastmodel.py"
# The model config the generated checks implement; any other config fails the build.
CONFIG = {
    "extra": "forbid",
    "populate_by_name": False,
    "strict": True,
    "str_strip_whitespace": False,
}
# Config keys that change neither what validation accepts nor what it gives: key → the
# values allowed (None: any).
HARMLESS: dict[str, tuple[Any, ...] | None] = {
    "title": None,
    "frozen": (False,),
    "defer_build": (False, True),
}
# Before-validators the generator knows, by function: plain text for a free-text section.
TEXT_TO_SECTION = report_model._text_to_section


class GeneratorError(Exception):
    """The model uses something the generated validator would not check as pydantic does."""


@dataclass
class _Out:
    models: list[type[BaseModel]] = field(default_factory=list)
    constants: dict[str, str] = field(default_factory=dict)  # repr → name
    patterns: dict[str, str] = field(default_factory=dict)  # pattern → name

    def const(self, values: frozenset[str]) -> str:
        """A module-level set of texts, written in a stable order."""
        text = "frozenset({" + ", ".join(repr(v) for v in sorted(values)) + "})"
        if text not in self.constants:
            self.constants[text] = f"_S{len(self.constants)}"
        return self.constants[text]

    def pattern(self, pattern: str) -> str:
        if pattern not in self.patterns:
            self.patterns[pattern] = f"_P{len(self.patterns)}"
        return self.patterns[pattern]


def _members(annotation: Any) -> list[Any]:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return list(get_args(annotation))
    return [annotation]


def _is_model(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def _collect(model: type[BaseModel], out: _Out) -> None:
    if model in out.models:
        return
    base = _base(model)
    if base is not None:
        _collect(base, out)  # a subclass as in the model (DepartmentGoal is a UnitGoal)
    out.models.append(model)
    _check_model(model)
    for info in model.model_fields.values():
        for t in _walk_types(info.annotation):
            if _is_model(t):
                _collect(t, out)
        for meta in info.metadata:
            if isinstance(meta, BeforeValidator) and meta.func is TEXT_TO_SECTION:
                _collect(report_model.TextSection, out)


def _base(model: type[BaseModel]) -> type[BaseModel] | None:
    bases = [
        b
        for b in model.__bases__
        if issubclass(b, BaseModel) and b is not BaseModel and b.model_fields
    ]
    if len(bases) > 1:
        raise GeneratorError(f"{model.__name__}: several model bases")
    return bases[0] if bases else None


def _walk_types(annotation: Any) -> list[Any]:
    found = [annotation]
    for arg in get_args(annotation):
        if get_origin(annotation) is not Literal:
            found.extend(_walk_types(arg))
    return found


def _check_model(model: type[BaseModel]) -> None:
    config = {k: model.model_config.get(k) for k in CONFIG}
    if config != CONFIG:
        raise GeneratorError(f"{model.__name__}: model_config {config}, expected {CONFIG}")
    for key, value in model.model_config.items():
        if key in CONFIG:
            continue
        allowed = HARMLESS.get(key, ())
        if allowed is not None and value not in allowed:
            raise GeneratorError(f"{model.__name__}: model_config {key}={value!r} is not known")
    decorators = model.__pydantic_decorators__
    for kind in (
        "validators",
        "field_validators",
        "root_validators",
        "model_validators",
        "field_serializers",
        "model_serializers",
        "computed_fields",
    ):
        if getattr(decorators, kind):
            raise GeneratorError(f"{model.__name__}: has {kind}, which the generator does not know")


def _scalar(t: Any, bounds: tuple[Any, Any], out: _Out) -> tuple[str, str, str]:
    """(Python type it takes, extra condition on v, type hint) for one union member."""
    low, high = bounds
    if t is type(None):
        return "NoneType", "", "None"
    if t is bool:
        return "bool", "", "bool"
    if t is int:
        cond = "v" if low is None else f"{low!r} <= v"
        cond += "" if high is None else f" <= {high!r}"
        return "int", "" if cond == "v" else cond, "int"
    if t is float:
        return "float", "", "float"
    if t is str:
        return "str", "", "str"
    if get_origin(t) is Literal:
        choices = get_args(t)
        if not all(type(c) is str for c in choices):
            raise GeneratorError(f"{t}: only Literal of text is known")
        return "str", f"v in {out.const(frozenset(choices))}", _literal_hint(choices)
    if get_origin(t) is typing.Annotated:
        base, *metas = get_args(t)
        if base is not str or len(metas) != 1 or not isinstance(metas[0], StringConstraints):
            raise GeneratorError(f"{t}: only Annotated[str, StringConstraints(pattern=…)] is known")
        sc = metas[0]
        others = {k: v for k, v in vars(sc).items() if k != "pattern" and v is not None}
        if others or not isinstance(sc.pattern, str):
            raise GeneratorError(f"{t}: only a pattern constraint is known, not {others}")
        return "str", f"_pattern(v, {out.pattern(sc.pattern)})", "str"
    raise GeneratorError(f"{t!r}: not known to the generator")


def _literal_hint(choices: tuple[Any, ...]) -> str:
    return "Literal[" + ", ".join(repr(c) for c in choices) + "]"


def _bounds(metadata: list[Any]) -> tuple[Any, Any]:
    low = high = None
    for meta in metadata:
        if isinstance(meta, annotated_types.Ge):
            low = meta.ge
        elif isinstance(meta, annotated_types.Le):
            high = meta.le
        elif isinstance(meta, BeforeValidator) and meta.func is TEXT_TO_SECTION:
            continue
        else:
            raise GeneratorError(f"field constraint {meta!r}: not known to the generator")
    return low, high


def _field_lines(attr: str, alias: str, info: Any, out: _Out) -> tuple[list[str], str]:
    """The statements that check ``d[alias]`` into ``o.<attr>``, and the attribute's hint."""
    bounds = _bounds(info.metadata)
    members = _members(info.annotation)
    if bounds != (None, None) and not set(members) <= {int, type(None)}:
        raise GeneratorError(f"{alias}: bounds are known on a whole number only")
    if info.validation_alias not in (None, info.alias) or info.alias_priority not in (None, 2):
        raise GeneratorError(f"{alias}: another name to validate by is not known")
    text_section = any(
        isinstance(m, BeforeValidator) and m.func is TEXT_TO_SECTION for m in info.metadata
    )
    branches: list[tuple[str, str]] = []  # (condition, value expression)
    hints: list[str] = []
    taken: set[str] = set()

    def add(pytype: str, cond: str, value: str, hint: str) -> None:
        if pytype in taken:
            raise GeneratorError(f"{alias}: two union members take {pytype}")
        taken.add(pytype)
        test = "v is None" if pytype == "NoneType" else f"type(v) is {pytype}"
        branches.append((f"{test} and {cond}" if cond else test, value))
        hints.append(hint)

    if text_section:
        # Plain text is the section's text (the model's before-validator).
        add("str", "", f"_{report_model.TextSection.__name__}({{'text': v}})", "")
    for t in members:
        if _is_model(t):
            add("dict", "", f"_{t.__name__}(v)", t.__name__)
        elif get_origin(t) is list:
            (item,) = get_args(t)
            if _is_model(item):
                add("list", "", f"[_{item.__name__}(x) for x in v]", f"list[{item.__name__}]")
            elif item is str:
                add("list", "all(type(x) is str for x in v)", "list(v)", "list[str]")
            else:
                raise GeneratorError(f"{alias}: list of {item!r} not known to the generator")
        elif get_origin(t) is dict:
            key, value = get_args(t)
            if get_origin(key) is not Literal or value is not str:
                raise GeneratorError(f"{alias}: {t!r} not known to the generator")
            choices = get_args(key)
            cond = (
                f"all(type(k) is str and k in {out.const(frozenset(choices))} and type(x) is str"
                " for k, x in v.items())"
            )
            add("dict", cond, "dict(v)", f"dict[{_literal_hint(choices)}, str]")
        else:
            pytype, cond, hint = _scalar(t, bounds if t is int else (None, None), out)
            add(pytype, cond, "v", hint)
    if not info.is_required() and info.default is not None:
        raise GeneratorError(f"{alias}: only None as a default is known, not {info.default!r}")
    if info.default_factory is not None:
        raise GeneratorError(f"{alias}: a default factory is not known to the generator")
    key = repr(alias)
    if info.is_required():
        lines = [f"    if {key} not in d:", "        raise Declined", f"    v = d[{key}]"]
    elif "NoneType" in taken:
        lines = [f"    v = d.get({key})"]
    else:
        raise GeneratorError(f"{alias}: an optional field must take None")
    merged: dict[str, list[str]] = {}  # value expression → conditions, in union order
    for cond, value in branches:
        merged.setdefault(value, []).append(cond)
    for i, (value, conds) in enumerate(merged.items()):
        if len(conds) > 1:
            conds = [f"({c})" if " and " in c else c for c in conds]
        lines.append(f"    {'if' if i == 0 else 'elif'} {' or '.join(conds)}:")
        lines.append(f"        o.{attr} = {value}")
    lines += ["    else:", "        raise Declined"]
    hint = " | ".join(h for h in hints if h)
    return lines, hint


def _parts(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Per key, the model the key's value is (the last model of its union), as before."""
    out: dict[str, type[BaseModel]] = {}
    for attr, info in model.model_fields.items():
        for t in _members(info.annotation):
            if get_origin(t) is list:
                t = get_args(t)[0]
            if _is_model(t):
                out[info.alias or attr] = t
    return out


# The most statements one generated function holds: a model with more fields is checked
# by one function per group of fields, called in turn (functions stay readable).
MAX_BODY = 60


def _functions(name: str, keys: str, blocks: list[list[str]]) -> list[str]:
    """The check of one model: its fields' statements in one function, or in parts."""
    head = [
        f"def _{name}(d: Any) -> {name}:",
        f"    if type(d) is not dict or not {keys}.issuperset(d):",
        "        raise Declined",
        f"    o = _new({name})",
    ]
    groups: list[list[str]] = [[]]
    for block in blocks:
        if groups[-1] and len(groups[-1]) + len(block) > MAX_BODY:
            groups.append([])
        groups[-1].extend(block)
    if len(groups) == 1:
        return ["\n".join([*head, *groups[0], "    return o"])]
    calls = [f"    _{name}_{i}(d, o)" for i in range(1, len(groups) + 1)]
    parts = [
        "\n".join([f"def _{name}_{i}(d: Any, o: {name}) -> None:", *group])
        for i, group in enumerate(groups, 1)
    ]
    return [*parts, "\n".join([*head, *calls, "    return o"])]


def source(root: type[BaseModel] = report_model.Report) -> str:
    """The text of ``checker/read/fastmodel.py`` for the model as it is now."""
    out = _Out()
    _collect(root, out)
    classes: list[str] = []
    functions: list[str] = []
    for model in out.models:
        name = model.__name__
        fields = model.model_fields
        aliases = {attr: (info.alias or attr) for attr, info in fields.items()}
        blocks: list[list[str]] = []
        hints: list[str] = []
        for attr, info in fields.items():
            lines, hint = _field_lines(attr, aliases[attr], info, out)
            blocks.append(lines)
            hints.append(f"    {attr}: {hint}")
        doc = (model.__doc__ or name).strip().splitlines()[0]
        base = _base(model)
        own = [a for a in fields if base is None or a not in base.model_fields]
        own_hints = [h for a, h in zip(fields, hints, strict=True) if a in own]
        slots = ", ".join(repr(a) for a in sorted(own)) + ("," if len(own) == 1 else "")
        classes.append(
            "\n".join(
                [
                    f"class {name}({base.__name__ if base else '_Plain'}):",
                    f'    """{doc}"""',
                    "",
                    f"    __slots__ = ({slots})",
                    f"    FIELDS: ClassVar[dict[str, str]] = {aliases!r}",
                    *own_hints,
                ]
            )
        )
        keys = out.const(frozenset(aliases.values()))
        functions.extend(_functions(name, keys, blocks))
    parts = [
        f"    {m.__name__}: {{"
        + ", ".join(f"{a!r}: {p.__name__}" for a, p in _parts(m).items())
        + "},"
        for m in out.models
    ]
    classes.append(
        "\n".join(
            [
                "# The model each key holds (the mapping a misspelt key is looked up in).",
                "_PARTS: dict[type[_Plain], dict[str, type[_Plain]]] = {",
                *parts,
                "}",
            ]
        )
    )
    names = ", ".join(f"{m.__name__!r}: {m.__name__}" for m in out.models)
    classes.append(f"_CLASSES: dict[str, type[_Plain]] = {{{names}}}")
    constants = [f"{n} = {text}" for text, n in out.constants.items()]
    patterns = [f"{n} = re.compile({p!r})" for p, n in out.patterns.items()]
    return (
        "\n\n\n".join(
            [
                HEAD.rstrip(),
                "\n".join(constants + patterns),
                "\n\n\n".join(classes),
                "\n\n\n".join(functions),
                TAIL.strip(),
            ]
        )
        + "\n"
    )


HEAD = '''\
"""The report model as plain Python, generated from ``checker.read.model``.

Do not edit: ``python -m checker.read.gen`` (or ``rapportkoll schema --update-repo``)
writes it, and a test fails when it is stale.

``build(data)`` returns the report when ``data`` plainly fits the strict
pydantic model, with the same values in classes of the same names and
attributes; otherwise it returns None and the pydantic model judges the data
(and words its problems). So a clean report is checked without importing
pydantic. ``from_model`` turns a pydantic report into these classes, so that
the rules see one kind of object whichever way the report was validated.
"""

# A value checked against a set of Literal choices is not narrowed to the Literal type.
# mypy: disable-error-code="assignment"

from __future__ import annotations

import re
import unicodedata
from typing import Any, ClassVar, Literal

NoneType = type(None)


class Declined(Exception):
    """The data does not plainly fit the model: pydantic judges it."""


def _pattern(v: str, rx: re.Pattern[str]) -> bool:
    # pydantic matches with Rust's regex, this with Python's. The two read \\s and \\w alike
    # but for these characters: Python's whitespace \\x1c-\\x1f, Rust's word characters
    # among the marks and connectors, Python's among other numbers, and surrogates. Text
    # with any of them is left to pydantic.
    return rx.search(v) is not None and not any(
        "\\x1c" <= c <= "\\x1f" or c in "\\u200c\\u200d"
        or (not c.isascii() and unicodedata.category(c) in _DISAGREE)
        for c in v
    )


_DISAGREE = frozenset({"Mn", "Mc", "Me", "No", "Pc", "Cs"})


class _Plain:
    """A validated report part: attributes as the pydantic model has them."""

    __slots__ = ()
    FIELDS: ClassVar[dict[str, str]]  # attribute → key in the report

    def dump(self) -> dict[str, Any]:
        """As pydantic's ``model_dump(by_alias=True, exclude_none=True)``."""
        out: dict[str, Any] = {}
        for attr, key in self.FIELDS.items():
            value = getattr(self, attr)
            if value is not None:
                out[key] = _dump(value)
        return out

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(
            getattr(self, a) == getattr(other, a) for a in self.FIELDS
        )

    __hash__ = None  # mutable, as the pydantic models

    def __repr__(self) -> str:
        inner = ", ".join(f"{a}={getattr(self, a)!r}" for a in self.FIELDS)
        return f"{type(self).__name__}({inner})"


def _dump(value: Any) -> Any:
    if isinstance(value, _Plain):
        return value.dump()
    if isinstance(value, list):
        return [_dump(x) for x in value]
    if isinstance(value, dict):
        return dict(value)
    return value


_new = object.__new__
'''

TAIL = '''
def build(data: Any) -> Report | None:
    """The report when ``data`` plainly fits the model, else None (pydantic judges it)."""
    try:
        return _Report(data)
    except (Declined, RecursionError):
        return None


def model_at(path: tuple[str | int, ...]) -> type[_Plain] | None:
    """The class that describes the mapping at ``path`` (list indices skipped), if any."""
    current: type[_Plain] | None = Report
    for part in path:
        if isinstance(part, int):
            continue
        if current is None:
            return None
        current = _PARTS[current].get(part)
    return current


def from_model(model: Any) -> Any:
    """The same report in these classes, from a pydantic ``Report`` (or any part) as it
    validated it: copied field by field, not checked again."""
    if isinstance(model, list):
        return [from_model(x) for x in model]
    if isinstance(model, dict):
        return dict(model)
    plain = _CLASSES.get(type(model).__name__)
    if plain is None:
        return model
    o = _new(plain)
    for attr in plain.FIELDS:
        setattr(o, attr, from_model(getattr(model, attr)))
    return o
'''


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = source()
    if args == ["--check"]:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET.name} är inaktuell: kör python -m checker.read.gen", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
