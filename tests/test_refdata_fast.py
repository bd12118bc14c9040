"""Reference data on the good path: checked from the plain declarations, without pydantic.

``PlainModel.fast_validate`` must agree with the same model in pydantic
(``pydantic_model()``): for any data it either gives what pydantic gives (values,
their types, the fields set) or declines, and then pydantic judges (and words the
error with file and line). The configuration is held to the same, in
tests/test_config_fast.py.
"""

from __future__ import annotations

import copy
import math
import re
from pathlib import Path
from typing import Annotated, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from checker.engine.core import Engine
from checker.engine.plainmodel import Declined, PlainModel
from checker.engine.refdata import SCHEMAS, DataError, load_file
from checker.read.loader import read_file

ENGINE = Engine()
FILES = {
    name: next(Path(d) / name for d in ENGINE.data_dirs if (Path(d) / name).exists())
    for name in SCHEMAS
}
DATA = {name: read_file(str(path)).data for name, path in FILES.items()}


def state(value: Any) -> Any:
    """Everything a rule could see of a value: types, values, and each model's fields set."""
    if isinstance(value, (BaseModel, PlainModel)):
        fields = type(value).__plain_fields__ if isinstance(value, PlainModel) else value
        return (
            type(value).__name__,
            sorted(value.model_fields_set),
            {name: state(getattr(value, name)) for name, _ in dict(fields).items()},
        )
    if isinstance(value, list):
        return ["list", *(state(v) for v in value)]
    if isinstance(value, dict):
        return {"dict": {k: state(v) for k, v in value.items()}}
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def verdicts(name: str, data: Any) -> tuple[Any, Any]:
    """(fast, pydantic): each a state, or "declined" / "invalid"."""
    model = SCHEMAS[name]
    try:
        fast = state(model.fast_validate(copy.deepcopy(data)))
    except Declined:
        fast = "declined"
    try:
        slow = state(model.pydantic_model().model_validate(copy.deepcopy(data)))
    except ValidationError:
        slow = "invalid"
    return fast, slow


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_shipped_file_takes_the_fast_path_with_pydantics_result(name: str) -> None:
    fast, slow = verdicts(name, DATA[name])
    assert fast != "declined"
    assert fast == slow
    assert state(ENGINE.refdata.get(name)) == slow


# Values a YAML file can hold, for a mutation of a shipped file.
YAML_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=4),
    st.just("(unclosed"),  # a pattern that does not compile (text_signals' placeholders)
    st.lists(st.one_of(st.text(max_size=3), st.integers(0, 2)), max_size=3),
    st.dictionaries(
        st.one_of(st.text(max_size=3), st.integers(0, 2)), st.text(max_size=3), max_size=2
    ),
)


def _mutated(name: str, pick: int, how: str, value: Any) -> Any:
    """A shipped file's data with one place replaced, deleted or added to."""
    data = copy.deepcopy(DATA[name])
    places = [p for p in _places(data) if p]
    path = places[pick % len(places)]
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if how == "replace":
        parent[last] = value
    elif how == "delete":
        del parent[last]
    elif isinstance(parent, dict):
        parent[f"{last}_extra"] = value
    else:
        parent.append(value)
    return data


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _places(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _places(v, (*path, i))
    return out


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(sorted(SCHEMAS)),
    pick=st.integers(min_value=0),
    how=st.sampled_from(["replace", "delete", "add"]),
    value=YAML_VALUES,
)
def test_a_mutated_file_gets_pydantics_verdict_or_is_declined(
    name: str, pick: int, how: str, value: Any
) -> None:
    fast, slow = verdicts(name, _mutated(name, pick, how, value))
    assert fast in ("declined", slow)
    if slow == "invalid":
        assert fast == "declined"


def test_an_error_still_names_file_line_and_key(tmp_path: Path) -> None:
    source = FILES["budget.yaml"].read_text(encoding="utf-8")
    key = "avvikelse_tolerans_tkr"
    line = next(i for i, text in enumerate(source.splitlines(), 1) if text.startswith(key))
    bad = tmp_path / "budget.yaml"
    bad.write_text(re.sub(rf"(?m)^{key}:.*$", f"{key}: mycket", source), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_file(bad, SCHEMAS["budget.yaml"])
    assert str(caught.value).startswith(f"{bad}:{line}:")
    assert key in str(caught.value)


def test_a_models_own_validator_runs_on_the_fast_path() -> None:
    data = copy.deepcopy(DATA["text_signals.yaml"])
    data["platshållare"][0]["mönster"] = "(unclosed"
    assert verdicts("text_signals.yaml", data) == ("declined", "invalid")


def test_a_declaration_the_fast_check_does_not_know_goes_to_pydantic() -> None:
    from checker.engine.refdata import DataModel, Field, field_validator

    class Bounded(DataModel):
        count: int = Field(ge=0)

    class EveryField(DataModel):
        name: str

        @field_validator("*")
        @classmethod
        def _no_blank(cls, value: str) -> str:
            if not value.strip():
                raise ValueError("tom")
            return value

    class Either(DataModel):
        value: int | str

    for model, data in ((Bounded, {"count": -1}), (EveryField, {"name": " "})):
        with pytest.raises(Declined):
            model.fast_validate(data)
        with pytest.raises(ValidationError):
            model.model_validate(data)
    assert Bounded.fast_validate({"count": 0}).count == 0
    with pytest.raises(Declined):
        Either.fast_validate({"value": 1})
    made = Either.model_validate({"value": 1})  # pydantic's result, in the plain class
    assert type(made) is Either and made.value == 1 and made.model_fields_set == {"value"}


def _forced(monkeypatch: pytest.MonkeyPatch, path: Path, model: Any) -> Any:
    """What ``load_file`` gives with the plain check, and with pydantic alone."""

    def outcome() -> Any:
        try:
            return state(load_file(path, model))
        except DataError as exc:
            return str(exc)

    fast = outcome()
    with monkeypatch.context() as m:
        m.setattr(PlainModel, "fast_validate", classmethod(_decline))
        slow = outcome()
    return fast, slow


def _decline(cls: Any, data: Any) -> Any:
    raise Declined


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(sorted(SCHEMAS)),
    pick=st.integers(min_value=0),
    value=YAML_VALUES,
)
def test_a_file_gets_the_same_result_or_message_with_and_without_the_plain_check(
    tmp_path_factory: pytest.TempPathFactory, name: str, pick: int, value: Any
) -> None:
    import yaml

    monkeypatch = pytest.MonkeyPatch()
    # a third of the files stay valid
    data = _mutated(name, pick, "replace", value) if pick % 3 else DATA[name]
    target = tmp_path_factory.mktemp("data") / name
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    fast, slow = _forced(monkeypatch, target, SCHEMAS[name])
    assert fast == slow


def _declared_models(base: type[PlainModel]) -> set[type[PlainModel]]:
    found = set(base.__subclasses__())
    for cls in list(found):
        found |= _declared_models(cls)
    return found


def test_the_field_types_are_get_type_hints_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan reads each field's type without typing.get_type_hints, with its result."""
    import typing

    from checker.engine import config, plainmodel

    models = _declared_models(PlainModel)
    assert config.Config in models and all(m in models for m in SCHEMAS.values())
    expected = {
        cls: {k: v for k, v in typing.get_type_hints(cls).items() if k in cls.__plain_fields__}
        for cls in models
    }

    class Noted(PlainModel):  # Annotated (stripped by get_type_hints): left to it
        n: Annotated[int, "a note"] = 0

    assert plainmodel._field_types(Noted)["n"] is int

    def refused(*_: Any, **__: Any) -> Any:
        raise AssertionError("get_type_hints called")

    monkeypatch.setattr(plainmodel.typing, "get_type_hints", refused)
    for cls in models:
        assert plainmodel._field_types(cls) == expected[cls], cls
