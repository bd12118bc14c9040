"""Reference data on the good path: checked against the models without building them.

``checker.engine.refdata._fast_validate`` must agree with pydantic: for any data it
either gives what ``model_validate`` gives (values, their types, the fields set) or
declines, and then pydantic judges (and words the error with file and line).
"""

from __future__ import annotations

import copy
import math
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from checker.engine.core import Engine
from checker.engine.refdata import SCHEMAS, DataError, _fast_validate, _Mismatch, load_file
from checker.read.loader import read_file

ENGINE = Engine()
FILES = {
    name: next(Path(d) / name for d in ENGINE.data_dirs if (Path(d) / name).exists())
    for name in SCHEMAS
}
DATA = {name: read_file(str(path)).data for name, path in FILES.items()}


def state(value: Any) -> Any:
    """Everything a rule could see of a value: types, values, and each model's fields set."""
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        return (
            type(value).__name__,
            sorted(value.model_fields_set),
            {name: state(getattr(value, name)) for name in fields},
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
        fast = state(_fast_validate(model, copy.deepcopy(data)))
    except _Mismatch:
        fast = "declined"
    try:
        slow = state(model.model_validate(copy.deepcopy(data)))
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
    fast, slow = verdicts(name, data)
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
    from pydantic import Field, field_validator

    from checker.engine.refdata import DataModel

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

    for model, data in (
        (Bounded, {"count": -1}),
        (EveryField, {"name": " "}),
        (Either, {"value": 1}),
    ):
        with pytest.raises(_Mismatch):
            _fast_validate(model, data)
