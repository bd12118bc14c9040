"""HTML: every goal, indicator and budget row is there, and every text is escaped."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

from checker.render import LayoutOptions, load_report, render_report
from checker.render.document import STATUS_ICONS

from .conftest import (
    ALL_REPORTS,
    Rendered,
    budget_rows,
    complaint_rows,
    goals,
    indicators,
    report_id,
    statuses,
    texts,
)

pytest.importorskip("jinja2", reason="the render extra is not installed")
markupsafe = pytest.importorskip("markupsafe")


def _escaped(text: str) -> str:
    return str(markupsafe.escape(text))


@pytest.mark.parametrize("path", ALL_REPORTS, ids=report_id)
def test_every_goal_indicator_and_budget_row_is_on_the_page(path: Path, rendered: Rendered) -> None:
    data = load_report(path)
    page = rendered(path, "html").decode("utf-8")
    wanted = (
        texts(goals(data), "titel")
        + texts(indicators(data), "namn")
        + texts(budget_rows(data), "rad")
        + texts(complaint_rows(data), "kategori")
    )
    assert wanted, "the sample should have something to look for"
    missing = [t for t in wanted if _escaped(t) not in page]
    assert not missing


@pytest.mark.parametrize("path", ALL_REPORTS, ids=report_id)
def test_page_is_self_contained_swedish_and_printable(path: Path, rendered: Rendered) -> None:
    page = rendered(path, "html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="sv">' in page
    assert "@media print" in page
    # Nothing is loaded from elsewhere: no scripts, no external sheets or images.
    assert not re.search(r"<(script|link|img|iframe)\b", page, re.IGNORECASE)
    assert not re.search(r"""(src|href)\s*=\s*["'](?!#)""", page)


@pytest.mark.parametrize("path", ALL_REPORTS, ids=report_id)
def test_statuses_carry_their_icon_only_when_they_are_vocabulary(
    path: Path, rendered: Rendered
) -> None:
    data = load_report(path)
    page = rendered(path, "html").decode("utf-8")
    for status in statuses(data):
        if status in STATUS_ICONS:
            assert f"{STATUS_ICONS[status]} {status}" in page
        elif status == "Ingen":
            assert "— Ingen" in page
        else:  # shown as written, never corrected and never given an icon
            assert f">{_escaped(status)}</p>" in page


def _plant(data: dict[str, Any], payload: str) -> None:
    data["rapport"]["enhet"] = payload
    for goal in goals(data):
        goal["titel"] = payload  # type: ignore[index]
        if "status" in goal:
            goal["status"] = payload  # type: ignore[index]
    for ind in indicators(data):
        ind["namn"] = payload  # type: ignore[index]
        ind["utfall"] = payload  # type: ignore[index]
    for row in budget_rows(data):
        row["rad"] = payload  # type: ignore[index]
    for row in complaint_rows(data):
        row["kategori"] = payload  # type: ignore[index]
    data["övrigt"] = {"avsnitt": [{"rubrik": payload, "text": payload}]}


PAYLOADS = [
    '<script>alert("x")</script>',
    "</style><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}{% raw %}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(
    "path", [p for p in ALL_REPORTS if "runda2" in p.name or "000-" in p.name], ids=report_id
)
def test_planted_markup_in_any_text_is_escaped(path: Path, payload: str) -> None:
    data = copy.deepcopy(load_report(path))
    _plant(data, payload)
    page = render_report(data, "html").decode("utf-8")
    assert not re.search(r"<(script|img)\b", page, re.IGNORECASE)
    assert _escaped(payload) in page


def test_column_widths_from_the_options_reach_the_tables(rendered: Rendered) -> None:
    path = next(p for p in ALL_REPORTS if "runda2" in p.name)
    widths = {"budget": [40, 20, 20, 20], "activities": [5, 50, 15, 15, 15]}
    page = render_report(load_report(path), "html", LayoutOptions(column_widths=widths)).decode()
    assert page.count('<col style="width: 40.0%">') == 1
    assert page.count('<col style="width: 50.0%">') >= 1
    # a list that does not fit the table's columns is ignored, not applied wrongly
    page = render_report(
        load_report(path), "html", LayoutOptions(column_widths={"budget": [50, 50]})
    ).decode()
    assert '<col style="width: 50.0%">' not in page
    assert page.count("<colgroup>") == page.count("<table")
