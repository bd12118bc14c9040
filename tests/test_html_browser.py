"""The HTML report in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

It renders from disk with no network, filtering and sorting work, and report
text such as ``<script>`` or an ``onerror`` attribute is shown as text and
never runs. This test never skips: without Playwright or Chromium it fails,
and ``make test`` installs both (``make browser``).
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from checker.engine.core import Engine
from checker.outputs import html
from checker.results import Result
from checker.run.batch import check_paths
from tests.conftest import ROOT, SAMPLES
from tests.test_formats import IMG, SCRIPT, hostile

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.access(path, os.X_OK):
        pytest.fail(
            "Debian's chromium is not installed: run `make browser`"
            " (apt-get install -y chromium); this test must not skip"
        )
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Opened:
    """A page opened from disk, with every network request and script error it caused."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def open_file(browser: Browser) -> Iterator[Any]:
    contexts = []

    def open_(path: Path) -> Opened:
        context = browser.new_context(offline=True)
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page)

        def block(route: Route) -> None:
            url = route.request.url
            if url.startswith(("file:", "data:")):
                route.continue_()
            else:
                opened.requests.append(url)
                route.abort()

        context.route("**/*", block)
        page.on("pageerror", lambda exc: opened.errors.append(f"pageerror: {exc}"))
        page.on(
            "console",
            lambda msg: (
                opened.errors.append(f"console: {msg.text}") if msg.type == "error" else None
            ),
        )
        page.goto(path.resolve().as_uri())
        page.wait_for_load_state("load")
        return opened

    yield open_
    for c in contexts:
        c.close()


def write_html(
    result: Result, folder: Path, name: str, engine: Engine, lang: str = "sv"
) -> tuple[Path, html.Layout]:
    page, lay = html.page(result, lang, engine.sorted_rules())
    path = folder / name
    path.write_text(page, encoding="utf-8")
    return path, lay


@pytest.fixture(scope="module")
def samples_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result, html.Layout]:
    engine = Engine()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        result = check_paths(engine, [SAMPLES.relative_to(ROOT).as_posix()])
        path, lay = write_html(result, tmp_path_factory.mktemp("html"), "rapport.html", engine)
    assert len({f.code for f in result.findings}) >= 2, "the samples need findings of 2+ rules"
    assert len(lay.units) <= html.OPEN_UNITS, "the samples' units all start open"
    return path, result, lay


def visible(page: Page) -> list[str]:
    """Ids of the findings shown, in page order."""
    ids: list[str] = page.eval_on_selector_all(
        "li.finding", "els => els.filter(e => !e.hidden && e.offsetParent !== null).map(e => e.id)"
    )
    return ids


def ids(result: Result, keep: Any) -> list[str]:
    return sorted(f"f{i}" for i, f in enumerate(result.findings) if keep(f))


def count_text(page: Page) -> str:
    return page.inner_text("#count").strip()


def test_renders_from_disk_without_network(open_file: Any, samples_page: Any) -> None:
    path, result, _lay = samples_page
    opened = open_file(path)
    page = opened.page
    n = len(result.findings)
    assert page.title() == html.WORDS["sv"]["title"]
    assert page.inner_text("h1") == "Granskningsrapport"
    assert count_text(page) == f"Visar {n} av {n} anmärkningar"
    assert len(visible(page)) == n
    counts = Counter(f.severity.value for f in result.findings)
    for sev in ("error", "warning", "info"):
        assert page.inner_text(f"#n-{sev}") == str(counts[sev])
    assert page.inner_text("#n-files") == str(len(result.files))
    units = {html.file_info(f, result.units).unit for f in result.files}
    assert page.locator("#unit-table button[data-unit]").count() == len(units)
    assert page.locator("#chart-rule g.bar").count() == len({f.code for f in result.findings})
    assert page.locator("#chart-unit g.bar").count() == len(units)
    assert page.locator("#chart-rule svg").first.is_visible()
    # every finding shows its message, and its YAML excerpt with the line marked once the
    # script has unpacked the lines
    first = page.locator("#f0")
    assert first.locator(".msg").inner_text() == result.findings[0].message.sv
    page.wait_for_selector("body[data-excerpts=ready]")
    assert first.locator("pre.yaml .hit").count() == 1
    assert page.locator("pre.yaml").count() == sum(1 for f in result.findings if f.line)
    assert opened.requests == [] and opened.errors == []


def test_filter_by_rule_unit_severity_and_text(open_file: Any, samples_page: Any) -> None:
    path, result, lay = samples_page
    page = open_file(path).page
    n = len(result.findings)
    by_code = Counter(f.code for f in result.findings)
    code, expected = by_code.most_common(1)[0]
    assert expected < n
    page.select_option("#f-rule", code)
    shown = visible(page)
    assert len(shown) == expected
    assert all(page.inner_text(f"#{i} .code") == code for i in shown)
    assert count_text(page) == f"Visar {expected} av {n} anmärkningar"
    # units without a finding of the rule are hidden, the others say how many are shown
    units = {lay.of_file[f.file] for f in result.findings if f.code == code}
    assert sorted(
        page.eval_on_selector_all(
            "details.unit", "els => els.filter(e => !e.hidden).map(e => e.id)"
        )
    ) == sorted(units)

    page.click("#f-reset")
    assert len(visible(page)) == n and page.input_value("#f-rule") == ""

    for box in ("warning", "info"):
        page.uncheck(f"input[name=sev][value={box}]")
    assert sorted(visible(page)) == ids(result, lambda f: f.severity.value == "error")
    page.click("#f-reset")

    term = "saknar"
    page.fill("#f-text", term.upper())
    expected_ids = ids(result, lambda f: term in (f.message.sv + f.label.sv).lower())
    assert 0 < len(expected_ids) < n
    assert sorted(visible(page)) == expected_ids
    page.fill("#f-text", "inget-sådant-ord-finns")
    assert visible(page) == [] and page.is_visible("#no-match")
    page.click("#f-reset")

    key = lay.of_file[result.findings[0].file]
    page.select_option("#f-unit", key)
    assert sorted(visible(page)) == ids(result, lambda f: lay.of_file[f.file] == key)
    assert page.locator("details.unit:visible").count() == 1


def test_overview_and_chart_pick_a_filter(open_file: Any, samples_page: Any) -> None:
    path, result, lay = samples_page
    page = open_file(path).page
    button = page.locator("#unit-table button[data-unit]").first
    unit_key = button.get_attribute("data-unit")
    button.click()
    assert page.input_value("#f-unit") == unit_key
    assert sorted(visible(page)) == ids(result, lambda f: lay.of_file[f.file] == unit_key)

    page.click("#f-reset")
    bar = page.locator("#chart-rule > svg g.bar").last  # the last bar before "visa alla"
    code = bar.get_attribute("data-rule")
    bar.click()
    assert page.input_value("#f-rule") == code
    assert sorted(visible(page)) == ids(result, lambda f: f.code == code)


def test_errors_first_and_sorting_within_each_unit(open_file: Any, samples_page: Any) -> None:
    path, result, _lay = samples_page
    page = open_file(path).page
    rank = {"error": 2, "warning": 1, "info": 0}

    def per_unit(attr: str) -> list[list[str]]:
        found: list[list[str]] = page.eval_on_selector_all(
            "details.unit",
            f"els => els.map(u => Array.from(u.querySelectorAll('li.finding'))"
            f".map(li => li.getAttribute('{attr}')))",
        )
        return [x for x in found if x]

    assert len(per_unit("data-s")) >= 2
    for sevs in per_unit("data-s"):  # errors, then warnings, then info
        assert [rank[s] for s in sevs] == sorted((rank[s] for s in sevs), reverse=True)
    page.select_option("#f-sort", "file")
    for order in per_unit("data-o"):
        assert [int(o) for o in order] == sorted(int(o) for o in order)
    page.select_option("#f-sort", "rule")
    for codes in per_unit("data-r"):
        assert codes == sorted(codes)
    page.select_option("#f-rule", result.findings[0].code)  # sorting keeps the filter
    page.select_option("#f-sort", "severity")
    assert sorted(visible(page)) == ids(result, lambda f: f.code == result.findings[0].code)


def test_a_rule_code_opens_its_explanation(open_file: Any, samples_page: Any) -> None:
    path, result, _ = samples_page
    page = open_file(path).page
    code = result.findings[0].code
    explanation = page.locator(f"details#rule-{code}")
    assert explanation.count() == 1 and explanation.get_attribute("open") is None
    page.locator("#f0 a.code").click()
    assert explanation.get_attribute("open") == ""
    assert explanation.locator("p").first.is_visible()
    assert page.evaluate("location.hash") == f"#rule-{code}"


def test_hostile_report_text_is_shown_and_never_runs(open_file: Any, tmp_path: Path) -> None:
    engine = Engine()
    (tmp_path / "evil.yaml").write_text(hostile(), encoding="utf-8")
    broken = tmp_path / "<img src=x onerror=window.__pwned=3>.yaml"
    broken.write_text(f'rapport: [\n  "{SCRIPT}\n', encoding="utf-8")
    # a headerless report in hostile folders: its committee and unit are the folders' names
    folder = tmp_path / "<b onclick=x>Nämnd" / "<img src=x onerror=window.__pwned=4>"
    folder.mkdir(parents=True)
    (folder / "tom.yaml").write_text("inledning: x\n", encoding="utf-8")  # no header
    result = check_paths(engine, [str(tmp_path)])
    path, lay = write_html(result, tmp_path, "evil.html", engine)
    unit = lay.units[lay.of_file[str(folder / "tom.yaml")]]
    assert (unit.committee, unit.label) == (folder.parent.name, folder.name)
    opened = open_file(path)
    page = opened.page
    page.wait_for_selector("body[data-excerpts=ready]")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 2
    assert page.locator("[onerror]").count() == 0
    body = page.inner_text("body")
    assert SCRIPT in body and IMG in body and broken.name in body
    units = page.locator("#unit-table button[data-unit]").all_inner_texts()
    assert f"{SCRIPT} Enheten {IMG}" in units and broken.name in units
    assert folder.name in units
    committees = page.locator("section.committee > h3").all_inner_texts()
    assert any(c.startswith(folder.parent.name) for c in committees)
    assert page.locator("b").count() == 0

    # the page's own script runs (the CSP allows it by hash) and filters hostile text
    n = len(result.findings)
    page.fill("#f-text", "<script>")
    checks = page.eval_on_selector_all(
        "li.finding",
        """els => els.map(li => {
          const c = li.cloneNode(true);
          c.querySelectorAll("pre").forEach(p => p.remove());
          const u = li.closest("details.unit").querySelector(".uname").textContent;
          const n = li.closest("section.committee").querySelector("h3").textContent;
          return [!li.hidden, (c.textContent + " " + u + " " + n).toLowerCase()
            .includes("<script>")];
        })""",
    )
    shown = sum(1 for s, _ in checks if s)
    assert all(s == has for s, has in checks) and 0 < shown < n
    assert count_text(page) == f"Visar {shown} av {n} anmärkningar"
    page.click("#f-reset")
    page.locator("#unit-table button[data-unit]").first.click()
    assert 0 < len(visible(page)) < n
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert opened.requests == [] and opened.errors == []


def test_english_report(open_file: Any, tmp_path: Path) -> None:
    engine = Engine()
    (tmp_path / "evil.yaml").write_text(hostile(), encoding="utf-8")
    result = check_paths(engine, [str(tmp_path)])
    path, _ = write_html(result, tmp_path, "en.html", engine, "en")
    page = open_file(path).page
    n = len(result.findings)
    assert page.title() == html.WORDS["en"]["title"]
    assert count_text(page) == f"Showing {n} of {n} findings"
    assert "Findings per rule" in page.inner_text("#chart-rule figcaption")
    assert page.locator("#chart-rule text.tick", has_text="Number of findings").count() == 1
    page.uncheck("input[name=sev][value=error]")
    left = sum(1 for f in result.findings if f.severity.value != "error")
    assert count_text(page) == f"Showing {left} of {n} findings"
