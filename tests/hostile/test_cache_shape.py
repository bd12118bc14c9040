"""A cache entry's body is checked by hand, strictly, as it is read: every value of its
exact type, every object with exactly its keys. An entry of any other shape is a miss even
under a valid MAC, and an entry of the right shape gives back exactly what was checked."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bench.corpus import make_corpus
from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.findings import Applicability, Edit, Fix, Msg, Related
from checker.read.loader import read_report_bytes
from checker.run.batch import check_paths
from checker.run.cache import SafeCache

from .conftest import CLEAN

Entry = dict[str, Any]

TEXT = {"sv": "text", "en": "text"}
EDIT = {
    "start_byte": 0,
    "end_byte": 1,
    "start_char": 0,
    "end_char": 1,
    "line": 1,
    "column": 1,
    "end_line": 1,
    "end_column": 2,
    "text": "x",
}
FIX = {"title": TEXT, "applicability": "unsafe", "edits": [EDIT]}
RELATED = {"message": TEXT, "line": 2, "column": 3, "path": "/a"}
SUPPRESSION = {"line": 1, "column": 1, "codes": ["RK2"], "reason": "skäl", "used": False}


def _with_parts(e: Entry) -> Entry:
    """The entry with a fix, a related place and a suppression of the right shape."""
    e["findings"][0].update(fix=json.loads(json.dumps(FIX)), related=[dict(RELATED)])
    e["suppressions"] = [dict(SUPPRESSION)]
    return e


def _finding(e: Entry) -> Entry:
    return _with_parts(e)["findings"][0]  # type: ignore[no-any-return]


def _edit(e: Entry) -> Entry:
    return _finding(e)["fix"]["edits"][0]  # type: ignore[no-any-return]


def _setup(tmp_path: Path) -> tuple[Path, Engine]:
    folder = tmp_path / "t"
    folder.mkdir()
    text = CLEAN.read_text(encoding="utf-8").replace("Uppfylls helt", "Uppfylles helt", 1)
    (folder / "fel.yaml").write_text(text, encoding="utf-8")
    return folder / "fel.yaml", Engine(Settings())


def _rewrite(cache: SafeCache, key: str, change: Callable[[Entry], object]) -> None:
    """The entry under ``key`` changed, under a valid MAC."""
    entry_file = cache._path(key)
    entry = json.loads(entry_file.read_bytes())["entry"]
    change(entry)
    body = json.dumps(entry, ensure_ascii=False).encode("utf-8", "surrogateescape")
    entry_file.write_bytes(
        b'{"mac":"' + cache._mac(key, body).encode() + b'","entry":' + body + b"}"
    )


def _stored(tmp_path: Path) -> tuple[SafeCache, str, str, Engine]:
    report, engine = _setup(tmp_path)
    cache = SafeCache(tmp_path / "cache", "salt")
    check_paths(engine, [str(report)], cache=cache)
    path = str(report)
    return cache, cache.key(report.read_bytes(), path), path, engine


def test_an_entry_of_the_right_shape_gives_back_every_part(tmp_path: Path) -> None:
    """The control case: a fix, a related place and a suppression are read back whole."""
    cache, key, path, _ = _stored(tmp_path)
    _rewrite(cache, key, _with_parts)
    outcome = cache.get(key, path)
    assert outcome is not None and outcome.cached
    f = outcome.findings[0]
    assert f.fix == Fix(
        Msg("text", "text"), Applicability.UNSAFE, (Edit(0, 1, 0, 1, 1, 1, 1, 2, "x"),)
    )
    assert f.related == (Related(Msg("text", "text"), 2, 3, "/a"),)
    assert [(s.line, s.codes, s.reason) for s in outcome.suppressions] == [(1, ["RK2"], "skäl")]
    assert outcome.run is not None and outcome.run.file == path


WRONG: list[Callable[[Entry], object]] = [
    # numbers: never a float, a bool or a text
    lambda e: _finding(e).update(line=7.0),
    lambda e: _finding(e).update(column=False),
    lambda e: _edit(e).update(start_byte="0"),
    lambda e: _edit(e).update(end_line=True),
    lambda e: _finding(e)["related"][0].update(line=2.5),
    lambda e: _with_parts(e)["suppressions"][0].update(line=None),
    lambda e: e["run"].update(year="2024"),
    lambda e: e["run"].update(year=True),
    lambda e: e["glimpse"].update(length=True),
    # objects: exactly their keys
    lambda e: _finding(e).update(extra=1),
    lambda e: _finding(e).pop("suggestion"),
    lambda e: _finding(e)["message"].pop("en"),
    lambda e: _finding(e)["label"].update(de="Text"),
    lambda e: _finding(e)["fix"].update(extra=None),
    lambda e: _edit(e).pop("text"),
    lambda e: _edit(e).update(extra=0),
    lambda e: _finding(e)["related"][0].update(extra=""),
    lambda e: _with_parts(e)["suppressions"][0].pop("used"),
    lambda e: e["run"].update(extra={}),
    lambda e: e["glimpse"].update(extra=[]),
    # choices and kinds
    lambda e: _finding(e)["fix"].update(applicability="kanske"),
    lambda e: _finding(e).update(suggestion="en text"),
    lambda e: _finding(e).update(related={"0": RELATED}),
    lambda e: _finding(e).update(related=None),
    lambda e: _finding(e).update(severity=["error"]),
    lambda e: _finding(e)["fix"].update(edits=EDIT),
    lambda e: _with_parts(e)["suppressions"][0].update(used=1),
    lambda e: _with_parts(e)["suppressions"][0].update(codes=[2]),
    lambda e: _with_parts(e)["suppressions"][0].update(codes="RK2"),
    lambda e: e["run"].update(type=3),
    lambda e: e["run"].update(extracts=[]),
    lambda e: e["run"].update(places={"/a": [1, 2, "x"]}),
    lambda e: e["run"].update(places={"/a": [1, "2", "x", "y"]}),
    lambda e: e["glimpse"]["header"].update(enhet=5),
    lambda e: e["glimpse"]["lines"].append([1, "en", "rad"]),
    lambda e: e["glimpse"]["lines"].append([1.0, "en rad"]),
    lambda e: e.update(findings={}),
    # another file named anywhere, or no JSON ``put`` writes
    lambda e: _finding(e).update(file="annan.yaml"),
    lambda e: e["run"].update(file="annan.yaml"),
    lambda e: e["run"]["extracts"].update(tal=float("nan")),
    lambda e: e["run"]["extracts"].update(text="\udcff"),  # not UTF-8
    lambda e: e["run"]["extracts"].update(djup=json.loads("[" * 50_000 + "]" * 50_000)),
]


@pytest.mark.parametrize("damage", WRONG)
def test_an_entry_of_the_wrong_shape_is_a_miss_under_a_valid_mac(
    tmp_path: Path, damage: Callable[[Entry], object]
) -> None:
    cache, key, path, engine = _stored(tmp_path)
    try:
        _rewrite(cache, key, damage)
    except RecursionError:  # too deep for json to write here: write it by hand
        _deep(cache, key)
    assert cache.get(key, path) is None
    result = check_paths(engine, [path], cache=SafeCache(tmp_path / "cache", "salt"))
    assert result.checked == 1 and [f.code for f in result.findings] == ["RK201"]


def _deep(cache: SafeCache, key: str) -> None:
    entry_file = cache._path(key)
    raw = entry_file.read_bytes()
    body = raw[raw.index(b'"entry":') + 8 : -1]
    body = body.replace(
        b'"extracts":{', b'"extracts":{"djup":' + b"[" * 50_000 + b"]" * 50_000 + b",", 1
    )
    entry_file.write_bytes(
        b'{"mac":"' + cache._mac(key, body).encode() + b'","entry":' + body + b"}"
    )


def test_every_outcome_read_back_is_the_one_checked(tmp_path: Path) -> None:
    """Findings (with fixes and related places), suppressions, the run's extract and the
    page's glimpse of generated reports: read from the cache exactly as checked."""
    paths = make_corpus(tmp_path / "t", 40, seed=3)
    engine = Engine(Settings())
    cache = SafeCache(tmp_path / "cache", "salt")
    fixes = related = 0
    for p in paths:
        raw = read_report_bytes(str(p))
        assert isinstance(raw, bytes)
        checked = engine.check_bytes(raw, str(p))
        key = cache.key(raw, str(p))
        cache.put(key, checked)
        got = cache.get(key, str(p))
        assert got is not None and got.cached
        assert got.findings == checked.findings
        assert got.suppressions == checked.suppressions
        assert got.run == checked.run
        assert got.glimpse is not None and checked.glimpse is not None
        assert (got.glimpse.header, got.glimpse.length, got.glimpse.lines) == (
            checked.glimpse.header,
            checked.glimpse.length,
            checked.glimpse.lines,
        )
        fixes += sum(f.fix is not None for f in got.findings)
        related += sum(bool(f.related) for f in got.findings)
    assert fixes and related  # the parts the shape check reads were met
