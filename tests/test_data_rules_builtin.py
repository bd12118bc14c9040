"""Five built-in checks written as a rule file give the same findings as their Python rules.

``docs/regler/inbyggda.yaml`` expresses RK101, RK103 (type, year, unit), RK305,
RK401 and RK402 as data. On every report in ``sample_reports/`` and in
``tests/data_rules/inbyggda/`` (reports with these defects planted, so that
every pair has findings to agree on) each data rule must find exactly the
places its Python rule finds.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.run.batch import check_paths
from rules.data_rules import load_pack

from .conftest import ROOT, SAMPLES

RULE_FILE = ROOT / "docs" / "regler" / "inbyggda.yaml"
PLANTED = ROOT / "tests" / "data_rules" / "inbyggda"
PAIRS = {
    "RK101": ("IB101", "IB102", "IB103", "IB104", "IB105"),
    "RK103": ("IB201",),
    "RK305": ("IB301", "IB302"),
    "RK401": ("IB401", "IB402", "IB403"),
    "RK402": ("IB411", "IB412", "IB413"),
}
# RK103 also asks for date, author and case number by the header's kind; the data rule
# expresses the three fields every report must have.
ONLY = {"RK103": {"/rapport/typ", "/rapport/år", "/rapport/enhet"}}


@pytest.fixture(scope="module")
def places() -> dict[str, set[tuple[str, str]]]:
    pack = load_pack([str(RULE_FILE)])
    engine = Engine(Settings(plugins=[pack]))
    files = sorted(str(p) for p in [*SAMPLES.rglob("*.yaml"), *PLANTED.glob("*.yaml")])
    result = check_paths(engine, files)
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for f in result.findings:
        found[f.code].add((f.file, f.path))
    return found


@pytest.mark.parametrize("python", sorted(PAIRS))
def test_data_rules_find_what_the_python_rule_finds(
    places: dict[str, set[tuple[str, str]]], python: str
) -> None:
    expected = {p for p in places[python] if python not in ONLY or p[1] in ONLY[python]}
    got = set().union(*(places[code] for code in PAIRS[python]))
    assert expected, f"{python}: no finding on the samples to compare (plant one in {PLANTED})"
    assert got == expected


def test_the_planted_reports_are_reports_only_under_tests() -> None:
    assert PLANTED.is_dir() and not any(Path(SAMPLES).rglob("inbyggda*"))
