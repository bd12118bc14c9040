"""PDF: the HTML page laid out on A4 (or another size) by WeasyPrint.

Laid out like the city's PDFs: every page after the cover has the running
head "<enhet>, Verksamhetsberättelse 7(31)"; table headers repeat on every
page a table spans; fonts are embedded (DejaVu Sans by default, see
``fonts.toml``).
"""

from __future__ import annotations

from typing import Any

from checker.render.document import Document
from checker.render.html import to_html
from checker.render.options import LayoutOptions


def _local_files_only(weasyprint: Any) -> Any:
    """A fetcher for local files only (the fonts): a report's text can name no URL,
    and nothing is ever fetched from the network."""
    if hasattr(weasyprint, "URLFetcher"):  # WeasyPrint 68 and later
        return weasyprint.URLFetcher(allowed_protocols=("file",))

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:  # older WeasyPrint
        if not url.startswith("file:"):
            raise ValueError(f"not fetched: {url}")
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch


def render_pdf(doc: Document, options: LayoutOptions | None = None) -> bytes:
    import weasyprint  # type: ignore[import-untyped]

    page = to_html(doc, options, paged=True)
    html = weasyprint.HTML(string=page, url_fetcher=_local_files_only(weasyprint))
    pdf = html.write_pdf()
    assert isinstance(pdf, bytes)
    return pdf
