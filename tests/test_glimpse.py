"""The findings page from what each file's check kept (its glimpse) is the page read from disk.

A nightly run keeps each outcome's glimpse (header words, the lines near its
findings) so that the page does not read and parse every report again; a
finding the file's own check did not make (a run rule's, RK403) may need lines
that were not kept, and then that file is read as before.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.outputs import html
from checker.read.glimpse import Glimpse
from checker.read.loader import Document
from checker.read.sources import read_source
from checker.results import FileOutcome, Result
from checker.run.batch import paths_source
from checker.run.cache import SafeCache
from checker.run.pipeline import Collect, run
from tests.conftest import SAMPLES

_MINUTE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d")


def _run(tree: Path, cache: SafeCache | None) -> tuple[Result, dict[str, Glimpse], int]:
    engine = Engine(Settings())
    source = paths_source(engine, [str(tree)], cache=cache)
    glimpses: dict[str, Glimpse] = {}
    outcomes = source.outcomes

    def tap() -> Iterator[FileOutcome]:
        for outcome in outcomes:
            if outcome.glimpse is not None:
                glimpses[outcome.file] = outcome.glimpse
            yield outcome

    source.outcomes = tap()
    held = Collect()
    totals = run(engine, source, [held])
    return held.result(totals), glimpses, totals.cached


def _page(result: Result, glimpses: dict[str, Glimpse] | None) -> str:
    page, _ = html.page(result, "sv", Engine(Settings()).sorted_rules(), None, None, glimpses)
    return _MINUTE.sub("DATE", page)


@pytest.mark.parametrize("cached", [False, True])
def test_the_page_from_glimpses_is_the_page_read_from_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: bool
) -> None:
    tree = tmp_path / "rapporter"
    shutil.copytree(SAMPLES, tree)
    monkeypatch.setenv("RAPPORTKOLL_CACHE_KEY", str(tmp_path / "cache.key"))
    cache = SafeCache(tmp_path / "cache", "salt")
    result, glimpses, hits = _run(tree, cache)
    if cached:  # the second run's glimpses come from the cache, validated
        result, glimpses, hits = _run(tree, SafeCache(tmp_path / "cache", "salt"))
        assert hits == len(result.files)
    assert len(glimpses) == len(result.files)
    read: list[str] = []
    real = read_source

    def counted(file: str) -> Document:
        read.append(file)
        return real(file)

    monkeypatch.setattr(html, "read_source", counted)
    from_glimpses = _page(result, glimpses)
    uncovered = {
        f.file
        for f in result.findings
        if f.file in glimpses and not glimpses[f.file].covers(f.line)
    }
    assert set(read) == uncovered and len(read) == len(uncovered)
    assert "RK403" in from_glimpses  # a run rule's finding is on the page, its lines read
    read.clear()
    assert from_glimpses == _page(result, None)
    assert len(read) == len(result.files)
