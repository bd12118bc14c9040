"""A part of the report model read in place agrees with the model dumped to plain data.

The rules ask whether a section is empty on the model's part (``ReportContext.part``,
``presence.unfilled``) and read a value by path (``ReportContext.value``) without
dumping the whole model; both must answer exactly as the dump would, at every place
of every sample report, and at places the report does not have.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from checker.engine.context import ReportContext
from checker.engine.core import Engine
from checker.read.fastbase import make
from checker.read.fastmodel import Subsection, TextSection
from checker.read.loader import lookup, read_file
from checker.read.validate import build_model
from rules.presence import is_empty, not_applicable, unfilled
from tests.conftest import SAMPLES
from tests.test_fastmodel import _places

PATHS = sorted(p for p in SAMPLES.rglob("*.yaml"))


def _near(data: Any) -> Iterator[tuple[str | int, ...]]:
    """Every place in ``data``, and beside each a key and an index it does not have."""
    for place in _places(data):
        yield from (place, (*place, "ej_en_nyckel"), (*place, 99))


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_part_and_value_agree_with_the_dump(path: Any) -> None:
    doc = read_file(str(path))
    model = build_model(doc)
    if model is None:
        pytest.skip("no model: the rules do not run")
    ctx = ReportContext(doc.file, doc, model, Engine().refdata)
    dumped = model.dump()
    missing = object()
    places = list(_near(dumped)) + list(_near(doc.data))
    assert len(places) > 20
    for place in places:
        expected = lookup(dumped, place, missing)
        assert ctx.value(place, missing) == expected, place
        if expected is missing:
            assert ctx.part(place, missing) is missing, place
            continue
        want = is_empty(expected) and not not_applicable(expected)
        assert unfilled(ctx.part(place)) is want, place


def test_unfilled_judges_a_part_as_its_dump() -> None:
    # A heading alone is no content; "ej tillämpligt" with a reason is filled in its own
    # way, a blank one is not; text below a heading is content.
    assert unfilled(make(Subsection, {"rubrik": "Rubrik"}))
    assert unfilled(make(TextSection, {"avsnitt": [{"rubrik": "Rubrik", "text": " "}]}))
    assert not unfilled(make(TextSection, {"avsnitt": [{"rubrik": "Rubrik", "text": "Ja."}]}))
    assert not unfilled(make(TextSection, {"ej_tillämpligt": "Inga investeringar."}))
    assert unfilled(make(TextSection, {"ej_tillämpligt": "  "}))
    assert unfilled(None) and unfilled([]) and not unfilled(0)
