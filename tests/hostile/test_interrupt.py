"""Ctrl-C ends a run with one line and exit 130: in a parallel run (not a traceback per
worker), and at any moment of the command's start-up (not a traceback of an import)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import CLEAN, ROOT, snapshot, tree
from .processes import STOPPED_LINE, before_launch, finish, start


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


# -- Ctrl-C while the command starts -------------------------------------------------

START_MOMENTS_MS = (0, 20, 50, 100, 200, 400)


@pytest.mark.parametrize("command", ["check", "nightly"])
def test_ctrl_c_at_any_moment_of_start_up_is_one_line_and_exit_130(
    tmp_path: Path, command: str
) -> None:
    """SIGINT to the group at fixed and seeded random moments after the command is started.

    Before the interpreter has its own handler, SIGINT ends it like any program (killed by
    the signal, which a shell shows as 130, nothing printed). Once ``checker.launch``
    runs, the outcome is the one line and 130. In between, the interpreter starts, runs
    ``site`` and the package's ``__init__``: what it prints there is Python's, not the
    command's, and the test tells those cases apart by the traceback's frames.
    """
    folder = tree(tmp_path, 3)
    before = snapshot(folder)

    def argv(i: int) -> list[str]:
        if command == "check":
            return ["check", "--output", f"json={tmp_path / f'ut{i}.json'}", str(folder)]
        args = ["nightly", "--db", str(tmp_path / f"h{i}.sqlite"), "--no-cache", str(folder)]
        return [*args, "--dashboard", str(tmp_path / f"d{i}.html")]

    # the whole command, uninterrupted: the random moments fall within it on any machine
    t0 = time.monotonic()
    whole = finish(start(argv(-1), tmp_path), 60)
    assert whole.code in (0, 1) and "Traceback" not in whole.err, whole
    duration = time.monotonic() - t0
    rng = random.Random(8)
    moments = [*START_MOMENTS_MS, *(round(rng.uniform(0, duration * 1000)) for _ in range(4))]
    kinds = []
    for i, ms in enumerate(moments):
        out, db, dash = tmp_path / f"ut{i}.json", tmp_path / f"h{i}.sqlite", tmp_path / f"d{i}.html"
        proc = start(argv(i), tmp_path)
        time.sleep(ms / 1000)
        sent = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)
        ended = finish(proc, 30, sent)
        assert not ended.leftovers, (ms, ended)
        assert ended.seconds < 10, (ms, ended)
        if "Traceback" in ended.err or "Fatal Python error" in ended.err:
            assert before_launch(ended.err), (ms, ended)
            # Python may swallow the signal where it lands (a KeyboardInterrupt in an import
            # lock's callback is printed and ignored): the command then runs to its end.
            swallowed = "Fatal Python error" not in ended.err and ended.code in (0, 1)
            kinds.append("done" if swallowed and ended.out else "interpreter")
        elif ended.code == -signal.SIGINT:  # before Python's handler, or at its exit
            assert ended.err == "", (ms, ended)
            kinds.append("signal" if ended.out == "" else "done")
        elif ended.code == 130:
            assert ended.err.splitlines() == [STOPPED_LINE], (ms, ended)
            # findings stream to the terminal as files are checked: a stop may come after
            # some were printed, never with more than the whole run prints (nor a file written)
            assert whole.out.startswith(ended.out), (ms, ended)
            kinds.append("ours")
        else:  # it ended before the signal came
            assert ended.code in (0, 1), (ms, ended)
            kinds.append("done")
        if kinds[-1] == "done" and command == "check":  # the whole output, or none
            assert "4 filer kontrollerade" in ended.out and json.loads(out.read_text()), ended
        if kinds[-1] != "done":
            assert not out.exists() and not dash.exists(), (ms, ended)
            if db.exists():  # made before the signal, perhaps still without tables
                with sqlite3.connect(db) as con:
                    tables = con.execute("SELECT name FROM sqlite_master WHERE name = 'runs'")
                    if tables.fetchone():
                        assert con.execute("SELECT COUNT(*) FROM runs").fetchone() == (0,)
        assert snapshot(folder) == before
    # moments fell in the command's start-up, which is the point of the test
    assert kinds.count("ours") >= 2, list(zip(moments, kinds, strict=True))
