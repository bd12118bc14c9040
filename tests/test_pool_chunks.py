"""How the pool cuts a run's items into tasks: whole chunks, smaller ones at the end."""

from __future__ import annotations

from checker.run.pool import _chunks


def test_chunks_keep_every_item_in_order_and_shrink_towards_the_end() -> None:
    chunks = list(_chunks(iter(range(200)), 16, 2, 200))
    assert [i for c in chunks for i in c] == list(range(200))
    sizes = [len(c) for c in chunks]
    assert max(sizes) == 16 and sizes[0] == 16
    assert sizes == sorted(sizes, reverse=True)  # never larger again once smaller
    # the last items go out one by one: no worker is left alone with a whole chunk
    assert sizes[-4:] == [1, 1, 1, 1]


def test_items_of_unknown_number_go_out_in_whole_chunks() -> None:
    sizes = [len(c) for c in _chunks(iter(range(50)), 16, 2, None)]
    assert sizes == [16, 16, 16, 2]
