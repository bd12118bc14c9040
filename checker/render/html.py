"""HTML through Jinja2 with autoescape on: one self-contained page, print CSS."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from checker.render.document import STATUS_ICONS, Document, Heading, Paragraph, Table
from checker.render.fonts import font_config
from checker.render.options import LayoutOptions, page_size_mm

if TYPE_CHECKING:
    import jinja2

_BULLET = re.compile(r"^\s*[-•–]\s+")
_STATUS_CLASSES = {
    "Uppfylls helt": "s-helt",
    "Uppfylls delvis": "s-delvis",
    "Uppfylls inte": "s-inte",
}


def paragraphs(text: str) -> Iterator[tuple[str, list[str]]]:
    """Free text as blocks: ("p", lines) and ("ul", items), split on blank lines."""
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip("\n")):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        current_kind, current = "", list[str]()
        for line in lines:
            kind = "ul" if _BULLET.match(line) else "p"
            item = _BULLET.sub("", line, count=1) if kind == "ul" else line
            if kind != current_kind and current:
                yield current_kind, current
                current = []
            current_kind = kind
            current.append(item)
        if current:
            yield current_kind, current


# A word longer than this gets a break opportunity (<wbr>) after every this many characters.
BREAK_EVERY = 40
_LONG_WORD = re.compile(rf"\S{{{BREAK_EVERY + 1},}}")


def breakable(text: object) -> Any:
    """``text`` escaped, a long unbroken word with a ``<wbr>`` every ``BREAK_EVERY``
    characters: WeasyPrint breaks such a word (a 5 000-digit number in a table cell) one
    character at a time, in time that grows with the square of its length; a browser and
    the PDF show the same text."""
    from markupsafe import Markup, escape

    text = str(text)
    parts: list[Markup] = []
    last = 0
    for m in _LONG_WORD.finditer(text):
        parts.append(escape(text[last : m.start()]))
        word = m.group()
        pieces = (escape(word[i : i + BREAK_EVERY]) for i in range(0, len(word), BREAK_EVERY))
        parts.append(Markup("<wbr>").join(pieces))
        last = m.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def status_class(block: Paragraph) -> str:
    text = "".join(r.text for r in block.runs)
    for status, css in _STATUS_CLASSES.items():
        if text == f"{STATUS_ICONS[status]} {status}":
            return css
    return "s-ingen" if text.endswith("Ingen") else "s-other"


# Default column widths (percent) where the options give none. Tables are laid
# out with fixed widths: a long unbroken value then wraps inside its column
# instead of pushing the table off the page, and layout stays fast.
_FIXED_WIDTHS: dict[str, dict[str, float]] = {
    "activities": {"": 4, "Startdatum": 14, "Slutdatum": 14},
    "budget": {"": 46},
    "complaints": {
        "Uppdelning": 17,
        "Klagomål/synpunkter/kategorier": 23,
        "Sammanfattning och planerade åtgärder": 28,
    },
    "indicators": {"Indikator": 24},
}
_WIDE_COLUMNS = {"activities": {"Aktivitet": 2.0, "Avvikelse": 1.0}}


def default_widths(table: Table) -> tuple[float, ...]:
    """Column widths in percent: fixed ones from the template, the rest shared."""
    fixed = _FIXED_WIDTHS.get(table.kind, {})
    if table.kind == "activities" and any(
        len(row.cells[0].text.strip()) > 1 for row in table.rows if row.role == "body"
    ):
        # a status written out ("Klart", "[okänd: …]") needs room, not a column for one icon
        fixed = {**fixed, "": 16}
    wide = _WIDE_COLUMNS.get(table.kind, {})
    free = max(0.0, 100.0 - sum(fixed.get(c, 0) for c in table.columns if c in fixed))
    weights = [0.0 if c in fixed else wide.get(c, 1.0) for c in table.columns]
    total = sum(weights) or 1.0
    return tuple(
        round(fixed[c] if c in fixed else free * w / total, 3)
        for c, w in zip(table.columns, weights, strict=True)
    )


# The room a date column needs, in ems of the table's type: "2024-01-01" is 5.8 em in
# DejaVu Sans, the bold heading "Startdatum" 6.5 em, and the cell's padding 0.8 em. A
# table's type is at most 0.9 of the page's (report.css; print.css sets 0.85).
DATE_COLUMN_EM = 7.6
TABLE_TYPE = 0.9
DATE_COLUMNS = ("Startdatum", "Slutdatum")


def content_width_mm(options: LayoutOptions) -> float | None:
    """The width between the page's margins; None for a page size not known here."""
    size = page_size_mm(options.page_size)
    return None if size is None else size[0] - 2 * options.margin_mm


def fit_dates(table: Table, widths: Sequence[float], options: LayoutOptions) -> tuple[float, ...]:
    """Widths with every date column wide enough for a date and its heading on one line
    (a date broken inside, "2024-01-0" / "1", reads as two values); the room comes from
    the widest other column."""
    out = list(widths)
    content = content_width_mm(options)
    dates = [i for i, c in enumerate(table.columns) if c in DATE_COLUMNS]
    if content is None or content <= 0 or not dates:
        return tuple(out)
    need_mm = DATE_COLUMN_EM * TABLE_TYPE * options.font_size_pt * 25.4 / 72
    need = min(100.0 / (len(dates) + 1), 100.0 * need_mm / content)
    for index in dates:
        lack = need - out[index]
        others = [i for i in range(len(out)) if i not in dates]
        if lack <= 0 or not others:
            continue
        widest = max(others, key=lambda i: out[i])
        give = min(lack, max(0.0, out[widest] - 5.0))
        out[widest] -= give
        out[index] += give
    return tuple(out)


def column_heading(name: str) -> Any:
    """A column heading as the city's tables set it: the exports' "Utfall män/ pojkar"
    is one word pair "män/pojkar" that wraps after the slash in a narrow column."""
    import markupsafe

    parts = [markupsafe.escape(part) for part in name.split("/ ")]
    return markupsafe.Markup("/<wbr>").join(parts)


def group_spans(table: Table) -> list[int]:
    """Per row of the complaints table: how many rows its group label spans (1 for a row
    of its own, 0 for a row under a label above it). The city sets a group's label in one
    cell beside all its rows; the document keeps it in the group's first row only."""
    spans = [1] * len(table.rows)
    if table.kind != "complaints":
        return spans
    label = -1
    for index, row in enumerate(table.rows):
        first = row.cells[0] if row.cells else None
        if first is not None and first.span == 1 and first.text.strip():
            label = index
        elif label >= 0 and first is not None and first.span == 1 and row.role == "body":
            spans[label] += 1
            spans[index] = 0
        else:
            label = -1
    return spans


def _resource(name: str) -> str:
    return resources.files("checker.render").joinpath("templates", name).read_text("utf-8")


@cache
def _environment() -> jinja2.Environment:
    from checker.templating import environment

    env = environment("checker.render", trim=False, keep_trailing_newline=True)
    env.globals["paragraphs"] = paragraphs
    env.globals["status_class"] = status_class
    env.globals["column_heading"] = column_heading
    env.filters["breakable"] = breakable
    return env


def _number(value: float) -> str:
    return f"{value:g}"


def stylesheet(options: LayoutOptions, *, paged: bool) -> str:
    """The page's CSS; options are validated tokens (see LayoutOptions)."""
    fonts = font_config()
    css = _resource("report.css")
    css = css.replace("@@FONT_STACK@@", fonts.css_stack(options.font_family))
    css = css.replace("@@FONT_SIZE@@", f"{_number(options.font_size_pt)}pt")
    css = css.replace("@@LINE_HEIGHT@@", _number(options.line_height))
    margin = f"{_number(options.margin_mm)}mm"
    if not paged:  # a browser's print: page size and margins (no margin boxes there)
        css += f"\n@page {{ size: {options.page_size}; margin: {margin}; }}\n"
    if paged:
        faces = []
        family = options.font_family or fonts.family
        styles = {
            "regular": ("normal", "normal"),
            "bold": ("bold", "normal"),
            "italic": ("normal", "italic"),
            "bold_italic": ("bold", "italic"),
        }
        if family == fonts.family:
            for face, path in fonts.present_files().items():
                weight, style = styles.get(face, ("normal", "normal"))
                faces.append(
                    f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}");'
                    f" font-weight: {weight}; font-style: {style}; }}"
                )
        paged_css = (
            _resource("print.css")
            .replace("@@PAGE_SIZE@@", options.page_size)
            .replace("@@MARGIN@@", margin)
        )
        css = "\n".join([*faces, css, paged_css])
    return css


def to_html(doc: Document, options: LayoutOptions | None = None, *, paged: bool = False) -> str:
    import markupsafe

    options = options or LayoutOptions()
    toc_entries = [h for h in doc.headings() if h.toc] if options.table_of_contents else []
    toc_at = -1
    if toc_entries:
        first = toc_entries[0]
        toc_at = next(i for i, b in enumerate(doc.blocks) if b is first)

    def column_widths(table: Table) -> tuple[float, ...]:
        widths = options.widths_for(table.kind, len(table.columns)) or default_widths(table)
        return tuple(round(w, 3) for w in fit_dates(table, widths, options))

    def spans(table: Table) -> list[int]:
        return group_spans(table) if options.spanning_group_labels else [1] * len(table.rows)

    context: dict[str, Any] = {
        "doc": doc,
        "group_spans": spans,
        "toc_entries": toc_entries,
        "toc_at": toc_at,
        "css": markupsafe.Markup(stylesheet(options, paged=paged)),
        "column_widths": column_widths,
    }
    return _environment().get_template("report.html.j2").render(context)


def render_html(doc: Document, options: LayoutOptions | None = None) -> bytes:
    return to_html(doc, options).encode("utf-8")


__all__ = ["Heading", "paragraphs", "render_html", "stylesheet", "to_html"]
