"""Table cells written ``{okänd: <the text>}``: what an import of text without columns could not
place. Every rule treats such a cell as written but not verifiable: RK107 names it, no rule
crashes on it, and no rule finds a fault that the report with its cells known does not have."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml

import checker.read.model as m
from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.findings import Finding
from checker.read.model import Unknown
from checker.run.batch import check_paths
from tests.rules import check

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_reports").rglob("*.yaml"))


def _cells(model: type[Any]) -> tuple[str, ...]:
    """The keys of a row whose cells the model lets an import leave unknown (the icons'
    fields, status and ♀, are RK107's too but not cells)."""
    return tuple(
        str(f.alias)
        for f in model.model_fields.values()
        if Unknown in get_args(f.annotation) and f.alias not in ("status", "könsuppdelad")
    )


# The cells an import may leave unknown, by the list that holds their rows.
INDICATOR_CELLS = _cells(m.Indicator)
ACTIVITY_CELLS = _cells(m.Activity)
COMPLAINT_CELLS = _cells(m.ComplaintRow)


def _rows(node: Any) -> Iterator[tuple[dict[str, Any], tuple[str, ...]]]:
    """Every indicator, activity and complaints row with the cells it may hold unknown."""
    if isinstance(node, list):
        for value in node:
            yield from _rows(value)
        return
    if not isinstance(node, dict):
        return
    for key, cells in (("indikatorer", INDICATOR_CELLS), ("aktiviteter", ACTIVITY_CELLS)):
        for row in node.get(key) or []:
            if isinstance(row, dict):
                yield row, cells
    complaints = node.get("klagomål")
    if isinstance(complaints, dict):
        for value in complaints.values():
            for row in value if isinstance(value, list) else [value]:
                if isinstance(row, dict) and "kategori" in row:
                    yield row, COMPLAINT_CELLS
    for value in node.values():
        yield from _rows(value)


def unknown_cells(data: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """A copy with every written cell of those kinds as {okänd: <its text>}, and their count."""
    out = copy.deepcopy(data)
    count = 0
    for row, cells in _rows(out):
        for cell in cells:
            value = row.get(cell)
            if value is not None and str(value).strip():
                row[cell] = {"okänd": str(value)}
                count += 1
    return out, count


def _findings(data: dict[str, Any], folder: Path, name: str) -> list[Finding]:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return check_paths(Engine(Settings()), [str(path)]).findings


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_unknown_cells_give_rk107_and_no_false_finding(sample: Path, tmp_path: Path) -> None:
    data = yaml.safe_load(sample.read_text(encoding="utf-8"))
    unknown, count = unknown_cells(data)
    assert count > 0, "the sample has no cell to make unknown"
    known = _findings(data, tmp_path, "known.yaml")
    found = _findings(unknown, tmp_path, "unknown.yaml")
    assert not [f for f in found if f.code == "RK000"], [f.message.sv for f in found]
    # every finding but RK107 is one the report with its cells known has, at the same place
    before = {(f.code, f.path) for f in known}
    new = [
        (f.code, f.path, f.message.sv)
        for f in found
        if f.code != "RK107" and (f.code, f.path) not in before
    ]
    assert not new, new
    rk107 = [f for f in found if f.code == "RK107"]
    cells = {f.path for f in rk107 if not f.path.endswith(("status", "könsuppdelad"))}
    assert cells, "no RK107 names an unknown cell"
    for finding in rk107:
        assert "{'okänd'" not in finding.message.sv and "Unknown(" not in finding.message.sv


REPORT = """
    rapport: {typ: VB, år: 2024, enhet: Enheten}
    inriktningsmål:
      - nummer: "1"
        verksamhetsområdesmål:
          - nummer: "1.1"
            indikatorer:
              - namn: Andel nöjda brukare
                könsuppdelad: true
                utfall: {okänd: "92 % 90 % 94 %"}
                utfall_män: {okänd: "92 % 90 % 94 %"}
                utfall_kvinnor: {okänd: "92 % 90 % 94 %"}
                årsmål: 90 %
                period: VB 2024
            aktiviteter:
              - aktivitet: {okänd: "Upprätta planer chefsbyte; klar i februari"}
                status: klar
                startdatum: 2024-01-01
                slutdatum: 2024-12-31
    kvalitetsarbete:
      klagomål:
        lex_sarah: {kategori: Lex Sarah, t1: {okänd: "1 1"}, t2: {okänd: "1 1"}, totalt: 2 st}
    """


def test_unknown_cells_are_named_by_rk107_at_their_lines() -> None:
    found = check(
        REPORT,
        expect=[("RK107", n) for n in (9, 10, 11, 15, 21, 21)],
        codes=["RK107", "RK301", "RK302", "RK303", "RK305", "RK401", "RK402"],
    )
    indicator = found[0].message.sv
    assert "92 % 90 % 94 %" in indicator and "utfall" in indicator, indicator
