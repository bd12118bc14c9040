"""The reader leaves no reference cycles: a read document is freed as soon as it is dropped.

A cycle (say, between the per-event loop's state and its ``place`` closure) would leave
every document's values to the cyclic garbage collector, which measured a quarter slower
over a corpus, and more the more documents a run holds.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.read.loader import read_file, read_text

CLEAN = Path(__file__).resolve().parent.parent / "sample_reports" / "clean"

# Every rarer step of the loop: an anchor and alias, a tag, a duplicate and a converted
# key, a list of scalars and of mappings, a flow collection, and a second document.
ODD = """\
rapport:
  typ: &t VB
  år: !!int 2023
  enhet: *t
  enhet: Annan
ja: 1
lista: [1, 2, {a: b}]
mål:
  - namn: x
  - namn: y
---
b: 2
"""


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.mark.parametrize("text", [ODD, "a: *nowhere\n", "- 1\n- [2, 3]\n", "a: !x 1\n"])
def test_reading_text_leaves_no_cycles(collector_off: None, text: str) -> None:
    doc = read_text(text, "x.yaml")
    assert doc.problems or doc.data  # it was read, not skipped
    del doc
    assert gc.collect() == 0


def test_reading_sample_reports_leaves_no_cycles(collector_off: None) -> None:
    paths = sorted(CLEAN.glob("*.yaml"))
    assert paths
    for path in paths:
        doc = read_file(str(path))
        assert doc.readable and doc.events, path
        del doc
        assert gc.collect() == 0, path
