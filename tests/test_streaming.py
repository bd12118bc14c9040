"""Findings streamed, not held: the same bytes as a whole run, with one file's findings in memory.

``rapportkoll check`` hands each file's findings to every output as the run
goes (``checker.run.batch.stream_paths``); the reference here is the whole
run held in memory (``check_paths``) rendered by each format's whole-document
``render``: two separate paths that must agree byte for byte.
"""

from __future__ import annotations

import gc
import io
import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.findings import Finding
from checker.outputs import FormatOptions, formatter_class
from checker.run import baseline
from checker.run.batch import check_paths, stream_paths
from tests.conftest import ROOT, SAMPLES, cli

FORMATS = ["json", "sarif", "junit", "github", "html"]


# The findings page names the minute it was made; two runs may straddle a minute.
_MINUTE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")


def same_minute(text: str) -> str:
    return _MINUTE.sub("YYYY-MM-DD HH:MM", text)


def whole(fmt: str, paths: list[str], lang: str = "sv") -> str:
    """The previous way: every finding held, the document rendered at the end."""
    engine = Engine(Settings())
    result = check_paths(engine, paths)
    out = io.StringIO()
    formatter_class(fmt)(out, FormatOptions(lang, engine.sorted_rules())).write(result)
    return out.getvalue()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_streamed_outputs_equal_the_whole_run_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    monkeypatch.chdir(ROOT)
    outputs = [f"--output={fmt}={tmp_path / ('out.' + fmt)}" for fmt in FORMATS]
    proc = cli("check", "sample_reports", "--jobs", jobs, *outputs)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == whole("text", ["sample_reports"])
    for fmt in FORMATS:
        written = (tmp_path / f"out.{fmt}").read_text(encoding="utf-8")
        assert same_minute(written) == same_minute(whole(fmt, ["sample_reports"])), fmt
    # the sample reports exercise a run rule: its finding lands in its file's place
    codes = [f["code"] for f in json.loads((tmp_path / "out.json").read_text())["findings"]]
    assert "RK403" in codes and len(codes) > 30
    assert not list(tmp_path.glob(".*.tmp"))  # every temporary output renamed


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_streamed_empty_run_equals_the_whole_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SAMPLES / "clean" / "vp-2025-boendestodet.yaml", tmp_path / "vp.yaml")
    proc = cli("check", "--format", fmt, "--select", "RK101", "vp.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == whole(fmt, ["vp.yaml"]).replace("\r\n", "\n")
    assert "[]" in proc.stdout or fmt == "junit"  # an empty array written as json.dumps does


def _tree(tmp_path: Path, copies: int) -> tuple[Path, int]:
    """``copies`` copies of the sample reports with defects, as a tree of reports."""
    tree = tmp_path / "tree"
    sources = sorted((SAMPLES / "defects").rglob("*.yaml"))
    for i in range(copies):
        for j, src in enumerate(sources):
            target = tree / f"d{i:02d}" / f"r{j}.yaml"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, target)
    return tree, copies * len(sources)


def _live_findings() -> int:
    return sum(1 for o in gc.get_objects() if type(o) is Finding)


class Spy:
    """A format that keeps nothing and counts the findings alive whenever a file arrives."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.handed = 0
        self.most = 0
        self.peak_live = 0

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None:
        self.files.append(file)
        self.handed += len(findings)
        self.most = max(self.most, len(findings))
        if len(self.files) % 5 == 0:
            self.peak_live = max(self.peak_live, _live_findings())


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_run_holds_one_files_findings_not_all(tmp_path: Path, jobs: int) -> None:
    tree, n = _tree(tmp_path, 20)
    engine = Engine(Settings())
    gc.collect()  # findings in earlier tests' garbage would be counted, then collected
    baseline_live = _live_findings()
    spy = Spy()
    totals = stream_paths(engine, [str(tree)], [spy], jobs=jobs)
    assert len(spy.files) == n and spy.files == sorted(spy.files)
    assert totals.total == spy.handed and spy.handed > 20 * spy.most
    # What is alive while files are handed on: the file at hand (and what the
    # run rules found for files still to come), never the run's findings.
    assert spy.peak_live - baseline_live <= 3 * spy.most, (spy.peak_live, spy.handed)
    held = check_paths(engine, [str(tree)], jobs=jobs)  # the old way holds every one
    assert len(held.findings) == spy.handed
    assert _live_findings() - baseline_live >= spy.handed


def test_files_come_in_sorted_order_whatever_the_order_given(tmp_path: Path) -> None:
    tree, _ = _tree(tmp_path, 2)
    spy = Spy()
    stream_paths(Engine(Settings()), [str(tree / "d01"), str(tree / "d00")], [spy], jobs=2)
    assert spy.files == sorted(spy.files) and spy.files[0].startswith(str(tree / "d00"))


def test_baseline_written_and_read_as_the_run_streams(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree, _ = _tree(tmp_path, 2)
    monkeypatch.chdir(tmp_path)
    streamed = tmp_path / "streamed.json"
    proc = cli("check", "tree", "--baseline", str(streamed), "--write-baseline", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout == "", proc.stderr
    reference = tmp_path / "reference.json"
    findings = check_paths(Engine(Settings()), ["tree"]).findings
    assert baseline.write(reference, findings) == len(findings)
    assert streamed.read_bytes() == reference.read_bytes()
    assert f"skrev {len(findings)} anmärkningar" in proc.stderr

    # one new finding: the baseline hides the rest
    extra = tree / "d00" / "ny.yaml"
    shutil.copy(SAMPLES / "defects" / "vb-2024-typiska-fel.yaml", extra)
    proc = cli("check", "tree", "--format", "json", "--baseline", str(streamed), cwd=tmp_path)
    shown = json.loads(proc.stdout)["findings"]
    assert shown and {f["file"] for f in shown} == {"tree/d00/ny.yaml"}
    assert f"{len(findings)} anmärkningar finns i baslinjen" in proc.stderr
    assert proc.returncode == 1


def test_an_output_that_cannot_be_written_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "ro" / "out.json"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    proc = cli(
        "check",
        str(SAMPLES / "clean"),
        f"--output=json={target}",
        f"--output=sarif={tmp_path / 'ro'}",  # a folder: refused before the run
    )
    assert proc.returncode == 2 and "är en mapp" in proc.stderr
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.json"]
