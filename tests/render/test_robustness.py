"""Any report-shaped input renders: odd types, markup, tabs and line breaks in every text."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.render import build_document, render_report

# Pieces that stress escaping, Markdown structure and the icons.
PIECES = [*"aåäöÅ ●◆✓♀!—<>&\"'#*|\t\n", "</style>", "<script>", "{{", "**", "\n\n", "Nämndmål: "]
TEXT = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)
SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10_000, 10_000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
    TEXT,
    st.builds(lambda r: {"okänd": r}, TEXT),
)
ODD = st.one_of(SCALAR, st.lists(SCALAR, max_size=2), st.dictionaries(TEXT, SCALAR, max_size=2))
SECTION = st.one_of(
    SCALAR,
    st.fixed_dictionaries(
        {},
        optional={
            "text": TEXT,
            "ej_tillämpligt": TEXT,
            "avsnitt": st.lists(st.fixed_dictionaries({"rubrik": TEXT, "text": TEXT}), max_size=2),
        },
    ),
)


def _mapping(keys: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=keys)


INDICATOR = _mapping(
    {k: SCALAR for k in ("namn", "utfall", "utfall_män", "utfall_kvinnor", "årsmål", "period")}
    | {"könsuppdelad": SCALAR, "föregående_rubrik": TEXT, "analys": TEXT, "prognos_helår": SCALAR}
)
ACTIVITY = _mapping(
    {
        "aktivitet": TEXT,
        "status": st.one_of(st.sampled_from(["klar", "avvikelse", "Klart"]), SCALAR),
        "startdatum": SCALAR,
        "slutdatum": SCALAR,
        "avvikelse": TEXT,
        "analys": TEXT,
    }
)
STATUS = st.one_of(st.sampled_from(["Uppfylls helt", "Uppfylls delvis", "Ingen"]), SCALAR)
UNIT_GOAL = _mapping(
    {
        "nummer": SCALAR,
        "titel": TEXT,
        "status": STATUS,
        "förväntat_resultat": SECTION,
        "analys": SECTION,
        "indikatorer": st.lists(INDICATOR, max_size=2),
        "aktiviteter": st.lists(ACTIVITY, max_size=2),
    }
)
COMMITTEE_GOAL = _mapping(
    {
        "titel": TEXT,
        "status": STATUS,
        "beskrivning": SECTION,
        "enhetsmål": st.lists(UNIT_GOAL, max_size=2),
        "avdelningsmål": st.lists(
            _mapping({"titel": TEXT, "enhetsmål": st.lists(UNIT_GOAL, max_size=1)}), max_size=1
        ),
    }
)
ROW = _mapping(
    {k: SCALAR for k in ("rad", "kategori", "utfall", "budget", "avvikelse", "t1", "vb", "totalt")}
)
REPORT = _mapping(
    {
        "rapport": _mapping(
            {
                "typ": st.one_of(st.sampled_from(["VB", "VP", "T1", "T2"]), SCALAR),
                "år": SCALAR,
                "enhet": TEXT,
                "dnr": SCALAR,
                "datum": SCALAR,
            }
        ),
        "sammanfattande_analys": SECTION,
        "inriktningsmål": st.one_of(
            ODD,
            st.lists(
                _mapping(
                    {
                        "nummer": SCALAR,
                        "titel": TEXT,
                        "verksamhetsområdesmål": st.lists(
                            _mapping(
                                {
                                    "nummer": SCALAR,
                                    "titel": TEXT,
                                    "indikatorer": st.lists(INDICATOR, max_size=2),
                                    "nämndmål": st.lists(COMMITTEE_GOAL, max_size=2),
                                }
                            ),
                            max_size=2,
                        ),
                    }
                ),
                max_size=2,
            ),
        ),
        "ekonomi": st.one_of(
            ODD,
            _mapping(
                {
                    "analys": SECTION,
                    "resultaträkning": _mapping(
                        {"intäkter": st.lists(ROW, max_size=2), "summa_netto": ROW, "enhet": TEXT}
                    ),
                }
            ),
        ),
        "kvalitetsarbete": _mapping(
            {
                "text": TEXT,
                "klagomål": _mapping(
                    {
                        "beröm": ROW,
                        "från_vem": st.lists(ROW, max_size=2),
                        "lex_sarah": ROW,
                        "grupprubriker": st.dictionaries(
                            st.sampled_from(["beröm", "från_vem", "lex"]), TEXT
                        ),
                    }
                ),
            }
        ),
        "övrigt": SECTION,
        "ej_placerat": st.lists(
            _mapping({"rad": SCALAR, "sida": SCALAR, "text": TEXT}), max_size=2
        ),
    }
)

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "span", "main", "header", "nav",
    "p", "strong", "em", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "ul", "li", "a",
    "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "wbr",
}  # fmt: skip


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REPORT)
def test_any_report_shape_renders_markdown_with_whole_tables(data: dict[str, Any]) -> None:
    markdown = render_report(data, "md").decode("utf-8")
    lines = markdown.split("\n")
    for table in build_document(data).tables():
        width = len(table.columns)
        rows = [line for line in lines if line.count("\t") == width - 1]
        assert len(rows) >= 1 + len(table.rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REPORT)
def test_any_report_shape_renders_html_with_only_the_template_tags(data: dict[str, Any]) -> None:
    pytest.importorskip("jinja2", reason="the render extra is not installed")
    parser = _Tags()
    parser.feed(render_report(data, "html").decode("utf-8"))
    assert parser.tags <= ALLOWED_TAGS
    assert parser.attributes <= {"lang", "charset", "name", "content", "class", "id", "href",
                                 "aria-labelledby", "aria-hidden", "scope", "colspan", "rowspan",
                                 "style", "data-running"}  # fmt: skip
