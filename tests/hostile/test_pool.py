"""The parallel run's workers (``checker.run.pool``): Ctrl-C and a killed worker never hang it.

A ``nightly --jobs 2`` once hung for over an hour after Ctrl-C: a worker died holding
the lock of ``multiprocessing.Pool``'s result queue and the parent waited on it for
ever. The pool now shares no lock with its workers and bounds every wait. These tests
stop real runs (``check`` and ``nightly``, two workers) at seeded random moments,
by Ctrl-C to the process group and by SIGKILL to one worker, and the pool itself
with workers that die on given items.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import time
from functools import partial
from pathlib import Path

import pytest

from checker.run.pool import ordered

from .conftest import ROOT, snapshot
from .processes import STOPPED_LINE, before_launch, children, finish, start, wait_for

DEFECTS = ROOT / "sample_reports" / "defects" / "vb-2024-typiska-fel.yaml"
FILES = 600  # as in the run that hung
SMALL = 80
BOUND = 15.0  # seconds from the signal to the end, at most (the pool's grace is 2 s)


# -- the pool on its own ------------------------------------------------------------


def _square_or_die(n: int) -> int:
    if n % 7 == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    if n % 11 == 5:
        raise ValueError(f"inget tal för {n}")
    return n * n


def _lost(n: int, reason: str) -> int:
    return -n if "SIGKILL" in reason else -1000 - n if "ValueError" in reason else -99999


@pytest.mark.parametrize("jobs", [2, 3])
def test_workers_that_die_cost_their_item_only_and_the_order_is_kept(jobs: int) -> None:
    before = set(children(os.getpid()))
    got = list(ordered(_square_or_die, range(60), jobs, _lost, chunk=4, ahead=2))
    want = [-n if n % 7 == 3 else -1000 - n if n % 11 == 5 else n * n for n in range(60)]
    assert got == want
    assert set(children(os.getpid())) == before  # every worker ended and reaped


def test_a_consumer_that_stops_early_leaves_no_worker() -> None:
    before = set(children(os.getpid()))
    results = ordered(abs, range(-500, 500), 2, _lost, chunk=3)
    assert [next(results) for _ in range(5)] == [500, 499, 498, 497, 496]
    results.close()
    assert set(children(os.getpid())) == before


def test_large_tasks_and_results_do_not_block_either_side() -> None:
    """Tasks and results far over a pipe's 64 KiB: neither side may wait on the other."""
    items = [("x" * 200_000, i) for i in range(12)]
    got = list(ordered(lambda item: item[0] * 3, items, 2, lambda item, why: why, chunk=3))
    assert got == ["x" * 600_000] * 12


def test_without_a_process_to_be_had_the_work_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resursen tillfälligt otillgänglig")

    monkeypatch.setattr(os, "fork", no_fork)
    fds = len(os.listdir("/proc/self/fd"))
    assert list(ordered(abs, range(-20, 20), 2, _lost, chunk=3)) == [abs(n) for n in range(-20, 20)]
    assert len(os.listdir("/proc/self/fd")) == fds  # the pipes of the failed forks are closed


# -- real runs, stopped from outside ------------------------------------------------


def _copies(folder: Path, n: int) -> Path:
    """``n`` copies (hard links) of a report with findings: every file's findings are alike."""
    folder.mkdir(parents=True)
    source = folder / "källa.yaml"
    source.write_bytes(DEFECTS.read_bytes())
    for i in range(n - 1):
        os.link(source, folder / f"r{i:04d}.yaml")
    return folder


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Long enough that a Ctrl-C at a random moment falls in the run."""
    return _copies(tmp_path_factory.mktemp("pool") / "rapporter", FILES)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Short enough to run to its end a few times, long enough to kill a worker in it."""
    return _copies(tmp_path_factory.mktemp("pool") / "rapporter", SMALL)


def _argv(command: str, folder: Path, state: Path) -> list[str]:
    argv = [command, "--jobs", "2", "--cache-dir", str(state / "cache")]
    if command == "check":
        return [*argv, "--format", "json", "--output", f"json={state / 'ut.json'}", str(folder)]
    argv += ["--db", str(state / "h.sqlite"), "--dashboard", str(state / "d.html")]
    return [*argv, "--findings", str(state / "f.html"), str(folder)]


def _checked(state: Path, n: int) -> bool:
    """Whether the run has checked ``n`` files: each checked file leaves a cache entry."""
    return sum(1 for _ in (state / "cache").rglob("*.json")) >= n


def _runs(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as con:
        return int(con.execute("SELECT COUNT(*) FROM runs").fetchone()[0])


def test_ctrl_c_at_random_moments_ends_every_parallel_run_at_once(
    big: Path, tmp_path: Path
) -> None:
    rng = random.Random(25)
    before = snapshot(big)
    ours = 0
    for i in range(14):
        command = ("check", "nightly")[i % 2]
        state = tmp_path / f"{i}"
        state.mkdir()
        proc = start(_argv(command, big, state), tmp_path)
        if i % 3:  # while the workers check files: the moment of the hang
            checked = rng.randint(1, 40)
            assert wait_for(partial(_checked, state, checked), proc, 60), proc.poll()
        else:  # any moment from the start: imports, the walk, the workers' fork
            time.sleep(rng.uniform(0.2, 1.5))
        sent = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)
        ended = finish(proc, BOUND + 30, sent)
        assert ended.seconds < BOUND, (i, ended)
        assert not ended.leftovers, (i, ended)
        if before_launch(ended.err):  # see test_interrupt: the interpreter's own start
            continue
        assert "Traceback" not in ended.err, (i, ended)
        if ended.code == 130:
            ours += 1
            assert ended.err.splitlines() == [STOPPED_LINE], (i, ended)
            assert ended.out == "", (i, ended)
            assert not (state / "ut.json").exists() and not (state / "d.html").exists()
            assert _runs(state / "h.sqlite") == 0
        else:  # it finished first: a whole run, stored
            assert ended.code == (1 if command == "check" else 0), (i, ended)
        assert not list(state.rglob("*.tmp")), (i, sorted(state.rglob("*.tmp")))
    assert snapshot(big) == before
    assert ours >= 9  # at least each signal sent while files were being checked


@pytest.mark.parametrize("command", ["check", "nightly"])
def test_a_worker_killed_mid_run_is_reported_and_the_rest_is_checked(
    small: Path, tmp_path: Path, command: str
) -> None:
    rng = random.Random(9 if command == "check" else 10)
    before = snapshot(small)
    for i in range(3):
        state = tmp_path / f"{i}"
        state.mkdir()
        proc = start(_argv(command, small, state), tmp_path)
        # a moment while both workers are busy, with files left for each
        checked = rng.randint(2, 30)
        assert wait_for(partial(_checked, state, checked), proc, 60), proc.poll()
        workers = children(proc.pid)
        assert workers, "the run ended before a worker could be killed"
        victim = rng.choice(workers)
        killed = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        ended = finish(proc, BOUND + 60, killed)
        assert not ended.leftovers, (i, ended)
        assert "Traceback" not in ended.err, (i, ended)
        assert ended.code == 2, (i, ended)  # RK000: the checker, not the reports, failed
        said = "stoppades av signal 9 (SIGKILL); filen är inte granskad"
        if command == "check":
            report = json.loads((state / "ut.json").read_text(encoding="utf-8"))
            assert len(report["files"]) == SMALL
            codes: dict[str, list[str]] = {}
            for f in report["findings"]:
                codes.setdefault(f["file"], []).append(f["code"])
            lost = [f for f in report["findings"] if f["code"] == "RK000"]
            assert len(lost) == 1, (i, lost)
            assert said in lost[0]["message"] and codes[lost[0]["file"]] == ["RK000"]
            kinds = {tuple(sorted(c)) for c in codes.values()}
            assert len(kinds) == 2  # every other file has the same findings as the rest
            assert len(codes) == SMALL
            assert ended.out == (state / "ut.json").read_text(encoding="utf-8")
        else:
            assert _runs(state / "h.sqlite") == 1
            with sqlite3.connect(state / "h.sqlite") as con:
                rows = con.execute("SELECT message FROM findings WHERE code = 'RK000'").fetchall()
                assert len(rows) == 1 and said in rows[0][0]
                (checked,) = con.execute("SELECT COUNT(*) FROM files").fetchone()
                assert checked == SMALL
        assert not list(state.rglob("*.tmp"))
    assert snapshot(small) == before
