"""The streamed run's on-disk stores: what they give back is what went in."""

from __future__ import annotations

import io
import json

import pytest

from checker.outputs.base import FILE_NAMES, SPOOLED, ArraySpool, LazyArray
from checker.results import FileOutcome, RunReport, Suppression
from checker.run.batch import _Candidates, _Extracts, _Reports
from checker.run.files import Candidate
from checker.run.spool import Spool, _SpooledFile


def test_reports_read_back_headers_extracts_and_places() -> None:
    store = _Extracts()
    reports = _Reports(store)
    given = [
        RunReport(
            f"r{i}.yaml",
            "T1",
            2023 + i,
            f"Enhet {i}",
            {"RK403": {"k": i}},
            {"/a": (i, 1, "a", "a")},
        )
        for i in range(3)
    ]
    for r in given:
        reports.add(r)
    assert len(reports) == 3 and reports
    for _ in range(2):  # a rule and a plugin may each walk the list
        back = list(reports)
        assert [(r.file, r.type, r.year, r.unit) for r in back] == [
            (r.file, r.type, r.year, r.unit) for r in given
        ]
        assert [dict(r.extracts) for r in back] == [dict(r.extracts) for r in given]
        assert back[1].places["/a"] == (1, 1, "a", "a")
    assert (reports[-1].file, reports[-1].year) == ("r2.yaml", 2025)  # indexed as a list is
    assert [r.unit for r in reports[1:]] == ["Enhet 1", "Enhet 2"]
    with pytest.raises(IndexError):
        reports[3]
    assert reports[2].file == "r2.yaml"
    store.close()


def test_candidates_come_back_in_order() -> None:
    items = [Candidate(f"/t/{i}.yaml", f"{i}.yaml", link=i % 2 == 0) for i in range(1100)]
    files = _Candidates(items)
    assert len(files) == 1100
    assert list(files) == items
    files.close()


def test_lazy_arrays_write_what_json_dumps_writes() -> None:
    for names in ([], ["a.yaml", "b/ö.yaml"]):
        for findings in ([], [{"code": "RK101"}]):
            spool = ArraySpool(indent=4)
            for f in findings:
                spool.add(f)
            out = io.StringIO()
            doc = {"files": [FILE_NAMES], "n": 1, "findings": [SPOOLED]}
            spool.write_document(out, doc, [LazyArray(FILE_NAMES, 4, iter(names))])
            want = {"files": names, "n": 1, "findings": findings}
            assert out.getvalue() == json.dumps(want, ensure_ascii=False, indent=2) + "\n"


def test_the_stores_go_to_disk_past_their_memory_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small run's stores stay in memory (a one-file check writes no temporary file);
    past ``MAX`` bytes they move to an unlinked temporary file and give back the same."""
    items = [Candidate(f"/t/{i}.yaml", f"{i}.yaml", link=i % 2 == 0) for i in range(1100)]
    small = _Candidates(items[:3])
    assert isinstance(small.file._file, io.BytesIO) and list(small) == items[:3]
    monkeypatch.setattr(_SpooledFile, "MAX", 300)
    files = _Candidates(items)
    assert not isinstance(files.file._file, io.BytesIO)
    assert list(files) == items and list(files) == items
    spool = Spool()
    outcomes = [
        FileOutcome(f"r{i}.yaml", [], [Suppression(i + 1, 1, ["RK101"], "skäl")]) for i in range(40)
    ]
    for o in outcomes[:2]:
        spool.add(o)
    assert isinstance(spool.file._file, io.BytesIO)
    for o in outcomes[2:]:
        spool.add(o)
    assert not isinstance(spool.file._file, io.BytesIO)
    assert [r[:3] for r in spool.records()] == [
        (o.file, o.findings, o.suppressions) for o in outcomes
    ]
    store = _Extracts()
    reports = _Reports(store)
    given = [RunReport(f"r{i}.yaml", "T1", 2023, "E", {"RK403": {"k": i}}, {}) for i in range(40)]
    for r in given:
        reports.add(r)
    assert [dict(r.extracts) for r in reversed(list(reports))] == [
        dict(r.extracts) for r in reversed(given)
    ]
    for closing in (small, files, spool, store):
        closing.close()
