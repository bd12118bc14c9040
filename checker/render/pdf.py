"""PDF: the HTML page laid out on A4 (or another size) by WeasyPrint.

The unit's name heads every page and "N (M)" stands in the footer, like the
city's PDFs; table headers repeat on every page a table spans; fonts are
embedded (DejaVu Sans by default, see ``fonts.toml``).
"""

from __future__ import annotations

from checker.render.document import Document
from checker.render.html import to_html
from checker.render.options import LayoutOptions


def render_pdf(doc: Document, options: LayoutOptions | None = None) -> bytes:
    import weasyprint  # type: ignore[import-untyped]

    page = to_html(doc, options, paged=True)
    # No base URL: the page is self-contained; fonts come from file: URLs
    # that the stylesheet names, and nothing is fetched from the network.
    html = weasyprint.HTML(string=page, url_fetcher=_local_only)
    pdf = html.write_pdf(metadata=None)
    assert isinstance(pdf, bytes)
    return pdf


def _local_only(url: str, *args: object, **kwargs: object) -> object:
    """Fetch only local files (the fonts); a report's text can name no URL."""
    import weasyprint

    if not url.startswith("file:"):
        raise ValueError(f"not fetched: {url}")
    return weasyprint.default_url_fetcher(url, *args, **kwargs)
