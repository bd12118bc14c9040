"""The machine and people formats: SARIF, JUnit XML, GitHub annotations and HTML.

Each format is rendered from real engine runs: over the sample reports and
over planted reports whose findings, lines and hostile texts are known.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.findings import Finding, Msg, Severity, identity
from checker.outputs import NAMES, Formatter, formatter_class, github, html, htmlbase, junit, sarif
from checker.results import Result
from checker.rule import INTERNAL, display_name
from checker.run.batch import check_paths
from tests.conftest import ROOT, SAMPLES, cli

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
SARIF_SCHEMAS = [ROOT / "schemas" / "sarif-schema-2.1.0.json"]


def planted(
    unit: str = "Planterade enheten",
    kf_title: str = "Ett Stockholm som håller ihop",
    goal_title: str = "Personer med funktionsnedsättning tillförsäkras självbestämmande",
    status: str = "Uppfylles helt",
) -> str:
    """A plan with three known findings: RK103 (no Dnr, line 1), RK602 (KF title, line 13)
    and RK203 (a status in a plan, line 24). Texts are written as JSON strings, which YAML
    reads as double-quoted scalars, so any text (quotes, newlines, controls) can be planted."""

    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    return f"""rapport:
  typ: VP
  år: 2025
  enhet: {q(unit)}
  nämnd: Hägersten-Älvsjö stadsdelsnämnd
  datum: 2024-12-05
  handläggare: Anna Lindqvist

inledning: Enheten ger boendestöd enligt SoL till vuxna.

inriktningsmål:
  - nummer: "1"
    titel: {q(kf_title)}
    verksamhetsområdesmål:
      - nummer: "1.3"
        titel: Stockholms stad ska ge stöd och omsorg där behoven är som störst
        nämndmål:
          - titel: {q(goal_title)}
            beskrivning: Målet uppnås genom individuellt anpassade insatser.
            förväntat_resultat: Brukare erbjuds individuella stödinsatser av god kvalitet.
            enhetsmål:
              - nummer: "1.3.1.1"
                titel: Brukarna är delaktiga i utformningen av sitt stöd
                status: {q(status)}
                förväntat_resultat: 90 procent av brukarna känner sig delaktiga.
                arbetssätt: Genomförandeplanen upprättas tillsammans med brukaren.
                resursanvändning: Kontaktpersoner och enhetschef.
                uppföljning: I T1, T2 och VB.
                utveckling: Digitala genomförandeplaner.

ekonomi:
  resursanvändning: Enheten har 18 medarbetare och en budget på 4,6 mnkr netto.
  budget: Nettobudgeten 2025 är 4 600 tkr.
"""


PLANTED_LINES = {"RK103": 1, "RK602": 13, "RK203": 24}


def hostile() -> str:
    return planted(
        unit=f"{SCRIPT} Enheten {IMG}",
        kf_title=f"{IMG} 100 % klart,\r\nrad två: {SCRIPT}",
        goal_title="</script><script>window.__pwned=1</script> & \"citat\" 'apos'",
        status=f"Uppfylles\a helt {IMG}",
    )


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the checkout, so that file names are relative as a user gives them."""
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


@pytest.fixture(scope="module")
def samples(engine: Engine) -> Result:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        result = check_paths(engine, [SAMPLES.relative_to(ROOT).as_posix()])
    assert result.files, "no sample reports found"
    assert result.findings, "the sample reports should have findings (sample_reports/defects)"
    return result


def check_text(
    tmp_path: Path, text: str, name: str = "planted.yaml", settings: Settings | None = None
) -> Result:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check_paths(Engine(settings), [str(path)])


@pytest.fixture
def planted_result(tmp_path: Path) -> Result:
    result = check_text(tmp_path, planted())
    assert sorted((f.code, f.line) for f in result.findings) == sorted(
        (c, n) for c, n in PLANTED_LINES.items()
    ), result.findings
    return result


@pytest.fixture
def hostile_result(tmp_path: Path) -> Result:
    result = check_text(tmp_path, hostile(), "evil.yaml")
    assert {f.code for f in result.findings} >= {"RK602", "RK203"}, result.findings
    return result


def internal_result(file: str) -> Result:
    """A run with a checker fault and a finding from an unknown plugin rule."""
    return Result(
        files=[file],
        findings=[
            Finding(
                "RK000",
                INTERNAL.name,
                Severity.ERROR,
                INTERNAL.message.format(detail="RK999 kastade ValueError"),
                file,
                1,
                1,
            ),
            Finding(
                "RK999",
                "plugin-rule",
                Severity.INFO,
                Msg("Plugin <b>", "Plugin <b>"),
                file,
                2,
                3,
                "/a/0",
                Msg("A › b", "A › b"),
            ),
        ],
    )


# -- SARIF ------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    for path in SARIF_SCHEMAS:
        if path.is_file():
            schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return schema
    pytest.fail(f"the official SARIF 2.1.0 schema is missing; looked in {SARIF_SCHEMAS}")


URI_REFERENCE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


def validate_sarif(doc: dict[str, Any], schema: dict[str, Any]) -> None:
    validator = jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    run = doc["runs"][0]
    uris = [a["location"]["uri"] for a in run.get("artifacts", [])] + [
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in run["results"]
        for loc in r.get("locations", [])
        if "physicalLocation" in loc
    ]
    for uri in uris:  # jsonschema cannot check uri-reference without extra packages
        assert URI_REFERENCE.fullmatch(uri), uri


def test_sarif_samples_validate_against_the_official_schema(
    samples: Result, engine: Engine, sarif_schema: dict[str, Any]
) -> None:
    doc = json.loads(sarif.render(samples, "sv", engine.sorted_rules()))
    validate_sarif(doc, sarif_schema)
    assert doc["version"] == "2.1.0" and len(doc["runs"]) == 1
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "rapportkoll" and driver["version"]
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == [r.code for r in engine.sorted_rules()]
    for descriptor in driver["rules"]:
        rule = engine.rules[descriptor["id"]]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.doc.what.sv
        assert rule.doc.why.sv in descriptor["fullDescription"]["text"]
        assert descriptor["help"]["text"]
        assert descriptor["defaultConfiguration"]["level"] == sarif.LEVELS[rule.severity]
    assert len(run["results"]) == len(samples.findings)
    for res, f in zip(run["results"], samples.findings, strict=True):
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"] == f.code
        assert (
            res["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[f.severity.value]
        )
        assert res["message"]["text"] == f.message.sv
        (loc,) = res["locations"]
        phys = loc["physicalLocation"]
        assert phys["artifactLocation"]["uri"] == f.file.replace("\\", "/")
        assert phys["artifactLocation"]["uri"].startswith("sample_reports/")
        assert phys["region"] == {"startLine": f.line, "startColumn": f.column}
        (logical,) = loc["logicalLocations"]
        assert logical.get("name", "") == f.label.sv
        assert logical.get("fullyQualifiedName", "") == f.path
        assert loc["properties"] == {"label": f.label.sv, "jsonPath": f.path}
        assert res["partialFingerprints"][sarif.FINGERPRINT_KEY] == identity(f)


def test_sarif_planted_findings_in_english(
    planted_result: Result, engine: Engine, sarif_schema: dict[str, Any]
) -> None:
    doc = json.loads(sarif.render(planted_result, "en", engine.sorted_rules()))
    validate_sarif(doc, sarif_schema)
    run = doc["runs"][0]
    assert run["language"] == "en-US"
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert set(by_rule) == set(PLANTED_LINES)
    for code, line in PLANTED_LINES.items():
        assert by_rule[code]["locations"][0]["physicalLocation"]["region"]["startLine"] == line
    kf = by_rule["RK602"]
    assert kf["level"] == "error" and "catalogue" in kf["message"]["text"]
    assert kf["properties"]["suggestion"].startswith("Write")
    assert by_rule["RK203"]["level"] == "warning"
    status = by_rule["RK203"]["locations"][0]["logicalLocations"][0]
    assert status["fullyQualifiedName"].endswith("/enhetsmål/0/status")
    assert status["name"].startswith("KF 1.3 › Unit goal")


def test_sarif_fingerprints_survive_line_shifts(tmp_path: Path) -> None:
    before = json.loads(sarif.render(check_text(tmp_path, planted())))
    shifted = planted().replace("inledning:", "# en kommentar\n\n# till\ninledning:")
    after = json.loads(sarif.render(check_text(tmp_path, shifted)))

    def prints(doc: dict[str, Any]) -> dict[str, tuple[str, int]]:
        return {
            r["partialFingerprints"][sarif.FINGERPRINT_KEY]: (
                r["ruleId"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in doc["runs"][0]["results"]
        }

    old, new = prints(before), prints(after)
    assert len(old) == 3 and old.keys() == new.keys()
    assert old != new  # the lines moved ...
    assert {v[0] for v in old.values()} == {v[0] for v in new.values()}  # ... the identity not
    changed = json.loads(sarif.render(check_text(tmp_path, planted(status="Klart"))))
    assert prints(changed).keys() != old.keys()  # another message is another finding


def test_sarif_hostile_text_and_odd_file_names(
    hostile_result: Result, tmp_path: Path, sarif_schema: dict[str, Any]
) -> None:
    doc = json.loads(sarif.render(hostile_result))
    validate_sarif(doc, sarif_schema)
    texts = [r["message"]["text"] for r in doc["runs"][0]["results"]]
    assert any(IMG in t for t in texts)  # JSON carries text as it is
    odd = check_text(tmp_path, "rapport: [", "ett namn, med: <konstiga> tecken %.yaml")
    doc = json.loads(sarif.render(odd))
    validate_sarif(doc, sarif_schema)
    uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"
    ]
    assert uri.startswith("file:///") and "%3Ckonstiga%3E%20tecken%20%25.yaml" in uri
    assert sarif.artifact_uri("mapp/rapport å.yaml") == "mapp/rapport%20%C3%A5.yaml"


def test_sarif_internal_error_and_unknown_rule(
    sarif_schema: dict[str, Any], engine: Engine
) -> None:
    result = internal_result("a.yaml")
    doc = json.loads(sarif.render(result, "sv", engine.sorted_rules()))
    validate_sarif(doc, sarif_schema)
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    assert run["invocations"] == [{"executionSuccessful": False}]
    empty = json.loads(sarif.render(Result(), "sv", engine.sorted_rules()))
    validate_sarif(empty, sarif_schema)
    assert empty["runs"][0]["results"] == []


# -- JUnit ------------------------------------------------------------------


def _counts(el: ET.Element) -> tuple[int, int, int]:
    return int(el.get("tests", "-1")), int(el.get("failures", "-1")), int(el.get("errors", "-1"))


def check_junit(result: Result, lang: str = "sv") -> ET.Element:
    root = ET.fromstring(junit.render(result, lang).encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    files = list(dict.fromkeys([*result.files, *(f.file for f in result.findings)]))
    assert [s.get("name") for s in suites] == files
    totals = [0, 0, 0]
    for suite in suites:
        cases = suite.findall("testcase")
        tests, failures, errors = _counts(suite)
        assert tests == len(cases) >= 1
        assert failures == sum(1 for c in cases if c.find("failure") is not None)
        assert errors == sum(1 for c in cases if c.find("error") is not None)
        assert suite.get("skipped") == "0" and not suite.findall(".//skipped")
        for c in cases:
            assert c.get("classname") == suite.get("name") and c.get("time") == "0"
        totals = [a + b for a, b in zip(totals, (tests, failures, errors), strict=True)]
    assert list(_counts(root)) == totals
    sev = Counter(f.severity for f in result.findings if f.code != "RK000")
    assert totals[1] == sev[Severity.ERROR] + sev[Severity.WARNING]
    assert totals[2] == sum(1 for f in result.findings if f.code == "RK000")
    return root


def test_junit_samples(samples: Result) -> None:
    root = check_junit(samples)
    suites = {s.get("name", ""): s for s in root.findall("testsuite")}
    assert set(suites) == set(samples.files)
    findings_by_file = Counter(f.file for f in samples.findings)
    for file, suite in suites.items():
        cases = suite.findall("testcase")
        if file not in findings_by_file:  # a clean file: one passing test case
            (case,) = cases
            assert list(case) == [] and "inga anmärkningar" in (case.get("name") or "")
        else:
            assert len(cases) == findings_by_file[file]
    names = {c.get("name") for c in root.iter("testcase")}
    for f in samples.findings:
        assert f"{f.code} {f.file}:{f.line}" in names


def test_junit_planted_failures_info_and_controls(tmp_path: Path) -> None:
    settings = Settings(severity={"RK103": Severity.INFO})
    result = check_text(tmp_path, hostile(), "evil.yaml", settings)
    root = check_junit(result, "en")
    cases = {c.get("name", "").split(" ")[0]: c for c in root.iter("testcase")}
    info = cases["RK103"]
    assert info.find("failure") is None and "dnr" in (info.findtext("system-out") or "")
    failure = cases["RK203"].find("failure")
    assert failure is not None and failure.get("type") == "RK203"
    assert (failure.get("message") or "").startswith("RK203 status-in-plan: ")
    assert "\ufffd" in (failure.text or "")  # the planted BEL, which XML cannot hold
    assert IMG in (failure.text or "")  # escaped by the XML writer, read back as text
    suggestion = cases["RK602"].find("failure")
    assert suggestion is not None and "suggestion: Write" in (suggestion.text or "")


def test_junit_internal_error_is_an_error() -> None:
    root = check_junit(internal_result("a.yaml"))
    assert _counts(root) == (2, 0, 1)


# -- GitHub Actions -----------------------------------------------------------

ANNOTATION = re.compile(
    r"::(?P<cmd>error|warning|notice) "
    r"(?:file=(?P<file>[^,:\r\n]+),line=(?P<line>\d+),col=(?P<col>\d+),)?"
    r"title=(?P<title>[^,:\r\n]+)::(?P<msg>[^\r\n]*)"
)


def unescape(text: str) -> str:
    return (
        text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def test_github_escaping() -> None:
    assert github.escape_data("50 % klart\r\nrad: två, tre") == "50 %25 klart%0D%0Arad: två, tre"
    assert github.escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert github.escape_data("%0A") == "%250A"  # no double meaning


def test_github_samples(samples: Result) -> None:
    lines = github.render(samples).splitlines()
    assert len(lines) == len(samples.findings)
    for line, f in zip(lines, samples.findings, strict=True):
        m = ANNOTATION.fullmatch(line)
        assert m, line
        assert (
            m["cmd"] == {"error": "error", "warning": "warning", "info": "notice"}[f.severity.value]
        )
        assert (unescape(m["file"]), int(m["line"]), int(m["col"])) == (f.file, f.line, f.column)
        # Swedish output names the rule by its Swedish name
        assert unescape(m["title"]) == f"{f.code} {display_name(f.name, 'sv')}"
        assert unescape(m["msg"]).startswith(f.message.sv)


def test_github_planted_hostile_text_and_odd_file_name(tmp_path: Path) -> None:
    result = check_text(tmp_path, hostile(), "a,b: c%.yaml")
    lines = github.render(result, "sv").splitlines()
    assert len(lines) == len(result.findings)
    for line in lines:
        m = ANNOTATION.fullmatch(line)
        assert m, line
        assert unescape(m["file"]).endswith("a,b: c%.yaml")
        assert "%2C" in m["file"] and "%3A" in m["file"] and "%25" in m["file"]
    kf = next(ln for ln in lines if "RK602" in ln)
    m = ANNOTATION.fullmatch(kf)
    assert m and m["line"] == "13" and m["cmd"] == "error"
    message = unescape(m["msg"])
    assert "100 % klart,\r\nrad två: " + SCRIPT in message
    assert "\nVar: KF 1 › titel" in message and "\nFörslag: Skriv " in message


def test_github_internal_error_without_file() -> None:
    result = internal_result("a.yaml")
    result.findings.append(
        Finding("RK000", INTERNAL.name, Severity.ERROR, Msg("x", "x"), "rapportkoll", 1, 1)
    )
    lines = github.render(result).splitlines()
    assert lines[-1] == "::error title=RK000 internt-fel::x"  # the Swedish name
    assert lines[1].startswith("::notice file=a.yaml,line=2,col=3,title=RK999 plugin-rule::")


# -- HTML -------------------------------------------------------------------


class Page(HTMLParser):
    """Every tag and attribute of a page, the text, and the contents of <script>s."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)

    def attrs(self) -> Iterator[tuple[str, str, str]]:
        for tag, attrs in self.tags:
            for k, v in attrs.items():
                yield tag, k, v or ""


def parse(page: str) -> Page:
    p = Page()
    p.feed(page)
    p.close()
    return p


def data_block(p: Page) -> dict[str, Any]:
    (body,) = [b for a, b in p.scripts if a.get("type") == "application/json"]
    assert "<" not in body and ">" not in body and "&" not in body
    data: dict[str, Any] = json.loads(body)
    return data


def assert_self_contained(page: str, p: Page) -> None:
    for tag, key, value in p.attrs():
        assert not key.startswith("on"), (tag, key)
        if key == "href":  # only links within the page (a rule code to its explanation)
            assert re.fullmatch(r"#[\w-]+", value or ""), (tag, key, value)
            continue
        assert key not in ("src", "href", "action", "formaction", "srcset", "xmlns", "poster"), (
            tag,
            key,
            value,
        )
    assert {t for t, _ in p.tags}.isdisjoint(
        {"img", "link", "iframe", "object", "embed", "base", "form", "video", "audio"}
    )
    assert "@import" not in page and "url(" not in page
    scripts = [(a, b) for a, b in p.scripts]
    assert len(scripts) == 2 and scripts[0][0] == {"type": "application/json", "id": "rk-data"}
    # The CSP allows exactly the inline script and style, by hash, and no network at all.
    (csp,) = [
        a["content"]
        for t, a in p.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp is not None and "default-src 'none'" in csp and "connect-src 'none'" in csp
    digest = base64.b64encode(hashlib.sha256(scripts[1][1].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "unsafe" not in csp and "http" not in csp


def test_html_samples_overview_and_findings(samples: Result, engine: Engine) -> None:
    page = html.render(samples, "sv", engine.sorted_rules())
    p = parse(page)
    assert_self_contained(page, p)
    assert "://" not in page  # no URL at all: the sample reports contain none
    text = " ".join(p.text)
    assert "Granskningsrapport" in text and "Översikt per enhet" in text
    assert "Översikt per regel" in text and "Anmärkningar per regel" in text
    units = {html.file_info(f, samples.units).unit for f in samples.files}
    assert len(units) >= 2
    unit_buttons = [a.get("data-unit") for t, a in p.tags if t == "button" and "data-unit" in a]
    assert len(unit_buttons) == len(units)
    rule_buttons = [
        a.get("data-rule") or "" for t, a in p.tags if t == "button" and "data-rule" in a
    ]
    assert sorted(rule_buttons) == sorted({f.code for f in samples.findings})
    chart_bars = [a for t, a in p.tags if t == "g" and a.get("class") == "bar"]
    assert len(chart_bars) == len(units) + len(rule_buttons)
    counts = Counter(f.severity.value for f in samples.findings)
    assert f'id="n-error">{counts["error"]}<' in page
    assert f'id="n-warning">{counts["warning"]}<' in page
    items = [a for t, a in p.tags if t == "li" and "finding" in (a.get("class") or "")]
    assert len(items) == len(samples.findings)
    assert sorted(a["data-r"] or "" for a in items) == sorted(f.code for f in samples.findings)
    # every rule code links to its explanation, which the page holds once per rule used
    explained = [a["id"] for t, a in p.tags if t == "details" and a.get("class") == "rule"]
    assert sorted(explained) == sorted({f"rule-{f.code}" for f in samples.findings})
    for f in samples.findings:
        assert html.e(f.message.sv) in page
        if f.label.sv:
            assert html.e(f.label.sv) in page
        if f.suggestion:
            assert html.e(f.suggestion.sv) in page


def excerpt_lines(page: str) -> list[dict[str, Any]]:
    """The YAML lines the page keeps for its excerpts, per file (packed in the data block)."""
    files = html.unpack(data_block(parse(page))["lines"])
    assert isinstance(files, list)
    return files


def test_html_excerpt_marks_the_finding_line(planted_result: Result) -> None:
    page = html.render(planted_result)
    (lines,) = excerpt_lines(page)
    hits = re.findall(r'<li class="finding[^"]*" id="f\d+"[^>]* data-f="0" data-l="(\d+)"', page)
    assert sorted(int(n) for n in hits) == sorted(PLANTED_LINES.values())
    assert lines["l"]["24"] == '                status: "Uppfylles helt"'
    # ±3 lines of context around each finding's line, and not more
    wanted = {n for hit in PLANTED_LINES.values() for n in range(hit - 3, hit + 4) if n >= 1}
    assert {int(n) for n in lines["l"]} == wanted and lines["n"] > max(wanted)
    assert "Planterade enheten" in page and "VP 2025" in page


def test_html_escapes_hostile_report_text(hostile_result: Result, engine: Engine) -> None:
    page = html.render(hostile_result, "sv", engine.sorted_rules())
    p = parse(page)
    assert_self_contained(page, p)
    assert SCRIPT not in page and IMG not in page and 'onerror="' not in page
    assert html.e(SCRIPT) in page and html.e(IMG) in page
    excerpt_line = "    titel: " + json.dumps(
        f"{IMG} 100 % klart,\r\nrad två: {SCRIPT}", ensure_ascii=False
    )
    # the YAML line around RK602, as written, kept for the excerpt the script draws
    assert excerpt_line in [line for f in excerpt_lines(page) for line in f["l"].values()]
    text = "".join(p.text)
    assert SCRIPT in text and IMG in text  # shown as text: in unit, label, message


def test_html_unreadable_file_uses_the_file_name(tmp_path: Path) -> None:
    name = "<b>trasig<i>.yaml"
    result = check_text(tmp_path, 'rapport: [\n  "' + SCRIPT + "\n", name)
    page = html.render(result)
    p = parse(page)
    assert_self_contained(page, p)
    assert html.file_info(result.files[0]).unit == name
    assert html.e(name) in page and "<b>" not in page
    (lines,) = excerpt_lines(page)  # the excerpt of the broken file
    assert any(SCRIPT in line for line in lines["l"].values())


def test_html_english_and_empty_runs(planted_result: Result) -> None:
    page = html.render(planted_result, "en")
    assert '<html lang="en">' in page and "Review report" in page
    assert "Overview per unit" in page and "Suggestion" in page
    assert "Granskningsrapport" not in page
    empty = html.render(Result())
    assert "Inga anmärkningar" in empty
    assert_self_contained(empty, parse(empty))
    internal = html.render(internal_result("saknas.yaml"))
    assert "RK000" in internal and "RK999" in internal and html.e("Plugin <b>") in internal


def test_json_for_script_cannot_close_the_element() -> None:
    text = htmlbase.json_for_script({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


# -- the command line -----------------------------------------------------------


def test_formats_are_registered() -> None:
    assert {"sarif", "junit", "github", "html"} <= set(NAMES)
    for name in NAMES:
        cls = formatter_class(name)
        assert issubclass(cls, Formatter) and cls.name == name


def test_cli_writes_several_outputs_from_one_run(
    tmp_path: Path, sarif_schema: dict[str, Any]
) -> None:
    report = tmp_path / "planted.yaml"
    report.write_text(planted(), encoding="utf-8")
    out = {fmt: tmp_path / f"out.{fmt}" for fmt in ("html", "sarif", "junit", "github", "text")}
    args = [a for fmt, path in out.items() for a in ("--output", f"{fmt}={path}")]
    proc = cli("check", "--format", "json", *args, str(report))
    assert proc.returncode == 1, proc.stderr  # RK602 is an error
    data = json.loads(proc.stdout)
    assert [f["code"] for f in data["findings"]] == ["RK103", "RK602", "RK203"]
    doc = json.loads(out["sarif"].read_text(encoding="utf-8"))
    validate_sarif(doc, sarif_schema)
    assert len(doc["runs"][0]["tool"]["driver"]["rules"]) > 30
    assert len(doc["runs"][0]["results"]) == 3
    assert _counts(ET.parse(out["junit"]).getroot()) == (3, 3, 0)
    assert len(out["github"].read_text(encoding="utf-8").splitlines()) == 3
    page = out["html"].read_text(encoding="utf-8")
    assert "Vad regeln kontrollerar" in page and "Planterade enheten" in page
    assert "\x1b[" not in out["text"].read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["html", "pdf=x.pdf", "html=", "=x.html"])
def test_cli_rejects_a_bad_output(tmp_path: Path, bad: str) -> None:
    report = tmp_path / "planted.yaml"
    report.write_text(planted(), encoding="utf-8")
    proc = cli("check", "--output", bad, str(report))
    assert proc.returncode == 2 and "--output" in proc.stderr and proc.stdout == ""


def test_cli_reports_an_unwritable_output(tmp_path: Path) -> None:
    report = tmp_path / "planted.yaml"
    report.write_text(planted(), encoding="utf-8")
    (tmp_path / "nej").write_text(
        "en fil, ingen mapp", encoding="utf-8"
    )  # missing folders are made
    proc = cli("check", "--output", f"html={tmp_path / 'nej' / 'r.html'}", str(report))
    assert proc.returncode == 2 and "kan inte skriva" in proc.stderr


def test_the_layouts_one_lstat_a_file_tells_what_a_stat_and_realpath_would(
    tmp_path: Path,
) -> None:
    """The page's layout resolves each file with one ``lstat`` (``_real_path``): its real
    path and whether it is a regular file give the same file info as resolving it anew."""
    tree = tmp_path / "tree"
    (tree / "enhet").mkdir(parents=True)
    report = tree / "enhet" / "t1.yaml"
    shutil.copy(SAMPLES / "clean" / "t1-2024-boendestodet.yaml", report)
    (tree / "enhet" / "link.yaml").symlink_to(report)
    (tree / "enhet" / "dangling.yaml").symlink_to(tree / "gone.yaml")
    (tree / "mapp").mkdir()
    cases = [report, tree / "enhet" / "link.yaml", tree / "enhet" / "dangling.yaml"]
    cases += [tree / "mapp", tree / "enhet" / "saknas.yaml"]
    folders: dict[str, str] = {}
    for path in map(str, cases):
        real, regular = html._real_path(path, folders)
        assert real == os.path.realpath(path)
        assert regular in (None, os.path.isfile(path))
        assert regular is not None or os.path.islink(path) or not os.path.lexists(path)
        once = html.file_info(path, roots=[str(tree)], real=real, regular=regular)
        anew = html.file_info(path, roots=[str(tree)])
        assert (once.exists, once.folder, once.unit, once.type, once.year) == (
            anew.exists,
            anew.folder,
            anew.unit,
            anew.type,
            anew.year,
        )
        assert (once.lines is None) == (anew.lines is None)
    assert html._real_path(str(report), {})[1] is True
    assert html._real_path(str(tree / "mapp"), {})[1] is False
