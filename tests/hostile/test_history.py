"""The nightly history stores each text once, and a history of the previous format upgrades.

``data/history-v1.sqlite`` was written by rapportkoll 0.1 (history format 1): three
nightly runs over three reports, one with a unit name of 1,829 characters; the third
run added one finding (run 3 against run 2: one new, none fixed).
``data/history-v2.sqlite`` was written by the rapportkoll of history format 2 (a row per
finding and night): four nightly runs over three reports; the third added a copy of the
report with findings (nine new) and removed a clean one, the fourth removed the copy
(its nine findings missing, not fixed).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from checker.nightly.history import History, HistoryError, NewRun
from tests.conftest import SAMPLES, cli

from .conftest import snapshot

V1 = Path(__file__).parent / "data" / "history-v1.sqlite"
V2 = Path(__file__).parent / "data" / "history-v2.sqlite"
DEFECTS = SAMPLES / "defects" / "vb-2024-typiska-fel.yaml"
NAME_CHARS = 200_000


def _rows(path: Path, sql: str, *params: object) -> list[Any]:
    with sqlite3.connect(path) as db:
        return db.execute(sql, params).fetchall()


def _long_named_tree(tmp_path: Path) -> tuple[Path, str]:
    """A folder with a report whose unit name is ``NAME_CHARS`` long, and a clean one."""
    tree = tmp_path / "träd"
    tree.mkdir()
    text = DEFECTS.read_text(encoding="utf-8")
    name = "Enheten " + "Ö" * NAME_CHARS
    assert "  enhet: Gruppbostaden Ekbacken\n" in text
    (tree / "lång.yaml").write_text(
        text.replace("  enhet: Gruppbostaden Ekbacken\n", f"  enhet: {name}\n"), encoding="utf-8"
    )
    shutil.copy(SAMPLES / "clean" / "vb-2024-boendestodet.yaml", tree / "ren.yaml")
    return tree, name


def _nightly(tmp_path: Path, tree: Path, db: Path, *extra: str) -> Any:
    return cli(
        "nightly",
        str(tree),
        "--db",
        str(db),
        "--dashboard",
        str(tmp_path / "översikt.html"),
        "--findings",
        str(tmp_path / "anmärkningar.html"),
        *extra,
        env={"RAPPORTKOLL_CACHE_KEY": str(tmp_path / "key")},
    )


@pytest.mark.parametrize("cache", [False, True], ids=["no-cache", "cache"])
def test_a_long_unit_name_costs_the_history_once_not_per_finding_and_night(
    tmp_path: Path, cache: bool
) -> None:
    tree, name = _long_named_tree(tmp_path)
    db = tmp_path / "h.sqlite"
    before = snapshot(tree)
    extra = ("--cache-dir", str(tmp_path / "cache")) if cache else ("--no-cache",)
    sizes = []
    for night in range(3):
        proc = _nightly(tmp_path, tree, db, *extra)
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
        if night:
            assert "0 nya anmärkningar, 0 åtgärdade" in proc.stdout
        sizes.append(db.stat().st_size)
    findings = _rows(db, "SELECT COUNT(*) FROM findings WHERE unit = ?", name)[0][0]
    assert findings >= 5  # the name would be copied into each of these rows, every night
    # The name is UTF-8 (2 bytes a character): stored once, plus pages and small rows.
    name_bytes = len(name.encode("utf-8"))
    assert sizes[0] < name_bytes + 256 * 1024, sizes
    # Later nights add rows of ids and numbers, not the name: far below one name's size.
    assert sizes[-1] - sizes[0] < 64 * 1024, sizes
    assert _rows(db, "SELECT COUNT(*) FROM texts WHERE text = ?", name) == [(1,)]
    # the views still show each row with its texts, as the tables of format 1 did
    assert _rows(db, "SELECT COUNT(DISTINCT run_id) FROM files WHERE unit = ?", name) == [(3,)]
    page = (tmp_path / "översikt.html").read_text(encoding="utf-8")
    assert "Enheten ÖÖÖ" in page
    assert snapshot(tree) == before


def test_runs_deleted_by_hand_take_their_texts_with_them_at_the_next_night(
    tmp_path: Path,
) -> None:
    tree, name = _long_named_tree(tmp_path)
    db = tmp_path / "h.sqlite"
    assert _nightly(tmp_path, tree, db, "--no-cache").returncode == 0
    (tree / "lång.yaml").unlink()
    assert _nightly(tmp_path, tree, db, "--no-cache").returncode == 0
    assert _rows(db, "SELECT COUNT(*) FROM texts WHERE text = ?", name) == [(1,)]
    # docs/nightly.md's way to thin out the history
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("DELETE FROM runs WHERE id = 1")
    proc = _nightly(tmp_path, tree, db, "--no-cache")
    assert proc.returncode == 0, proc.stderr
    assert _rows(db, "SELECT COUNT(*) FROM texts WHERE text = ?", name) == [(0,)]
    assert _rows(db, "SELECT id FROM runs ORDER BY id") == [(2,), (3,)]
    assert "0 nya anmärkningar, 0 åtgärdade" in proc.stdout


def _v1_copy(tmp_path: Path) -> Path:
    path = tmp_path / "historik.sqlite"
    shutil.copy(V1, path)
    return path


FINDING_COLUMNS = (
    "run_id, file, unit, code, name, severity, line, col, path, label, message,"
    " suggestion, label_en, message_en, suggestion_en, fingerprint"
)
# every row of every run, as a multiset: a finding shared by runs is stored once now
FINDINGS_SQL = f"SELECT {FINDING_COLUMNS} FROM findings ORDER BY {FINDING_COLUMNS}"


def test_a_format_1_history_is_upgraded_with_every_row_kept(tmp_path: Path) -> None:
    path = _v1_copy(tmp_path)
    runs = _rows(path, "SELECT * FROM runs ORDER BY id")
    files = _rows(path, "SELECT run_id, file, unit, checked FROM files ORDER BY run_id, file")
    findings = _rows(path, FINDINGS_SQL)
    assert _rows(path, "SELECT value FROM meta WHERE key = 'schema'") == [("1",)]
    assert len(runs) == 3 and len(findings) > 50
    assert any(len(r[2]) > 1800 for r in findings)  # the long unit name, in many rows

    with History(path) as history:
        assert history.count_runs() == 3
        compared = history.compare(3, 2)
        assert (compared.new, compared.fixed, compared.missing) == (1, 0, 0)
        assert history.compare(2, 1).new == 0
        assert len(history.findings(3)) == sum(1 for f in findings if f[0] == 3)
        by_unit = history.counts_by("unit", [1, 2, 3])
        assert any(len(unit) > 1800 for unit in by_unit[3])

    assert _rows(path, "SELECT value FROM meta WHERE key = 'schema'") == [("3",)]
    assert _rows(path, "SELECT * FROM runs ORDER BY id") == runs
    assert (
        _rows(path, "SELECT run_id, file, unit, checked FROM files ORDER BY run_id, file") == files
    )
    assert _rows(path, FINDINGS_SQL) == findings
    assert path.stat().st_size < V1.stat().st_size / 2  # the copies of the name are gone
    assert _rows(path, "PRAGMA integrity_check") == [("ok",)]


def test_the_nightly_run_goes_on_from_an_upgraded_history(tmp_path: Path) -> None:
    path = _v1_copy(tmp_path)
    tree = tmp_path / "träd"
    tree.mkdir()
    shutil.copy(DEFECTS, tree / "a.yaml")
    proc = _nightly(tmp_path, tree, path, "--no-cache")
    assert proc.returncode == 0, proc.stderr
    assert "Körning 4 sparad" in proc.stdout
    page = (tmp_path / "översikt.html").read_text(encoding="utf-8")
    assert "4 körningar i historiken" in page
    assert _rows(path, "SELECT COUNT(*) FROM runs") == [(4,)]


def test_an_upgrade_interrupted_halfway_is_rolled_back(tmp_path: Path) -> None:
    """A failure after half the rows were copied (here: a row that cannot be stored)."""
    path = _v1_copy(tmp_path)
    findings = _rows(path, FINDINGS_SQL)
    with sqlite3.connect(path) as db:  # the last row's file is bytes, not text: damage
        db.execute("UPDATE findings SET file = x'00ff' WHERE id = (SELECT MAX(id) FROM findings)")
    before = path.read_bytes()
    with pytest.raises(HistoryError, match="skadad"):
        History(path)
    assert path.read_bytes() == before
    assert _rows(path, "SELECT value FROM meta WHERE key = 'schema'") == [("1",)]
    assert len(_rows(path, "SELECT id FROM findings")) == len(findings)


def test_a_format_2_history_is_upgraded_to_finding_sets_with_every_figure_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "historik.sqlite"
    shutil.copy(V2, path)
    runs = _rows(path, "SELECT * FROM runs ORDER BY id")
    files = _rows(path, "SELECT run_id, file, unit, checked FROM files ORDER BY run_id, file")
    findings = _rows(path, FINDINGS_SQL)
    assert _rows(path, "SELECT value FROM meta WHERE key = 'schema'") == [("2",)]
    assert [r[0] for r in runs] == [1, 2, 3, 4] and len(findings) == 45

    with History(path) as history:
        assert [
            (c.new, c.fixed, c.missing) for c in map(history.compare, (2, 3, 4), (1, 2, 3))
        ] == [
            (0, 0, 0),
            (9, 0, 0),
            (0, 0, 9),
        ]
        assert history.compare(4, 3).missing_files == ["b/fel2.yaml"]
        by_rule = history.counts_by("code", [1, 2, 3, 4])
        assert {r: sum(sum(c.values()) for c in by_rule[r].values()) for r in by_rule} == {
            1: 9,
            2: 9,
            3: 18,
            4: 9,
        }

    assert _rows(path, "SELECT value FROM meta WHERE key = 'schema'") == [("3",)]
    assert _rows(path, "SELECT * FROM runs ORDER BY id") == runs
    assert (
        _rows(path, "SELECT run_id, file, unit, checked FROM files ORDER BY run_id, file") == files
    )
    assert _rows(path, FINDINGS_SQL) == findings
    # 45 rows shown, 18 stored: each report's nine findings once, however many nights
    assert _rows(path, "SELECT COUNT(*) FROM set_rows") == [(18,)]
    assert _rows(path, "PRAGMA integrity_check") == [("ok",)]


def test_an_unchanged_report_adds_no_findings_to_the_history(tmp_path: Path) -> None:
    """A night where nothing changed stores a row per file and run, and no finding."""
    tree, _ = _long_named_tree(tmp_path)
    db = tmp_path / "h.sqlite"
    for _ in range(2):
        assert _nightly(tmp_path, tree, db, "--no-cache").returncode == 0
    stored = _rows(db, "SELECT COUNT(*) FROM set_rows")[0][0]
    shown = _rows(db, "SELECT run_id, COUNT(*) FROM findings GROUP BY run_id")
    assert shown == [(1, stored), (2, stored)] and stored >= 5
    assert _rows(db, "SELECT run_id, COUNT(*) FROM run_sets GROUP BY run_id") == [(1, 1), (2, 1)]


def _damaged_inside(path: Path) -> bytes:
    """A history whose schema reads but whose last page is garbage: only the whole file's
    check (``PRAGMA quick_check``) finds it. Its bytes."""
    run = NewRun("2026-01-01T00:00:00", "2026-01-01T00:00:00", 0.0, "/t" * 200, "1", "fp", 1)
    with History(path) as history, history.pending():
        for _ in range(50):
            history.begin(run)
    raw = bytearray(path.read_bytes())
    last = (len(raw) // 4096 - 1) * 4096
    raw[last : last + 100] = b"\xff" * 100
    path.write_bytes(bytes(raw))
    return bytes(raw)


@pytest.mark.parametrize("beside", [False, True])
def test_a_history_damaged_inside_is_refused_before_anything_is_written(
    tmp_path: Path, beside: bool
) -> None:
    path = tmp_path / "h.sqlite"
    before = _damaged_inside(path)
    if not beside:
        with pytest.raises(HistoryError, match="historikdatabas"):
            History(path)
    else:
        history = History(path, check_beside=True)  # opened: the check runs beside
        try:
            with pytest.raises(HistoryError, match="historikdatabas"):  # at the first write
                history.begin(NewRun("a", "a", 0.0, "/t", "1", "fp", 1))
        finally:
            history.close()
    assert path.read_bytes() == before


def test_the_nightly_run_refuses_a_history_damaged_inside_and_leaves_it(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    before = _damaged_inside(path)
    tree = tmp_path / "träd"
    tree.mkdir()
    shutil.copy(DEFECTS, tree / "a.yaml")
    proc = _nightly(tmp_path, tree, path, "--cache-dir", str(tmp_path / "cache"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "historikdatabas" in proc.stderr and str(path) in proc.stderr
    assert path.read_bytes() == before
    assert not (tmp_path / "översikt.html").exists()
