"""The nightly run as it is scheduled: the real CLI over real files, a real SQLite history.

Every test copies sample_reports into tmp_path and runs ``rapportkoll nightly``
in a subprocess (or, where a run must be disturbed half-way, ``nightly.run``
in-process with the real engine).
"""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from html import escape as html_escape
from pathlib import Path
from typing import Any

import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.nightly import runner as nightly
from checker.nightly.dashboard import _polyline
from checker.nightly.history import History, HistoryError
from checker.run.cache import SafeCache
from tests.conftest import ROOT, SAMPLES, cli
from tests.test_plugins import PACK, make_pack

HOSTILE = "<script>alert(1)</script>"
RUNS_RE = re.compile(r"^(\d+) filer: (\d+) kontrollerade?, (\d+) oförändrade? \(från cache\)")


def make_tree(tmp_path: Path, hostile: bool = True) -> Path:
    tree = tmp_path / "rapporter"
    shutil.copytree(SAMPLES, tree)
    if hostile:
        source = (SAMPLES / "clean" / "vp-2025-boendestodet.yaml").read_text(encoding="utf-8")
        text, n = re.subn(r"(?m)^(  enhet:).*$", rf'\1 "{HOSTILE}"', source, count=1)
        assert n == 1
        (tree / "fientlig").mkdir()
        (tree / "fientlig" / "vp-2025-fientlig.yaml").write_text(text, encoding="utf-8")
    return tree


def nfiles(tree: Path) -> int:
    return sum(1 for p in tree.rglob("*") if p.suffix in (".yaml", ".yml"))


def run_nightly(
    tmp_path: Path, tree: Path, *extra: str, name: str = "historik.sqlite", **kw: Any
) -> subprocess.CompletedProcess[str]:
    return cli(
        "nightly",
        str(tree),
        "--db",
        str(tmp_path / name),
        "--cache-dir",
        str(tmp_path / "cache"),
        "--dashboard",
        str(tmp_path / "dashboard.html"),
        *extra,
        **kw,
    )


def counts(proc: subprocess.CompletedProcess[str]) -> tuple[int, int, int]:
    first = proc.stdout.splitlines()[0]
    m = RUNS_RE.match(first)
    assert m, proc.stdout + proc.stderr
    files, checked, cached = (int(g) for g in m.groups())
    return files, checked, cached


def db_rows(path: Path, sql: str, *params: object) -> list[Any]:
    with sqlite3.connect(path) as db:
        return db.execute(sql, params).fetchall()


def findings_of(db: Path, run_id: int) -> list[tuple[Any, ...]]:
    return sorted(
        db_rows(
            db,
            "SELECT file, unit, code, severity, line, col, path, message,"
            " fingerprint FROM findings WHERE run_id = ?",
            run_id,
        )
    )


# -- the scenario of the issue ----------------------------------------------------


def test_three_runs_cache_history_and_dashboard(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    n = nfiles(tree)
    db = tmp_path / "historik.sqlite"

    first = run_nightly(tmp_path, tree)
    assert first.returncode == 0, first.stderr
    assert counts(first) == (n, n, 0)
    assert first.stderr == ""  # no progress bar when stderr is not a terminal
    assert f"{n} filer: {n} kontrollerade, 0 oförändrade (från cache)." in first.stdout
    assert "Körning 1 sparad i" in first.stdout

    second = run_nightly(tmp_path, tree)
    assert second.returncode == 0, second.stderr
    assert counts(second) == (n, 0, n)
    assert (
        f"{n} filer: 0 kontrollerade, {n} oförändrade (från cache) – ingen fil har"
        " ändrats, ingen kontrollerades om."
    ) in second.stdout
    assert "Jämfört med förra körningen: 0 nya anmärkningar, 0 åtgärdade." in second.stdout

    edited = tree / "clean" / "t1-2024-boendestodet.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "okänd_nyckel: 1\n", encoding="utf-8")
    third = run_nightly(tmp_path, tree)
    assert third.returncode == 0, third.stderr
    assert counts(third) == (n, 1, n - 1)
    assert f"{n} filer: 1 kontrollerad, {n - 1} oförändrade (från cache)." in third.stdout
    assert "1 ny anmärkning, 0 åtgärdade" in third.stdout

    # the history: three runs with the right counts
    runs = db_rows(
        db,
        "SELECT id, files, checked, cached, errors, warnings, infos,"
        " internal_errors, tree, version, fingerprint, duration FROM runs"
        " ORDER BY id",
    )
    assert [r[:4] for r in runs] == [(1, n, n, 0), (2, n, 0, n), (3, n, 1, n - 1)]
    for run_id, *_rest in runs:
        by_sev = Counter(
            dict(
                db_rows(
                    db,
                    "SELECT severity, COUNT(*) FROM findings WHERE run_id = ? GROUP BY severity",
                    run_id,
                )
            )
        )
        row = runs[run_id - 1]
        assert (row[4], row[5], row[6]) == (by_sev["error"], by_sev["warning"], by_sev["info"])
        assert row[7] == 0 and row[8] == str(tree) and row[9] == "0.1.0" and row[11] >= 0
        assert len(row[10]) == 64
    # the latest run agrees with `rapportkoll check` over the same tree
    plain = json.loads(cli("check", "--format", "json", str(tree)).stdout)
    assert (runs[2][4], runs[2][5], runs[2][6]) == (
        plain["summary"]["error"],
        plain["summary"]["warning"],
        plain["summary"]["info"],
    )
    # the cached run has exactly the findings of the run that checked everything
    assert findings_of(db, 1) == findings_of(db, 2)
    assert findings_of(db, 3) != findings_of(db, 2)
    new = Counter(f[-1] for f in findings_of(db, 3)) - Counter(f[-1] for f in findings_of(db, 2))
    assert sum(new.values()) == 1
    # per file: which were checked, relative to the tree, with their units
    files = db_rows(db, "SELECT file, unit, checked FROM files WHERE run_id = 3")
    assert len(files) == n
    assert [f for f, _, c in files if c] == ["clean/t1-2024-boendestodet.yaml"]
    assert ("fientlig/vp-2025-fientlig.yaml", HOSTILE, 0) in files
    units = {u for _, u, _ in files}
    assert "Boendestödet Västra" in units
    (rk104,) = db_rows(
        db,
        "SELECT file, unit, code, severity, line, label, message,"
        " fingerprint FROM findings WHERE run_id = 3 AND code = 'RK104'"
        " AND file = 'clean/t1-2024-boendestodet.yaml'",
    )
    assert rk104[1] == "Boendestödet Västra" and rk104[3] == "error" and rk104[4] > 1
    assert "okänd_nyckel" in rk104[6] and len(rk104[7]) == 32

    # the dashboard: all three runs, per unit and per rule, nothing from a report unescaped
    page = (tmp_path / "dashboard.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="sv">' in page
    runs_table = page.split('id="runs-table"')[1].split("</table>")[0]
    assert len(re.findall(r"<tr><td class=\"n\">\d+</td>", runs_table)) == 3
    for _, files_, checked, cached, *_rest in runs:
        assert (
            f'<td class="n">{files_}</td><td class="n">{checked}</td><td class="n">{cached}</td>'
        ) in runs_table
    assert 'id="per-unit"' in page and 'id="per-rule"' in page
    assert "Per enhet" in page and "Per regel" in page and "Körningar" in page
    unit_table = page.split('id="unit-table"')[1].split("</table>")[0]
    assert "Boendestödet Västra" in unit_table and 'class="spark"' in unit_table
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in unit_table
    rule_table = page.split('id="rule-table"')[1].split("</table>")[0]
    assert "RK104" in rule_table and "RK102" in rule_table
    assert HOSTILE not in page and "<script>alert" not in page
    assert page.count("<script>") == 1  # only the page's own, CSP-hashed script
    assert "Content-Security-Policy" in page and "default-src &#x27;none&#x27;" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "<link" not in page and "@import" not in page
    # the unit whose file changed went from 0 to 1 finding, and the change is shown
    row = next(r for r in unit_table.split("<tr>") if "Boendestödet Västra" in r)
    assert '<span class="up" title="1 fler">+1</span>' in row
    assert "clean/t1-2024-boendestodet.yaml" in page.split('id="checked"')[1]


def test_dashboard_opens_in_a_browser_without_errors(tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed (make browser)")
    tree = make_tree(tmp_path)
    for _ in range(2):
        assert run_nightly(tmp_path, tree).returncode == 0
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        page = browser.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("dialog", lambda d: problems.append("dialog: " + d.message))
        page.goto((tmp_path / "dashboard.html").as_uri())
        assert page.locator("#unit-table tbody tr").count() >= 7
        assert page.get_by_text(HOSTILE, exact=True).count() >= 1  # shown as text
        page.fill('input[data-table="unit-table"]', "solsidan")
        visible = page.locator("#unit-table tbody tr:not(.cmt):visible")
        assert visible.count() == 1 and "Solsidan" in visible.inner_text()
        # the unit's committee heading stays, the other committees' go
        heads = page.locator("#unit-table tr.cmt:visible").all_inner_texts()
        assert heads == ["Hägersten-Älvsjö stadsdelsnämnd"]
        page.fill('input[data-table="unit-table"]', "")
        page.click("#rule-table thead th:nth-child(1)")
        codes = page.locator("#rule-table tbody th").all_inner_texts()
        assert codes == sorted(codes, reverse=True)
        browser.close()
    assert problems == []


def test_jobs_2_gives_the_same_findings_as_jobs_1(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    one = run_nightly(tmp_path, tree, "--jobs", "1", "--no-cache", name="one.sqlite")
    two = run_nightly(tmp_path, tree, "--jobs", "2", "--no-cache", name="two.sqlite")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert "1 process)" in one.stdout and "2 processer)" in two.stdout  # number agreement
    a, b = findings_of(tmp_path / "one.sqlite", 1), findings_of(tmp_path / "two.sqlite", 1)
    assert a == b and len(a) > 20
    assert db_rows(tmp_path / "two.sqlite", "SELECT jobs FROM runs") == [(2,)]


def test_default_jobs_is_every_core(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    assert run_nightly(tmp_path, tree).returncode == 0
    (jobs,) = db_rows(tmp_path / "historik.sqlite", "SELECT jobs FROM runs")[0]
    assert jobs == nightly.all_cores()


# -- the cache is invalidated by what changes the findings ------------------------


def test_a_setting_invalidates_the_cache(tmp_path: Path) -> None:
    tree = make_tree(tmp_path, hostile=False)
    n = nfiles(tree)
    assert counts(run_nightly(tmp_path, tree)) == (n, n, 0)
    assert counts(run_nightly(tmp_path, tree)) == (n, 0, n)
    selected = run_nightly(tmp_path, tree, "--select", "RK1")
    assert counts(selected) == (n, n, 0)
    assert counts(run_nightly(tmp_path, tree, "--select", "RK1")) == (n, 0, n)
    # a configuration file found from the tree upwards is a setting too
    (tmp_path / "rapportkoll.toml").write_text('ignore = ["RK206"]\n', encoding="utf-8")
    configured = run_nightly(tmp_path, tree)
    assert counts(configured) == (n, n, 0)
    assert db_rows(
        tmp_path / "historik.sqlite",
        "SELECT COUNT(*) FROM findings WHERE run_id = 5 AND code = 'RK206'",
    ) == [(0,)]
    assert counts(run_nightly(tmp_path, tree)) == (n, 0, n)
    fps = [
        r[0]
        for r in db_rows(tmp_path / "historik.sqlite", "SELECT fingerprint FROM runs ORDER BY id")
    ]
    assert fps[0] == fps[1] != fps[2] == fps[3] != fps[4] == fps[5] != fps[0]


def test_changed_reference_data_invalidates_the_cache(tmp_path: Path) -> None:
    tree = make_tree(tmp_path, hostile=False)
    n = nfiles(tree)
    data = tmp_path / "kvalitet"
    data.mkdir()
    vocab = data / "vocabularies.yaml"
    shutil.copy(ROOT / "rules" / "data" / "vocabularies.yaml", vocab)
    (tmp_path / "rapportkoll.toml").write_text('reference-data = "kvalitet"\n', encoding="utf-8")
    assert counts(run_nightly(tmp_path, tree)) == (n, n, 0)
    assert counts(run_nightly(tmp_path, tree)) == (n, 0, n)
    vocab.write_text(
        vocab.read_text(encoding="utf-8") + "\n# ändrad av kvalitetsenheten\n", encoding="utf-8"
    )
    assert counts(run_nightly(tmp_path, tree)) == (n, n, 0)
    assert counts(run_nightly(tmp_path, tree)) == (n, 0, n)


def test_changed_rule_source_invalidates_the_cache(tmp_path: Path) -> None:
    """A helper module of the rules is not a plugin, but its change still counts."""
    src = tmp_path / "src"
    for package in ("checker", "rules"):
        shutil.copytree(ROOT / package, src / package, ignore=shutil.ignore_patterns("__pycache__"))
    tree = make_tree(tmp_path, hostile=False)
    n = nfiles(tree)
    assert counts(run_nightly(tmp_path, tree, cwd=src)) == (n, n, 0)
    assert counts(run_nightly(tmp_path, tree, cwd=src)) == (n, 0, n)
    with (src / "checker" / "swedish.py").open("a", encoding="utf-8") as fh:
        fh.write("\n# ändrad\n")
    assert counts(run_nightly(tmp_path, tree, cwd=src)) == (n, n, 0)
    # presenting findings differently does not change them: the cache still serves
    with (src / "checker" / "outputs" / "text.py").open("a", encoding="utf-8") as fh:
        fh.write("\n# ändrad\n")
    assert counts(run_nightly(tmp_path, tree, cwd=src)) == (n, 0, n)


# -- one broken thing never stops the run ------------------------------------------


def test_damaged_cache_entries_are_misses(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    n = nfiles(tree)
    assert run_nightly(tmp_path, tree).returncode == 0
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == n
    damage = [
        b"",  # empty
        b"\xff\xfe\x00garbage",  # not UTF-8
        b'{"file": "x", "findings": [',  # truncated
        b"[1, 2, 3]",  # JSON, wrong shape
        b'"just a string"',
    ]
    for i, entry in enumerate(entries[: len(damage)]):
        entry.write_bytes(damage[i])
    # structurally plausible but with the wrong types inside
    tampered = entries[len(damage) : len(damage) + 3]
    for i, entry in enumerate(tampered):
        outer = json.loads(entry.read_text(encoding="utf-8"))
        raw = outer["entry"]  # {"mac": …, "entry": …}: any change breaks the MAC too
        if i == 0:
            raw["run"] = {**(raw["run"] or {}), "places": ["not", "a", "mapping"]}
        elif i == 1:
            raw["findings"] = (
                [{"code": 1}] if not raw["findings"] else [{**raw["findings"][0], "line": "x"}]
            )
        else:
            raw["suppressions"] = [{"line": 1, "column": 1, "codes": "RK1", "reason": None}]
        entry.write_text(json.dumps(outer), encoding="utf-8")
    unreadable = entries[-1]
    unreadable.unlink()
    unreadable.mkdir()  # reading it fails with IsADirectoryError
    # without the memo, which serves an unchanged report without reading its entry
    # (tests/test_nightly_memo.py: damaged entries under a memo)
    for memo in (tmp_path / "cache").glob("memo-*.bin"):
        memo.unlink()
    proc = run_nightly(tmp_path, tree)
    assert proc.returncode == 0, proc.stderr
    files, checked, cached = counts(proc)
    assert files == n and checked == len(damage) + len(tampered) + 1
    assert cached == n - checked
    db = tmp_path / "historik.sqlite"
    assert findings_of(db, 1) == findings_of(db, 2)
    # the rewritten entries serve the next run
    assert counts(run_nightly(tmp_path, tree)) == (n, 1, n - 1)  # the directory stays a miss


def test_an_unwritable_cache_costs_speed_not_the_run(tmp_path: Path) -> None:
    tree = make_tree(tmp_path, hostile=False)
    n = nfiles(tree)
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder", encoding="utf-8")
    proc = run_nightly(tmp_path, tree)
    assert proc.returncode == 0, proc.stderr
    assert counts(proc) == (n, n, 0)
    assert "cachen i" in proc.stdout and "kunde inte skrivas" in proc.stdout


class _Disturber:
    """A terminal-like stream whose first write deletes a file: the run is under way."""

    def __init__(self, victim: Path) -> None:
        self.victim = victim
        self.text: list[str] = []

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        raise OSError("no real terminal")

    def write(self, text: str) -> int:
        if self.victim.exists():
            self.victim.unlink()
        self.text.append(text)
        return len(text)

    def flush(self) -> None:
        pass


def test_a_file_that_vanishes_mid_run_is_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TERM", raising=False)
    tree = make_tree(tmp_path, hostile=False)
    n = nfiles(tree)
    victim = sorted(tree.rglob("*.yaml"))[-1]  # checked last
    stream = _Disturber(victim)
    summary = nightly.run(
        Engine(Settings()),
        str(tree),
        str(tmp_path / "h.sqlite"),
        str(tmp_path / "cache"),
        str(tmp_path / "d.html"),
        jobs=1,
        progress_stream=stream,
    )  # type: ignore[arg-type]
    assert summary.exit_code == 0
    assert summary.vanished == [str(victim)]
    assert (summary.files, summary.checked) == (n - 1, n - 1)
    assert any("försvann under körningen" in line for line in summary.lines)
    assert "Kontrollerar" in "".join(stream.text)
    rows = db_rows(tmp_path / "h.sqlite", "SELECT files, checked FROM runs")
    assert rows == [(n - 1, n - 1)]
    gone = victim.relative_to(tree).as_posix()
    assert db_rows(tmp_path / "h.sqlite", "SELECT COUNT(*) FROM findings WHERE file = ?", gone) == [
        (0,)
    ]
    assert not list((tmp_path / "cache").rglob("*.tmp"))


def test_an_outcome_is_cached_under_the_key_of_the_bytes_that_were_checked(
    tmp_path: Path,
) -> None:
    report = tmp_path / "r.yaml"
    checked = "rapport: {typ: VB, år: 2023, enhet: Enheten}\n".encode()
    report.write_bytes(checked)
    engine = Engine(Settings())
    cache = SafeCache(tmp_path / "cache", "salt", key_file=tmp_path / "state" / "k")
    key = cache.key(checked, str(report))
    outcome = engine.check_bytes(checked, str(report))
    report.write_text("rapport: {typ: VB, år: 2024, enhet: Enheten}\n", encoding="utf-8")
    cache.put(key, outcome)  # the file changed meanwhile: the entry is still for `checked`
    other = cache.key(report.read_bytes(), str(report))
    assert cache.get(other, str(report)) is None
    hit = cache.get(key, str(report))
    assert hit is not None and hit.findings == outcome.findings and hit.cached
    cache.note(hit)
    assert cache.hits == {str(report)}


def test_a_broken_rule_is_exit_2_and_is_not_cached(tmp_path: Path) -> None:
    env = make_pack(tmp_path / "site", "extpack", PACK)
    tree = make_tree(tmp_path, hostile=False)
    n = nfiles(tree)
    proc = run_nightly(tmp_path, tree, env=env)
    assert proc.returncode == 2, proc.stderr
    assert counts(proc) == (n, n, 0)
    assert "interna fel (RK000)" in proc.stdout
    db = tmp_path / "historik.sqlite"
    assert db_rows(db, "SELECT internal_errors FROM runs") == [(n,)]
    assert (tmp_path / "dashboard.html").exists()
    # outcomes with an internal error are checked again, never served from the cache
    again = run_nightly(tmp_path, tree, env=env)
    assert again.returncode == 2 and counts(again) == (n, n, 0)
    # without the broken pack the run is clean (exit 0) although it has findings
    clean = run_nightly(tmp_path, tree)
    assert clean.returncode == 0 and counts(clean)[0] == n
    assert db_rows(db, "SELECT internal_errors FROM runs WHERE id = 3") == [(0,)]


# -- exit code 2 when the run cannot be done ------------------------------------------


def test_unusable_tree_db_or_dashboard_is_exit_2(tmp_path: Path) -> None:
    tree = make_tree(tmp_path, hostile=False)
    missing = run_nightly(tmp_path, tmp_path / "finns-inte")
    assert missing.returncode == 2 and "hittar inte mappen" in missing.stderr
    a_file = run_nightly(tmp_path, tree / "clean" / "t1-2024-boendestodet.yaml")
    assert a_file.returncode == 2 and "ingen mapp" in a_file.stderr
    (tmp_path / "tom").mkdir()
    empty = run_nightly(tmp_path, tmp_path / "tom")
    assert empty.returncode == 2 and "hittade inga rapporter" in empty.stderr
    (tmp_path / "trasig.sqlite").write_text("det här är ingen databas\n" * 100)
    bad_db = run_nightly(tmp_path, tree, name="trasig.sqlite")
    assert bad_db.returncode == 2 and "kan inte användas som historikdatabas" in bad_db.stderr
    other = tmp_path / "annan.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE kunder (id INTEGER)")
    foreign = run_nightly(tmp_path, tree, name="annan.sqlite")
    assert foreign.returncode == 2 and "ingen rapportkoll-historik" in foreign.stderr
    assert db_rows(other, "SELECT name FROM sqlite_master") == [("kunder",)]
    (tmp_path / "fil").write_text(
        "x", encoding="utf-8"
    )  # missing folders are made, a file is in the way
    no_dir = run_nightly(tmp_path, tree, name="fil/h.sqlite")
    assert no_dir.returncode == 2 and "ingen mapp" in no_dir.stderr
    no_dash = cli(
        "nightly",
        str(tree),
        "--db",
        str(tmp_path / "ok.sqlite"),
        "--cache-dir",
        str(tmp_path / "cache"),
        "--dashboard",
        str(tmp_path / "fil" / "d.html"),
    )
    assert no_dash.returncode == 2 and "kunde inte skriva översikten" in no_dash.stderr
    assert "ingen mapp" in no_dash.stderr and not (tmp_path / "ok.sqlite").exists()
    bad_config = tmp_path / "rapportkoll.toml"
    bad_config.write_text("okand = 1\n", encoding="utf-8")
    configured = run_nightly(tmp_path, tree)
    assert configured.returncode == 2 and "rapportkoll.toml:1" in configured.stderr
    assert not (tmp_path / "dashboard.html").exists()


def test_findings_page_beside_the_dashboard_and_links_both_ways(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    proc = run_nightly(tmp_path, tree)
    assert proc.returncode == 0, proc.stderr
    page_path = tmp_path / "anmarkningar.html"
    assert f"Anmärkningar per nämnd och enhet: {page_path}" in proc.stdout
    page = page_path.read_text(encoding="utf-8")
    dash = (tmp_path / "dashboard.html").read_text(encoding="utf-8")
    assert '<a href="dashboard.html" id="to-dashboard">' in page
    assert '<a id="to-findings" href="anmarkningar.html">' in dash
    sections = set(re.findall(r'<details class="unit" id="(u-[0-9a-f]+)"', page))
    unit_table = dash.split('id="unit-table"')[1].split("</table>")[0]
    links = re.findall(r'<a href="anmarkningar\.html#(u-[0-9a-f]+)">([^<]+)</a>', unit_table)
    assert {key for key, _ in links} == sections and len(links) == len(sections) >= 7
    # each unit's link goes to the section of the same unit
    for key, name in links:
        section = page.split(f'id="{key}"', 1)[1]
        assert section.split("</span>", 1)[0].endswith(f">{name}")
    # units are grouped by committee (the samples' header or the folder's name)
    assert '<tr class="cmt"><th colspan="8" scope="rowgroup">Hägersten-Älvsjö stadsdelsnämnd' in (
        unit_table
    )
    assert HOSTILE not in page and html_escape(HOSTILE) in page

    # --findings puts it elsewhere, and the links follow
    (tmp_path / "sida").mkdir()
    other = tmp_path / "sida" / "alla.html"
    assert run_nightly(tmp_path, tree, "--findings", str(other)).returncode == 0
    assert '<a href="../dashboard.html" id="to-dashboard">' in other.read_text("utf-8")
    dash = (tmp_path / "dashboard.html").read_text(encoding="utf-8")
    assert 'href="sida/alla.html#u-' in dash


def test_findings_page_that_cannot_be_written_stores_nothing(tmp_path: Path) -> None:
    tree = make_tree(tmp_path, hostile=False)
    (tmp_path / "fil").write_text("x", encoding="utf-8")  # in the way of a folder
    bad = run_nightly(tmp_path, tree, "--findings", str(tmp_path / "fil" / "a.html"))
    assert bad.returncode == 2 and "kunde inte skriva granskningsrapporten" in bad.stderr
    assert not (tmp_path / "historik.sqlite").exists()
    report = tree / "clean" / "t1-2024-boendestodet.yaml"
    before = report.read_bytes()
    onto = run_nightly(tmp_path, tree, "--findings", str(report))
    assert onto.returncode == 2 and "--findings" in onto.stderr
    assert report.read_bytes() == before
    assert not (tmp_path / "dashboard.html").exists()


def test_history_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    History(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    with pytest.raises(HistoryError, match="historikformat 99"):
        History(path)


# -- the terminal --------------------------------------------------------------------


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    n = nfiles(tree)
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    env.pop("FORCE_COLOR", None)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "checker.cli",
            "nightly",
            str(tree),
            "--db",
            str(tmp_path / "h.sqlite"),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--dashboard",
            str(tmp_path / "d.html"),
            "--jobs",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=slave,
        text=True,
    )
    os.close(slave)
    out, _ = proc.communicate(timeout=120)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    terminal = b"".join(chunks).decode("utf-8", errors="replace")
    assert proc.returncode == 0
    assert "Kontrollerar" in terminal and f"{n}/{n}" in terminal and "100 %" in terminal
    assert "\r\x1b[K" in terminal and terminal.endswith("\r\x1b[K")  # the line is cleared
    assert out.startswith(f"{n} filer: {n} kontrollerade")


def test_english(tmp_path: Path) -> None:
    tree = make_tree(tmp_path, hostile=False)
    n = nfiles(tree)
    run_nightly(tmp_path, tree, "--lang", "en")
    proc = run_nightly(tmp_path, tree, "--lang", "en")
    assert proc.returncode == 0
    assert proc.stdout.startswith(
        f"{n} files: 0 checked, {n} unchanged (from cache) – no file has changed"
    )
    page = (tmp_path / "dashboard.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Per unit" in page and "Per rule" in page
    assert ">Number of findings</text>" in page and ">Date of the run</text>" in page
    findings = (tmp_path / "anmarkningar.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in findings and "To the nightly dashboard" in findings
    assert ">Number of findings</text>" in findings and "Antal anmärkningar" not in findings


# -- the dashboard's pieces ------------------------------------------------------------


def test_sparkline_breaks_where_the_unit_was_absent() -> None:
    path = _polyline([1, None, 2, 3], 0, 10, 0, 10, 3)
    assert path.count("M") == 2 and path.count("L") == 1


def test_trend_window_and_absent_units(tmp_path: Path) -> None:
    tree = make_tree(tmp_path, hostile=False)
    for i in range(4):
        if i == 1:  # the unit's reports are away for one night
            shutil.move(tree / "defects" / "solsidan", tmp_path / "solsidan")
        if i == 2:
            shutil.move(tmp_path / "solsidan", tree / "defects" / "solsidan")
        assert run_nightly(tmp_path, tree, "--trend", "3").returncode == 0
    page = (tmp_path / "dashboard.html").read_text(encoding="utf-8")
    assert "Trend (3 körningar)" in page
    row = next(
        r
        for r in page.split('id="unit-table"')[1].split("<tr>")
        if "Daglig verksamhet Solsidan" in r
    )
    # runs 2, 3 and 4 are in the window; the unit was absent from run 2
    assert "Daglig verksamhet Solsidan: saknas, 1, 1 (äldst först)" in row
    assert len(re.findall(r"<tr><td class=\"n\">\d+</td>", page.split('id="runs-table"')[1])) == 4


def test_a_night_runs_without_the_collector_and_gives_it_back() -> None:
    import gc

    from checker.run.apart import Apart

    seen: list[tuple[bool, tuple[int, int, int]]] = []
    before = gc.get_threshold()
    assert gc.isenabled()
    nightly._without_collections(lambda: seen.append((gc.isenabled(), gc.get_threshold())))()
    assert seen == [(False, (*before[:2], max(before[2], nightly.FULL_COLLECTION_SPACING)))]
    assert gc.isenabled() and gc.get_threshold() == before

    def fails() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        nightly._without_collections(fails)()
    assert gc.isenabled() and gc.get_threshold() == before

    # left off when it was off before; a forked child (a worker, the page's process)
    # collects its own garbage
    gc.disable()
    try:
        nightly._without_collections(lambda: None)()
        assert not gc.isenabled()
        assert Apart(gc.isenabled).result() is True
    finally:
        gc.enable()


def test_a_night_leaves_its_pages_to_be_freed_without_the_collector(tmp_path: Path) -> None:
    """The night runs with the collector off: the pages' templates must not keep what they
    showed alive in a cycle (their macros and context refer to each other, and a macro
    imported "with context" holds a copy of the page's). Both pages written in this
    process (one job); what the pages show must not be among the garbage."""
    import gc

    tree = make_tree(tmp_path)
    db, dash = tmp_path / "h.sqlite", tmp_path / "dashboard.html"
    engine = Engine(Settings())
    shown = {"Context", "Macro", "_Group", "FileInfo", "_Units", "Outline", "Row", "Run"}
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for _ in range(2):  # the second night compares itself with the first
            nightly.run(engine, str(tree), str(db), str(tmp_path / "c"), str(dash), jobs=1)
            gc.collect()
            kinds = Counter(type(o).__name__ for o in gc.garbage)
            gc.garbage.clear()
            assert not shown & set(kinds) and kinds.total() < 1000, kinds
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def _stop_at_commit(monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    """A real SIGINT to this process as the output ``page`` is put in place."""
    import signal

    from checker.run.pipeline import AtomicOutput

    commit = AtomicOutput.commit

    def interrupted(self: AtomicOutput) -> None:
        if os.path.basename(self.target) == page:
            os.kill(os.getpid(), signal.SIGINT)
        commit(self)

    monkeypatch.setattr(AtomicOutput, "commit", interrupted)


@pytest.mark.parametrize("page", ["anmarkningar.html", "dashboard.html"])
def test_a_ctrl_c_while_the_pages_are_put_in_place_completes_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    """Once a page is in place, the history must have the run it shows: the stop is held
    until the run is stored, and the run completes, saying so."""
    import signal

    tree = make_tree(tmp_path, hostile=False)
    db, dash = tmp_path / "h.sqlite", tmp_path / "dashboard.html"
    _stop_at_commit(monkeypatch, page)
    handler = signal.getsignal(signal.SIGINT)
    summary = nightly.run(Engine(Settings()), str(tree), str(db), None, str(dash))
    assert signal.getsignal(signal.SIGINT) is handler  # given back
    assert summary.lines[-1] == nightly.WORDS["sv"]["late_stop"]
    assert db_rows(db, "SELECT COUNT(*) FROM runs") == [(1,)]
    assert dash.exists() and (tmp_path / "anmarkningar.html").exists()

    # before the first page is put in place, a Ctrl-C stops the run: nothing is written
    monkeypatch.undo()
    monkeypatch.setattr(History, "compare", lambda *a: os.kill(os.getpid(), signal.SIGINT))
    for name in ("dashboard.html", "anmarkningar.html"):
        (tmp_path / name).unlink()
    with pytest.raises(KeyboardInterrupt):  # the second run compares itself with the first
        nightly.run(Engine(Settings()), str(tree), str(db), None, str(dash))
    assert db_rows(db, "SELECT COUNT(*) FROM runs") == [(1,)]
    assert not dash.exists() and not (tmp_path / "anmarkningar.html").exists()
    assert signal.getsignal(signal.SIGINT) is handler


def test_a_ctrl_c_after_the_run_is_stored_completes_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Stored and its pages in place, the run is done: a Ctrl-C before its summary is
    printed is held too, never "nothing was written" and 130 over pages on disk."""
    import signal

    from checker.cli import main

    tree = make_tree(tmp_path, hostile=False)
    db, dash = tmp_path / "h.sqlite", tmp_path / "dashboard.html"
    lines = nightly._summary_lines

    def interrupted(*args: Any) -> list[str]:
        os.kill(os.getpid(), signal.SIGINT)  # the run is stored: its summary is being made
        return lines(*args)

    monkeypatch.setattr(nightly, "_summary_lines", interrupted)
    handler = signal.getsignal(signal.SIGINT)
    argv = ["nightly", str(tree), "--db", str(db), "--no-cache", "--dashboard", str(dash)]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0 and "avbrutet" not in err, (code, err)
    assert "Körning 1 sparad" in out
    assert signal.getsignal(signal.SIGINT) is handler  # given back once printed
    assert db_rows(db, "SELECT COUNT(*) FROM runs") == [(1,)]
    assert dash.exists() and (tmp_path / "anmarkningar.html").exists()
