"""The public API: formats, lazy imports, options, reading, fonts."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from checker.render import FORMATS, LayoutOptions, UnreadableReport, load_report, render_report
from checker.render.fonts import DOCUMENT_MARKS, SWEDISH_LETTERS, font_config, missing_glyphs

from .conftest import ROOT


def test_heavy_libraries_are_imported_only_by_the_format_that_needs_them() -> None:
    code = textwrap.dedent(
        """
        import sys
        from checker.render import render_report_file
        render_report_file("sample_reports/clean/vb-2024-boendestodet.yaml", "md")
        heavy = [m for m in ("jinja2", "weasyprint", "docx") if m in sys.modules]
        print(",".join(heavy))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_unknown_format_is_refused() -> None:
    assert set(FORMATS) == {"md", "html", "pdf", "docx"}
    with pytest.raises(ValueError, match="unknown format"):
        render_report({}, "rtf")  # type: ignore[arg-type]


def test_an_empty_or_odd_report_still_renders() -> None:
    for data in ({}, {"rapport": None, "inriktningsmål": "text", "ekonomi": [1, 2]}):
        markdown = render_report(data, "md").decode()
        assert "## **Uppföljning av Kommunfullmäktiges inriktningsmål**" in markdown


@pytest.mark.parametrize(
    "bad",
    [
        {"page_size": "A4; } body { display: none"},
        {"font_family": 'x"; src: url(http://example.org/f.ttf)'},
        {"font_size_pt": 0},
        {"column_widths": {"budget": [0, 50]}},
        {"column_widths": {"unknown": [50, 50]}},
    ],
)
def test_layout_options_refuse_what_is_not_a_plain_value(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        LayoutOptions(**bad)  # type: ignore[arg-type]


def test_reading_keeps_floats_and_dates_as_written(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "a: 9.50\nb: 2023-01-01\nc: 12\nd: true\ne: '9,5 %'\nf: 1e3\n", encoding="utf-8"
    )
    assert load_report(path) == {
        "a": "9.50",
        "b": "2023-01-01",
        "c": 12,
        "d": True,
        "e": "9,5 %",
        "f": "1e3",
    }
    (tmp_path / "list.yaml").write_text("- 1\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_report(tmp_path / "list.yaml")
    (tmp_path / "tag.yaml").write_text("a: !!python/object:os.system x\n", encoding="utf-8")
    with pytest.raises(UnreadableReport, match=r"tag\.yaml:1: .*YAML-tagg"):
        load_report(tmp_path / "tag.yaml")  # check's reader: no tag is constructed


def test_the_configured_font_exists_and_has_every_glyph_the_documents_use() -> None:
    pytest.importorskip("fontTools", reason="the render extra is not installed")
    config = font_config()
    assert config.present_files().keys() == config.files.keys(), (
        "install Debian's fonts-dejavu-core"
    )
    for face, path in config.files.items():
        assert missing_glyphs(path, DOCUMENT_MARKS + SWEDISH_LETTERS) == set(), face
