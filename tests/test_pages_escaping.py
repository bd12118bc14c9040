"""Hostile text reaches the findings page and the nightly dashboard only as text.

Both pages come from autoescaping templates. A real tree, whose unit name, folder,
file name and report texts carry markup, quotes, ``&`` and bidirectional controls, goes
through the real ``rapportkoll nightly`` twice; the two pages it writes are parsed back.
"""

from __future__ import annotations

import re

import pytest

from checker.outputs.htmlbase import csp_hash, e
from checker.templating import environment
from tests.conftest import cli
from tests.test_formats import Page, parse, planted

UNIT = "Enhet <script>alert(\"u\")</script> & 'Co' \u202eredro"
KF_TITLE = 'KF <img src=x onerror="alert(1)"> & "citat" \u2066isolerad\u2069'
FOLDER = 'nämnd "<b>" & co'
FILE = "vp-2025-<i>&\"'\u202e.yaml"
RAW = ("<script>alert", "<img src=x", '"alert(1)"', "<b>", "<i>")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("hostile-pages")
    tree = root / "rapporter"
    (tree / FOLDER).mkdir(parents=True)
    report = tree / FOLDER / FILE
    report.write_text(planted(unit=UNIT, kf_title=KF_TITLE), encoding="utf-8")
    for night in (1, 2):
        if night == 2:  # a second night, so that the dashboard has a trend and a change
            report.write_text(report.read_text(encoding="utf-8") + "okänd_nyckel: 1\n", "utf-8")
        proc = cli(
            "nightly",
            str(tree),
            "--db",
            str(root / "historik.sqlite"),
            "--cache-dir",
            str(root / "cache"),
            "--dashboard",
            str(root / "dashboard.html"),
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return {
        "findings": (root / "anmarkningar.html").read_text(encoding="utf-8"),
        "dashboard": (root / "dashboard.html").read_text(encoding="utf-8"),
    }


def _policy(page: str) -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert m
    return m.group(1).replace("&#x27;", "'")


def _elements(p: Page, tag: str) -> int:
    return sum(1 for t, _ in p.tags if t == tag)


@pytest.mark.parametrize(("name", "scripts"), [("findings", 2), ("dashboard", 1)])
def test_hostile_text_arrives_escaped(pages: dict[str, str], name: str, scripts: int) -> None:
    page = pages[name]
    p = parse(page)
    # no markup of the report's became an element or an attribute of the page
    assert _elements(p, "script") == scripts
    assert not {"img", "b", "i"} & {t for t, _ in p.tags}
    assert not [k for _, k, _ in p.attrs() if k.startswith("on")]
    for raw in RAW:
        assert raw not in page, raw
    # escaped in the markup, whole again as the browser reads it
    assert e(UNIT) in page
    text = "".join(p.text)
    assert UNIT in text
    assert KF_TITLE in text  # the RK602 finding quotes the KF title
    assert FILE in text or FILE in {v for _, _, v in p.attrs()}


def test_the_pages_own_inline_code_is_allowed_by_its_hash(pages: dict[str, str]) -> None:
    for page in pages.values():
        policy = _policy(page)
        p = parse(page)
        code = [body for attrs, body in p.scripts if attrs.get("type") != "application/json"]
        styles = re.findall(r"<style>(.*?)</style>", page, re.S)
        assert code and styles
        for text in [*code, *styles]:
            assert csp_hash(text) in policy


@pytest.mark.parametrize("package", ["checker.outputs", "checker.render", "checker.desk"])
def test_every_environment_escapes_by_default(package: str) -> None:
    env = environment(package)
    assert env.from_string("{{ x }}").render(x=UNIT) != UNIT
    assert "<script>" not in env.from_string("<p>{{ x }}</p>").render(x=UNIT)


def test_an_indented_template_line_continues_the_line_above() -> None:
    env = environment("checker.outputs", compact=True, escape=e)
    source = '<ul>\n  <li a="{{ x }}">\n    {{ x }}\n  </li>\n</ul>\n'
    assert env.from_string(source).render(x="'&") == (
        '<ul><li a="&#x27;&amp;">&#x27;&amp;</li>\n</ul>'
    )
