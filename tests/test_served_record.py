"""A nightly run's served report as the run rules read it (``checker.run.spool.served_record``):
the memo's bytes stored as they are, its places read and checked only when a run rule's
finding is located."""

from __future__ import annotations

import marshal
import zlib

import pytest

from checker.nightly.unchanged import Served, _record, kept_report
from checker.results import RunReport
from checker.run.spool import _Extracts, _Reports, served_record

PLACES = {"/rapport/år": (3, 7, "Rapport › År", "Report › Year")}


EXTRACTS = marshal.dumps({"RK403": {"rad": {"t1": 1}}})


def _served(places: bytes, extracts: bytes = EXTRACTS, packed: bytes | None = None) -> RunReport:
    """The report as the run rules get it from the run's store of extracts (``packed``: its
    extracts and places as compressed, else those given, compressed)."""
    if packed is None:
        packed = zlib.compress(marshal.dumps((extracts, places)))
    kept = marshal.dumps(("VB", 2024, "Enheten", {}, packed))  # as the memo's blob holds it
    raw, record = _record(kept)
    assert record is not None
    served = Served("vb.yaml", raw, record)
    assert served.extract == served_record(kept, "vb.yaml") and served.header is not None
    reports = _Reports(_Extracts())
    reports.add_record(served.extract, (served.named, *served.header))
    return reports[0]


def test_a_served_report_reads_as_the_report_kept() -> None:
    run = RunReport("vb.yaml", "VB", 2024, "Enheten", {"RK403": {"rad": {"t1": 1}}}, PLACES)
    raw, record = _record(kept_report(run))
    assert record is not None
    kept = Served("vb.yaml", raw, record).run  # the memo's bytes, made a report when read
    served = _served(marshal.dumps(PLACES))
    for got in (kept, served):
        assert got is not None
        assert (got.file, got.type, got.year, got.unit) == ("vb.yaml", "VB", 2024, "Enheten")
        assert dict(got.extracts) == {"RK403": {"rad": {"t1": 1}}}
        assert dict(got.places) == PLACES


@pytest.mark.parametrize(
    "places",
    [
        marshal.dumps({"/rapport/år": (3, "7", "Rapport › År", "Report › Year")}),
        marshal.dumps({"/rapport/år": (3, 7, "Rapport › År")}),
        marshal.dumps(["no"]),
        b"\xff not marshal",
    ],
)
def test_places_of_the_wrong_shape_say_to_run_again(places: bytes) -> None:
    served = _served(places)
    assert served.unit == "Enheten"  # the rest reads as kept
    with pytest.raises(RuntimeError, match="kör om"):
        served.places.get("/rapport/år")


@pytest.mark.parametrize("extracts", [marshal.dumps(["no"]), marshal.dumps({1: 2}), b"\xff"])
def test_extracts_of_the_wrong_shape_say_to_run_again(extracts: bytes) -> None:
    served = _served(marshal.dumps(PLACES), extracts)
    with pytest.raises(RuntimeError, match="kör om"):
        served.extracts.get("RK403")


@pytest.mark.parametrize(
    "packed",
    [
        b"not compressed",
        zlib.compress(marshal.dumps([EXTRACTS, marshal.dumps(PLACES)])),  # a list
        zlib.compress(marshal.dumps((EXTRACTS,))),
        zlib.compress(marshal.dumps((EXTRACTS, 7))),
        zlib.compress(marshal.dumps((EXTRACTS, marshal.dumps(PLACES))))[:-3],  # cut short
    ],
)
def test_extracts_and_places_packed_wrong_say_to_run_again(packed: bytes) -> None:
    served = _served(marshal.dumps(PLACES), packed=packed)
    assert served.unit == "Enheten"  # its header is read apart
    with pytest.raises(RuntimeError, match="kör om"):
        served.extracts.get("RK403")


def test_a_kept_reports_extracts_are_unpacked_only_when_read() -> None:
    """Served, a report's header is read; its extracts and places stay compressed in the
    record the run rules read, until one of them reads the report."""
    run = RunReport("vb.yaml", "VB", 2024, "Enheten", {"RK403": {"rad": {"t1": 1}}}, PLACES)
    blob = kept_report(run)
    raw, record = _record(blob)
    assert raw == blob and record is not None and record[:3] == ("VB", 2024, "Enheten")
    packed = record[4]
    assert marshal.dumps(PLACES) not in blob  # compressed
    served = Served("vb.yaml", raw, record)
    assert served.extract == served_record(blob, "vb.yaml")
    extracts, places = marshal.loads(zlib.decompress(packed))
    assert marshal.loads(extracts) == {"RK403": {"rad": {"t1": 1}}}
    assert marshal.loads(places) == PLACES
