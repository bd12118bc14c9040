"""``rapportkoll serve``, the submission desk: the real command, over HTTP and in a real browser.

The server runs as users start it (``python -m checker.cli serve --port P
--root TREE``) on a free localhost port, over a generated tree of a few units
and committees copied from ``sample_reports/``. Playwright drives Debian's
chromium (no ``playwright install``): upload a report with a planted defect
and a city export, see and filter the findings, drop files on the desk, open a
unit, download its YAML, SARIF and PDF. HTTP-level tests refuse path
traversal, oversize uploads and cross-site posts, and show report text escaped.

``RAPPORTKOLL_SCREENSHOT=1`` regenerates ``docs/img/serve.png`` (the desk after
an upload), the screenshot ``docs/serve.md`` shows.
"""

from __future__ import annotations

import http.client
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import ROOT, SAMPLES
from tests.shared import SEED_EXPORTS
from tests.test_formats import SCRIPT, hostile, planted
from tests.test_html_browser import CHROMIUM_ARGS, chromium_path

EXPORT = SEED_EXPORTS / "000_71c621948808a4a9.txt"
SCREENSHOT = ROOT / "docs" / "img" / "serve.png"
SECRET = "hemlig-rad-som-aldrig-visas"
STARTUP_SECONDS = 60
MiB = 1024 * 1024

# (committee, unit, the sample it is copied from): two committees, units that sort naturally
UNITS = [
    ("Hägersten-Älvsjö stadsdelsnämnd", "Boendestödet 10", "clean/vb-2024-boendestodet.yaml"),
    ("Hägersten-Älvsjö stadsdelsnämnd", "Boendestödet 2", "clean/vp-2025-boendestodet.yaml"),
    (
        "Hägersten-Älvsjö stadsdelsnämnd",
        "Gruppbostaden Ekbacken",
        "defects/vb-2024-typiska-fel.yaml",
    ),
    (
        "Skarpnäcks stadsdelsnämnd",
        "Södra Skarpnäcks hemtjänst",
        "seeds/003-vp-2023-sodra-skarpnacks-hemtjanst.yaml",
    ),
    (
        "Älvsjö äldrenämnd",
        "Enheten för personligt stöd",
        "seeds/000-vb-2023-enheten-for-personligt-stod.yaml",
    ),
]


def _retitle(text: str, committee: str, unit: str) -> str:
    text = re.sub(r"(?m)^  enhet: .*$", f"  enhet: {json.dumps(unit, ensure_ascii=False)}", text)
    named = f"  nämnd: {json.dumps(committee, ensure_ascii=False)}"
    text, n = re.subn(r"(?m)^  nämnd: .*$", named, text)
    if n == 0:  # a unit's own document names no committee: give it one
        text = re.sub(r"(?m)^(  enhet: .*)$", lambda m: m.group(1) + "\n" + named, text, count=1)
    return text


@dataclass
class Tree:
    root: Path
    outside: Path  # a file beside the tree that must never be served
    reports: dict[str, Path]  # unit → its report


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Tree:
    base = tmp_path_factory.mktemp("serve")
    root = base / "rapporter"
    reports: dict[str, Path] = {}
    for i, (committee, unit, sample) in enumerate(UNITS):
        folder = root / f"namnd-{i % 2}" / f"enhet-{i}"
        folder.mkdir(parents=True)
        path = folder / Path(sample).name
        text = (SAMPLES / sample).read_text(encoding="utf-8")
        path.write_text(_retitle(text, committee, unit), encoding="utf-8")
        reports[unit] = path
    evil = root / "namnd-1" / "ond"
    evil.mkdir()
    (evil / "vp-2025-ond.yaml").write_text(hostile(), encoding="utf-8")
    outside = base / "hemlig.yaml"
    outside.write_text(f"rapport:\n  enhet: {SECRET}\n", encoding="utf-8")
    (root / "ut.yaml").symlink_to(outside)  # a link out of the tree
    (root / ".dold.yaml").write_text(f"# {SECRET}\n", encoding="utf-8")
    return Tree(root, outside, reports)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Server:
    url: str
    port: int
    tmpdir: Path  # the server's TMPDIR: upload folders live (briefly) here
    log: Path


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, Any, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


@contextmanager
def running_desk(
    root: Path, work: Path, env: dict[str, str] | None = None
) -> Iterator[tuple[Server, subprocess.Popen[bytes]]]:
    """``rapportkoll serve`` over ``root`` on a free port, as users start it; stopped at the
    end. ``env`` adds to the environment (an import budget, say)."""
    port = free_port()
    tmpdir = work / "tmp"
    tmpdir.mkdir(parents=True)
    log = work / "server.log"
    environ = {**os.environ, "TMPDIR": str(tmpdir), "PYTHONUNBUFFERED": "1", **(env or {})}
    command = [sys.executable, "-m", "checker.cli", "serve", "--port", str(port)]
    command += ["--root", str(root)]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environ,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the server stopped (exit {proc.returncode}): {log.read_text()}")
            try:
                if _get(port, "/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the server did not answer in {STARTUP_SECONDS} s: {log.read_text()}")
            time.sleep(0.1)
        yield Server(f"http://127.0.0.1:{port}", port, tmpdir, log), proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)


@pytest.fixture(scope="module")
def server(tree: Tree, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_desk(tree.root, tmp_path_factory.mktemp("server")) as (server, _):
        yield server


def multipart(files: list[tuple[str, bytes]], field: str = "filer") -> tuple[str, bytes]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, data in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"'
            "\r\nContent-Type: application/octet-stream\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", body


def post(
    server: Server, body: bytes, content_type: str, headers: dict[str, str] | None = None
) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    try:
        conn.request(
            "POST",
            "/granska",
            body=body,
            headers={"Content-Type": content_type, "Origin": server.url, **(headers or {})},
        )
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        conn.close()


def leftovers(server: Server) -> list[str]:
    return sorted(p.name for p in server.tmpdir.iterdir())


# -- HTTP ------------------------------------------------------------------------


def test_desk_page_is_swedish_and_locked_down(server: Server) -> None:
    status, headers, body = _get(server.port, "/")
    page = body.decode("utf-8")
    assert status == 200 and '<html lang="sv">' in page
    assert "Granska en inlämning" in page and 'type="file"' in page and "multiple" in page
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp and "unsafe" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert not re.search(r'(src|href)="(https?:)?//', page), "no remote assets"
    for asset in ("/static/desk.css", "/static/desk.js"):
        assert _get(server.port, asset)[0] == 200


TRAVERSALS = [
    ("/yaml/../hemlig.yaml", 403),
    ("/yaml/../../etc/passwd", 403),
    ("/yaml/%2e%2e/hemlig.yaml", 403),
    ("/yaml/%2e%2e%2fhemlig.yaml", 403),
    ("/sarif/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", 403),
    ("/pdf/namnd-0/..%2f..%2fhemlig.yaml", 403),
    ("/yaml/namnd-0/..%5c..%5chemlig.yaml", 403),
    ("/yaml//etc/passwd", 403),
    ("/yaml/%2Fetc%2Fpasswd", 403),
    ("/yaml/ut.yaml", 403),  # a link in the tree that points out of it
    ("/sarif/ut.yaml", 403),
    ("/xlsx/ut.yaml", 403),
    ("/xlsx/%2E%2E%2Fhemlig.yaml", 403),
    ("/yaml/.dold.yaml", 404),  # hidden files are never served
    ("/yaml/%252e%252e/hemlig.yaml", 404),  # encoded twice: a name, which does not exist
    ("/yaml/namnd-0/finns-inte.yaml", 404),
    ("/static/../app.py", 404),
    ("/static/..%2fapp.py", 404),
]


@pytest.mark.parametrize(("path", "status"), TRAVERSALS)
def test_path_traversal_is_refused(server: Server, path: str, status: int) -> None:
    got, _, body = _get(server.port, path)
    assert got == status, (path, got)
    text = body.decode("utf-8", errors="replace")
    assert SECRET not in text and "root:" not in text


def test_downloads_over_http(server: Server, tree: Tree) -> None:
    report = tree.reports["Gruppbostaden Ekbacken"]
    rel = report.relative_to(tree.root).as_posix()
    status, headers, body = _get(server.port, f"/yaml/{rel}")
    assert status == 200 and body == report.read_bytes()
    assert headers["Content-Disposition"].startswith("attachment;")
    status, headers, body = _get(server.port, f"/sarif/{rel}")
    sarif = json.loads(body)
    assert status == 200 and sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"RK201"}
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        rel
    }
    status, headers, body = _get(server.port, f"/xlsx/{rel}")
    assert status == 200 and '.xlsx"' in headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(body))["Anmärkningar"]
    assert {row[4] for row in sheet.iter_rows(min_row=2, values_only=True)} == {
        r["ruleId"] for r in results
    }
    status, _, body = _get(server.port, "/rapporter/granskning.xlsx")
    units = openpyxl.load_workbook(io.BytesIO(body))["Per enhet"]
    assert status == 200 and "Gruppbostaden Ekbacken" in {
        row[0] for row in units.iter_rows(min_row=2, values_only=True)
    }


def test_oversize_request_is_refused_before_reading(server: Server) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        conn.putrequest("POST", "/granska")
        conn.putheader("Content-Type", "multipart/form-data; boundary=x")
        conn.putheader("Content-Length", str(60 * MiB))
        conn.putheader("Origin", server.url)
        conn.endheaders()
        conn.send(b"--x\r\n")
        response = conn.getresponse()
        page = response.read().decode("utf-8")
    finally:
        conn.close()
    assert response.status == 413
    assert "större än 50 MiB sammanlagt" in page


def test_oversize_file_and_too_many_files(server: Server) -> None:
    content_type, body = multipart([("stor.yaml", b"a: 1\n" + b"#" * (20 * MiB))])
    status, page = post(server, body, content_type)
    assert status == 413 and "Filen stor.yaml är större än 20 MiB" in page
    content_type, body = multipart([(f"r{i}.yaml", b"a: 1\n") for i in range(21)])
    status, page = post(server, body, content_type)
    assert status == 413 and "Högst 20 filer" in page
    assert leftovers(server) == [], "an upload folder was left behind"


def test_upload_names_stay_in_their_folder(server: Server, tree: Tree) -> None:
    evil_names = ["../../ut-ur-mappen.yaml", "/tmp/absolut.yaml", "..\\..\\win.yaml"]
    content_type, body = multipart([(n, planted().encode()) for n in evil_names])
    status, page = post(server, body, content_type)
    assert status == 200
    assert "Granskade filer: ut-ur-mappen.yaml, absolut.yaml, win.yaml" in page
    for folder in (server.tmpdir, server.tmpdir.parent, server.tmpdir.parent.parent):
        assert not (folder / "ut-ur-mappen.yaml").exists()
    assert not (tree.root.parent / "ut-ur-mappen.yaml").exists()
    assert str(server.tmpdir) not in page and "rapportkoll-inlamning" not in page
    assert leftovers(server) == []


def test_unsupported_and_empty_uploads_get_a_swedish_answer(server: Server) -> None:
    content_type, body = multipart([("program.exe", b"MZ\x90\x00")])
    status, page = post(server, body, content_type)
    assert status == 400 and "program.exe: filtypen stöds inte" in page
    status, page = post(server, b"a=1", "application/x-www-form-urlencoded")
    assert status == 400 and "Skicka filerna med formuläret" in page


def test_cross_site_post_and_foreign_host_are_refused(server: Server) -> None:
    content_type, body = multipart([("r.yaml", planted().encode())])
    status, page = post(server, body, content_type, {"Origin": "http://angripare.example"})
    assert status == 403 and "inlämningsdiskens egen sida" in page
    status, _, body_ = _get(server.port, "/", {"Host": "angripare.example"})
    assert status == 400 and "Okänd värd" in body_.decode("utf-8")


def test_script_in_a_unit_name_is_escaped(server: Server) -> None:
    _, _, body = _get(server.port, "/rapporter")
    page = body.decode("utf-8")
    assert SCRIPT not in page and "onerror=" not in page.replace("onerror=&#34;", "")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt; Enheten &lt;img" in page
    key = re.search(r'href="/enhet/([0-9a-f]+)">&lt;script&gt;', page)
    assert key is not None
    _, _, body = _get(server.port, f"/enhet/{key.group(1)}")
    unit_page = body.decode("utf-8")
    assert SCRIPT not in unit_page and "&lt;script&gt;window.__pwned=1" in unit_page


def test_tree_is_grouped_by_committee_in_natural_order(server: Server) -> None:
    page = _get(server.port, "/rapporter")[2].decode("utf-8")
    committees = re.findall(r"<h2>([^<]+?) <small>", page)
    assert committees == [
        "Hägersten-Älvsjö stadsdelsnämnd",
        "Skarpnäcks stadsdelsnämnd",
        "Älvsjö äldrenämnd",
    ]
    units = re.findall(r'class="unit" href="/enhet/[0-9a-f]+">([^<]+)</a>', page)
    assert units[:4] == [
        "&lt;script&gt;window.__pwned=1&lt;/script&gt; Enheten &lt;img src=x"
        " onerror=&#34;window.__pwned=2&#34;&gt;",
        "Boendestödet 2",
        "Boendestödet 10",
        "Gruppbostaden Ekbacken",
    ]
    assert "3 nämnder" in page and "1 enhet</small>" in page
    assert SECRET not in page and "ut.yaml" not in page


# -- the command -------------------------------------------------------------------


def _cli(*code: str, timeout: int = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "\n".join(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_check_never_imports_the_web_stack() -> None:
    proc = _cli(
        "import sys",
        "from checker.cli import main",
        "code = main(['check', '--format', 'json', 'sample_reports/clean'])",
        "print([m for m in ('starlette', 'uvicorn', 'jinja2', 'python_multipart')"
        " if m in sys.modules])",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_without_the_extra_serve_says_how_to_install_it() -> None:
    proc = _cli(
        "import sys",
        "sys.modules['starlette'] = None  # as if the serve extra were not installed",
        "from checker.cli import main",
        "raise SystemExit(main(['serve', '--root', '.']))",
    )
    assert proc.returncode == 2
    assert "kräver tillägget serve" in proc.stderr
    assert "pip install 'rapportkoll[serve]'" in proc.stderr


def test_a_network_host_is_warned_about(tmp_path: Path) -> None:
    # 192.0.2.1 (TEST-NET-1) is on no machine: the warning shows, then binding fails.
    proc = _cli(
        "from checker.cli import main",
        f"raise SystemExit(main(['serve', '--host', '192.0.2.1', '--root', {str(tmp_path)!r}]))",
    )
    assert proc.returncode == 2
    assert "varning: --host 192.0.2.1 är ingen loopback-adress" in proc.stderr
    assert "kan inte lyssna på 192.0.2.1" in proc.stderr


def test_a_root_that_is_no_folder_is_a_usage_error(tmp_path: Path) -> None:
    proc = _cli(
        "from checker.cli import main",
        f"raise SystemExit(main(['serve', '--root', {str(tmp_path / 'saknas')!r}]))",
    )
    assert proc.returncode == 2 and "är ingen mapp" in proc.stderr


def test_safe_names() -> None:
    from checker.desk.upload import safe_name

    assert safe_name("../../etc/passwd.yaml") == "passwd.yaml"
    assert safe_name("C:\\Users\\x\\rapport.yaml") == "rapport.yaml"
    assert safe_name(".dold.yaml") == "dold.yaml"
    assert safe_name("..") == "fil" and safe_name("") == "fil"
    assert safe_name("\u202egnp.yaml") == "_gnp.yaml"  # no direction override
    assert safe_name("a\x00b\nc.yaml") == "a_b_c.yaml"
    assert safe_name("Verksamhetsberättelse 2024 (Älvsjö).docx") == (
        "Verksamhetsberättelse 2024 (Älvsjö).docx"
    )
    long = safe_name("x" * 500 + ".yaml")
    assert len(long) <= 120 and long.endswith(".yaml")


# -- the browser -------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Visit:
    """A browser page on the desk, with every request that left it and every script error."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.foreign: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def visit(browser: Browser, server: Server) -> Iterator[Visit]:
    context = browser.new_context(
        accept_downloads=True, viewport={"width": 1280, "height": 860}, locale="sv-SE"
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    v = Visit(page)
    page.on(
        "request",
        lambda r: v.foreign.append(r.url) if not r.url.startswith(server.url + "/") else None,
    )
    page.on("pageerror", lambda exc: v.errors.append(f"pageerror: {exc}"))
    page.on(
        "console",
        lambda msg: v.errors.append(f"console: {msg.text}") if msg.type == "error" else None,
    )
    try:
        yield v
    finally:
        context.close()


def shown(page: Page) -> list[str]:
    """Codes of the findings on the findings page that are visible, in page order."""
    codes: list[str] = page.eval_on_selector_all(
        "li.finding",
        "els => els.filter(e => !e.hidden && e.offsetParent !== null)"
        ".map(e => e.querySelector('.code').textContent)",
    )
    return codes


@pytest.mark.usefixtures("seed_exports")
def test_upload_see_and_filter_findings(visit: Visit, server: Server, tmp_path: Path) -> None:
    report = tmp_path / "vp-2025-planterad.yaml"
    report.write_text(planted(), encoding="utf-8")
    page = visit.page
    page.goto(server.url + "/")
    assert page.title() == "Granska inlämning – rapportkoll"
    page.set_input_files("#filer", [str(report), str(EXPORT)])
    assert page.locator("#chosen li").count() == 2
    with page.expect_navigation():
        page.click("#send")
    nav = page.locator("nav.rk-desk")
    assert f"Granskade filer: {report.name}, {EXPORT.name}" in nav.inner_text()
    assert page.inner_text("h1") == "Granskningsrapport"
    codes = shown(page)
    assert {"RK103", "RK203", "RK602"} <= set(codes)
    # every finding names the file as it was uploaded, never the folder it was checked in
    files = page.eval_on_selector_all("li.finding .loc", "els => els.map(e => e.textContent)")
    assert {f.split(":")[0] for f in files} == {report.name, EXPORT.name}
    assert "rapportkoll-inlamning" not in page.content()

    # the findings page's own filters: by rule, by severity, by text, by unit
    page.select_option("#f-rule", "RK203")
    assert shown(page) == ["RK203"]
    page.click("#f-reset")
    assert len(shown(page)) == len(codes)
    errors = page.locator("li.finding.sev-error").count()
    assert 0 < errors < len(codes)
    page.uncheck("input[name=sev][value=error]")
    assert len(shown(page)) == len(codes) - errors
    assert page.locator("li.finding.sev-error:visible").count() == 0
    page.click("#f-reset")
    page.fill("#f-text", report.name)
    assert sorted(shown(page)) == sorted(
        c for c, f in zip(codes, files, strict=True) if f.startswith(report.name)
    )
    page.click("#f-reset")
    unit = page.locator("#unit-table button[data-unit]", has_text="Planterade enheten")
    unit.click()
    assert set(shown(page)) == {"RK103", "RK203", "RK602"}

    if os.environ.get("RAPPORTKOLL_SCREENSHOT") == "1":
        page.click("#f-reset")
        page.evaluate("window.scrollTo(0, 0)")
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))
    assert visit.foreign == [] and visit.errors == []
    assert leftovers(server) == []


def test_drop_files_on_the_desk(visit: Visit, server: Server) -> None:
    page = visit.page
    page.goto(server.url + "/")
    page.evaluate(
        """text => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], "släppt.yaml", {type: "application/yaml"}));
          const zone = document.getElementById("drop");
          zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true}));
          zone.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true}));
        }""",
        planted(status="Uppfylles helt"),
    )
    assert page.inner_text("#chosen").startswith("släppt.yaml")
    assert page.locator("#problem").is_hidden()
    with page.expect_navigation():
        page.click("#send")
    assert "Granskade filer: släppt.yaml" in page.inner_text("nav.rk-desk")
    assert "RK203" in shown(page)
    page.click("nav.rk-desk a[href='/']")
    assert page.locator("#send").is_enabled()
    assert visit.foreign == [] and visit.errors == []


def test_the_desk_says_what_is_wrong_before_sending(
    visit: Visit, server: Server, tmp_path: Path
) -> None:
    page = visit.page
    page.goto(server.url + "/")
    wrong = tmp_path / "program.exe"
    wrong.write_bytes(b"MZ")
    page.set_input_files("#filer", str(wrong))
    assert "har en filtyp som inte granskas" in page.inner_text("#problem")
    many = []
    for i in range(21):
        many.append(tmp_path / f"r{i}.yaml")
        many[-1].write_text("a: 1\n", encoding="utf-8")
    page.set_input_files("#filer", [str(p) for p in many])
    assert "Högst 20 filer" in page.inner_text("#problem")
    page.click("#send")  # refused in the page: nothing is sent
    assert page.url == server.url + "/"
    assert visit.foreign == [] and visit.errors == []


def test_browse_open_a_unit_and_download(visit: Visit, server: Server, tree: Tree) -> None:
    page = visit.page
    page.goto(server.url + "/")
    page.click("header nav a[href='/rapporter']")
    assert page.inner_text("h1") == "Rapporterna per nämnd och enhet"
    page.click("a.unit:text-is('Gruppbostaden Ekbacken')")
    assert page.inner_text("h1") == "Gruppbostaden Ekbacken"
    assert "Hägersten-Älvsjö stadsdelsnämnd" in page.inner_text(".crumbs")
    report = tree.reports["Gruppbostaden Ekbacken"]
    rel = report.relative_to(tree.root).as_posix()
    assert page.inner_text("section.report code.file") == rel
    codes = page.locator("section.report .finding .code").all_inner_texts()
    assert "RK201" in codes and page.locator(".finding.sev-error").count() >= 1

    with page.expect_download() as got:
        page.click("a.dl[data-format=yaml]")
    yaml_download = got.value
    assert yaml_download.suggested_filename == report.name
    assert Path(yaml_download.path()).read_bytes() == report.read_bytes()

    with page.expect_download() as got:
        page.click("a.dl[data-format=sarif]")
    sarif_download = got.value
    assert sarif_download.suggested_filename == report.stem + ".sarif"
    sarif = json.loads(Path(sarif_download.path()).read_text(encoding="utf-8"))
    assert sorted(r["ruleId"] for r in sarif["runs"][0]["results"]) == sorted(codes)

    with page.expect_download() as got:
        page.click("section.report a.dl[data-format=xlsx]")
    assert got.value.suggested_filename == report.stem + ".xlsx"
    book = openpyxl.load_workbook(io.BytesIO(Path(got.value.path()).read_bytes()))
    assert sorted(
        row[4] for row in book["Anmärkningar"].iter_rows(min_row=2, values_only=True)
    ) == sorted(codes)

    with page.expect_download(timeout=120_000) as got:
        page.click("a.dl[data-format=pdf]")
    assert Path(got.value.path()).read_bytes().startswith(b"%PDF-")

    # the unit's findings page, with its filters
    page.click("text=Öppna granskningsrapporten")
    assert "Gruppbostaden Ekbacken" in page.inner_text("nav.rk-desk")
    assert sorted(shown(page)) == sorted(codes)
    page.select_option("#f-rule", "RK201")
    assert set(shown(page)) == {"RK201"}
    assert visit.foreign == [] and visit.errors == []


def test_hostile_unit_never_runs_in_the_browser(visit: Visit, server: Server) -> None:
    page = visit.page
    page.goto(server.url + "/rapporter")
    page.locator("a.unit", has_text="Enheten").first.click()
    assert SCRIPT in page.inner_text("h1")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    page.click("text=Öppna granskningsrapporten")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert visit.foreign == [] and visit.errors == []


def test_the_screenshot_is_committed_and_shown() -> None:
    assert SCREENSHOT.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    doc = (ROOT / "docs" / "serve.md").read_text(encoding="utf-8")
    assert "img/serve.png" in doc and "rapportkoll serve" in doc
