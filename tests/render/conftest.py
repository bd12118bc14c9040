"""Shared fixtures for the renderer's tests: real sample reports on disk."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from checker.render import LayoutOptions, load_report, render_report
from tests.shared import SEED_EXPORTS

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_reports").rglob("*.yaml"))
ROUND2 = sorted((Path(__file__).parent / "data").glob("*.yaml"))
ALL_REPORTS = SAMPLES + ROUND2
SEED_TEXTS = SEED_EXPORTS


def report_id(path: Path) -> str:
    return path.stem


class Rendered:
    """Each report rendered once per format per session (PDF is the slow one)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[Path, str], bytes] = {}

    def __call__(self, path: Path, fmt: str) -> bytes:
        key = (path, fmt)
        if key not in self._cache:
            self._cache[key] = render_report(load_report(path), fmt, LayoutOptions())  # type: ignore[arg-type]
        return self._cache[key]


@pytest.fixture(scope="session")
def rendered() -> Rendered:
    return Rendered()


PdfAndText = tuple[bytes, tuple[str, ...]]


def render_pdf_and_text(path: Path) -> PdfAndText:
    """The report as PDF, and the text pypdf extracts from each page."""
    import pypdf

    pdf = render_report(load_report(path), "pdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return pdf, tuple(page.extract_text() or "" for page in reader.pages)


@pytest.fixture(scope="session")
def pdfs() -> dict[Path, PdfAndText]:
    """Every report's PDF and its text, made once in parallel: layout and text
    extraction are the slow part of this test module (seconds per report)."""
    pytest.importorskip("pypdf", reason="the render extra is not installed")
    largest_first = sorted(ALL_REPORTS, key=lambda p: p.stat().st_size, reverse=True)
    with ProcessPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return dict(zip(largest_first, pool.map(render_pdf_and_text, largest_first), strict=True))


# ------------------------------------------------------------ walking a report


def _maps(value: Any) -> Iterator[Mapping[str, Any]]:
    for item in value or []:
        if isinstance(item, Mapping):
            yield item


def goals(data: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Every goal at every level: inriktningsmål down to enhetsmål."""

    def unit_level(goal: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
        yield goal
        for dept in _maps(goal.get("avdelningsmål")):
            yield from unit_level(dept)
        for unit in _maps(goal.get("enhetsmål")):
            yield from unit_level(unit)

    for direction in _maps(data.get("inriktningsmål")):
        yield direction
        for area in _maps(direction.get("verksamhetsområdesmål")):
            yield area
            for committee in _maps(area.get("nämndmål")):
                yield from unit_level(committee)


def indicators(data: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    for goal in goals(data):
        yield from _maps(goal.get("indikatorer"))


def activities(data: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    for goal in goals(data):
        yield from _maps(goal.get("aktiviteter"))


def budget_rows(data: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    economy = data.get("ekonomi") or {}
    statement = economy.get("resultaträkning") if isinstance(economy, Mapping) else None
    if not isinstance(statement, Mapping):
        return
    for key in ("intäkter", "kostnader"):
        yield from _maps(statement.get(key))
    for key in ("summa_intäkter", "summa_kostnader", "summa_netto"):
        if isinstance(statement.get(key), Mapping):
            yield statement[key]


def complaint_rows(data: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    quality = data.get("kvalitetsarbete") or {}
    table = quality.get("klagomål") if isinstance(quality, Mapping) else None
    if not isinstance(table, Mapping):
        return
    for key in ("beröm", "lex_maria", "lex_sarah", "återkoppling", "åtgärder"):
        if isinstance(table.get(key), Mapping):
            yield table[key]
    for key in ("från_vem", "vad_gällde"):
        yield from _maps(table.get(key))


def texts(rows: Iterator[Mapping[str, Any]], key: str) -> list[str]:
    return [str(r[key]) for r in rows if isinstance(r.get(key), str | int) and str(r[key])]


def statuses(data: Mapping[str, Any]) -> list[str]:
    return [g["status"] for g in goals(data) if isinstance(g.get("status"), str)]
