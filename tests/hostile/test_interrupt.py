"""Class 8 of issue 9: Ctrl-C in a parallel run prints one line, not a traceback per worker."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import CLEAN, ROOT


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(entry))
    return out


@pytest.mark.parametrize("command", ["check", "nightly"])
def test_ctrl_c_in_a_parallel_run_is_one_line_and_exit_130(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "stort"
    folder.mkdir()
    source = folder / "källa.yaml"
    source.write_bytes(CLEAN.read_bytes())
    for i in range(3000):  # hard links: a big tree that costs no disk
        os.link(source, folder / f"r{i:04d}.yaml")
    out = tmp_path / "ut.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RAPPORTKOLL_CACHE_KEY": str(tmp_path / "k")}
    argv = [sys.executable, "-m", "checker.cli", command, "--jobs", "2"]
    argv += ["--cache-dir", str(tmp_path / "cache"), str(folder)]
    if command == "check":
        argv += ["--output", f"json={out}"]
    else:
        argv += ["--db", str(tmp_path / "h.sqlite"), "--dashboard", str(out)]
    proc = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        deadline = time.monotonic() + 60
        while len(_children(proc.pid)) < 2 and proc.poll() is None:
            assert time.monotonic() < deadline, "the workers never started"
            time.sleep(0.05)
        time.sleep(0.5)  # the workers are checking files
        assert proc.poll() is None, "the run ended before it could be interrupted"
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole group
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines == ["rapportkoll: avbrutet (Ctrl-C); ingen utdatafil har skrivits eller ändrats"]
    assert proc.returncode == 130
    assert stdout == "" and not out.exists()
    assert not list(tmp_path.rglob("*.tmp"))
    if command == "nightly" and (tmp_path / "h.sqlite").exists():
        with sqlite3.connect(tmp_path / "h.sqlite") as db:
            assert db.execute("SELECT COUNT(*) FROM runs").fetchone() == (0,)
