"""Every field of the model is known to the importer, the emitter and the renderer.

The model (``checker.read.model``) is the format. The importer, its emitter and
the renderer each keep what they need of it, partly from ``checker.fields``;
these tests walk the model's fields (pydantic's ``model_fields``, through every
nested model) and fail when a side does not know one:

- the emitter: the key has a place in ``emit.ORDER`` for its mapping's kind;
- the importer: a goal section is one its vocabulary fills at the goal's level
  and reads under a heading; any other key is one the importer's reading
  modules write (a constant of their code or of the vocabulary);
- the renderer: in a report that has every field, removing the field changes
  the document it builds (at one place at least).

Each check is a function returning what is missing, and each is shown to
report the fields that a list missing one name leaves out. The fields a side
leaves out on purpose, or not yet, are named with the reason below.
"""

from __future__ import annotations

import ast
import copy
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import pytest
from pydantic import BaseModel

from checker import fields
from checker.importer import emit, vocab
from checker.read import model
from checker.render import build_document
from checker.render import document as render_document

# The goal models by the level names of the importer's vocabulary.
GOAL_LEVELS: dict[type[BaseModel], str] = {
    model.DirectionGoal: "direction",
    model.AreaGoal: "area",
    model.CommitteeGoal: "committee",
    model.DepartmentGoal: "department",
    model.UnitGoal: "unit",
}
# The importer's modules that read no export (the emitter orders the YAML, fidelity scores
# it): the keys they name are not keys the importer fills.
NOT_READING = {"emit.py", "fidelity.py"}

# Fields a side leaves out, with the reason.
IMPORTER_LEAVES_OUT = {
    "Header.dokumenttyp": "derived from nämnd and dnr; a document has no line for it",
    "Indicator.förklaring": "the renderer writes it as a note row the importer does not read back",
}
RENDERER_LEAVES_OUT = {
    "Header.dokumenttyp": "the document's kind is taken from dnr",
    "UnplacedText.rader": "the document says where the text stood by page and line",
    "UnplacedText.avsnitt": "the document says where the text stood by page and line",
}


@dataclass(frozen=True)
class Field:
    owner: type[BaseModel]
    alias: str
    annotation: Any

    @property
    def name(self) -> str:
        return f"{self.owner.__name__}.{self.alias}"


def _members(annotation: Any) -> list[Any]:
    """The types an annotation allows, through Annotated and unions."""
    if get_origin(annotation) is typing.Annotated:
        return _members(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        return [m for arg in get_args(annotation) for m in _members(arg)]
    return [annotation]


def nested_models(annotation: Any) -> list[tuple[type[BaseModel], bool]]:
    """The models a field holds, each with whether it holds a list of them."""
    out: list[tuple[type[BaseModel], bool]] = []
    for member in _members(annotation):
        if isinstance(member, type) and issubclass(member, BaseModel):
            out.append((member, False))
        elif get_origin(member) is list:
            out += [(m, True) for m, _ in nested_models(get_args(member)[0])]
    return out


def literal_keys(annotation: Any) -> tuple[str, ...]:
    """The keys of a ``dict[Literal[...], ...]`` field (the complaint groups' labels)."""
    for member in _members(annotation):
        if get_origin(member) is dict:
            key = get_args(member)[0]
            if get_origin(key) is Literal:
                return tuple(str(k) for k in get_args(key))
    return ()


def model_fields(root: type[BaseModel] = model.Report) -> Iterator[Field]:
    """Every field of every model reachable from ``root``, once per model."""
    seen: set[type[BaseModel]] = set()
    todo = [root]
    while todo:
        owner = todo.pop(0)
        if owner in seen:
            continue
        seen.add(owner)
        for info in owner.model_fields.values():
            assert info.alias, f"{owner.__name__} has a field without its YAML key"
            yield Field(owner, info.alias, info.annotation)
            todo += [m for m, _ in nested_models(info.annotation)]


# ------------------------------------------------------------------ emitter


def unknown_to_emitter(
    order: dict[str, tuple[str, ...]] | None = None,
    child_kind: dict[tuple[str, str], str] | None = None,
) -> list[str]:
    """Fields without a place in the emitter's order for the kind it gives their mapping."""
    order = emit.ORDER if order is None else order
    child_kind = emit.CHILD_KIND if child_kind is None else child_kind
    missing: list[str] = []
    seen: set[tuple[type[BaseModel], str]] = set()
    todo: list[tuple[type[BaseModel], str]] = [(model.Report, "report")]
    while todo:
        owner, kind = todo.pop()
        if (owner, kind) in seen or len(owner.model_fields) == 1:
            continue  # a mapping of one key ({okänd: …}) needs no order
        seen.add((owner, kind))
        for info in owner.model_fields.values():
            alias = str(info.alias)
            if alias not in order.get(kind, ()):
                missing.append(f"{owner.__name__}.{alias} ({kind})")
            child = child_kind.get((kind, alias), "section")
            todo += [(m, child) for m, _ in nested_models(info.annotation)]
            missing += [
                f"{owner.__name__}.{alias}.{key} ({child})"
                for key in literal_keys(info.annotation)
                if key not in order.get(child, ())
            ]
    return sorted(set(missing))


def test_the_emitter_orders_every_field() -> None:
    assert unknown_to_emitter() == []


def test_a_field_missing_from_the_emitters_order_is_reported() -> None:
    order = dict(emit.ORDER)
    order["goal"] = tuple(k for k in order["goal"] if k != "utveckling")
    order["groups"] = tuple(k for k in order["groups"] if k != "lex")
    assert unknown_to_emitter(order) == [
        "Complaints.grupprubriker.lex (groups)",
        "DepartmentGoal.utveckling (goal)",
        "UnitGoal.utveckling (goal)",
    ]


# ----------------------------------------------------------------- importer


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _strings(item)


def importer_keys() -> set[str]:
    """The keys the importer can write: its reading modules' constants and vocabulary."""
    keys = {s for value in vars(vocab).values() for s in _strings(value)}
    for path in Path(vocab.__file__).parent.glob("*.py"):
        if path.name not in NOT_READING:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            keys |= {
                n.value
                for n in ast.walk(tree)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)
            }
    return keys


def unknown_to_importer(
    goal_fields: dict[str, tuple[str, ...]] | None = None,
    headings: dict[str, str] | None = None,
    keys: set[str] | None = None,
) -> list[str]:
    """Fields the importer's vocabulary does not fill."""
    goal_fields = vocab.GOAL_FIELDS if goal_fields is None else goal_fields
    headings = vocab.GOAL_FIELD_HEADINGS if headings is None else headings
    keys = importer_keys() if keys is None else keys
    missing: list[str] = []
    for field in model_fields():
        if field.owner in GOAL_LEVELS and field.alias in fields.GOAL_SECTIONS:
            level = GOAL_LEVELS[field.owner]
            if field.alias not in goal_fields.get(level, ()):
                missing.append(f"{field.name} (not a {level} goal's field)")
            if field.alias not in headings.values():
                missing.append(f"{field.name} (no heading)")
        elif field.alias not in keys and field.name not in IMPORTER_LEAVES_OUT:
            missing.append(field.name)
    return sorted(missing)


def test_the_importer_knows_every_field() -> None:
    assert unknown_to_importer() == []


def test_a_field_missing_from_the_importers_vocabulary_is_reported() -> None:
    goal_fields = dict(vocab.GOAL_FIELDS)
    goal_fields["unit"] = tuple(k for k in goal_fields["unit"] if k != "utveckling")
    headings = {h: k for h, k in vocab.GOAL_FIELD_HEADINGS.items() if k != "beskrivning"}
    keys = importer_keys() - {"periodicitet"}
    assert unknown_to_importer(goal_fields, headings, keys) == [
        "CommitteeGoal.beskrivning (no heading)",
        "DepartmentGoal.beskrivning (no heading)",
        "Indicator.periodicitet",
        "UnitGoal.utveckling (not a unit goal's field)",
    ]


def test_the_importer_reads_the_templates_complaints_table() -> None:
    """The headings the renderer writes are the ones the importer's patterns read."""
    for key, heading in fields.COMPLAINT_COLUMN_HEADINGS.items():
        assert vocab.match_column(heading, vocab.COMPLAINT_COLUMNS) == key
    for key, label in fields.COMPLAINT_GROUP_LABELS.items():
        assert vocab.match_column(label, vocab.COMPLAINT_GROUPS) == key
    row = {str(info.alias) for info in model.ComplaintRow.model_fields.values()}
    assert row == set(fields.COMPLAINT_COLUMN_HEADINGS) - {"grupp"}


def test_each_goal_level_holds_the_sections_the_format_names() -> None:
    levels = {
        "committee": fields.COMMITTEE_GOAL_SECTIONS,
        "department": fields.DEPARTMENT_GOAL_SECTIONS,
        "unit": fields.UNIT_GOAL_SECTIONS,
    }
    for goal, level in GOAL_LEVELS.items():
        aliases = {str(info.alias) for info in goal.model_fields.values()}
        assert aliases & set(fields.GOAL_SECTIONS) == set(levels.get(level, ())), level


# ----------------------------------------------------------------- renderer

# Values the document shows as such; every other text field gets a text of its own.
_VALUES: dict[str, Any] = {
    "Header.typ": "VB",
    "Header.år": 2024,
    "Header.dokumenttyp": "tjänsteutlåtande",
    "Header.dnr": "HÅ 2024/1",
    "Header.datum": "2024-03-01",
    "DirectionGoal.nummer": 1,
    "AreaGoal.nummer": "1.1",
    "Activity.status": "klar",
    "Activity.startdatum": "2024-01-01",
    "Activity.slutdatum": "2024-12-31",
    "Indicator.könsuppdelad": True,
    "UnplacedText.rad": 3,
    "UnplacedText.till_rad": 4,
    "UnplacedText.sida": 1,
    "UnplacedText.rader": 2,
}
_OMIT = object()


def full_report() -> tuple[dict[str, Any], dict[int, type[BaseModel]]]:
    """A report with every field of the model filled, and each mapping's model by id."""
    owners: dict[int, type[BaseModel]] = {}
    count = 0

    def value(field: Field, stack: tuple[type[BaseModel], ...]) -> Any:
        nonlocal count
        if field.name in _VALUES:
            return _VALUES[field.name]
        if field.alias == "status":
            return "Uppfylls helt"
        if keys := literal_keys(field.annotation):
            return {key: f"Rubrik {key}" for key in keys}
        inner = [(m, many) for m, many in nested_models(field.annotation) if m is not model.Unknown]
        if inner:
            if stack.count(inner[0][0]) > 1:
                return _OMIT  # sub-headings two levels deep are enough
            built = mapping(inner[0][0], (*stack, inner[0][0]))
            return [built] if inner[0][1] else built
        count += 1
        return f"Text {count}"

    def mapping(owner: type[BaseModel], stack: tuple[type[BaseModel], ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for info in owner.model_fields.values():
            filled = value(Field(owner, str(info.alias), info.annotation), stack)
            if filled is not _OMIT:
                out[str(info.alias)] = filled
        owners[id(out)] = owner
        return out

    report = mapping(model.Report, (model.Report,))
    return report, owners


def _places(
    node: Any, owners: dict[int, type[BaseModel]], path: tuple[Any, ...] = (), name: str = ""
) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every key's path in a report, with its field's name (a group label's: its field's)."""
    if isinstance(node, dict):
        owner = owners.get(id(node))
        for key, child in node.items():
            here = f"{owner.__name__}.{key}" if owner else f"{name}.{key}"
            yield (*path, key), here
            yield from _places(child, owners, (*path, key), here)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _places(child, owners, (*path, index), name)


def unseen_by_renderer() -> set[str]:
    """Fields whose removal, wherever the report has them, leaves its document as it was."""
    report, owners = full_report()
    model.Report.model_validate(report)  # the report is one the checker accepts
    whole = build_document(report)
    unseen: set[str] = set()
    shown: set[str] = set()
    for path, name in _places(report, owners):
        if name in shown:
            continue
        smaller = copy.deepcopy(report)
        node = smaller
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]
        (unseen if build_document(smaller) == whole else shown).add(name)
    return unseen - shown


def unknown_to_renderer() -> list[str]:
    return sorted(unseen_by_renderer() - set(RENDERER_LEAVES_OUT))


def test_every_model_field_is_filled_in_the_full_report() -> None:
    report, owners = full_report()
    filled = {name for _, name in _places(report, owners) if name.count(".") == 1}
    assert {f.name for f in model_fields() if f.owner is not model.Unknown} == filled


def test_the_renderer_shows_every_field() -> None:
    assert unknown_to_renderer() == []


def test_a_field_the_renderer_leaves_out_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_document, "COMMITTEE_GOAL_SECTIONS", ("beskrivning",))
    monkeypatch.setattr(render_document, "_COMPLAINT_CELLS", ("t1", "t2", "vb", "totalt"))
    assert unknown_to_renderer() == [
        "CommitteeGoal.förväntat_resultat",
        "ComplaintRow.sammanfattning",
    ]


def test_each_named_exception_is_still_one() -> None:
    """A field a side has learnt to handle leaves its list of exceptions."""
    assert set(RENDERER_LEAVES_OUT) <= unseen_by_renderer()
    keys = importer_keys()
    names = {f.name: f.alias for f in model_fields()}
    assert all(names[name] not in keys for name in IMPORTER_LEAVES_OUT)
