"""The dashboard's trend lines read each run's totals per unit and rule as SQLite sums them;
the counts per severity only for the latest two runs. The sums must be the counts' sums, and
a damaged row in an older run (outside those two) must still be found.

``data/history-v2.sqlite``: four nightly runs (see test_history.py), upgraded when opened.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.findings import Severity
from checker.nightly.history import History, HistoryError
from tests.conftest import SAMPLES, cli

V2 = Path(__file__).parent / "data" / "history-v2.sqlite"


def _history(tmp_path: Path) -> Path:
    db = tmp_path / "h.sqlite"
    shutil.copy(V2, db)
    History(db).close()  # upgraded to the present format
    return db


def test_the_trend_points_are_the_sums_of_the_counts_per_severity(tmp_path: Path) -> None:
    with History(_history(tmp_path)) as history:
        ids = [r.id for r in history.runs()]
        for column in ("unit", "code"):
            counts = history.counts_by(column, ids)
            assert any(c[Severity.ERROR] for by_key in counts.values() for c in by_key.values())
            expected = {
                run_id: {k: (sum(c.values()), c[Severity.ERROR]) for k, c in by_key.items()}
                for run_id, by_key in counts.items()
            }
            assert history.trends(column, ids) == expected
        files = history.units_by_run(ids)
        counted = history.counts_by("unit", ids)
        quiet = {i: set(units) - set(counted.get(i, {})) for i, units in files.items()}
        assert history.quiet_units(ids) == quiet
        assert all(quiet.values())  # the clean report's unit: present, no findings


@pytest.mark.parametrize(
    ("tamper", "readers"),
    [
        ("UPDATE run_counts SET severity = 'katastrof' WHERE run_id = 1", ["unit", "code"]),
        ("UPDATE run_counts SET n = -1 WHERE run_id = 1", ["unit", "code"]),
        ("UPDATE run_counts SET n = 'många' WHERE run_id = 1", ["unit", "code"]),
        ("UPDATE run_counts SET unit_id = 999999 WHERE run_id = 1", ["unit"]),  # no such text
        ("UPDATE file_rows SET unit_id = 999999 WHERE run_id = 1", ["quiet"]),
    ],
)
def test_a_damaged_count_of_an_older_run_is_found(
    tmp_path: Path, tamper: str, readers: list[str]
) -> None:
    db = _history(tmp_path)
    with History(db) as history:
        history.db.execute(tamper)
        history.db.commit()
        ids = [r.id for r in history.runs()]
        assert 1 not in ids[-2:]  # outside the runs whose counts per severity are read
        for reader in readers:
            with pytest.raises(HistoryError, match="är skadad eller har ändrats"):
                if reader == "quiet":
                    history.quiet_units(ids)
                else:
                    history.trends(reader, ids)


def test_the_nightly_run_stops_at_a_damaged_older_count(tmp_path: Path) -> None:
    db = _history(tmp_path)
    with History(db) as history:
        history.db.execute("UPDATE run_counts SET severity = 'katastrof' WHERE run_id = 1")
        history.db.commit()
    tree = tmp_path / "träd"
    tree.mkdir()
    shutil.copy(SAMPLES / "clean" / "vb-2024-boendestodet.yaml", tree / "ren.yaml")
    ran = cli(
        "nightly",
        str(tree),
        "--no-cache",
        "--db",
        str(db),
        "--dashboard",
        str(tmp_path / "översikt.html"),
    )
    assert ran.returncode == 2, ran
    assert "är skadad eller har ändrats" in ran.stderr
    assert not (tmp_path / "översikt.html").exists()
    with History(db) as history:
        assert [r.id for r in history.runs()] == [1, 2, 3, 4]  # none added


def test_the_points_of_counted_runs_are_their_counts_sums(tmp_path: Path) -> None:
    """The dashboard reads the latest two runs' counts once and hands them to ``trends``:
    the points are the same, and damage in an older run is still found."""
    db = _history(tmp_path)
    with History(db) as history:
        ids = [r.id for r in history.runs()]
        for column in ("unit", "code"):
            counted = history.counts_by(column, ids[-2:])
            assert counted
            assert history.trends(column, ids, counted) == history.trends(column, ids)
        history.db.execute("UPDATE run_counts SET n = -1 WHERE run_id = 1")
        history.db.commit()
        for column in ("unit", "code"):
            counted = history.counts_by(column, ids[-2:])
            with pytest.raises(HistoryError, match="är skadad eller har ändrats"):
                history.trends(column, ids, counted)
