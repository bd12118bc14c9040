"""The generated validator (``checker/read/fastmodel.py``) agrees with the pydantic model.

A one-file check validates a plainly valid report with the generated module and never
imports pydantic for it; pydantic judges any other report. So the generated module must
be current (regenerated here and compared with the committed file), and on every sample,
fixture and hundreds of seeded mutations of them give pydantic's verdict and, when valid,
pydantic's values with their types; and a check must give the same findings either way.
"""

from __future__ import annotations

import copy
import math
import operator
import random
from collections.abc import Iterator
from typing import Annotated, Any

import pytest
import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from checker.engine.core import Engine
from checker.read import fastmodel, gen, validate
from checker.read.loader import read_bytes, read_file
from checker.read.model import Report
from tests.conftest import ROOT, SAMPLES

FIXTURE_DIRS = (SAMPLES, ROOT / "tests")


def _reports() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for folder in FIXTURE_DIRS:
        for path in sorted(folder.rglob("*.yaml")) + sorted(folder.rglob("*.yml")):
            if path.stat().st_size > 2_000_000:
                continue
            doc = read_file(str(path))
            if isinstance(doc.data, dict):
                out.append((path.relative_to(ROOT).as_posix(), doc.data))
    return out


REPORTS = _reports()


def typed(value: Any) -> Any:
    """A value with the type of every part, so that 1 and 1.0 and True differ."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def verdicts(data: Any) -> tuple[Any, Any]:
    """(generated, pydantic): each the typed dump of the report, or "invalid"."""
    built = fastmodel.build(copy.deepcopy(data))
    fast = "invalid" if built is None else typed(built.dump())
    try:
        model = Report.model_validate(copy.deepcopy(data))
    except ValidationError:
        return fast, "invalid"
    slow = typed(model.model_dump(by_alias=True, exclude_none=True))
    # The pydantic path hands the rules the same classes, with the same values.
    assert typed(fastmodel.from_model(model).dump()) == slow
    return fast, slow


def test_the_generated_module_is_current() -> None:
    committed = (ROOT / "checker" / "read" / "fastmodel.py").read_text(encoding="utf-8")
    assert gen.source() == committed, "run: python -m checker.read.gen"
    assert gen.main(["--check"]) == 0


def test_there_are_samples_and_fixtures_to_compare() -> None:
    names = [name for name, _ in REPORTS]
    assert sum(n.startswith("sample_reports/") for n in names) >= 10
    assert sum(n.startswith("tests/") for n in names) >= 10
    assert any(verdicts(data)[1] == "invalid" for _, data in REPORTS)


@pytest.mark.parametrize("name", [name for name, _ in REPORTS])
def test_every_sample_and_fixture_gets_pydantics_verdict(name: str) -> None:
    data = dict(REPORTS)[name]
    fast, slow = verdicts(data)
    assert fast == slow


# -- mutations ---------------------------------------------------------------------------

# Values that the model takes in some places and refuses in others.
ODD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1999,
    2000,
    2100,
    2101,
    1.5,
    float("nan"),
    "",
    "text",
    "VP",
    "vp",
    "tjänsteutlåtande",
    "[fyll i: ja eller nej]",
    "[Fyll  I könsuppdelad?]",
    " [fyll i] ",
    "[fyll i]\n",
    "[fylli]",
    [],
    [None],
    ["a"],
    [{}],
    {},
    {"okänd": "ikonen saknas"},
    {"okänd": 1},
    {"okänd": "x", "extra": 1},
    {"text": "t"},
    {"lex": "Lex-rubrik"},
    {"beröm": 3},
]


def _places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _places(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _places(child, (*path, i))


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def mutate(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One to three seeded edits: wrong types, unknown or missing keys, nulls, lists for
    mappings and mappings for lists, anywhere in the tree."""
    out = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        places = list(_places(out))
        path = rng.choice(places)
        target = _at(out, path)
        op = rng.randrange(7)
        if op == 0 and path:  # any value replaced
            _at(out, path[:-1])[path[-1]] = copy.deepcopy(rng.choice(ODD_VALUES))
        elif op == 1 and isinstance(target, dict):  # an unknown key, or a misspelt one
            key = rng.choice([*target, "okänd_nyckel", "okänd", 7]) if target else "x"
            target[f"{key}x" if isinstance(key, str) and rng.random() < 0.5 else key] = 1
        elif op == 2 and isinstance(target, dict) and target:  # a key missing
            del target[rng.choice(list(target))]
        elif op == 3 and path:  # a list for a mapping, a mapping for a list
            parent = _at(out, path[:-1])
            parent[path[-1]] = [target] if isinstance(target, dict) else {"0": target}
        elif op == 4 and path:  # a value moved to another place of the report
            other = _at(out, rng.choice(places))
            _at(out, path[:-1])[path[-1]] = copy.deepcopy(other)
        elif op == 5 and isinstance(target, list):  # an item added or taken out
            if target and rng.random() < 0.5:
                target.pop(rng.randrange(len(target)))
            else:
                target.append(copy.deepcopy(rng.choice(target) if target else {}))
        elif op == 6 and path and isinstance(target, (str, int, float)):  # a near value
            near = {str: str.upper, int: (1).__add__, float: (10.0).__mul__, bool: operator.not_}
            _at(out, path[:-1])[path[-1]] = near[type(target)](target)
    return out


def _mutations(count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    bases = [data for _, data in REPORTS]
    return [mutate(rng.choice(bases), rng) for _ in range(count)]


MUTATIONS = _mutations(600, seed=26)


def _slots(data: Any) -> list[tuple[Any, ...]]:
    """One place per key under each parent key in the report (a field as the model has it)."""
    seen: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for path in _places(data):
        if path:
            seen.setdefault(_kind(path), path)
    return list(seen.values())


def _kind(path: tuple[Any, ...]) -> tuple[Any, ...]:
    keys = [p for p in path if isinstance(p, str)]
    return (*keys[-2:], isinstance(path[-1], int))


def test_every_field_of_a_full_report_takes_each_odd_value_as_pydantic_does() -> None:
    # Every field that some valid sample or fixture uses, under each parent it has there.
    slots: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for _, data in REPORTS:
        if verdicts(data)[1] != "invalid":
            for path in _slots(data):
                slots.setdefault(_kind(path), path)
    assert len(slots) >= 100
    mismatched = []
    for path in slots.values():
        for value in ODD_VALUES:
            # Only the keys on the way to the field (a whole report per value is slow).
            data = copy.deepcopy(value)
            for part in reversed(path):
                data = [data] if isinstance(part, int) else {part: data}
            fast, slow = verdicts(data)
            if fast != slow:
                mismatched.append((path, value))
    assert mismatched == []


@pytest.mark.parametrize(
    ("text", "valid", "plain"),
    [
        ("[fyll i: ja eller nej]", True, True),
        ("[Fyll  I: könsuppdelad?]", True, True),
        (" [fyll i]\n", True, True),
        ("[fyll\u00a0i]", True, True),  # a no-break space is whitespace to both
        ("[fyll\x1ci]", False, False),  # whitespace to Python only: left to pydantic
        ("[fyll i\u0301]", False, False),  # a mark is a word character to Rust only
        ("[fyll i\u00b2]", True, False),  # ² is a word character to Python only
        ("[fylli]", False, False),
        ("ja", False, False),
    ],
)
def test_a_placeholder_is_taken_only_where_pythons_and_pydantics_regex_agree(
    text: str, valid: bool, plain: bool
) -> None:
    data = {
        "inriktningsmål": [{"verksamhetsområdesmål": [{"indikatorer": [{"könsuppdelad": text}]}]}]
    }
    fast, slow = verdicts(data)
    assert (slow != "invalid", fast != "invalid") == (valid, plain)
    if plain:
        assert fast == slow


def test_mutated_reports_get_pydantics_verdict() -> None:
    got = [verdicts(data) for data in MUTATIONS]
    valid = sum(slow != "invalid" for _, slow in got)
    # Both kinds in numbers: the comparison means something either way.
    assert valid >= 100 and len(got) - valid >= 100
    mismatched = [i for i, (fast, slow) in enumerate(got) if fast != slow]
    assert mismatched == []


# -- findings ----------------------------------------------------------------------------


def _findings(engine: Engine, data: Any, name: str) -> list[Any]:
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
    return engine.check_bytes(raw, name).findings


def test_a_check_finds_the_same_with_or_without_the_generated_validator(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = Engine()
    cases = [data for _, data in REPORTS] + MUTATIONS[:100]
    plain = [_findings(engine, data, f"r{i}.yaml") for i, data in enumerate(cases)]
    monkeypatch.setattr(fastmodel, "build", lambda data: None)  # pydantic judges every one
    slow = [_findings(engine, data, f"r{i}.yaml") for i, data in enumerate(cases)]
    assert [i for i, (a, b) in enumerate(zip(plain, slow, strict=True)) if a != b] == []
    assert any(any(f.code == "RK104" for f in found) for found in slow)


# -- a report whose only faults are unknown keys ------------------------------------------


def _misspelt(key: str, rng: random.Random) -> str:
    """A key as a hand would misspell it: a letter left out, added or two swapped."""
    i = rng.randrange(len(key)) if key else 0
    op = rng.randrange(4)
    if op == 0 and len(key) > 1:
        return key[:i] + key[i + 1 :]
    if op == 1:
        return key[:i] + rng.choice("aeiosx") + key[i:]
    if op == 2 and i < len(key) - 2:
        return key[:i] + key[i + 1] + key[i] + key[i + 2 :]
    return key + rng.choice("xs_")


def with_unknown_keys(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One to four seeded keys no part takes, anywhere in the tree: a key misspelt in its
    place, a typo beside the key it means, a foreign key, a key that is not text (also in
    the mappings that may be a plain value instead: an unknown value's ``okänd``)."""
    out = copy.deepcopy(data)
    for _ in range(rng.randint(1, 4)):
        parts = [p for p in _places(out) if isinstance(_at(out, p), dict)]
        path = rng.choice(parts)
        part = _at(out, path)
        key = rng.choice([k for k in part if isinstance(k, str)] or ["x"])
        roll = rng.random()
        if roll < 0.6 and key in part:  # misspelt where it stands
            typo = _misspelt(key, rng)
            items = list(part.items())
            part.clear()
            part.update((typo if k == key else k, v) for k, v in items)
        elif roll < 0.75:  # a typo beside the key it means
            part[_misspelt(key, rng)] = copy.deepcopy(part.get(key))
        elif roll < 0.92:
            part[rng.choice(["okänd_nyckel", "x", "Rapport", "analys ", "status"])] = rng.choice(
                [1, "t", None, {"text": "a"}]
            )
        else:
            part[7] = 1
    return out


def _judged(data: dict[str, Any], pydantic_only: bool) -> tuple[Any, ...]:
    """What ``build_model`` makes of the report: its problems, model, data and positions;
    with ``pydantic_only``, as pydantic alone judges it."""
    doc = read_bytes(_raw(data), "r.yaml")
    with pytest.MonkeyPatch.context() as patch:
        if pydantic_only:
            patch.setattr(validate, "_typos_only", lambda doc: None)
        built = validate.build_model(doc)
    problems = [(p.code, p.message, p.line, p.column, p.path, p.suggestion) for p in doc.problems]
    return problems, None if built is None else built.dump(), doc.data, doc.positions


def test_a_report_whose_only_faults_are_unknown_keys_is_judged_as_pydantic_judges_it() -> None:
    rng = random.Random(15)
    bases = [data for _, data in REPORTS]
    cases = [with_unknown_keys(rng.choice(bases), rng) for _ in range(240)]
    # the way without pydantic taken for most, and not for all: both ways compared
    taken = sum(
        fastmodel.build(d) is None
        and validate._typos_only(read_bytes(_raw(d), "r.yaml")) is not None
        for d in cases
    )
    assert 100 <= taken < len(cases)
    mismatched = [i for i, d in enumerate(cases) if _judged(d, False) != _judged(d, True)]
    assert mismatched == []


def _raw(data: dict[str, Any]) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


# -- the generator refuses what it does not know -------------------------------------------


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=False, strict=True)


class _WithValidator(_Base):
    name: str | None = None

    @field_validator("name")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return value.upper() if value else value


class _WithLength(_Base):
    name: Annotated[str, StringConstraints(max_length=3)] | None = None


class _WithDefault(_Base):
    count: int = 3


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)

    name: str | None = None


class _Ambiguous(_Base):
    value: int | Annotated[int, Field(ge=3)] | None = None


class _BoundedNumber(_Base):
    # pydantic bounds the float too; the generator bounds whole numbers only.
    value: int | float | None = Field(default=None, ge=0)


class _Lowered(_Base):
    model_config = ConfigDict(str_to_lower=True)

    name: str | None = None


class _OtherName(_Base):
    name: str | None = Field(default=None, alias="namn", validation_alias="name")


class _RequiredOrNone(_Base):
    # pydantic requires the key; the generated table reads a missing key as None.
    name: str | None


class _OptionalNotNone(_Base):
    name: str = ""


@pytest.mark.parametrize(
    "model",
    [
        _WithValidator,
        _WithLength,
        _WithDefault,
        _Lenient,
        _Ambiguous,
        _BoundedNumber,
        _Lowered,
        _OtherName,
        _RequiredOrNone,
        _OptionalNotNone,
    ],
)
def test_the_generator_fails_on_what_it_does_not_know(model: type[BaseModel]) -> None:
    with pytest.raises(gen.GeneratorError):
        gen.source(model)


def test_a_plain_valid_report_is_built_without_pydantic_and_as_pydantic_builds_it() -> None:
    data = {
        "rapport": {"typ": "VB", "år": 2024, "enhet": "E"},
        "sammanfattande_analys": "Text.",
        "inriktningsmål": [
            {
                "nummer": 1,
                "status": {"okänd": "ikonen saknas"},
                "verksamhetsområdesmål": [
                    {"nummer": "1.1", "indikatorer": [{"könsuppdelad": True, "utfall": 9.5}]}
                ],
            }
        ],
    }
    built = fastmodel.build(data)
    assert built is not None and built.header is not None and built.goals is not None
    assert built.summary == fastmodel.build({"sammanfattande_analys": {"text": "Text."}}).summary  # type: ignore[union-attr]
    assert isinstance(built.goals[0].status, fastmodel.Unknown)
    assert built.dump() == Report.model_validate(data).model_dump(by_alias=True, exclude_none=True)
    assert fastmodel.build({**data, "Rapport": {}}) is None
    assert fastmodel.build({"rapport": {"år": True}}) is None
    # A required key missing (an unknown value's reason), or one a subclass only has.
    assert fastmodel.build({"inriktningsmål": [{"status": {}}]}) is None

    def nested(committee_goal: dict[str, object]) -> dict[str, object]:
        return {"inriktningsmål": [{"verksamhetsområdesmål": [{"nämndmål": [committee_goal]}]}]}

    assert fastmodel.build(nested({"enhetsmål": [{"enhetsmål": []}]})) is None
    department = fastmodel.build(nested({"avdelningsmål": [{"enhetsmål": [], "nummer": 2}]}))
    assert department is not None
    assert department.dump() == nested({"avdelningsmål": [{"enhetsmål": [], "nummer": 2}]})
