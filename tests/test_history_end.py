"""The run's end stored beside the memo's save (``History.beside``, ``History.awaited``):
the same rows as ``end``, its error raised where it is awaited, and a Ctrl-C meanwhile
raised only once the database is no longer in use."""

from __future__ import annotations

import functools
import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from checker.findings import Severity
from checker.nightly.history import History, HistoryError, NewRun


def _run() -> NewRun:
    run = NewRun("2026-12-01T02:00:00", "", 0.0, "/träd", "0", "fp", 2)
    run.files = [("a.yaml", "Enheten", True), ("b.yaml", "Enheten", False)]
    return run


def _ended(path: Path, beside: bool) -> list[Any]:
    counts = Counter({Severity.ERROR: 2, Severity.WARNING: 1})
    with History(path) as history, history.pending():
        run = _run()
        run_id = history.begin(run)
        history.add_files(run_id, run.files)
        run.finished, run.duration = "2026-12-01T02:01:00", 60.0
        if beside:
            history.beside(functools.partial(history.end, run_id, run, 2, 1, counts, 0))
            history.awaited()
        else:
            history.end(run_id, run, 2, 1, counts, 0)
    with sqlite3.connect(path) as db:
        return db.execute("SELECT * FROM runs").fetchall()


def test_the_end_beside_stores_what_the_end_stores(tmp_path: Path) -> None:
    beside, plain = _ended(tmp_path / "a.sqlite", True), _ended(tmp_path / "b.sqlite", False)
    assert beside == plain and beside[0][2] == "2026-12-01T02:01:00"


def test_its_error_is_raised_where_it_is_awaited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(self: History, *args: object) -> None:
        raise HistoryError("kan inte spara körningen")

    monkeypatch.setattr(History, "end", failing)
    with History(tmp_path / "h.sqlite") as history:
        history.beside(functools.partial(history.end, 1, _run(), 0, 0, Counter(), 0))
        with pytest.raises(HistoryError, match="kan inte spara"):
            history.awaited()
        history.awaited()  # raised once; nothing left to await


def test_a_ctrl_c_waits_for_the_end_to_let_go_of_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done: list[bool] = []

    def slow(self: History, *args: object) -> None:
        time.sleep(0.3)
        done.append(True)

    joins: list[int] = []
    join = threading.Thread.join

    def interrupted(self: threading.Thread, timeout: float | None = None) -> None:
        joins.append(1)
        if len(joins) == 1:
            raise KeyboardInterrupt
        join(self, timeout)

    monkeypatch.setattr(History, "end", slow)
    with History(tmp_path / "h.sqlite") as history:
        history.beside(functools.partial(history.end, 1, _run(), 0, 0, Counter(), 0))
        monkeypatch.setattr(threading.Thread, "join", interrupted)
        with pytest.raises(KeyboardInterrupt):
            history.awaited()
        monkeypatch.setattr(threading.Thread, "join", join)
        assert done == [True]  # the end had finished when the Ctrl-C was raised
        assert len(joins) == 2
