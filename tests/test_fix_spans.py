"""Fixes from what the reader kept of each scalar: no second parse, the same edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.engine import edits
from checker.engine.core import Engine
from checker.findings import Finding
from checker.read.loader import read_bytes
from tests.conftest import ROOT

SAMPLES = sorted((ROOT / "sample_reports").rglob("*.yaml"))
SEED_002 = ROOT / "sample_reports" / "seeds" / "002-vb-2021-stod-och-aktivitetsenheten.yaml"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def _variants(raw: bytes) -> dict[str, bytes]:
    """The same report written in the ways that move a scalar's bytes and characters."""
    text = raw.decode("utf-8")
    return {
        "as-is": raw,
        "crlf": text.replace("\n", "\r\n").encode(),
        "cr": text.replace("\n", "\r").encode(),
        "bom": b"\xef\xbb\xbf" + raw,
        # NEL inside a comment: read as a space, one character for one.
        "nel": text.replace("\n", " # x\u0085y\n", 1).encode(),
        "quoted": text.replace("status: Uppfylles helt", "status: 'Uppfylles helt'").encode(),
    }


def _fixes(engine: Engine, raw: bytes, reread: bool) -> list[Finding]:
    doc = read_bytes(raw, "r.yaml")
    if reread:
        doc.events = None  # as for a document the reader could not map: the fixer parses
    return engine.check_document(doc).findings


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_fixes_from_the_readers_spans_equal_a_second_parse(engine: Engine, sample: Path) -> None:
    for name, raw in _variants(sample.read_bytes()).items():
        kept = _fixes(engine, raw, reread=False)
        assert kept == _fixes(engine, raw, reread=True), name


def test_a_regular_report_is_fixed_without_parsing_again(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_parse(text: str) -> None:
        raise AssertionError("parsed a second time")

    monkeypatch.setattr(edits, "_event_places", no_parse)
    monkeypatch.setattr(edits, "_composed_places", no_parse)
    for raw in _variants(SEED_002.read_bytes()).values():
        fixed = [f for f in _fixes(engine, raw, reread=False) if f.fix is not None]
        assert [f.code for f in fixed] == ["RK201", "RK201"]


FLOW = "{rapport: {typ: VB, år: 2023, enhet: E}, x: [a, 'b']}\n"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("rapport: {typ: VB}\nx: [a, {b: c}]\n", True),
        (FLOW, True),
        ("rapport:\n  typ: &t VB\n", True),  # an anchor without an alias
        ("rapport:\n  typ: &t VB\nx: *t\n", False),  # an alias: one node, two paths
        ("rapport:\n  typ: VB\n  typ: VB\n", False),  # which one is meant is not certain
        ("rapport:\n  yes: 1\n", False),  # the path says "True", the text "yes"
        ("rapport:\n  ~: 1\n", False),
        ("rapport:\n  0x1F: 1\n", False),
        ("rapport:\n  ? [a]\n  : 1\n", False),  # a key that is a list
        ("rapport:\n  typ: VB\n---\nx: 1\n", False),  # a second document
    ],
)
def test_the_reader_keeps_spans_only_where_paths_are_the_text(text: str, kept: bool) -> None:
    doc = read_bytes(text.encode(), "r.yaml")
    assert doc.readable
    assert (doc.events is not None) is kept


def test_flow_style_decides_what_plain_text_may_hold(engine: Engine) -> None:
    # The holder's flow style comes from the reader too: in a flow mapping a comma ends a
    # plain text, so a plain-text fix that holds one is refused the same both ways.
    text = FLOW.replace("enhet: E", "enhet: E, status: Uppfylles helt")
    doc = read_bytes(text.encode(), "r.yaml")
    assert doc.events is not None
    place = edits.Fixer(doc)._place(("rapport", "status"))
    assert place is not None and place.in_flow
    assert edits.Fixer(doc)._place(("x", 1)) is not None
