"""Class 3 and 4 of issue 9: only regular files, bounded reads, inside the tree, one read."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.read import loader
from checker.read.safeio import SIZE_LIMITS, InputError, read_limited
from checker.run import batch
from checker.run.batch import check_paths
from checker.run.cache import SafeCache
from checker.run.files import candidates

from .conftest import CLEAN, run, snapshot, tree

SECRET = "HEMLIGT-innehåll-utanför-trädet"


def _findings(ran_out: str) -> list[dict[str, object]]:
    return list(json.loads(ran_out)["findings"])


def test_a_fifo_is_reported_and_never_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tree(tmp_path, 1)
    fifo = folder / "rör.yaml"
    os.mkfifo(fifo)
    done: list[int] = []
    worker = threading.Thread(
        target=lambda: done.append(run(capsys, "check", "--format", "json", str(folder)).code)
    )
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():  # unblock the test before failing it
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        pytest.fail("the check blocked on a FIFO")
    assert done == [1]
    ran = run(capsys, "check", "--format", "json", str(fifo))  # given explicitly
    (f,) = _findings(ran.out)
    assert f["code"] == "RK105" and "FIFO" in str(f["messages"]), f  # type: ignore[index]


def test_sockets_and_devices_are_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    sock = socket.socket(socket.AF_UNIX)
    short = Path("/tmp") / f"rk-{os.getpid()}.yaml"
    try:
        sock.bind(str(short))
        ran = run(capsys, "check", "--format", "json", str(short), "/dev/zero")
        found = {f["file"]: f for f in _findings(ran.out)}
        assert found[str(short)]["code"] == "RK105" and "socket" in str(found[str(short)])
        assert found["/dev/zero"]["code"] == "RK105" and "enhetsfil" in str(found["/dev/zero"])
    finally:
        sock.close()
        short.unlink()
    with pytest.raises(InputError):
        read_limited("/dev/zero", "report")
    with pytest.raises(InputError):
        read_limited(tmp_path, "config")


def test_every_kind_of_input_has_a_bound(tmp_path: Path) -> None:
    big = tmp_path / "stor.bin"
    big.write_bytes(b"a" * (SIZE_LIMITS["config"] + 1))
    with pytest.raises(InputError, match="större än 1 MiB"):
        read_limited(big, "config")
    assert len(read_limited(big, "baseline")) == SIZE_LIMITS["config"] + 1
    assert {"report", "config", "baseline", "cache-entry", "cache-key"} <= set(SIZE_LIMITS)


def test_links_out_of_the_tree_are_not_followed_and_never_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "utanför"
    outside.mkdir()
    secret = outside / "hemlig.yaml"
    secret.write_text(f"rapport:\n  typ: VB\n  enhet: {SECRET}\n", encoding="utf-8")
    (outside / "mapp").mkdir()
    shutil.copy(secret, outside / "mapp" / "x.yaml")
    folder = tree(tmp_path, 1)
    (folder / "länk.yaml").symlink_to(secret)
    (folder / "länkmapp").symlink_to(outside / "mapp")
    (folder / "absolut.yml").symlink_to("/etc/passwd")
    before = snapshot(outside, folder)
    html = tmp_path / "ut" / "r.html"
    html.parent.mkdir()
    for fmt in ("text", "json", "sarif", "junit", "github"):
        ran = run(capsys, "check", "--format", fmt, "--output", f"html={html}", str(folder))
        assert ran.code == 1, ran
        for text in (ran.out, ran.err, html.read_text(encoding="utf-8")):
            assert SECRET not in text and "hemlig" not in text and "/etc" not in text
            assert "root:" not in text
    ran = run(capsys, "check", "--format", "json", str(folder))
    files = json.loads(ran.out)["files"]
    names = {Path(f["file"] if isinstance(f, dict) else f).name for f in files}
    assert "x.yaml" not in names  # a linked folder is not walked into
    refused = [f for f in _findings(ran.out) if f["code"] == "RK105"]
    assert {Path(str(f["file"])).name for f in refused} == {"länk.yaml", "absolut.yml"}
    assert all("utanför de kontrollerade mapparna" in str(f["messages"]) for f in refused)
    # given explicitly, a link leaving its folder is refused just the same
    ran = run(capsys, "check", "--format", "json", str(folder / "länk.yaml"))
    assert ran.code == 1 and SECRET not in ran.out
    assert _findings(ran.out)[0]["code"] == "RK105"
    assert snapshot(outside, folder) == before


def test_links_inside_the_tree_are_checked_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tree(tmp_path, 0)
    (folder / "alias.yaml").symlink_to("fel.yaml")  # its target is in the run
    (folder / "arkiv").mkdir()
    shutil.copy(CLEAN, folder / "arkiv" / ".dold.yaml")
    (folder / "synlig.yaml").symlink_to(Path("arkiv") / ".dold.yaml")  # its target is not
    ran = run(capsys, "check", "--format", "json", str(folder))
    data = json.loads(ran.out)
    names = sorted(Path(f["file"] if isinstance(f, dict) else f).name for f in data["files"])
    assert names == ["fel.yaml", "synlig.yaml"], names
    assert [f["code"] for f in data["findings"]] == ["RK201"]


def test_one_read_per_file_the_stored_entry_is_what_was_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is replaced between the read and the check: nothing mixes versions."""
    folder = tmp_path / "t"
    folder.mkdir()
    report = folder / "r.yaml"
    good = CLEAN.read_bytes()
    bad = good.replace(b"Uppfylls helt", b"Uppfylles helt", 1)
    report.write_bytes(bad)
    engine = Engine(Settings())
    reads: list[str] = []
    real_read = loader.read_limited

    def read_once_then_swap(path: str, *args: object) -> bytes:
        reads.append(str(path))
        data = real_read(path, *args)  # type: ignore[arg-type]
        report.write_bytes(good)  # the file changes right after it was read
        return data

    monkeypatch.setattr(loader, "read_limited", read_once_then_swap)
    cache = SafeCache(tmp_path / "cache", "salt")
    result = check_paths(engine, [str(folder)], cache=cache)
    assert reads == [str(report)]  # hashed, parsed and stored from one read
    assert [f.code for f in result.findings] == ["RK201"]  # the bytes that were read
    monkeypatch.setattr(loader, "read_limited", real_read)
    # the entry is keyed by the checked (bad) bytes: the good file now on disk is a miss…
    again = check_paths(engine, [str(folder)], cache=SafeCache(tmp_path / "cache", "salt"))
    assert again.checked == 1 and again.findings == []
    # …and the bad bytes get their own findings back from the cache
    report.write_bytes(bad)
    third_cache = SafeCache(tmp_path / "cache", "salt")
    third = check_paths(engine, [str(folder)], cache=third_cache)
    assert third.cached == 1 and [f.code for f in third.findings] == ["RK201"]


def test_the_cache_key_is_made_from_the_checked_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker never reads the file a second time for the key (``Cache.key`` takes bytes)."""
    report = tmp_path / "r.yaml"
    report.write_bytes(CLEAN.read_bytes())
    seen: list[bytes] = []
    real_key = SafeCache.key

    def spy(self: SafeCache, content: bytes, display: str) -> str:
        seen.append(content)
        return real_key(self, content, display)

    monkeypatch.setattr(SafeCache, "key", spy)
    cache = SafeCache(tmp_path / "cache", "salt")
    outcome = batch._check(Engine(Settings()), (str(report), str(report)), cache)
    assert seen == [CLEAN.read_bytes()] and not outcome.cached


def test_a_file_swapped_for_a_link_after_listing_is_not_followed(tmp_path: Path) -> None:
    """A name listed as a regular file is opened without following a link put there since."""
    secret = tmp_path / "hemlig.yaml"
    secret.write_text(f"rapport:\n  enhet: {SECRET}\n", encoding="utf-8")
    folder = tmp_path / "t"
    folder.mkdir()
    name = folder / "r.yaml"
    name.write_bytes(CLEAN.read_bytes())
    (listed,) = candidates([str(folder)])
    name.unlink()
    name.symlink_to(secret)  # swapped between the listing and the read
    outcome = batch._check(Engine(Settings()), listed, None)
    assert [f.code for f in outcome.findings] == ["RK105"]
    assert SECRET not in repr(outcome) and outcome.run is None
