"""Every output stays byte-identical unless a change means it to (tests/pinned/make.py).

The outputs of every `check` format (sv and en) over sample_reports/, the hostile
corpus and a generated corpus, and the nightly run's two pages over four nights, are
compared by digest with tests/pinned/digests.txt. Work that should not change what
users see (speed, moves) must keep this green; a change on purpose runs
``python -m tests.pinned.make --update`` and the digests' diff shows in its commit.
"""

from __future__ import annotations

from pathlib import Path

from tests.pinned import make


def test_every_output_is_as_pinned(tmp_path: Path) -> None:
    outputs = make.produce()
    expected = make.read_digests()
    assert sorted(outputs) == sorted(expected), "the set of pinned outputs changed"
    actual = make.digests(outputs)
    changed = sorted(name for name in expected if actual[name] != expected[name])
    if changed:
        make.write(outputs, tmp_path / "outputs")
    assert not changed, (
        f"outputs differ from tests/pinned/digests.txt: {changed}; they are in"
        f" {tmp_path / 'outputs'} (compare with `python -m tests.pinned.make --write DIR`"
        " on the commit before)"
    )


def test_masking_keeps_content_and_hides_only_the_moment() -> None:
    page = (
        '<p>Senaste körningen 2026-12-06 14:03 · 3.2 s</p><text class="ax date" x="1">'
        "2026-12-06 (#4)</text><td>klar 2021-12-31</td>"
    )
    assert make.masked(page) == (
        '<p>Senaste körningen <when> · <secs> s</p><text class="ax date" x="1"><when></text>'
        "<td>klar 2021-12-31</td>"
    )
