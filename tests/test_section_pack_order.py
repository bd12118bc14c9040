"""The pages' kept parts lie in a pack in the order a night used them, and are read ahead.

A pack written anew keeps each kind's parts in the order the night first used them
(``SectionStore.used``), the order the next night's pages read them in; ``_Pack.read``
then reads a stretch ahead where a part follows the last one of its kind, and takes the
next parts from it instead of a pread each (each one lets go of the GIL while the
excerpt lines' thread works beside the page). Whatever the order parts are read in, each
one is the bytes that were put.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from checker.nightly import sections
from checker.nightly.sections import DASHBOARD, ENTRIES, PACK, SECTION, SectionStore

SECRET = b"o" * 32


def _key(n: int) -> str:
    return f"{n:064x}"


def _body(kind: str, n: int) -> str:
    return f"<p>{kind} {n}</p>" + "x" * (3000 + 37 * n % 900)


# keys put in the reverse of their sorted order, the kinds interleaved
ORDER = [(kind, n) for n in range(200, 0, -1) for kind in (SECTION, ENTRIES)] + [
    (DASHBOARD, n) for n in range(60)
]


def _packed(folder: Path) -> SectionStore:
    """A store whose parts a night put in ``ORDER`` and packed; a fresh store over them."""
    store = SectionStore(folder, SECRET, pack_from=1)
    for kind, n in ORDER:
        store.put(_key(n), _body(kind, n), kind)
    store.prune()
    assert os.listdir(folder) == [PACK]
    return SectionStore(folder, SECRET)


@pytest.fixture
def preads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The size of every pread the store makes from here on."""
    sizes: list[int] = []
    real: Callable[[int, int, int], bytes] = os.pread

    def counted(fd: int, n: int, offset: int) -> bytes:
        sizes.append(n)
        return real(fd, n, offset)

    monkeypatch.setattr(os, "pread", counted)
    yield sizes


def test_a_pack_keeps_each_kinds_parts_in_the_order_first_used(tmp_path: Path) -> None:
    store = _packed(tmp_path)
    index = store.pack().index
    for kind in (SECTION, ENTRIES, DASHBOARD):
        used = [sections._name(k, _key(n)) for k, n in ORDER if k == kind]
        offsets = [index[name][0] for name in used]
        assert offsets == sorted(offsets), kind  # not by name: the keys came in reverse
    # a part read again is no new use: the next pack keeps the first one's place
    again = SectionStore(tmp_path, SECRET, pack_from=1)
    for n in (5, 9, 5, 7):
        assert again.get(_key(n), SECTION) == _body(SECTION, n)
    again.prune()
    index = SectionStore(tmp_path, SECRET).pack().index
    names = sorted(index, key=lambda name: index[name][0])
    assert names == [sections._name(SECTION, _key(n)) for n in (5, 9, 7)]


def test_a_child_hands_back_the_parts_it_used_in_their_order(tmp_path: Path) -> None:
    store = _packed(tmp_path)
    assert store.get(_key(3), SECTION) is not None  # used before the page's process
    store.lend(None)
    for n in (8, 3, 2, 8):
        assert store.get(_key(n), SECTION) is not None
    assert store.lent().used == [sections._name(SECTION, _key(n)) for n in (8, 2)]


def test_parts_read_in_the_packs_order_are_read_ahead(tmp_path: Path, preads: list[int]) -> None:
    store = _packed(tmp_path)
    store.pack()  # taken: its own preads are not the parts'
    preads.clear()
    # a page's order: each kind in the order used, changed units skipped, one unit alike
    # an earlier one (its part read again), the kinds read side by side
    wanted = [(kind, n) for kind, n in ORDER if n % 7 and kind != DASHBOARD]
    wanted.insert(150, (SECTION, 190))
    total = 0
    for kind, n in wanted:
        body = store.get_bytes(_key(n), kind)
        assert body == _body(kind, n).encode()
        total += len(body)
    assert len(preads) <= 8  # a pread per part: 300 of them
    assert sum(preads) < 2 * total + 4 * sections._AHEAD


def test_parts_read_out_of_order_are_read_one_by_one(tmp_path: Path, preads: list[int]) -> None:
    store = _packed(tmp_path)
    store.pack()
    preads.clear()
    shuffled = ORDER[:]
    random.Random(3).shuffle(shuffled)
    total = 0
    for kind, n in shuffled:
        body = store.get_bytes(_key(n), kind)
        assert body == _body(kind, n).encode()
        total += len(body)
    # nothing read that no part wanted, beyond a few stretches where one part followed
    # another by chance
    assert sum(preads) < total + 8 * sections._AHEAD
