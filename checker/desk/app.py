"""The submission desk as a Starlette application (served by uvicorn, see ``__init__``).

Pages (Swedish):

- ``GET /``: the desk, where files are dropped or chosen;
- ``POST /granska``: check the uploaded files, answer with the findings page;
- ``GET /rapporter``: the tree by committee (nämnd) and unit;
- ``GET /rapporter/granskning``: the findings page of the whole tree;
- ``GET /enhet/{key}``: one unit, its reports and findings, with downloads;
- ``GET /enhet/{key}/granskning``: the findings page of that unit;
- ``GET /yaml/{path}``, ``/sarif/{path}``, ``/pdf/{path}``: one report as a download.

Every response carries a Content-Security-Policy: the desk's own pages load
their style and script from this server only (``'self'``), the findings
pages allow their inline code by hash. With a loopback address the Host header
must name this machine (no DNS rebinding); a POST from another site is refused.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from importlib.util import find_spec
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from checker import __version__
from checker.desk.hosts import is_loopback
from checker.desk.tree import Refused, Tree, Unit
from checker.desk.upload import (
    ACCEPTED,
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_REQUEST_BYTES,
    UploadRefused,
    receive,
)
from checker.desk.work import CheckFailed, Desk, NotAReport, desk_page
from checker.findings import Finding, Severity
from checker.outputs.terminal import visible
from checker.read.safeio import MiB, read_limited
from checker.rule import display_name
from checker.templating import environment

HERE = Path(__file__).resolve().parent
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# The desk's own pages: style and script from this server, nothing else anywhere.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none';"
    " frame-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none';"
    " form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]
STATIC = {
    "desk.css": "text/css; charset=utf-8",
    "desk.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}
LOCAL_NAMES = {"localhost", "127.0.0.1", "[::1]", "::1"}
HTTP_WORDS = {
    400: "Felaktig förfrågan",
    403: "Åtkomst nekad",
    404: "Sidan finns inte",
    405: "Metoden stöds inte",
    413: "För stor inlämning",
    500: "Internt fel",
    501: "Finns inte installerat",
    503: "Granskningen stoppades",
}


def _host_of(header: str) -> str:
    header = header.strip().lower()
    if header.startswith("["):
        return header[: header.find("]") + 1] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Guard:
    """Security headers on every response, and the Host and Origin checks."""

    def __init__(self, app: ASGIApp, hosts: set[str] | None) -> None:
        self.app = app
        self.hosts = hosts  # None: any Host (a non-loopback --host, warned about)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get(b"host", "")
        refusal = None
        if self.hosts is not None and _host_of(host) not in self.hosts:
            refusal = "Okänd värd i adressen; öppna inlämningsdisken på http://127.0.0.1."
        elif scope.get("method") == "POST" and _cross_site(headers, host):
            refusal = "Inlämningar tas bara emot från inlämningsdiskens egen sida."
        if refusal is not None:
            await _plain(403 if scope.get("method") == "POST" else 400, refusal)(
                scope, receive, send
            )
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                if b"content-security-policy" not in present:
                    extra.append((b"content-security-policy", PAGE_POLICY.encode()))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, secured)


class Contain:
    """A fault in a route becomes one Swedish line in the log, never a traceback.

    Starlette answers the request with the desk's error page (``DeskApp.error``)
    and then raises the exception again for the server to log; it ends here.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        except Exception as exc:
            where = f"{scope.get('method', '')} {scope.get('path', '')}".strip()
            print(
                f"rapportkoll: internt fel i inlämningsdisken vid {visible(where)}:"
                f" {type(exc).__name__}. Sidan visade felet; rapportera det gärna.",
                file=sys.stderr,
                flush=True,
            )


def _cross_site(headers: dict[bytes, str], host: str) -> bool:
    if headers.get(b"sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return True
    origin = headers.get(b"origin")
    if origin is None or origin == "null":
        return origin == "null"
    return urlsplit(origin).netloc.lower() != host.strip().lower()


def _plain(status: int, text: str) -> Response:
    return Response(text + "\n", status_code=status, media_type="text/plain; charset=utf-8")


def _attachment(name: str) -> str:
    """A Content-Disposition for ``name``: an ASCII fallback and the UTF-8 name."""
    fallback = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


# Counted words as Swedish writes them: "1 enhet", "2 enheter", "1 varning", "3 fel".
WORDS = {
    "rapport": "rapporter",
    "enhet": "enheter",
    "nämnd": "nämnder",
    "fel": "fel",
    "varning": "varningar",
    "info": "info",
    "anmärkning": "anmärkningar",
}


def count(n: int, word: str) -> str:
    """``n`` and ``word`` in agreement with it (singular for 1, plural otherwise)."""
    return f"{n} {word if n == 1 else WORDS.get(word, word)}"


def _mib(n: int) -> int:
    return n // MiB


class DeskApp:
    """The routes' state: the tree, the engine, the templates."""

    def __init__(self, root: str) -> None:
        self.tree = Tree(root)
        self.desk = Desk(self.tree.root)
        self.templates = environment("checker.desk")
        self.templates.globals["count"] = count
        self.templates.globals["rule_name"] = display_name  # the desk is Swedish
        self.static = {name: (HERE / "static" / name).read_bytes() for name in STATIC}
        self.pdf_ready = find_spec("weasyprint") is not None
        self.uploads: set[str] = set()  # upload folders not yet deleted

    @contextlib.asynccontextmanager
    async def lifespan(self, app: object) -> AsyncIterator[None]:
        """When the desk stops: every upload folder still there is deleted."""
        yield
        for folder in tuple(self.uploads):
            shutil.rmtree(folder, ignore_errors=True)
            self.uploads.discard(folder)

    # -- helpers ----------------------------------------------------------------

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.templates.get_template(template).render(
            root=self.tree.root, version=__version__, **context
        )
        return HTMLResponse(html, status_code=status)

    def error_page(self, status: int, message: str, title: str | None = None) -> HTMLResponse:
        """The error page: ``title`` defaults to the status's own words."""
        return self.page(
            "error.html", status, title=title or HTTP_WORDS.get(status, "Fel"), message=message
        )

    def desk_form(self, status: int = 200, problem: str | None = None) -> HTMLResponse:
        return self.page(
            "desk.html",
            status,
            problem=problem,
            accept=",".join(ACCEPTED),
            max_files=MAX_FILES,
            max_file=MAX_FILE_BYTES,
            max_request=MAX_REQUEST_BYTES,
            file_mib=_mib(MAX_FILE_BYTES),
            request_mib=_mib(MAX_REQUEST_BYTES),
        )

    def findings(self, files: list[tuple[str, str]], folder: str, nav: str) -> HTMLResponse:
        """The findings page of ``files`` (all inside ``folder``), with the desk's bar."""
        found = self.desk.findings_page(files, [os.path.realpath(folder)])
        page, policy = desk_page(found, nav, folder.rstrip(os.sep) + os.sep)
        return HTMLResponse(page, headers={"Content-Security-Policy": policy})

    def nav(self, note: str, extra: str = "") -> str:
        return self.templates.get_template("nav.html").render(note=note, extra=extra)

    def resolve(self, request: Request) -> tuple[str, str]:
        rel: str = request.path_params["rel"]
        try:
            return self.tree.resolve(rel), rel
        except Refused as exc:
            raise HTTPException(exc.status) from None

    # -- routes -----------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        return self.desk_form()

    async def submit(self, request: Request) -> Response:
        folder = tempfile.mkdtemp(prefix="rapportkoll-inlamning-")
        self.uploads.add(folder)
        try:
            try:
                upload = await receive(
                    request.headers.get("content-type"),
                    request.headers.get("content-length"),
                    request.stream(),
                    folder,
                )
            except UploadRefused as exc:
                return self.desk_form(exc.status, exc.message)
            if not upload.files:
                why = "; ".join(f"{name}: {reason}" for name, reason in upload.skipped)
                return self.desk_form(
                    400, f"Inga filer att granska. {why}" if why else "Välj minst en fil."
                )
            files = [(f.path, f.path) for f in upload.files]
            names = ", ".join(f.name for f in upload.files)
            skipped = "; ".join(f"{name} hoppades över: {why}" for name, why in upload.skipped)
            nav = self.nav(f"Granskade filer: {names}", skipped)
            return await run_in_threadpool(self.findings, files, folder, nav)
        finally:
            await run_in_threadpool(shutil.rmtree, folder, True)
            self.uploads.discard(folder)

    async def browse(self, request: Request) -> Response:
        committees = await run_in_threadpool(self.tree.committees)
        units = sum(len(us) for _, us in committees)
        reports = sum(len(u.reports) for _, us in committees for u in us)
        return self.page(
            "tree.html",
            committees=committees,
            n_units=units,
            n_reports=reports,
            unserved=self.tree.unserved,
        )

    async def browse_findings(self, request: Request) -> Response:
        reports = await run_in_threadpool(self.tree.reports)
        if not reports:
            raise HTTPException(404)
        files = [(r.path, r.path) for r in sorted(reports, key=lambda r: r.rel)]
        nav = self.nav(f"Alla rapporter under {self.tree.root}")
        return await run_in_threadpool(self.findings, files, self.tree.root, nav)

    def _unit(self, request: Request) -> Unit:
        unit = self.tree.unit(request.path_params["key"])
        if unit is None:
            raise HTTPException(404)
        return unit

    async def unit(self, request: Request) -> Response:
        unit = await run_in_threadpool(self._unit, request)
        files = [(r.path, r.path) for r in unit.reports]
        result = await run_in_threadpool(self.desk.check, files, [self.tree.root])
        by_file: dict[str, list[Finding]] = {}
        for f in result.findings:
            by_file.setdefault(f.file, []).append(f)
        rows = []
        for r in unit.reports:
            found = by_file.get(r.path, [])
            rows.append(
                {
                    "report": r,
                    "findings": sorted(found, key=lambda f: (-f.severity.rank, f.line, f.code)),
                    "counts": Counter(f.severity.value for f in found),
                }
            )
        return self.page(
            "unit.html",
            unit=unit,
            rows=rows,
            severities=[(s.value, s.label("sv")) for s in reversed(Severity)],
            pdf_ready=self.pdf_ready,
        )

    async def unit_findings(self, request: Request) -> Response:
        unit = await run_in_threadpool(self._unit, request)
        files = [(r.path, r.path) for r in unit.reports]
        nav = self.nav(f"{unit.name} · {unit.committee}")
        return await run_in_threadpool(self.findings, files, self.tree.root, nav)

    async def yaml(self, request: Request) -> Response:
        path, rel = self.resolve(request)
        try:
            raw = await run_in_threadpool(read_limited, path, "report", False)
        except OSError:
            raise HTTPException(404) from None
        return Response(
            raw,
            media_type="application/yaml",
            headers={"Content-Disposition": _attachment(PurePosixPath(rel).name)},
        )

    def workbook(self, files: list[tuple[str, str]], name: str) -> Response:
        data = self.desk.xlsx(files, [os.path.realpath(self.tree.root)])
        return Response(
            data,
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": _attachment(name)},
        )

    async def xlsx(self, request: Request) -> Response:
        path, rel = self.resolve(request)
        name = PurePosixPath(rel).stem + ".xlsx"
        return await run_in_threadpool(self.workbook, [(path, path)], name)

    async def unit_xlsx(self, request: Request) -> Response:
        unit = await run_in_threadpool(self._unit, request)
        files = [(r.path, r.path) for r in unit.reports]
        return await run_in_threadpool(self.workbook, files, "granskning.xlsx")

    async def browse_xlsx(self, request: Request) -> Response:
        reports = await run_in_threadpool(self.tree.reports)
        if not reports:
            raise HTTPException(404)
        files = [(r.path, r.path) for r in sorted(reports, key=lambda r: r.rel)]
        return await run_in_threadpool(self.workbook, files, "granskning.xlsx")

    async def sarif(self, request: Request) -> Response:
        path, rel = self.resolve(request)
        text = await run_in_threadpool(self.desk.sarif, path, rel)
        return Response(
            text,
            media_type="application/sarif+json",
            headers={"Content-Disposition": _attachment(PurePosixPath(rel).stem + ".sarif")},
        )

    async def pdf(self, request: Request) -> Response:
        path, rel = self.resolve(request)
        try:
            data = await run_in_threadpool(self.desk.pdf, path)
        except ModuleNotFoundError as exc:
            return self.error_page(
                501,
                f"PDF kräver tillägget render ({exc.name} saknas). Installera det med"
                " pip install 'rapportkoll[render]' och starta inlämningsdisken igen.",
            )
        except NotAReport as exc:
            return self.error_page(400, f"{rel} kan inte visas som PDF: {exc}", "Ingen rapport")
        except OSError as exc:
            return self.error_page(
                500,
                f"PDF kunde inte skapas ({type(exc).__name__}). Kontrollera att"
                " systempaketen för PDF finns (se README).",
            )
        except CheckFailed:
            raise
        except Exception as exc:  # the renderer's fault on this report: say so, no traceback
            return self.error_page(
                500,
                f"{rel} kunde inte skrivas som PDF ({type(exc).__name__}). Rapporten"
                " går att ladda ned som YAML och granska; rapportera gärna felet.",
            )
        return Response(
            data,
            media_type="application/pdf",
            headers={"Content-Disposition": _attachment(PurePosixPath(rel).stem + ".pdf")},
        )

    async def asset(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            raise HTTPException(404)
        return Response(self.static[name], media_type=STATIC[name])

    async def favicon(self, request: Request) -> Response:
        return Response(self.static["favicon.svg"], media_type=STATIC["favicon.svg"])

    async def check_failed(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, CheckFailed)
        return self.error_page(exc.status, exc.message)

    async def error(self, request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        messages = {
            403: "Sökvägen leder utanför mappen med rapporter och visas inte.",
            404: "Det finns ingen sådan sida eller rapport.",
            405: "Den här adressen tar inte emot den sortens förfrågan.",
        }
        return self.error_page(status, messages.get(status, "Något gick fel."))


def create_app(root: str, host: str = "127.0.0.1") -> ASGIApp:
    """The application for the reports under ``root``, as it may be reached from ``host``."""
    state = DeskApp(root)
    routes = [
        Route("/", state.home, methods=["GET"]),
        Route("/granska", state.submit, methods=["POST"]),
        Route("/rapporter", state.browse, methods=["GET"]),
        Route("/rapporter/granskning", state.browse_findings, methods=["GET"]),
        Route("/rapporter/granskning.xlsx", state.browse_xlsx, methods=["GET"]),
        Route("/enhet/{key}", state.unit, methods=["GET"]),
        Route("/enhet/{key}/granskning", state.unit_findings, methods=["GET"]),
        Route("/enhet/{key}/granskning.xlsx", state.unit_xlsx, methods=["GET"]),
        Route("/yaml/{rel:path}", state.yaml, methods=["GET"]),
        Route("/sarif/{rel:path}", state.sarif, methods=["GET"]),
        Route("/xlsx/{rel:path}", state.xlsx, methods=["GET"]),
        Route("/pdf/{rel:path}", state.pdf, methods=["GET"]),
        Route("/static/{name}", state.asset, methods=["GET"]),
        Route("/favicon.ico", state.favicon, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={
            HTTPException: state.error,
            CheckFailed: state.check_failed,
            Exception: state.error,
        },
        lifespan=state.lifespan,
    )
    hosts = {*LOCAL_NAMES, host.lower()} if is_loopback(host) else None
    return Guard(Contain(app), hosts)
