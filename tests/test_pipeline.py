"""One pipeline for every check: standard in, a roster and a folder give their findings alike.

Standard in, ``--roster`` and ``--statistics`` once took a second, whole-run
path with its own quiet and ordering rules; they now stream through the same
pipeline as a plain ``check``, so each option means the same in every mode.
"""

from __future__ import annotations

import errno
import mmap
import os
import shutil
import threading
from pathlib import Path

import pytest

from checker.run import pipeline
from checker.run.pipeline import AtomicOutput
from tests.conftest import SAMPLES, cli

REPORT = SAMPLES / "defects" / "vb-2024-typiska-fel.yaml"


def test_standard_in_gives_the_files_output_in_every_quiet_level(tmp_path: Path) -> None:
    shutil.copy(REPORT, tmp_path / "vb.yaml")
    text = (tmp_path / "vb.yaml").read_text(encoding="utf-8")
    for quiet in ([], ["-q"], ["-qq"]):
        on_disk = cli("check", "vb.yaml", *quiet, cwd=tmp_path)
        piped = cli("check", "-", "--stdin-filename", "vb.yaml", *quiet, cwd=tmp_path, input=text)
        assert on_disk.returncode == piped.returncode == 1, piped.stderr
        assert piped.stdout == on_disk.stdout, quiet
    # -q: the findings without the summary, on standard in too
    quiet_piped = cli("check", "-", "-q", cwd=tmp_path, input=text)
    assert "RK" in quiet_piped.stdout and "kontrollerad" not in quiet_piped.stdout


ROSTER = """år: 2025
enheter:
  - enhet: Saknade enheten
    rapporter: [VP]
"""


def test_a_rosters_missing_report_comes_after_the_files_in_text_and_file_outputs(
    tmp_path: Path,
) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(SAMPLES / "clean", tree)
    (tmp_path / "roster.yaml").write_text(ROSTER, encoding="utf-8")
    out = tmp_path / "out.txt"
    args = ("check", "tree", "--roster", "roster.yaml", "--date", "2026-03-01")
    proc = cli(*args, "--output", f"text={out}", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == out.read_text(encoding="utf-8")
    blocks = proc.stdout.split("\n\n")
    assert blocks[-2].startswith("tree\n") and "RK106" in blocks[-2]  # then the summary
    assert "RK106" not in "".join(blocks[:-2])
    quiet = cli(*args, "-q", cwd=tmp_path)
    assert quiet.stdout == "\n\n".join(blocks[:-1]) + "\n\n"  # the same, without the summary


def test_an_outputs_bytes_are_sent_on_to_disk_as_they_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``AtomicOutput.write_bytes``: every ``BEHIND`` bytes that reached the file, the kernel
    is asked to write them back (whole pages, from where the last ask ended, never past
    what reached the file); the bytes are the ones written, a failing ask fails nothing,
    and the target appears only at ``commit``."""
    asked: list[tuple[int, int, int]] = []

    def advise(fd: int, offset: int, length: int, advice: int) -> None:
        asked.append((offset, length, os.fstat(fd).st_size))
        assert advice == os.POSIX_FADV_DONTNEED

    monkeypatch.setattr(pipeline, "_ADVISE", advise)
    monkeypatch.setattr(AtomicOutput, "BEHIND", 3 * mmap.PAGESIZE)
    target = tmp_path / "sida.html"
    out = AtomicOutput(str(target))
    out.stream.write("<!doctype html>")
    out.stream.flush()
    pieces = [bytes([65 + i % 26]) * (1000 + 37 * i) for i in range(60)]
    seeks: list[int] = []
    lseek = os.lseek

    def counted(fd: int, pos: int, how: int) -> int:
        seeks.append(fd)
        return lseek(fd, pos, how)

    monkeypatch.setattr(os, "lseek", counted)
    for piece in pieces:
        out.write_bytes(piece)
    out.flush()  # the pieces handed on, written by the output's thread
    monkeypatch.setattr(os, "lseek", lseek)
    assert len(asked) >= 3
    assert (
        len(seeks) < len(pieces) / 3
    )  # where the file is asked about by the BEHIND, not per write
    assert asked[0][0] == 0
    for (offset, length, size), nxt in zip(asked, [*asked[1:], None], strict=True):
        assert length >= 3 * mmap.PAGESIZE - mmap.PAGESIZE and offset + length <= size
        assert (offset + length) % mmap.PAGESIZE == 0
        if nxt is not None:
            assert nxt[0] == offset + length  # contiguous: each byte asked for once
    assert not target.exists()
    out.commit()
    assert target.read_bytes() == b"<!doctype html>" + b"".join(pieces)

    def failing(fd: int, offset: int, length: int, advice: int) -> None:
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(pipeline, "_ADVISE", failing)
    again = AtomicOutput(str(target))
    for piece in pieces:
        again.write_bytes(piece)
    again.commit()
    assert target.read_bytes() == b"".join(pieces)


def test_an_outputs_bytes_are_written_by_a_thread_of_its_own_and_hold_little(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``write_bytes`` hands the bytes to the output's thread and goes on; the bytes
    waiting are at most ``_Behind.HELD`` (and the piece being handed on), ``flush`` waits
    for them all, and ``commit`` leaves no thread behind."""
    monkeypatch.setattr(pipeline._Behind, "HELD", 10_000)
    written = pipeline.AtomicOutput._written
    gate = threading.Event()
    waiting: list[int] = []

    def slow(self: AtomicOutput, data: bytes) -> None:
        gate.wait()  # nothing written until the test lets the thread go on
        written(self, data)

    monkeypatch.setattr(AtomicOutput, "_written", slow)
    target = tmp_path / "sida.html"
    out = AtomicOutput(str(target))
    pieces = [bytes([97 + i % 26]) * 3000 for i in range(12)]
    handed = threading.Thread(target=lambda: [out.write_bytes(p) for p in pieces])
    handed.start()
    handed.join(timeout=0.5)
    assert handed.is_alive()  # held back: the thread has written nothing yet
    writer = out._writer
    assert writer is not None
    waiting.append(writer._held)
    assert 10_000 <= waiting[0] < 10_000 + 3000
    gate.set()
    handed.join(timeout=10)
    assert not handed.is_alive()
    out.flush()
    assert writer._held == 0
    out.commit()
    assert not writer._thread.is_alive()
    assert target.read_bytes() == b"".join(pieces)


def test_a_write_that_fails_in_the_outputs_thread_is_raised_where_bytes_are_handed_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk met by the output's thread: the next ``write_bytes`` or ``flush`` raises
    it (never a hang, never a silent page), and ``discard`` leaves neither file nor thread."""

    def full(self: AtomicOutput, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(AtomicOutput, "_written", full)
    target = tmp_path / "sida.html"
    out = AtomicOutput(str(target))
    out.write_bytes(b"x" * 100)  # handed on: the failure is the thread's
    with pytest.raises(OSError) as raised:
        for _ in range(1000):
            out.write_bytes(b"x" * 100)
        out.flush()
    assert raised.value.errno == errno.ENOSPC
    with pytest.raises(OSError):
        out.flush()  # and again: the page is not written
    writer = out._writer
    tmp = out.tmp
    assert writer is not None and tmp is not None
    out.discard()
    assert not writer._thread.is_alive() and not os.path.exists(tmp) and not target.exists()
