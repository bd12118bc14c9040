"""Render a report as the city's document: Markdown, HTML, PDF or Word.

    from checker.render import render_report, render_report_file
    pdf = render_report_file("rapport.yaml", "pdf")

The heavy libraries (Jinja2, WeasyPrint, python-docx) come with the
``render`` extra and are imported only by the format that needs them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, get_args

from checker.render.document import Document, build_document
from checker.render.options import LayoutOptions
from checker.render.reading import RenderError, UnreadableReport, load_report

Format = Literal["md", "html", "pdf", "docx"]
FORMATS: tuple[str, ...] = get_args(Format)
MEDIA_TYPES: Mapping[str, str] = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render_report(
    data: Mapping[str, Any], fmt: Format, options: LayoutOptions | None = None
) -> bytes:
    """The report (a mapping as read from its YAML) as a document in ``fmt``.

    Values are shown exactly as written; nothing is corrected or checked. A report
    that cannot be written in ``fmt`` (a control character in a Word file) raises
    ``RenderError``, naming the value.
    """
    if fmt == "docx":
        from checker.render.word import unwritable

        if why := unwritable(data):
            raise why
    doc = build_document(data)
    return render_document(doc, fmt, options)


def render_document(doc: Document, fmt: Format, options: LayoutOptions | None = None) -> bytes:
    if fmt == "md":
        from checker.render.markdown import render_markdown

        return render_markdown(doc)
    if fmt == "html":
        from checker.render.html import render_html

        return render_html(doc, options)
    if fmt == "pdf":
        from checker.render.pdf import render_pdf

        return render_pdf(doc, options)
    if fmt == "docx":
        from checker.render.word import render_docx

        return render_docx(doc, options)
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def render_report_file(
    path: str | Path, fmt: Format, options: LayoutOptions | None = None
) -> bytes:
    """Read the report at ``path`` (scalars kept as written) and render it."""
    return render_report(load_report(path), fmt, options)


__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "Format",
    "LayoutOptions",
    "RenderError",
    "UnreadableReport",
    "build_document",
    "load_report",
    "render_document",
    "render_report",
    "render_report_file",
]
