"""A nightly run hands an unchanged report's findings on by reference (``checker.nightly.memo``).

Each test runs ``nightly.run`` in-process with the real engine over a copy of
sample_reports, twice so that a memo exists, and compares the night made by reference
with the same night made without the memo (a copy of the state with the memo
removed): the same pages, the same history. A spy on the cache's finding decoder
tells whether findings were made from the cache.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.nightly import runner as nightly
from checker.nightly.memo import Blobs, Memo
from checker.run import cache as cache_mod
from checker.run import files as files_mod
from checker.run import pipeline
from checker.run.cache import SafeCache
from tests.conftest import SAMPLES

PAGE = nightly.FINDINGS_PAGE
# a run's moment, with the number the dashboard adds to tell runs of the same moment apart
MOMENT = re.compile(rb"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?([+-]\d\d:\d\d)?( \(#\d+\))?|\d+,\d+ s<")


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The files whose findings were made from a cache entry, one name per finding."""
    monkeypatch.setenv("RAPPORTKOLL_CACHE_KEY", str(tmp_path / "cache.key"))
    seen: list[str] = []
    decode = cache_mod._finding

    def spy(f: Any, display: str) -> Any:
        seen.append(display)
        return decode(f, display)

    monkeypatch.setattr(cache_mod, "_finding", spy)
    return seen


def _night(tree: Path, state: Path, jobs: int = 1, db: str = "h.sqlite") -> nightly.Summary:
    return nightly.run(
        Engine(Settings()),
        str(tree),
        str(state / db),
        str(state / "cache"),
        str(state / "dash.html"),
        jobs=jobs,
    )


def _memo(state: Path) -> Path:
    (memo,) = (state / "cache").glob("memo-*.bin")
    return memo


def _outputs(state: Path, db: str = "h.sqlite") -> tuple[bytes, bytes, list[Any]]:
    """The pages with their moments masked, and the last run's findings in the history."""
    pages = [MOMENT.sub(b"T", (state / p).read_bytes()) for p in ("dash.html", PAGE)]
    with sqlite3.connect(state / db) as con:
        rows = con.execute(
            "SELECT file, unit, code, severity, line, col, message, message_en, fingerprint"
            " FROM findings WHERE run_id = (SELECT MAX(id) FROM runs)"
            " ORDER BY file, line, col, code, fingerprint"
        ).fetchall()
        rows += con.execute(
            "SELECT files, checked, cached, errors, warnings, infos, internal_errors FROM runs"
            " ORDER BY id DESC LIMIT 1"
        ).fetchall()
    dash, page = pages
    return dash, page, rows


def _two_nights(tmp_path: Path, tree: Path | None = None) -> tuple[Path, Path, Path]:
    """A tree, its state after two nights (with a memo) and a copy without the memo."""
    tree = tree or tmp_path / "rapporter"
    shutil.copytree(SAMPLES, tree)
    state = tmp_path / "state"
    state.mkdir()
    _night(tree, state)
    _night(tree, state)
    plain = tmp_path / "plain"
    shutil.copytree(state, plain)
    _memo(plain).unlink()
    return tree, state, plain


def test_an_unchanged_night_by_reference_is_the_night_made_again(
    tmp_path: Path, made: list[str]
) -> None:
    tree, state, plain = _two_nights(tmp_path)
    made.clear()
    known = _night(tree, state)
    assert made == []  # no finding made from the cache: every report by reference
    again = _night(tree, plain)
    assert made  # without the memo they are made
    assert (known.files, known.cached, known.counts) == (again.files, again.cached, again.counts)
    assert known.counts.total() > 0 and known.cached == known.files
    assert _outputs(state) == _outputs(plain)


def test_changed_reports_and_two_workers_give_what_the_made_night_gives(
    tmp_path: Path, made: list[str]
) -> None:
    """A changed report is checked again, a report whose findings change with a run rule's
    is made; the others come by reference, also from forked workers."""
    tree, state, plain = _two_nights(tmp_path)
    changed = sorted(tree.rglob("*.yaml"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "# ändrad\n", encoding="utf-8")
    for where in (state, plain):
        _night(tree, where, jobs=2)
    assert _outputs(state) == _outputs(plain)
    made.clear()
    _night(tree, state, jobs=1)  # the changed report's memo entry is made the night it is
    assert made == []


def test_a_new_history_with_an_old_cache_stores_every_set(tmp_path: Path, made: list[str]) -> None:
    """A known set the history does not have (another database) is made from the cache."""
    tree, state, plain = _two_nights(tmp_path)
    _night(tree, state, db="ny.sqlite")
    _night(tree, plain, db="ny.sqlite")
    assert made
    assert _outputs(state, "ny.sqlite")[2] == _outputs(plain, "ny.sqlite")[2]
    assert len(_outputs(state, "ny.sqlite")[2]) > 1


def test_a_bigger_tree_names_its_files_anew(tmp_path: Path, made: list[str]) -> None:
    """The same files checked as part of a bigger tree: their names relative to the tree
    change, so their sets in the history are made again, by the new names."""
    tree, state, plain = _two_nights(tmp_path, tmp_path / "ovan" / "rapporter")
    for where in (state, plain):
        _night(tree.parent, where)
    assert made
    assert _outputs(state) == _outputs(plain)
    assert str(_outputs(plain)[2][0][0]).startswith("rapporter/")
    made.clear()
    _night(tree.parent, state)  # and by reference the night after, by the new names
    assert made == []


@pytest.mark.parametrize("how", ["mac", "shape", "other-salt", "lying-tally"])
def test_a_tampered_memo_is_no_memo(tmp_path: Path, made: list[str], how: str) -> None:
    tree, state, plain = _two_nights(tmp_path)
    path = _memo(state)
    body = path.read_bytes().partition(b"\n")[2]
    rows = {k: list(v) for k, v in marshal.loads(body).items()}
    first = next(k for k, v in rows.items() if v[3][0])
    salt = f"{Engine(Settings()).fingerprint()}:{cache_mod.source_digest()}"
    cache = SafeCache(state / "cache", salt)
    label = Memo(cache).label
    if how == "mac":
        path.write_bytes(b"0" * 64 + b"\n" + body)
    elif how == "shape":  # a valid MAC over an entry of the wrong shape
        outline = rows[first][5][0]
        rows[first][5] = ((str(outline[0]), *outline[1:]), *rows[first][5][1:])
        path.write_bytes(cache.seal(label, marshal.dumps({k: tuple(v) for k, v in rows.items()})))
    elif how == "other-salt":
        other = SafeCache(state / "cache", "another salt")
        path.write_bytes(other.seal(Memo(other).label, body))
    else:  # counts that do not match the outlines: the memo is in doubt
        tally = rows[first][3]
        rows[first][3] = (tally[0], tally[1] + 1, *tally[2:])
        path.write_bytes(cache.seal(label, marshal.dumps({k: tuple(v) for k, v in rows.items()})))
    made.clear()
    _night(tree, state)
    assert made  # every report's findings made from its cache entry
    _night(tree, plain)
    assert _outputs(state) == _outputs(plain)


def test_a_run_rules_finding_on_a_known_report_makes_its_findings(
    tmp_path: Path, made: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Solsidan's year report differs from its tertial report (RK403, a run rule's finding):
    a night without the tertial report knows the year report's findings; the night the
    tertial report is back, the run rule's finding joins them, made from the cache."""
    tree = tmp_path / "rapporter"
    shutil.copytree(SAMPLES, tree)
    tertial = tree / "defects" / "solsidan" / "t2-2024-solsidan.yaml"
    kept = tertial.read_bytes()
    tertial.unlink()
    state, plain = tmp_path / "state", tmp_path / "plain"
    state.mkdir()
    for _ in range(2):
        _night(tree, state)
    shutil.copytree(state, plain)
    _memo(plain).unlink()
    tertial.write_bytes(kept)
    recalled: list[str] = []
    whole = pipeline._Final.whole

    def spy(final: pipeline._Final, file: str, key: str) -> Any:
        recalled.append(Path(file).name)
        return whole(final, file, key)

    monkeypatch.setattr(pipeline._Final, "whole", spy)
    _night(tree, state)
    assert recalled == ["vb-2024-solsidan.yaml"]  # known, and a run rule's finding on it
    _night(tree, plain)
    assert _outputs(state) == _outputs(plain)
    assert "RK403" in {row[2] for row in _outputs(state)[2][:-1]}


# -- unchanged reports served from the memo (``checker.nightly.unchanged``) ----------


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The cache entries read (``Cache.get``) and the heads sniffed by the walk, by name."""
    seen: dict[str, list[str]] = {"entries": [], "sniffed": []}
    get, sniff = cache_mod.Cache.get, files_mod.looks_like_report

    def spy_get(cache: Any, key: str, display: str, known: Any = None) -> Any:
        seen["entries"].append(Path(display).name)
        return get(cache, key, display, known)

    def spy_sniff(path: str) -> bool:
        seen["sniffed"].append(Path(path).name)
        return sniff(path)

    monkeypatch.setattr(cache_mod.Cache, "get", spy_get)
    monkeypatch.setattr(files_mod, "looks_like_report", spy_sniff)
    return seen


def test_an_unchanged_report_costs_no_entry_read_and_no_sniff(
    tmp_path: Path, made: list[str], reads: dict[str, list[str]]
) -> None:
    tree, state, plain = _two_nights(tmp_path)
    changed = tree / "clean" / "t1-2024-boendestodet.yaml"
    changed.write_bytes(changed.read_bytes() + b"# \xc3\xa4ndrad\n")
    reads["entries"].clear(), reads["sniffed"].clear()
    known = _night(tree, state)
    # the others known by their stat, but the report a run rule finds on (RK403): the
    # memo keeps only findings that come from the file's own check
    ruled = "vb-2024-solsidan.yaml"
    assert sorted(reads["sniffed"]) == [changed.name, ruled]
    assert sorted(reads["entries"]) == [changed.name, ruled]  # the changed one: a miss
    assert known.checked == 1 and known.cached == known.files - 1
    _night(tree, plain)
    assert _outputs(state) == _outputs(plain)


def _same_size_edit(tree: Path) -> None:
    """A figure changed in place, the file's size and mtime put back (its ctime moves)."""
    path = tree / "clean" / "vb-2024-boendestodet.yaml"
    st = path.stat()
    text = path.read_bytes()
    digit = next(i for i, b in enumerate(text) if 0x31 <= b <= 0x38 and text[i - 1] == 0x20)
    path.write_bytes(text[:digit] + bytes([text[digit] + 1]) + text[digit + 1 :])
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


def _deleted(tree: Path) -> None:
    (tree / "clean" / "t2-2024-boendestodet.yaml").unlink()


def _renamed(tree: Path) -> None:
    path = tree / "clean" / "t2-2024-boendestodet.yaml"
    path.rename(path.with_name("t2-2024-boendestodet-ny.yaml"))


def _moved(tree: Path) -> None:
    """Into another folder: the same inode, another name and unit folder."""
    path = tree / "defects" / "solsidan" / "t1-2024-solsidan.yaml"
    path.rename(tree / "clean" / path.name)


def _run_rule_gone(tree: Path) -> None:
    """Without the tertial report, the year report's run rule finding (RK403) goes."""
    (tree / "defects" / "solsidan" / "t2-2024-solsidan.yaml").unlink()


@pytest.mark.parametrize("change", [_same_size_edit, _deleted, _renamed, _moved, _run_rule_gone])
def test_a_changed_tree_gives_what_the_night_without_the_memo_gives(
    tmp_path: Path, made: list[str], change: Any
) -> None:
    tree, state, plain = _two_nights(tmp_path)
    change(tree)
    for where in (state, plain):
        _night(tree, where)
    assert _outputs(state) == _outputs(plain)
    for where in (state, plain):  # and the night after, by what this one kept
        _night(tree, where)
    assert _outputs(state) == _outputs(plain)


def test_a_same_size_edit_is_checked_again(tmp_path: Path, made: list[str]) -> None:
    tree, state, _ = _two_nights(tmp_path)
    _same_size_edit(tree)
    assert _night(tree, state).checked == 1


def _damaged_report_bytes(state: Path) -> None:
    """A valid MAC over a memo that points at kept report bytes of the wrong shape (their
    SHA-256 the one named)."""
    path = _memo(state)
    body = path.read_bytes().partition(b"\n")[2]
    rows = marshal.loads(body)
    blobs = path.with_suffix(".blobs")
    bad = marshal.dumps(["no"])
    at = (blobs.stat().st_size, len(bad), hashlib.sha256(bad).digest())
    with blobs.open("ab") as fh:
        fh.write(bad)
    rows = {k: (*v[:6], (at, v[6][1])) for k, v in rows.items()}
    cache = SafeCache(state / "cache", _salt())
    path.write_bytes(cache.seal(Memo(cache).label, marshal.dumps(rows)))


def _changed_blobs(state: Path) -> None:
    """The kept bytes beside the memo changed (the memo's MAC intact): none matches."""
    blobs = _memo(state).with_suffix(".blobs")
    raw = blobs.read_bytes()
    blobs.write_bytes(bytes(b ^ 0x20 for b in raw))


def _blobs_linked(state: Path) -> None:
    """The kept bytes' file a link to a copy of them elsewhere: not followed."""
    blobs = _memo(state).with_suffix(".blobs")
    elsewhere = state / "elsewhere.blobs"
    elsewhere.write_bytes(blobs.read_bytes())
    blobs.unlink()
    blobs.symlink_to(elsewhere)


def _salt() -> str:
    return f"{Engine(Settings()).fingerprint()}:{cache_mod.source_digest()}"


def _entries_gone(state: Path) -> None:
    """Every cache entry removed: what the memo keeps serves, the findings of a unit
    shown again are made by checking its report again."""
    for entry in (state / "cache").glob("??/*.json"):
        entry.unlink()


@pytest.mark.parametrize(
    "damage", [_damaged_report_bytes, _changed_blobs, _blobs_linked, _entries_gone]
)
def test_what_the_memo_keeps_in_doubt_is_checked_again(
    tmp_path: Path, made: list[str], damage: Any, reads: dict[str, list[str]]
) -> None:
    tree, state, plain = _two_nights(tmp_path)
    damage(state)
    # a new report in a unit: its section is made again, with the served report's findings
    seed = tree / "seeds" / "002-vb-2021-stod-och-aktivitetsenheten.yaml"
    shutil.copyfile(seed, seed.with_name("002-vb-2021-kopia.yaml"))
    reads["entries"].clear()
    served = _night(tree, state)
    if damage is not _entries_gone:  # no report served from bytes in doubt: each entry read
        assert len(set(reads["entries"])) == served.files
    _night(tree, plain)
    if damage is _entries_gone:  # a served report of the changed unit was checked again
        assert len(list((state / "cache").glob("??/*.json"))) > served.checked
    # the same findings page and findings (without its entries, the night made without the
    # memo checks every report again: the dashboard's and the run's counts say so)
    (_, page, rows), (_, plain_page, plain_rows) = _outputs(state), _outputs(plain)
    assert (page, rows[:-1]) == (plain_page, plain_rows[:-1])


def test_kept_bytes_are_read_only_as_the_memo_names_them(tmp_path: Path) -> None:
    """The file beside the memo is trusted for nothing: bytes read where the memo says must
    have the SHA-256 it names (here two parts swapped, each still whole and well formed)."""
    path = tmp_path / "memo-x.blobs"
    night = Blobs(path)
    first, second = night.add(b"the first report"), night.add(b"the other report")
    assert first is not None and second is not None and night.commit()
    nextnight = Blobs(path)
    nextnight.open()
    assert nextnight.read(first) == b"the first report"
    assert nextnight.read(second) == b"the other report"
    path.write_bytes(b"the other reportthe first report")  # the same lengths, swapped
    swapped = Blobs(path)
    swapped.open()
    assert swapped.read(first) is None and swapped.read(second) is None
    assert swapped.read((first[0], first[1] + 99, first[2])) is None  # past the end
    stopped = Blobs(tmp_path / "memo-y.blobs")
    assert stopped.add(b"a night stopped before its save") is not None
    stopped.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo-x.blobs"]  # nothing left


@pytest.mark.parametrize("jobs", [1, 2])
def test_served_lines_are_read_where_the_memo_keeps_them(
    tmp_path: Path, made: list[str], monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """Without the pages' kept parts, the findings page makes every file's excerpts anew:
    a served file's lines are read from the memo's bytes (after the memo is saved, also by
    the page's own process), matched again as read; bytes changed since the file was
    served stop the night with a message to run it again."""
    tree, state, plain = _two_nights(tmp_path)
    for where in (state, plain):
        shutil.rmtree(where / "cache" / "sections")
    reads: list[int] = []
    read = Blobs.read

    def spy(self: Blobs, at: Any) -> bytes | None:
        reads.append(at[0])
        return read(self, at)

    monkeypatch.setattr(Blobs, "read", spy)
    served = _night(tree, state, jobs=jobs)
    assert served.cached == served.files and served.counts.total() > 0
    if jobs == 1:  # lines matched as served, and read again (by the page's own process: unseen)
        assert len(reads) > len(set(reads))
    monkeypatch.setattr(Blobs, "read", read)
    _night(tree, plain, jobs=jobs)
    assert _outputs(state) == _outputs(plain)

    damaged = tmp_path / "damaged"
    shutil.copytree(state, damaged)
    shutil.rmtree(damaged / "cache" / "sections")
    served_once: set[int] = set()

    def changed_after(self: Blobs, at: Any) -> bytes | None:
        raw = read(self, at)
        if at[0] in served_once and raw is not None:  # the second read: bytes changed
            return None
        served_once.add(at[0])
        return raw

    monkeypatch.setattr(Blobs, "read", changed_after)
    with pytest.raises((RuntimeError, nightly.NightlyError), match="kör om"):
        _night(tree, damaged, jobs=1)
