"""The configuration on the good path: checked from its plain declaration, without pydantic.

A configuration file gets the same ``Config`` (values, their types, the fields set) or
the same Swedish message with file and line, whether the plain check judges it or,
forced to decline, pydantic alone does.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from checker.engine import config as config_module
from checker.engine.config import Config
from checker.engine.plainmodel import Declined, PlainModel
from checker.engine.refdata import DataError

TYPICAL: dict[str, Any] = {
    "select": ["RK1", "RK2"],
    "extend-select": ["RK7"],
    "ignore": ["RK305"],
    "severity": {"RK301": "info", "RK2": "error"},
    "per-file-ignores": {"utkast/**": ["RK1"]},
    "fail-on": "warning",
    "lang": "en",
    "reference-data": "data",
    "jobs": 4,
    "exclude": ["build"],
    "extend-exclude": ["arkiv/**"],
    "rule-files": ["regler"],
}
# Values a TOML file can hold, each tried in every key: wrong types, bounds, lax inputs
# ("4" and 4.0 for a whole number, which pydantic's lax mode takes).
ODD: list[Any] = [
    "",
    "4",
    "error",
    "sv",
    "x" * 70,
    0,
    1,
    256,
    257,
    -1,
    4.0,
    2.5,
    True,
    [],
    ["RK1", 2],
    [True],
    {},
    {"RK1": "warning"},
    {"RK1": "fatal"},
    {"a": ["RK1"]},
    {"a": "RK1"},
]


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }"


def _write(path: Path, data: dict[str, Any]) -> None:
    lines = [f"{json.dumps(k)} = {_toml(v)}" for k, v in data.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _outcome(path: Path) -> Any:
    try:
        made = config_module.load(path)
    except DataError as exc:
        return ("error", exc.get("sv"), exc.get("en"))
    values = {
        n: (type(getattr(made, n)).__name__, getattr(made, n)) for n in Config.__plain_fields__
    }
    return ("config", sorted(made.model_fields_set), values)


def _decline(cls: Any, data: Any) -> Any:
    raise Declined


def _both(monkeypatch: pytest.MonkeyPatch, path: Path) -> tuple[Any, Any]:
    fast = _outcome(path)
    with monkeypatch.context() as m:
        m.setattr(PlainModel, "fast_validate", classmethod(_decline))
        slow = _outcome(path)
    return fast, slow


def test_a_typical_configuration_takes_the_plain_path(tmp_path: Path) -> None:
    path = tmp_path / "rapportkoll.toml"
    _write(path, TYPICAL)
    section = config_module._section(path)
    made = Config.fast_validate(section)  # no Declined: it plainly fits
    assert made.jobs == 4 and made.severity == {"RK301": "info", "RK2": "error"}
    assert made.model_fields_set == {n.replace("-", "_") for n in TYPICAL}


@pytest.mark.parametrize("key", [*TYPICAL, "selekt", "extend_select"])
def test_every_key_set_to_odd_values_gives_the_same_result_or_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    path = tmp_path / "rapportkoll.toml"
    errors = 0
    for value, keep in itertools.product(ODD, (True, False)):
        data = dict(TYPICAL) if keep else {}
        data[key] = value
        _write(path, data)
        fast, slow = _both(monkeypatch, path)
        assert fast == slow, (key, value)
        errors += fast[0] == "error"
    assert errors  # some of the values are wrong for every key


def test_a_wrong_value_is_named_with_file_line_and_what_to_write(tmp_path: Path) -> None:
    path = tmp_path / "rapportkoll.toml"
    _write(path, {**TYPICAL, "jobs": 0})
    with pytest.raises(DataError) as caught:
        config_module.load(path)
    line = 1 + list(TYPICAL).index("jobs")
    assert caught.value.get("sv") == f"{path}:{line}: fel i jobs: ska vara minst 1, inte 0"
