"""One pipeline for every check: standard in, a roster and a folder give their findings alike.

Standard in, ``--roster`` and ``--statistics`` once took a second, whole-run
path with its own quiet and ordering rules; they now stream through the same
pipeline as a plain ``check``, so each option means the same in every mode.
"""

from __future__ import annotations

import mmap
import os
import shutil
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
