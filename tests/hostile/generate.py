"""Hostile inputs that are generated at test time rather than kept in the repository.

Two kinds:

* ``GENERATED``: files too large (a 50 MB file, a 3 MB line, 2000 levels of
  indentation) or too mechanical to commit. Each has the same kind of
  expectation as the entries in ``expectations.yaml`` and runs through the same
  parametrized test in ``tests/test_hostile.py``.
* ``wrong_type_cases()``: every wrong type in every field, derived from the
  pydantic model in ``checker/model.py``, so a field added to the model is
  covered without a new corpus file.

Run as a script to write everything into a folder for a look:
``python tests/hostile/generate.py /tmp/hostile``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from checker.read.loader import Limits
from checker.read.model import Placeholder, Report, Unknown
from checker.read.validate import unwrap

HERE = Path(__file__).resolve().parent
BASE = (HERE / "corpus" / "base-clean.yaml").read_text(encoding="utf-8")
BASE_LINES = BASE.count("\n")
MIB = 1024 * 1024


@dataclass
class Generated:
    """A file written at test time, with what checking it must give."""

    name: str
    write: Callable[[Path], None]
    exit: int
    findings: list[list[Any]]
    about: str
    scope: str | None = None
    known_bug: str | None = None

    def expectation(self) -> dict[str, Any]:
        out: dict[str, Any] = {"about": self.about, "exit": self.exit, "findings": self.findings}
        if self.scope:
            out["scope"] = self.scope
        if self.known_bug:
            out["known_bug"] = self.known_bug
        return out


def _write_big(path: Path) -> None:
    """50 MB of report-shaped YAML, written in chunks."""
    chunk = ("övrigt: |\n" + "  Enheten redovisar ett överskott på 60 tkr.\n" * 20_000).encode()
    with path.open("wb") as fh:
        fh.write(BASE.encode())
        size = len(BASE.encode())
        while size < 50 * 1000 * 1000:
            fh.write(chunk)
            size += len(chunk)


def _write_just_over(path: Path) -> None:
    head = (BASE + "övrigt2: |\n").encode()
    line = b"  rad med text\n"
    body = line * ((Limits().max_bytes - len(head)) // len(line) + 1)
    path.write_bytes(head + body)
    assert path.stat().st_size > Limits().max_bytes


def _write_long_line(path: Path) -> None:
    text = BASE.replace(
        "övrigt: Inget övrigt att rapportera.",
        "övrigt: " + "Inget övrigt att rapportera. " * 100_000,
    )
    path.write_text(text, encoding="utf-8")


def _write_deep_indent(path: Path) -> None:
    path.write_text(
        "".join(" " * k + f"n{k}:\n" for k in range(2000)) + " " * 2000 + "slut\n", encoding="utf-8"
    )


def _write_many_nodes(path: Path) -> None:
    path.write_text("a: [" + "0," * (Limits().max_nodes + 10) + "0]\n", encoding="utf-8")


def _write_many_duplicates(path: Path) -> None:
    path.write_text("a: 1\n" * 400_000, encoding="utf-8")


def _write_many_tags(path: Path) -> None:
    path.write_text("".join(f"k{i}: !x a\n" for i in range(200_000)), encoding="utf-8")


def _write_many_unknown_keys(path: Path) -> None:
    path.write_text(BASE + "".join(f"okänd{i}: x\n" for i in range(20_000)), encoding="utf-8")


def _goals_with_bad_status(count: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        head = BASE.split("inriktningsmål:")[0]
        goals = "  - status: fel\n" * count
        path.write_text(head + "inriktningsmål:\n" + goals, encoding="utf-8")

    return write


_CAP = Limits().max_problems
GENERATED = [
    Generated(
        "big-50mb.yaml",
        _write_big,
        1,
        [["RK105", 1, "MiB"]],
        "A 50 MB file: refused after reading the first 4 MiB.",
    ),
    Generated(
        "just-over-size-limit.yaml",
        _write_just_over,
        1,
        [["RK105", 1, "MiB"]],
        "One line past the 4 MiB limit.",
    ),
    Generated(
        "long-line-3mb.yaml",
        _write_long_line,
        0,
        [],
        "A 2.9 MB line of text in one value, well within the limits.",
    ),
    Generated(
        "deep-block-indentation-2000.yaml",
        _write_deep_indent,
        1,
        [["RK105", 65, "nästlat"]],
        "2000 levels of block indentation (2 MB).",
    ),
    Generated(
        "many-nodes.yaml",
        _write_many_nodes,
        1,
        [["RK105", 1, "värden"]],
        "More values than the node limit, in one flow list.",
    ),
    Generated(
        "many-duplicate-keys.yaml",
        _write_many_duplicates,
        1,
        [["RK105", n] for n in range(2, _CAP + 2)] + [["RK105", _CAP + 1, "läsproblem"]],
        "400 000 duplicate keys: reading stops after the problem limit.",
    ),
    Generated(
        "many-bad-tags.yaml",
        _write_many_tags,
        1,
        [["RK105", n] for n in range(1, _CAP + 1)] + [["RK105", _CAP, "läsproblem"]],
        "200 000 unknown tags: reading stops after the problem limit.",
    ),
    Generated(
        "many-unknown-keys.yaml",
        _write_many_unknown_keys,
        1,
        [["RK104", BASE_LINES + n] for n in range(1, _CAP + 1)]
        + [["RK104", BASE_LINES + _CAP + 1, "schemafel"]],
        "20 000 unknown keys: the schema reports the first ones and stops.",
        scope="reader",
    ),
    Generated(
        "many-goal-findings.yaml",
        _goals_with_bad_status(2000),
        1,
        [],
        "2000 goals with an invalid status: 2000 findings, within the time guard.",
        scope="reader",
    ),
    Generated(
        "finding-flood.yaml",
        _goals_with_bad_status(16_000),
        1,
        [],
        "16 000 goals with an invalid status (48 000 values, within the node limit).",
        scope="reader",  # the RK201 cap is asserted in test_hostile.py
    ),
]


# -- every wrong type in every field -------------------------------------------------------

Kind = Literal["text", "value", "bool", "int", "literal", "labels", "models", "model", "section"]

# YAML for a value of each kind, and which kinds each field kind must refuse.
_WRONG_YAML = {
    "list": "[ett, två]",
    "mapping": "{a: 1}",
    "bool": "true",
    "number": "42",
    "float": "2024.5",
    "text": "fel text",
    "list-of-text": "[ett, två]",
}
_WRONG_FOR: dict[str, list[str]] = {
    "text": ["list", "mapping", "bool", "number"],
    "value": ["list", "mapping", "bool"],
    "bool": ["list", "mapping", "number", "text"],
    "int": ["list", "mapping", "bool", "text", "float"],
    "literal": ["list", "mapping", "bool", "number", "text"],
    "labels": ["list", "mapping", "bool", "number", "text"],
    "models": ["mapping", "bool", "number", "text", "list-of-text"],
    "model": ["list", "bool", "number", "text"],
    "section": ["list", "bool", "number"],
}


def _kind(annotation: Any, metadata: list[Any]) -> tuple[str, type[BaseModel] | None]:
    members = [m for m in unwrap(annotation) if m is not type(None)]
    if Unknown in members:  # a status or marker: as written, or {okänd: …}
        members = [m for m in members if m is not Unknown]
    if Placeholder in get_args(annotation):  # a bool that may also be "[fyll i: …]"
        members = [m for m in members if m is not str]
    if any(get_origin(m) is dict for m in members):
        return "labels", None
    for m in members:
        if get_origin(m) is list:
            item = next(a for a in unwrap(get_args(m)[0]) if a is not type(None))
            return "models", item
    models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
    if models:
        # A free-text section: a model that also takes plain text (BeforeValidator).
        return ("section" if metadata else "model"), models[0]
    if any(get_origin(m) is Literal for m in members):
        return "literal", None
    if members == [bool]:
        return "bool", None
    if members == [int]:
        return "int", None
    if members == [str]:
        return "text", None
    if set(members) == {int, float, str}:
        return "value", None
    raise AssertionError(f"a field type the generator does not know: {annotation!r}")


@dataclass
class FieldPath:
    model: type[BaseModel]
    alias: str
    kind: str
    chain: list[tuple[str, bool]] = field(default_factory=list)  # (key, is a list) above it


def model_fields() -> Iterator[FieldPath]:
    """Every field of every model class, each reached by its first path from Report."""
    seen: set[type[BaseModel]] = set()
    queue: list[tuple[type[BaseModel], list[tuple[str, bool]]]] = [(Report, [])]
    while queue:
        model, chain = queue.pop(0)
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            alias = info.alias or name
            kind, sub = _kind(info.annotation, info.metadata)
            yield FieldPath(model, alias, kind, chain)
            if sub is not None:
                queue.append((sub, [*chain, (alias, kind == "models")]))


def _document(chain: list[tuple[str, bool]], alias: str, value: str) -> tuple[str, int]:
    """A report that reaches ``alias`` through ``chain``; the text and the line of ``alias``."""
    lines = []
    if (chain[0][0] if chain else alias) != "rapport":
        lines += ["rapport:", "  typ: VB", "  år: 2024", "  enhet: Generatorn"]
    indent, dash = 0, False
    for key, is_list in chain:
        lines.append(" " * indent + ("- " if dash else "") + key + ":")
        indent += 4 if dash else 2
        dash = is_list
    lines.append(" " * indent + ("- " if dash else "") + f"{alias}: {value}")
    return "\n".join(lines) + "\n", len(lines)


@dataclass
class WrongType:
    name: str
    text: str
    line: int
    field: str


def wrong_type_cases() -> list[WrongType]:
    cases = []
    for fp in model_fields():
        for wrong in _WRONG_FOR[fp.kind]:
            text, line = _document(fp.chain, fp.alias, _WRONG_YAML[wrong])
            where = ".".join([k for k, _ in fp.chain] + [fp.alias])
            cases.append(
                WrongType(
                    f"{fp.model.__name__}.{fp.alias}--{wrong}.yaml",
                    text,
                    line,
                    f"{where} ({fp.kind}) given {wrong}",
                )
            )
    return cases


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for g in GENERATED:
        g.write(out / g.name)
    wrong = out / "wrong-types"
    wrong.mkdir(exist_ok=True)
    for case in wrong_type_cases():
        (wrong / case.name).write_text(case.text, encoding="utf-8")
    print(
        f"{len(GENERATED)} generated files and {len(wrong_type_cases())} wrong-type files in {out}"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "hostile-generated")
