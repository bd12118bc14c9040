"""A place's label from its parent's (``Labeller``) is the label walked from the root."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from checker.read.labels import Labeller, label
from checker.read.loader import read_bytes
from tests.conftest import ROOT

SAMPLES = sorted((ROOT / "sample_reports").rglob("*.yaml"))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_labeller_gives_the_label_of_every_place_in_any_order(sample: Path) -> None:
    doc = read_bytes(sample.read_bytes(), sample.name)
    assert doc.readable
    paths = list(doc.positions)
    # Places a rule may name that the report does not hold: a field below each value,
    # a row past the end, and a key below a KF level (its label takes it as the goal).
    paths += [(*p, "okänt_fält") for p in list(doc.positions)]
    paths += [(*p, 99) for p in list(doc.positions)[:40]]
    paths += [("inriktningsmål", "x"), ("inriktningsmål", 0, "verksamhetsområdesmål", "x")]
    # A list item below any place, one the report holds and one past the end: its label
    # comes from its list's holder, but below a KF level or a committee goal.
    items = ("aktiviteter", "enhetsmål", "avdelningsmål", "nämndmål", "indikatorer", "från_vem")
    paths += [(*p, key, i) for p in list(doc.positions)[:60] for key in items for i in (0, 99)]
    paths += [("nämndmål", 0, "enhetsmål", 0), ("inriktningsmål", "aktiviteter", 0)]
    for seed in range(2):
        random.Random(seed).shuffle(paths)
        labeller = Labeller(doc.data)
        for path in paths:
            assert labeller(path) == label(doc.data, path), path
