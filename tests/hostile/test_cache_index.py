"""The cache's stat index: an unchanged file costs a stat, and the index is data, not trust.

A file whose stat (size, mtime, ctime, inode, device) is the one the index recorded is
served from its entry without being read or hashed. The index is trusted only under the
cache's HMAC: a tampered index is no index (every file is read), and a file written too
shortly before it was read ("racy": its mtime could stay the same through a second
change) is not indexed at all.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.run import batch
from checker.run.batch import check_paths
from checker.run.cache import SafeCache

from .conftest import CLEAN

DEFECT = ("Uppfylls helt", "Uppfylles helt")  # a spelling the rules find (RK201)


def _tree(tmp_path: Path, age: float = 60.0) -> tuple[Path, Engine]:
    """Two reports, one with a finding, written ``age`` seconds ago."""
    folder = tmp_path / "t"
    folder.mkdir()
    text = CLEAN.read_text(encoding="utf-8")
    (folder / "fel.yaml").write_text(text.replace(*DEFECT, 1), encoding="utf-8")
    (folder / "ren.yaml").write_text(text, encoding="utf-8")
    _age(folder, age)
    return folder, Engine(Settings())


def _age(folder: Path, age: float) -> None:
    then = time.time() - age
    for p in folder.iterdir():
        os.utime(p, (then, then))


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the run reads (the real read, recorded)."""
    read: list[str] = []
    real = batch.read_report_bytes  # type: ignore[attr-defined]

    def recording(path: str, *args: object) -> object:
        read.append(Path(path).name)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "read_report_bytes", recording)
    return read


def _codes(engine: Engine, folder: Path, cache_dir: Path) -> tuple[list[str], set[str]]:
    cache = SafeCache(cache_dir, "salt")
    result = check_paths(engine, [str(folder)], cache=cache)
    return [f.code for f in result.findings], {Path(h).name for h in cache.hits}


def _index(cache_dir: Path) -> Path:
    (found,) = cache_dir.glob("index-*.bin")
    return found


def test_an_unchanged_file_is_served_by_its_stat_and_a_changed_one_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, engine = _tree(tmp_path)
    cache_dir = tmp_path / "cache"
    reads = _reads(monkeypatch)
    assert _codes(engine, folder, cache_dir) == (["RK201"], set())
    assert sorted(reads) == ["fel.yaml", "ren.yaml"]
    reads.clear()
    assert _codes(engine, folder, cache_dir) == (["RK201"], {"fel.yaml", "ren.yaml"})
    assert reads == []  # both from their stat
    # the defect fixed, with the same size and the same mtime as before
    fel = folder / "fel.yaml"
    st = fel.stat()
    fel.write_text(CLEAN.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert fel.stat().st_size == st.st_size
    os.utime(fel, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert _codes(engine, folder, cache_dir) == ([], {"ren.yaml"})
    assert reads == ["fel.yaml"]  # its ctime moved: read, hashed and checked again


def test_a_file_written_just_before_it_was_read_is_not_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, engine = _tree(tmp_path, age=0.0)
    cache_dir = tmp_path / "cache"
    reads = _reads(monkeypatch)
    for _ in range(2):  # racy on both nights: read and hashed each time
        assert _codes(engine, folder, cache_dir)[0] == ["RK201"]
    assert sorted(reads) == ["fel.yaml", "fel.yaml", "ren.yaml", "ren.yaml"]
    assert json.loads(_index(cache_dir).read_bytes().partition(b"\n")[2]) == []


@pytest.mark.parametrize("how", ["body", "mac", "shape", "other-salt"])
def test_a_tampered_index_is_no_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """An index entry pointed at another file's clean outcome, or damaged: every file is
    read and hashed again, and the defect is still found."""
    folder, engine = _tree(tmp_path)
    cache_dir = tmp_path / "cache"
    assert _codes(engine, folder, cache_dir)[0] == ["RK201"]
    path = _index(cache_dir)
    mac, _, body = path.read_bytes().partition(b"\n")
    rows = json.loads(body)
    keys = {Path(r[0]).name: r[-1] for r in rows}
    if how == "body":  # fel.yaml's entry given ren.yaml's key: the MAC no longer holds
        for r in rows:
            r[-1] = keys["ren.yaml"]
        path.write_bytes(mac + b"\n" + json.dumps(rows).encode())
    elif how == "mac":
        path.write_bytes(b"0" * 64 + b"\n" + body)
    elif how == "shape":  # a valid MAC over entries of the wrong shape
        cache = SafeCache(cache_dir, "salt")
        bad = json.dumps([[*r[:2], str(r[2]), *r[3:]] for r in rows]).encode()
        path.write_bytes(cache.index._mac(bad).encode() + b"\n" + bad)
    else:  # another salt's index copied over this one
        other = SafeCache(cache_dir, "another salt")
        path.write_bytes(other.index._mac(body).encode() + b"\n" + body)
    reads = _reads(monkeypatch)
    codes, hits = _codes(engine, folder, cache_dir)
    assert codes == ["RK201"]
    assert sorted(reads) == ["fel.yaml", "ren.yaml"]  # no entry of the index trusted
    assert hits == {"fel.yaml", "ren.yaml"}  # from their content's entries, as before
