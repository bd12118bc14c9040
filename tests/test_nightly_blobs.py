"""The memo's kept bytes (``checker.nightly.memo.Blobs``): a night appends what it keeps
anew to the last night's file, and its served reports' bytes stay where they lie, but only
to a file plainly the run's own and mostly still named by the memo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.nightly.memo import Blobs
from tests.test_nightly_memo import _memo, _night, _outputs, _two_nights


def _night_one(path: Path, *parts: bytes) -> list[tuple[int, int, bytes]]:
    """A night that keeps ``parts`` in a file of its own; where each lies."""
    night = Blobs(path)
    at = [night.add(p) for p in parts]
    assert night.commit()
    return [a for a in at if a is not None]


def test_a_night_appends_and_both_nights_bytes_read_back(tmp_path: Path) -> None:
    path = tmp_path / "memo-x.blobs"
    first, second = _night_one(path, b"the first report", b"the other report")
    inode = path.stat().st_ino
    night = Blobs(path)
    night.open(live=path.stat().st_size)  # all of it still named
    assert night.appending
    third = night.add(b"a changed report")
    assert third is not None and third[0] == first[1] + second[1]  # after the last night's
    assert night.commit()
    night.close()
    assert path.stat().st_ino == inode  # the same file, not written anew
    after = Blobs(path)
    after.open()
    assert [after.read(at) for at in (first, second, third)] == [
        b"the first report",
        b"the other report",
        b"a changed report",
    ]
    after.close()


def test_a_file_mostly_of_bytes_no_longer_named_is_written_anew(tmp_path: Path) -> None:
    path = tmp_path / "memo-x.blobs"
    first, _ = _night_one(path, b"the first report", b"a report gone since, and long" * 10)
    night = Blobs(path)
    night.open(live=first[1])
    assert not night.appending
    kept = night.add(night.read(first) or b"")
    assert kept is not None and kept[0] == 0 and night.commit()
    night.close()
    assert path.read_bytes() == b"the first report"


@pytest.mark.skipif(not hasattr(os, "link"), reason="no hard links here")
def test_a_file_with_another_name_is_never_appended_to(tmp_path: Path) -> None:
    """A file of someone else's linked into the cache folder under the blobs' name: the
    night writes a file of its own in its place and leaves the other name's bytes alone."""
    path = tmp_path / "memo-x.blobs"
    _night_one(path, b"the first report")
    other = tmp_path / "someone-elses.txt"
    os.link(path, other)
    night = Blobs(path)
    night.open(live=path.stat().st_size)
    assert not night.appending
    assert night.add(b"a changed report") is not None and night.commit()
    night.close()
    assert other.read_bytes() == b"the first report"
    assert path.read_bytes() == b"a changed report"
    assert path.stat().st_ino != other.stat().st_ino


def test_a_changed_report_is_appended_and_the_night_is_the_night_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORTKOLL_CACHE_KEY", str(tmp_path / "cache.key"))
    tree, state, plain = _two_nights(tmp_path)
    blobs = _memo(state).with_suffix(".blobs")
    before = blobs.stat()
    changed = tree / "clean" / "t1-2024-boendestodet.yaml"
    changed.write_bytes(changed.read_bytes() + b"# \xc3\xa4ndrad\n")
    assert _night(tree, state).checked == 1
    _night(tree, plain)
    assert _outputs(state) == _outputs(plain)
    after = blobs.stat()
    assert after.st_ino == before.st_ino  # served reports' bytes left where they lie
    grown = after.st_size - before.st_size
    assert 0 < grown < before.st_size // 4  # only the changed report's
    # and the night after reads both nights' bytes: every report served
    assert _night(tree, state).checked == 0
    _night(tree, plain)
    assert _outputs(state) == _outputs(plain)
