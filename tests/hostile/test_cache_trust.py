"""Class 5 of issue 9: the cache and the history are data, not trust."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.run.batch import check_paths
from checker.run.cache import SafeCache

from .conftest import CLEAN, run, snapshot


def _setup(tmp_path: Path) -> tuple[Path, Engine]:
    folder = tmp_path / "t"
    folder.mkdir()
    text = CLEAN.read_text(encoding="utf-8").replace("Uppfylls helt", "Uppfylles helt", 1)
    (folder / "fel.yaml").write_text(text, encoding="utf-8")
    (folder / "ren.yaml").write_bytes(CLEAN.read_bytes())
    return folder, Engine(Settings())


def _entries(cache_dir: Path) -> dict[str, Path]:
    out = {}
    for p in cache_dir.rglob("*.json"):
        body = p.read_bytes()
        file = json.loads(body)["entry"]["file"]
        out[Path(file).name] = p
    return out


def test_a_forged_clean_entry_is_a_miss(tmp_path: Path) -> None:
    """Whoever can write the cache folder cannot make a defective report look clean."""
    folder, engine = _setup(tmp_path)
    cache_dir = tmp_path / "cache"
    first = check_paths(engine, [str(folder)], cache=SafeCache(cache_dir, "salt"))
    assert [f.code for f in first.findings] == ["RK201"]
    entries = _entries(cache_dir)
    # 1. the clean report's entry copied over the defective one's
    entries["fel.yaml"].write_bytes(entries["ren.yaml"].read_bytes())
    # 2. the defective one's findings removed, the MAC left as it was
    for attempt in range(2):
        cache = SafeCache(cache_dir, "salt")
        result = check_paths(engine, [str(folder)], cache=cache)
        assert [f.code for f in result.findings] == ["RK201"], attempt
        assert Path(next(iter(cache.hits))).name == "ren.yaml" and len(cache.hits) == 1
        entry = _entries(cache_dir)["fel.yaml"]
        data = json.loads(entry.read_bytes())
        data["entry"]["findings"] = []
        entry.write_text(json.dumps(data), encoding="utf-8")


def test_an_entry_with_a_valid_mac_naming_another_file_is_a_miss(tmp_path: Path) -> None:
    folder, engine = _setup(tmp_path)
    cache = SafeCache(tmp_path / "cache", "salt")
    check_paths(engine, [str(folder)], cache=cache)
    raw = (folder / "fel.yaml").read_bytes()
    key = cache.key(raw, str(folder / "fel.yaml"))
    assert cache.get(key, str(folder / "fel.yaml")) is not None
    assert cache.get(key, str(folder / "ren.yaml")) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda e: e.update(findings=[{"code": 1}]),
        lambda e: e["findings"].append({**e["findings"][0], "line": "7"}),
        lambda e: e["findings"].append({**e["findings"][0], "line": True}),
        lambda e: e["findings"].append({**e["findings"][0], "severity": "fatal"}),
        lambda e: e.update(run={**e["run"], "places": ["inte", "en", "mappning"]}),
        lambda e: e.update(suppressions=[{"line": 1, "column": 1, "codes": "RK1"}]),
        lambda e: e.update(extra=1),
        lambda e: e.update(file="annan.yaml"),
        # what the findings page shows of the file: lines outside it, words it does not read
        lambda e: e["glimpse"]["lines"].append([e["glimpse"]["length"] + 1, "påhittad rad"]),
        lambda e: e["glimpse"]["lines"].append([0, "påhittad rad"]),
        lambda e: e["glimpse"].update(length=0, lines=[]),
        lambda e: e["glimpse"]["header"].update(dnr="påhittat"),
        lambda e: e["glimpse"].update(lines={"1": "en rad"}),
        lambda e: e.pop("glimpse"),
    ],
)
def test_entries_of_the_wrong_shape_are_misses_even_with_a_valid_mac(
    tmp_path: Path, damage: object
) -> None:
    """Schema validation does not rely on the MAC: a wrongly typed entry is a miss."""
    folder, engine = _setup(tmp_path)
    cache = SafeCache(tmp_path / "cache", "salt")
    check_paths(engine, [str(folder / "fel.yaml")], cache=cache)
    path = str(folder / "fel.yaml")
    key = cache.key((folder / "fel.yaml").read_bytes(), path)
    entry_file = cache._path(key)
    entry = json.loads(entry_file.read_bytes())["entry"]
    assert callable(damage)
    damage(entry)
    body = json.dumps(entry).encode()
    entry_file.write_bytes(
        b'{"mac":"' + cache._mac(key, body).encode() + b'","entry":' + body + b"}"
    )
    assert cache.get(key, path) is None
    result = check_paths(engine, [path], cache=SafeCache(tmp_path / "cache", "salt"))
    assert result.checked == 1 and [f.code for f in result.findings] == ["RK201"]


def test_damaged_huge_or_odd_entries_are_misses(tmp_path: Path) -> None:
    folder, engine = _setup(tmp_path)
    cache_dir = tmp_path / "cache"
    check_paths(engine, [str(folder)], cache=SafeCache(cache_dir, "salt"))
    entries = _entries(cache_dir)
    entries["fel.yaml"].write_bytes(b'{"mac":"' + b"0" * 64 + b'","entry":' + b"[" * 100_000)
    entries["ren.yaml"].unlink()
    os.mkfifo(entries["ren.yaml"])  # must not block
    result = check_paths(engine, [str(folder)], cache=SafeCache(cache_dir, "salt"))
    assert result.checked == 2 and [f.code for f in result.findings] == ["RK201"]


def test_the_key_lives_outside_the_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = _setup(tmp_path)
    key_file = tmp_path / "state" / "cache.key"
    SafeCache(tmp_path / "cache", "salt")
    assert key_file.exists() and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    inside = SafeCache(tmp_path / "cache", "salt", key_file=tmp_path / "cache" / "k")
    assert inside.unusable and "utanför" in inside.unusable
    # a damaged key: the run goes on without the cache and says so
    key_file.write_text("inte en nyckel\n", encoding="utf-8")
    ran = run(capsys, "check", "--cache-dir", str(tmp_path / "cache"), str(folder))
    assert ran.code == 1 and "cachen används inte" in ran.err, ran
    assert "RK201" in ran.out


# -- the history ----------------------------------------------------------------------


def _nightly(capsys: pytest.CaptureFixture[str], tmp_path: Path, folder: Path) -> object:
    return run(
        capsys,
        "nightly",
        str(folder),
        "--no-cache",
        "--jobs",
        "1",
        "--db",
        str(tmp_path / "h.sqlite"),
        "--dashboard",
        str(tmp_path / "d.html"),
    )


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE set_rows SET severity = 'katastrof'",
        "UPDATE set_rows SET code = x'41'",
        "UPDATE runs SET duration = 'länge'",
        "UPDATE set_rows SET message_id = NULL WHERE 0",  # harmless: the control case
        "UPDATE texts SET text = x'00ff' WHERE id IN (SELECT unit_id FROM set_rows)",
        "UPDATE runs SET errors = -5",
        "UPDATE set_rows SET unit_id = 999999",  # a text that is not there
        "UPDATE file_rows SET file_id = -1 WHERE rowid = (SELECT MIN(rowid) FROM file_rows)",
        "UPDATE set_rows SET fingerprint_id = fingerprint_id + 1000",
        "UPDATE texts SET text = 'ändrad' WHERE id IN (SELECT file_id FROM file_rows)",
        "UPDATE run_counts SET severity = 'katastrof'",
        "UPDATE run_counts SET n = -1",
        "UPDATE set_counts SET name = x'41'",
        "UPDATE run_sets SET set_id = 999999",  # a finding set that is not there
    ],
)
def test_a_tampered_history_is_exit_2_and_keeps_earlier_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tamper: str
) -> None:
    folder, _ = _setup(tmp_path)
    assert _nightly(capsys, tmp_path, folder).code == 0  # type: ignore[attr-defined]
    db = tmp_path / "h.sqlite"
    with sqlite3.connect(db) as con:
        con.execute(tamper)
    before = snapshot(tmp_path)
    ran = _nightly(capsys, tmp_path, folder)
    if "WHERE 0" in tamper:
        assert ran.code == 0, ran  # type: ignore[attr-defined]
        return
    assert ran.code == 2, ran  # type: ignore[attr-defined]
    assert "är skadad eller har ändrats" in ran.err  # type: ignore[attr-defined]
    assert "tidigare körningar är orörda" in ran.err  # type: ignore[attr-defined]
    assert snapshot(tmp_path) == before  # the database and the old dashboard as they were
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*) FROM runs").fetchone() == (1,)


def test_a_corrupt_history_file_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = _setup(tmp_path)
    assert _nightly(capsys, tmp_path, folder).code == 0  # type: ignore[attr-defined]
    db = tmp_path / "h.sqlite"
    raw = bytearray(db.read_bytes())
    raw[len(raw) // 2 : len(raw) // 2 + 2048] = b"\xa5" * 2048  # damage a page
    db.write_bytes(bytes(raw))
    before = snapshot(tmp_path)
    ran = _nightly(capsys, tmp_path, folder)
    assert ran.code == 2 and "historikdatabas" in ran.err, ran  # type: ignore[attr-defined]
    assert snapshot(tmp_path) == before


def test_history_text_reaches_the_dashboard_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = _setup(tmp_path)
    assert _nightly(capsys, tmp_path, folder).code == 0  # type: ignore[attr-defined]
    evil = "<script>alert(1)</script>\x1b]0;titel\x07"
    with sqlite3.connect(tmp_path / "h.sqlite") as con:
        # MAX(name) is the name shown per rule: "~" sorts after every real name
        con.execute("UPDATE set_rows SET name = ?", ("~" + evil,))
        con.execute("UPDATE set_counts SET name = ?", ("~" + evil,))
        # the units' texts, with their checksums, so that the database reads as whole
        con.execute(
            "UPDATE texts SET text = ?, hash = ? WHERE id IN"
            " (SELECT unit_id FROM set_rows UNION SELECT unit_id FROM file_rows)",
            (evil, hashlib.sha256(evil.encode()).digest()),
        )
    ran = _nightly(capsys, tmp_path, folder)
    assert ran.code == 0, ran  # type: ignore[attr-defined]
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_a_history_that_is_not_a_regular_file_is_exit_2_without_blocking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = _setup(tmp_path)
    fifo = tmp_path / "h.sqlite"
    os.mkfifo(fifo)
    ran = _nightly(capsys, tmp_path, folder)
    assert ran.code == 2 and "ingen vanlig fil" in ran.err, ran  # type: ignore[attr-defined]
    assert not (tmp_path / "d.html").exists()


def test_what_a_killed_writer_left_is_removed_and_nothing_else(tmp_path: Path) -> None:
    """A worker killed while writing an entry leaves its temporary file; the run removes
    that process's leftovers (named by its pid), never another writer's file."""
    from checker.read.safeio import temp_beside

    cache = SafeCache(tmp_path / "cache", "salt")
    target = str(tmp_path / "cache" / "ab" / ("ab" + "0" * 62 + ".json"))
    pid = os.fork()
    if pid == 0:  # the writer, killed (here: ended) before its rename
        temp_beside(target)
        os._exit(9)
    os.waitpid(pid, 0)
    _, other = temp_beside(target)  # a live writer's file, this process's
    left = list((tmp_path / "cache" / "ab").glob(".*.tmp"))
    assert len(left) == 2
    cache.forget_writes_of(pid)
    assert list((tmp_path / "cache" / "ab").glob(".*.tmp")) == [Path(other)]
