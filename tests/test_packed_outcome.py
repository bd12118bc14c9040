"""Outcomes a worker sends pickled as the spools keep them: the run's output is unchanged."""

from __future__ import annotations

import pickle
import shutil
import textwrap
from pathlib import Path

from checker.engine.core import Engine
from checker.findings import Finding, Msg, Severity
from checker.results import FileOutcome
from checker.run.spool import PackedOutcome, Spool, _Extracts, _Reports
from tests.conftest import ROOT, SAMPLES, cli
from tests.pinned.make import masked
from tests.rules.test_rk6_references import kf_goal

DEFECTS = SAMPLES / "defects" / "vb-2024-typiska-fel.yaml"


def _outcome(engine: Engine) -> FileOutcome:
    outcome = engine.check_bytes(DEFECTS.read_bytes(), "a/typiska-fel.yaml")
    assert outcome.findings and outcome.run is not None  # a report with findings
    return outcome


def _spooled(*outcomes: FileOutcome) -> tuple[list[tuple[str, list[Finding], object]], list[str]]:
    spool = Spool()
    try:
        for outcome in outcomes:
            spool.add(outcome)
        return [r[:3] for r in spool.records()], list(spool.names())
    finally:
        spool.close()


def test_a_packed_outcome_spools_and_reads_back_as_the_outcome_itself(engine: Engine) -> None:
    plain = _outcome(engine)
    run = plain.run
    assert run is not None
    packed = pickle.loads(pickle.dumps(PackedOutcome(_outcome(engine))))  # as a worker sends it
    assert packed.record is not None and packed.extract is not None  # the worker's bytes
    assert _spooled(packed, plain) == _spooled(plain, plain)
    assert packed.findings == plain.findings and packed.suppressions == plain.suppressions
    assert packed.header == (run.type, run.year, run.unit)

    extracts = _Extracts()
    try:
        reports = _Reports(extracts)
        reports.add_record(packed.extract, (packed.named, *packed.header))
        reports.add(run)
        first, second = reports
        assert (first.file, first.type, first.year, first.unit) == (
            second.file,
            second.type,
            second.year,
            second.unit,
        )
        assert dict(first.extracts) == dict(second.extracts) == dict(run.extracts)
        assert dict(first.places) == dict(second.places)
    finally:
        extracts.close()
    assert packed.run == run


def test_findings_changed_after_reading_them_are_the_ones_spooled(engine: Engine) -> None:
    packed = PackedOutcome(_outcome(engine))
    extra = Finding("RK000", "test", Severity.ERROR, Msg("tillagd", "added"), packed.file, 1, 1)
    packed.findings.append(extra)  # a reader that changes the list it was given
    [(_, findings, _)], _ = _spooled(packed)
    assert findings[-1] == extra
    packed.findings = [extra]
    [(_, findings, _)], _ = _spooled(packed)
    assert findings == [extra]


def test_every_format_is_the_same_from_workers_as_from_one_process(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES, tmp_path / "samples")
    shutil.copytree(ROOT / "tests" / "hostile" / "corpus", tmp_path / "samples" / "hostile")
    for n in (1, 2):  # goals the catalogue cannot judge: counted as unverified, in the summary
        text = textwrap.dedent(kf_goal("3.6", "Ett mål som katalogen saknar", 2023))
        (tmp_path / "samples" / f"okatalogiserad-{n}.yaml").write_text(text, encoding="utf-8")
    formats = ["json", "sarif", "junit", "github", "html"]
    runs = {}
    for jobs in ("1", "2"):
        outputs = [a for f in formats for a in ("--output", f"{f}=out{jobs}.{f}")]
        proc = cli("check", "samples", "--no-config", "--jobs", jobs, *outputs, cwd=tmp_path)
        assert proc.returncode in (1, 2), proc.stderr
        # the HTML page names the minute it was written: the two runs may straddle one
        texts = [masked((tmp_path / f"out{jobs}.{f}").read_text(encoding="utf-8")) for f in formats]
        runs[jobs] = (proc.stdout, proc.stderr, proc.returncode, texts)
    assert runs["1"][0].count("\n") > 100  # findings in the text, not an empty run
    assert "2 KF-mål kunde inte kontrolleras mot katalogen." in runs["1"][0]
    assert runs["2"] == runs["1"]
