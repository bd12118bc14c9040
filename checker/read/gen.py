"""Generate ``checker/read/fastmodel.py`` from the pydantic report model.

A one-file check must not pay pydantic's import and the model build (≈ 150 ms,
as much as yamllint in all) for a report that plainly fits the model. This
generator walks ``checker.read.model.Report`` through pydantic's own field
information and writes, in plain Python, a class per model (same attribute
names, ``__slots__``) with a table of its fields' checks: per field its key, its
attribute and its kind (per Python type, the value as it is or the converter that
checks it). ``checker.read.fastbase``, written by hand, checks a dict against a
table exactly as the strict model does and builds the instance, or raises
``Declined``; so the generated module holds only what the model declares, and
fields of one kind share one kind.

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
LINE_LENGTH = 100  # the project's (pyproject.toml), for the generated imports
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
    kinds: dict[str, str] = field(default_factory=dict)  # kind's text → name
    uses: set[str] = field(default_factory=set)  # converters of fastbase the kinds name

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

    def convert(self, name: str, argument: str = "") -> str:
        """A call of (or, without an argument, a reference to) a converter of ``fastbase``."""
        self.uses.add(name)
        return f"{name}({argument})" if argument else name

    def kind(self, text: str) -> str:
        """A module-level kind (per Python type, how a value of it is taken), shared."""
        if text not in self.kinds:
            self.kinds[text] = f"_K{len(self.kinds)}"
        return self.kinds[text]


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
    """(Python type it takes, its converter or "None" when taken as it is, type hint)
    for one union member."""
    low, high = bounds
    if t is type(None):
        return "NoneType", "None", "None"
    if t is bool:
        return "bool", "None", "bool"
    if t is int:
        if bounds == (None, None):
            return "int", "None", "int"
        return "int", out.convert("within", f"{low!r}, {high!r}"), "int"
    if t is float:
        return "float", "None", "float"
    if t is str:
        return "str", "None", "str"
    if get_origin(t) is Literal:
        choices = get_args(t)
        if not all(type(c) is str for c in choices):
            raise GeneratorError(f"{t}: only Literal of text is known")
        return "str", out.convert("among", out.const(frozenset(choices))), _literal_hint(choices)
    if get_origin(t) is typing.Annotated:
        base, *metas = get_args(t)
        if base is not str or len(metas) != 1 or not isinstance(metas[0], StringConstraints):
            raise GeneratorError(f"{t}: only Annotated[str, StringConstraints(pattern=…)] is known")
        sc = metas[0]
        others = {k: v for k, v in vars(sc).items() if k != "pattern" and v is not None}
        if others or not isinstance(sc.pattern, str):
            raise GeneratorError(f"{t}: only a pattern constraint is known, not {others}")
        return "str", out.convert("matching", out.pattern(sc.pattern)), "str"
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


def _member(t: Any, alias: str, bounds: tuple[Any, Any], out: _Out) -> tuple[str, str, str]:
    """(Python type it takes, converter, type hint) for one union member of a field."""
    if _is_model(t):
        return "dict", out.convert("one", t.__name__), t.__name__
    if get_origin(t) is list:
        (item,) = get_args(t)
        if _is_model(item):
            return "list", out.convert("many", item.__name__), f"list[{item.__name__}]"
        if item is str:
            return "list", out.convert("texts"), "list[str]"
        raise GeneratorError(f"{alias}: list of {item!r} not known to the generator")
    if get_origin(t) is dict:
        key, value = get_args(t)
        if get_origin(key) is not Literal or value is not str:
            raise GeneratorError(f"{alias}: {t!r} not known to the generator")
        choices = get_args(key)
        keyed = out.convert("keyed", out.const(frozenset(choices)))
        return "dict", keyed, f"dict[{_literal_hint(choices)}, str]"
    return _scalar(t, bounds if t is int else (None, None), out)


def _field_kind(alias: str, info: Any, out: _Out) -> tuple[str, str]:
    """The name of the kind that checks the field ``alias``, and the attribute's hint.

    A kind takes per Python type a value as it is or through a converter; the types are
    exact (``type(v)``), as strict pydantic's are (a bool is no int)."""
    bounds = _bounds(info.metadata)
    members = _members(info.annotation)
    if bounds != (None, None) and not set(members) <= {int, type(None)}:
        raise GeneratorError(f"{alias}: bounds are known on a whole number only")
    if info.validation_alias not in (None, info.alias) or info.alias_priority not in (None, 2):
        raise GeneratorError(f"{alias}: another name to validate by is not known")
    taken: dict[str, str] = {}  # Python type → converter, in union order
    hints: list[str] = []
    if any(isinstance(m, BeforeValidator) and m.func is TEXT_TO_SECTION for m in info.metadata):
        # Plain text is the section's text (the model's before-validator).
        taken["str"] = out.convert("text", report_model.TextSection.__name__)
    for t in members:
        pytype, converter, hint = _member(t, alias, bounds, out)
        if pytype in taken:
            raise GeneratorError(f"{alias}: two union members take {pytype}")
        taken[pytype] = converter
        hints.append(hint)
    if not info.is_required() and info.default is not None:
        raise GeneratorError(f"{alias}: only None as a default is known, not {info.default!r}")
    if info.default_factory is not None:
        raise GeneratorError(f"{alias}: a default factory is not known to the generator")
    # A missing key reads as None: a required field must not take None, an optional one must.
    if info.is_required() == ("NoneType" in taken):
        need = "a required field must not" if info.is_required() else "an optional field must"
        raise GeneratorError(f"{alias}: {need} take None")
    text = "{" + ", ".join(f"{t}: {c}" for t, c in taken.items()) + "}"
    return out.kind(text), " | ".join(hints)


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


def _model_text(model: type[BaseModel], out: _Out) -> tuple[str, str]:
    """The class of one model, and the line that sets its table of checks.

    A subclass's table is its base's table and its own fields' checks, as its fields are."""
    name = model.__name__
    fields = model.model_fields
    aliases = {attr: (info.alias or attr) for attr, info in fields.items()}
    base = _base(model)
    own = [a for a in fields if base is None or a not in base.model_fields]
    checks: list[str] = []
    hints: list[str] = []
    for attr in own:
        kind, hint = _field_kind(aliases[attr], fields[attr], out)
        checks.append(f"({aliases[attr]!r}, {attr!r}, {kind})")
        hints.append(f"    {attr}: {hint}")
    doc = (model.__doc__ or name).strip().splitlines()[0]
    slots = ", ".join(repr(a) for a in sorted(own)) + ("," if len(own) == 1 else "")
    text = "\n".join(
        [
            f"class {name}({base.__name__ if base else 'Plain'}):",
            f'    """{doc}"""',
            "",
            f"    __slots__ = ({slots})",
            f"    FIELDS: ClassVar[dict[str, str]] = {aliases!r}",
            *hints,
        ]
    )
    if base is not None:
        checks.insert(0, f"*{base.__name__}.CHECKS")
    table = "(" + ", ".join(checks) + ("," if len(checks) == 1 else "") + ")"
    return text, f"{name}.CHECKS = {table}"


def _lookups(models: list[type[BaseModel]]) -> list[str]:
    """The tables ``model_at`` and ``from_model`` look classes up in."""
    parts = [
        f"    {m.__name__}: {{"
        + ", ".join(f"{a!r}: {p.__name__}" for a, p in _parts(m).items())
        + "},"
        for m in models
    ]
    names = ", ".join(f"{m.__name__!r}: {m.__name__}" for m in models)
    return [
        "\n".join(
            [
                "# The model each key holds (the mapping a misspelt key is looked up in).",
                "_PARTS: dict[type[Plain], dict[str, type[Plain]]] = {",
                *parts,
                "}",
            ]
        ),
        f"_CLASSES: dict[str, type[Plain]] = {{{names}}}",
    ]


def _head(out: _Out) -> str:
    """The module's docstring and imports: only the converters its kinds name."""
    names = sorted({"Kind", "NoneType", "Plain", *out.uses}, key=lambda n: (n.islower(), n))
    ours = "from checker.read.fastbase import " + ", ".join(names)
    if len(ours) > LINE_LENGTH:  # as ruff's isort writes it
        ours = "from checker.read.fastbase import (\n" + "".join(f"    {n},\n" for n in names) + ")"
    lines = [
        DOC.strip(),
        "",
        "from __future__ import annotations",
        "",
        *(["import re"] if out.patterns else []),
        "from functools import partial",
        "from typing import ClassVar, Literal",
        "",
        "from checker.read import fastbase",
        ours,
    ]
    return "\n".join(lines)


def source(root: type[BaseModel] = report_model.Report) -> str:
    """The text of ``checker/read/fastmodel.py`` for the model as it is now."""
    out = _Out()
    _collect(root, out)
    classes: list[str] = []
    tables: list[str] = []
    for model in out.models:
        text, table = _model_text(model, out)
        classes.append(text)
        tables.append(table)
    constants = [f"{n} = {text}" for text, n in out.constants.items()]
    patterns = [f"{n} = re.compile({p!r})" for p, n in out.patterns.items()]
    values = "\n".join(constants + patterns)
    # One blank line between the imports and the values, as ruff's isort has it.
    head = _head(out) + ("\n\n" + values if values else "")
    kinds = [f"{n}: Kind = {text}" for text, n in out.kinds.items()]
    tail = [
        f"build = partial(fastbase.build, {root.__name__})",
        f"model_at = partial(fastbase.model_at, {root.__name__}, _PARTS)",
        f"unknown_keys = partial(fastbase.unknown_keys, {root.__name__})",
        "from_model = partial(fastbase.from_model, _CLASSES)",
    ]
    return (
        "\n\n\n".join(
            [
                head,
                "\n\n\n".join(classes + _lookups(out.models)),
                "# Per Python type, how a field takes a value of it.\n" + "\n".join(kinds),
                "# Per class, its fields' checks: (key, attribute, kind).\n" + "\n".join(tables),
                "\n".join(tail),
            ]
        )
        + "\n"
    )


# The generated module's docstring (its runtime, the same for every model, is fastbase).
DOC = '''
"""The report model as plain Python, generated from ``checker.read.model`` by
``checker.read.gen`` (``rapportkoll schema --update-repo``): do not edit, a test fails
when it is stale. ``build(data)`` checks a report as the strict pydantic model does,
without importing pydantic; ``checker.read.fastbase`` says how.
"""
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
