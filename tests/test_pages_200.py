"""The findings page and the nightly dashboard for 200 units, in the real browser.

A tree of 200 units (400 reports) across five committees is generated from
sample_reports/, with "Ekbacken 1" … "Ekbacken 12" among them for natural
order. ``rapportkoll nightly`` runs over it three times (one report changes
between runs) and writes the dashboard and the findings page beside it; both
are opened from disk in Debian's chromium (Playwright, as
tests/test_html_browser.py does): grouping and order, the top 15 and "visa
alla", a unit's print sheet (a real PDF, one A4 page), a rule code opening its
explanation, the links between the two pages and the trend chart's axes.

The pages' size and time to first render are recorded (printed with ``-s``
and kept as test properties); only generous ceilings are asserted.
"""

from __future__ import annotations

import io
import re
import statistics
import time
from pathlib import Path
from typing import Any

import pypdf
import pytest
from playwright.sync_api import Page

from checker.engine.core import Engine
from checker.findings import Finding, Msg, Severity
from checker.outputs import html
from checker.run.batch import check_paths
from checker.swedish import natural_key
from tests import test_html_browser
from tests.conftest import SAMPLES, cli

# the browser fixtures of the findings page's own browser test
browser = test_html_browser.browser
open_file = test_html_browser.open_file

COMMITTEES = [
    "Hägersten-Älvsjö stadsdelsnämnd",
    "Farsta stadsdelsnämnd",
    "Skärholmen stadsdelsnämnd",
    "Östermalms stadsdelsnämnd",
    "Rinkeby-Kista stadsdelsnämnd",
]
KINDS = ["Gruppbostaden", "Hemtjänsten", "Daglig verksamhet", "Boendestödet", "Servicebostaden"]
PLACES = ["Norra", "Södra", "Västra", "Östra", "Åkern", "Ängen"]
UNITS = 200
MAX_BYTES = 2_500_000  # generous ceilings: the pages measure well under them (README)
MAX_FIRST_PAINT_MS = 10_000


def units(n: int = UNITS) -> list[tuple[str, str]]:
    """(committee, unit) pairs: Ekbacken 1 … 12 in the first committee, then varied names."""
    out = [(COMMITTEES[0], f"Ekbacken {i}") for i in range(1, 13)]
    i = 0
    while len(out) < n:
        out.append(
            (
                COMMITTEES[i % len(COMMITTEES)],
                f"{KINDS[i % len(KINDS)]} {PLACES[i % len(PLACES)]} {i // len(PLACES) + 1}",
            )
        )
        i += 1
    return out


def make_units_tree(dest: Path, n: int = UNITS) -> Path:
    """``dest/<committee>/<unit>/<report>.yaml``: two sample reports per unit, renamed."""
    templates = sorted(SAMPLES.rglob("*.yaml"))
    for k, (committee, unit) in enumerate(units(n)):
        folder = dest / committee.split()[0] / unit.replace(" ", "-")
        folder.mkdir(parents=True)
        for j in range(2):
            template = templates[(2 * k + j) % len(templates)]
            text = template.read_text(encoding="utf-8")
            text, a = re.subn(r"(?m)^(  enhet:).*$", rf"\1 {unit}", text, count=1)
            text, b = re.subn(r"(?m)^(  nämnd:).*$", rf"\1 {committee}", text, count=1)
            if b == 0:  # a unit's own document has no committee in its header: give it one
                text, b = re.subn(
                    r"(?m)^(  enhet:.*)$", rf"\1\n  nämnd: {committee}", text, count=1
                )
            assert a == b == 1, template
            (folder / template.name).write_text(text, encoding="utf-8")
    return dest


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.tree = root / "enheter"
        self.dashboard = root / "ut" / "dashboard.html"
        self.findings = root / "ut" / "anmarkningar.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    s = Site(tmp_path_factory.mktemp("pages200"))
    make_units_tree(s.tree)
    s.dashboard.parent.mkdir()
    roster = s.root / "inlamningar.yaml"  # Ekbacken 3 owes a T2 2025 it never handed in
    roster.write_text(
        "år: 2025\nenheter:\n  - enhet: Ekbacken 3\n    nämnd: Hägersten-Älvsjö"
        " stadsdelsnämnd\n    rapporter: [T2]\n",
        encoding="utf-8",
    )
    changed = next(s.tree.rglob("vp-2025-boendestodet.yaml"))
    for run in range(3):
        if run == 2:  # a unit fixes nothing and breaks a header field: the trend moves
            text = changed.read_text(encoding="utf-8")
            changed.write_text(text.replace("  dnr:", "  diarienr:", 1), encoding="utf-8")
        proc = cli(
            "nightly",
            str(s.tree),
            "--db",
            str(s.root / "h.sqlite"),
            "--cache-dir",
            str(s.root / "cache"),
            "--dashboard",
            str(s.dashboard),
            "--jobs",
            "2",
            "--roster",
            str(roster),
            "--date",
            "2025-12-01",
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"Anmärkningar per nämnd och enhet: {s.findings}" in proc.stdout
    return s


def texts(locator: Any) -> list[str]:
    """The text of each element, shown or not (collapsed units, SVG text)."""
    found: list[str] = locator.evaluate_all("els => els.map(e => e.textContent.trim())")
    return found


# Resolves once the first contentful paint is recorded (buffered: one already past
# counts), or after 10 s, when the assertion below names the missing paint.
PAINTED = """new Promise(done => {
  setTimeout(done, 10000);
  new PerformanceObserver((list, observer) => {
    if (list.getEntriesByName('first-contentful-paint').length) { observer.disconnect(); done(); }
  }).observe({type: 'paint', buffered: true});
})"""


def first_paint(page: Page) -> float:
    # The paint entry is queued after the paint itself, which may come after "load"
    # on a busy machine: wait for it. Its startTime counts from navigation, so the
    # wait does not change the figure asserted below. An observer, not
    # wait_for_function: that evaluates its predicate with eval(), which the page's
    # CSP (no 'unsafe-eval') refuses whenever the first check is false.
    page.evaluate(PAINTED)
    paints: list[Any] = page.evaluate(
        "performance.getEntriesByName('first-contentful-paint').map(e => e.startTime)"
    )
    assert paints, "the page painted nothing"
    return float(paints[0])


def measure(open_file: Any, path: Path, record: Any, name: str) -> Page:
    size = path.stat().st_size
    t0 = time.perf_counter()
    opened = open_file(path)
    wall = (time.perf_counter() - t0) * 1000
    page: Page = opened.page
    fcp = first_paint(page)
    height = page.evaluate("document.documentElement.scrollHeight")
    record(f"{name}_bytes", size)
    record(f"{name}_first_paint_ms", round(fcp))
    record(f"{name}_load_ms", round(wall))
    record(f"{name}_height_px", height)
    print(
        f"\n{name}: {size / 1e6:.2f} MB, first paint {fcp:.0f} ms, load {wall:.0f} ms,"
        f" {height} px tall"
    )
    assert size < MAX_BYTES and fcp < MAX_FIRST_PAINT_MS
    assert opened.requests == [] and opened.errors == []
    return page


# -- the findings page ------------------------------------------------------------


def test_findings_page_size_first_render_and_collapsed_units(
    open_file: Any, site: Site, record_property: Any
) -> None:
    page = measure(open_file, site.findings, record_property, "findings_page")
    assert page.locator("details.unit").count() == UNITS
    assert page.locator("details.unit[open]").count() == 0  # collapsed at 200 units
    assert page.locator("li.finding:visible").count() == 0
    assert page.evaluate("document.documentElement.scrollHeight") < 40_000


def test_grouped_by_committee_and_unit_in_natural_order(open_file: Any, site: Site) -> None:
    page = open_file(site.findings).page
    committees = page.locator("section.committee > h3").evaluate_all(
        "hs => hs.map(h => h.firstChild.textContent.trim())"
    )
    assert committees == sorted(COMMITTEES, key=natural_key)
    first = page.locator("section.committee", has_text=COMMITTEES[0])
    names = texts(first.locator(".uname"))
    ekbacken = [n for n in names if n.startswith("Ekbacken")]
    assert ekbacken == [f"Ekbacken {i}" for i in range(1, 13)]  # 2 before 10
    assert names == sorted(names, key=natural_key)
    expected = sorted((u for c, u in units() if c == COMMITTEES[0]), key=natural_key)
    assert names == expected
    # the unit filter lists the same order, one group per committee
    options = texts(page.locator(f'#f-unit optgroup[label="{COMMITTEES[0]}"] option'))
    assert [o.rsplit(" (", 1)[0] for o in options] == expected
    # the overview table too
    table = page.locator("#unit-table tbody", has_text=COMMITTEES[0])
    assert texts(table.locator("button[data-unit]")) == expected


def test_top_15_in_the_charts_and_show_all(open_file: Any, site: Site) -> None:
    page = open_file(site.findings).page
    for kind, total in (("unit", UNITS), ("rule", None)):
        chart = page.locator(f"#chart-{kind}")
        top = chart.locator(":scope > svg g.bar")
        assert top.count() == html.TOP
        rest = chart.locator("details.more g.bar")
        assert rest.count() > 0 and not rest.first.is_visible()
        n = top.count() + rest.count()
        if total is not None:
            assert n == total
        assert f"de {html.TOP} med flest av {n}" in chart.locator("figcaption").inner_text()
        chart.locator("details.more > summary").click()
        assert rest.last.is_visible() and rest.count() == n - html.TOP
        # the axis is labelled in Swedish, with numbers
        ticks = texts(chart.locator(":scope > svg text.tick"))
        assert ticks[-1] == "Antal anmärkningar" and ticks[0] == "0"
        assert all(t.isdigit() for t in ticks[:-1]) and len(ticks) >= 3
    # the top units are those with the most errors
    errors = [
        int(re.search(r": (\d+) fel", t).group(1))  # type: ignore[union-attr]
        for t in texts(page.locator("#chart-unit g.bar title"))
    ]
    assert errors == sorted(errors, reverse=True)


def test_errors_first_within_a_unit(open_file: Any, site: Site) -> None:
    page = open_file(site.findings).page
    rank = {"error": 2, "warning": 1, "info": 0}
    mixed = 0
    for sevs in page.locator("details.unit").evaluate_all(
        "us => us.map(u => Array.from(u.querySelectorAll('li.finding'), li => li.dataset.s))"
    ):
        assert [rank[s] for s in sevs] == sorted((rank[s] for s in sevs), reverse=True)
        mixed += len(set(sevs)) > 1
    assert mixed > 10


# A unit sheet of this many findings fits one A4 page; the seeds' units now carry more
# (the rules find the defects of the second blind reading) and print on two.
ONE_PAGE = 12


def typical_unit(page: Page) -> str:
    """The id of a unit with the median number of findings (of those that have any and
    whose sheet is meant to fit one page)."""
    counts = page.locator("details.unit").evaluate_all(
        "us => us.map(u => [u.id, u.querySelectorAll('li.finding').length])"
    )
    median = statistics.median_low(n for _, n in counts if 0 < n <= ONE_PAGE)
    return next(i for i, n in counts if n == median)


def test_a_units_print_sheet_is_one_a4_page_of_that_unit(open_file: Any, site: Site) -> None:
    page = open_file(site.findings).page
    key = typical_unit(page)
    unit = page.locator(f"details#{key}")
    name = texts(unit.locator(".uname"))[0]
    codes = unit.locator("li.finding a.code").all_inner_texts()
    assert len(codes) >= 3
    unit.locator("summary").click()
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }")
    unit.get_by_role("button", name="Skriv ut enhetens blad").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert page.locator("details.unit:visible").count() == 1
    assert unit.is_visible() and page.locator("header").is_hidden()
    assert page.locator("#overview").is_hidden() and page.locator("#rules").is_hidden()
    assert unit.locator("li.finding:visible").count() == len(codes)
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    assert len(pdf.pages) == 1
    text = re.sub(r"\s+", " ", pdf.pages[0].extract_text())
    assert f"Granskning av {name}" in text
    for code in codes:
        assert code in text
    others = [n for n in texts(page.locator(".uname")) if n != name]
    assert not any(f"Granskning av {n} " in text + " " for n in others)
    assert "Anmärkningar per regel" not in text and "Översikt per enhet" not in text


def test_a_rule_code_opens_its_explanation_in_the_page(open_file: Any, site: Site) -> None:
    page = open_file(site.findings).page
    unit = page.locator(f"details#{typical_unit(page)}")
    unit.locator("summary").click()
    link = unit.locator("li.finding a.code").first
    code = link.inner_text()
    explanation = page.locator(f"details#rule-{code}")
    assert explanation.get_attribute("open") is None
    link.click()
    assert explanation.get_attribute("open") == "" and explanation.is_visible()
    assert "Varför:" in explanation.inner_text()
    assert explanation.locator("pre.ex").count() >= 1  # the rule's examples, embedded
    assert page.locator("details.rule").count() == len(
        set(page.locator("li.finding").evaluate_all("ls => ls.map(l => l.dataset.r)"))
    )


def test_filtering_200_units_opens_only_the_few_that_match(open_file: Any, site: Site) -> None:
    page = open_file(site.findings).page
    page.fill("#f-text", "Ekbacken")  # twelve units match: too many to open them all
    assert page.locator("details.unit:visible").count() == 12
    assert page.locator("details.unit[open]").count() == 0
    assert page.locator("section.committee:visible").count() == 1
    ekbacken = page.locator("#f-unit option", has_text=re.compile(r"^Ekbacken 10 \(\d+\)$"))
    page.select_option("#f-unit", ekbacken.get_attribute("value"))
    assert page.locator("details.unit:visible").count() == 1
    assert page.locator("details.unit[open]:visible .uname").inner_text() == "Ekbacken 10"
    page.wait_for_selector("details.unit[open] pre.yaml")  # excerpts drawn when opened
    page.click("#f-reset")
    assert page.locator("details.unit:visible").count() == UNITS
    assert page.locator("details.unit[open]").count() == 0


def test_a_missing_report_says_so_on_its_unit(tmp_path: Path) -> None:
    """RK106 (a report due but absent) is shown on its unit like any other finding."""
    tree = make_units_tree(tmp_path / "t", 3)
    result = check_paths(Engine(), [str(tree)])
    folder = next(tree.rglob("Ekbacken-2"))
    absent = str(folder)  # an RK106 lies on the unit's folder
    result.findings.append(
        Finding(
            "RK106",
            "missing-report",
            Severity.ERROR,
            Msg("Rapporten T1 2025 saknas.", "The report T1 2025 is missing."),
            absent,
            1,
            1,
        )
    )
    page, lay = html.page(result, "sv", Engine().sorted_rules())
    key = lay.of_finding[len(result.findings) - 1]
    assert lay.of_file[absent] == key and len(lay.units) == len(units(3))  # none added
    assert lay.units[key].label == "Ekbacken 2"  # the unit of the reports beside it
    assert lay.units[key].committee == COMMITTEES[0]
    section = page[page.index(f'<details class="unit" id="{key}"') :]
    summary = section[: section.index("</summary>")]
    assert '<span class="missing">rapport saknas</span>' in summary
    assert "Rapporten T1 2025 saknas." in section[: section.index("</details>")]
    assert "Filen kunde inte läsas" not in page  # an absent file has no excerpt to miss
    others = [g for g in lay.units.values() if g.key != key]
    assert others and all(f'id="{g.key}"><summary>' in page for g in others)
    assert page.count('class="missing"') == 3  # summary, sheet title, overview table


def test_a_units_missing_report_on_both_pages(open_file: Any, site: Site) -> None:
    """The roster's RK106 for Ekbacken 3 sits on Ekbacken 3, on both pages, linked."""
    page = open_file(site.dashboard).page
    row = page.locator(
        "#unit-table tr", has=page.locator("th a", has_text=re.compile(r"^Ekbacken 3$"))
    )
    assert row.locator(".missing").inner_text() == "RAPPORT SAKNAS"  # shown in capitals
    assert page.locator("#unit-table .missing").count() == 1
    row.locator("th a").click()
    page.wait_for_load_state("load")
    unit = page.locator("details.unit[open]")
    assert unit.locator(".uname").inner_text() == "Ekbacken 3"
    assert unit.locator("summary .missing").is_visible()
    assert unit.locator("li.finding[data-r=RK106]").count() == 1
    assert page.locator("details.unit").count() == UNITS  # no unit of its own for the folder
    assert page.locator("details.unit .missing").count() == 2  # summary and sheet title


# -- the dashboard ------------------------------------------------------------------


def test_dashboard_size_first_render_and_grouping(
    open_file: Any, site: Site, record_property: Any
) -> None:
    page = measure(open_file, site.dashboard, record_property, "dashboard")
    heads = page.locator("#unit-table tr.cmt").all_inner_texts()
    assert heads == sorted(COMMITTEES, key=natural_key)
    first = texts(page.locator("#unit-table tbody", has_text=COMMITTEES[0]).locator("th a"))
    assert first == sorted((u for c, u in units() if c == COMMITTEES[0]), key=natural_key)


def test_trend_chart_has_axes_with_numbers_and_dates(open_file: Any, site: Site) -> None:
    page = open_file(site.dashboard).page
    chart = page.locator("#totals svg")
    labels = texts(chart.locator("text.ax"))
    numbers = [int(t) for t in labels if t.isdigit()]
    assert numbers[0] == 0 and numbers == sorted(numbers) and len(numbers) >= 3
    errors = int(page.locator(".card.c-error .num").first.inner_text())
    assert numbers[-1] >= errors  # the scale reaches the highest point
    # the day, or as much of the time as tells runs apart (minute, second, then the run's id)
    dates = [
        t
        for t in labels
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?( \(#\d+\))?)?", t)
    ]
    assert len(dates) == 3  # one per run (three runs, up to six labels)
    assert "Antal anmärkningar" in labels and "Körningens datum" in labels
    # each unit's sparkline states its scale
    spark = page.locator("#unit-table svg.spark").first
    assert texts(spark.locator("text"))[-1] == "0"


def test_dashboard_and_findings_page_link_both_ways(open_file: Any, site: Site) -> None:
    page = open_file(site.dashboard).page
    page.locator("#unit-table a", has_text=re.compile(r"^Ekbacken 10$")).click()
    page.wait_for_load_state("load")
    assert page.url.startswith(site.findings.as_uri() + "#u-")
    unit = page.locator("details.unit[open]")
    assert unit.count() == 1 and unit.locator(".uname").inner_text() == "Ekbacken 10"
    assert unit.is_visible() and unit.locator("li.finding").first.is_visible()
    page.click("#to-dashboard")
    page.wait_for_load_state("load")
    assert page.url == site.dashboard.as_uri()
    page.click("#to-findings")
    page.wait_for_load_state("load")
    assert page.url == site.findings.as_uri()
    # every unit of the dashboard links to its own section in the findings page
    page.goto(site.dashboard.as_uri())
    hrefs = page.locator("#unit-table th[scope=row] a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))"
    )
    assert len(hrefs) == UNITS and len(set(hrefs)) == UNITS
    ids = set(re.findall(r'<details class="unit" id="([^"]+)"', site.findings.read_text("utf-8")))
    assert {h.split("#", 1)[1] for h in hrefs} == ids
