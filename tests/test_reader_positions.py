"""Where each value stands: told by the reader's one table of spans, with a mark only where
no span tells (a mapping or list in a list, an alias, an alias used as a key).

``Document.position`` reads the table as it is; ``Document.positions`` makes the whole
dict. Both must give every path the same place, before and after the dict is made.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.read.loader import Document, read_file, read_text

CLEAN = Path(__file__).resolve().parent.parent / "sample_reports" / "clean"

ODD = """\
rapport:
  typ: &t VB
  enhet: *t
  enhet: Annan
*t : aliaset som nyckel
ja: 1
lista:
  - 1
  - [2, 3]
  - {a: b}
  - &n 4
  - *n
  - namn: x
    värde: !!int 5
"""


def _places_agree(fresh: Document, made: Document) -> None:
    """``fresh.position`` (the table) equals ``made.positions`` (the dict) on every path."""
    positions = made.positions
    assert positions
    for path, pos in positions.items():
        assert fresh.position(path) == pos, path


def test_odd_values_stand_where_written() -> None:
    doc = read_text(ODD, "x.yaml")
    assert doc.position(("rapport", "enhet")) == (4, 3)  # the duplicate key that counts
    assert doc.position(("VB",)) == (5, 1)  # a value under an alias used as its key
    assert doc.position(("lista", 1)) == (9, 5)  # a list in a list: its bracket
    assert doc.position(("lista", 2, "a")) == (10, 6)
    assert doc.position(("lista", 4)) == (12, 5)  # an alias in a list
    assert doc.position(("lista", 5)) == (13, 5)  # a mapping in a list: its first key
    assert doc.position(("lista", 5, "värde")) == (14, 5)
    assert doc.position(("lista", 5, "saknas")) == (13, 5)  # the nearest that exists
    _places_agree(read_text(ODD, "x.yaml"), doc)
    assert doc.position(("VB",)) == (5, 1)  # the same once the dict is made


@pytest.mark.parametrize("text", [ODD, "- a\n- [b]\n", "[1, {a: 2}]\n", "a: {b: 1}\na: {b: 2}\n"])
def test_the_table_and_the_dict_agree(text: str) -> None:
    _places_agree(read_text(text, "x.yaml"), read_text(text, "x.yaml"))


def test_the_table_and_the_dict_agree_on_the_samples() -> None:
    paths = sorted(CLEAN.glob("*.yaml"))
    assert paths
    for path in paths:
        _places_agree(read_file(str(path)), read_file(str(path)))


def test_positions_added_are_kept() -> None:
    """A misspelt key's value, given to the key it meant, takes its places along."""
    doc = read_text("a:\n  b: 1\n", "x.yaml")
    doc.positions.setdefault(("c", "b"), doc.positions[("a", "b")])
    assert doc.position(("c", "b")) == (2, 3)
