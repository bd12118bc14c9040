"""What the desk does with reports: check them, and show them as pages, SARIF and PDF.

One engine is loaded once, with the tree's configuration. Each check (an
upload, a unit, the tree, a SARIF or PDF download) runs in a worker process
forked from the desk (``checker.budget.run_bounded``): it has the engine
already, it is stopped when it goes over its budget or when the desk stops,
and a check that hangs never holds up the next one. At most ``DESK_WORKERS``
run at a time. Without ``fork`` (Windows) checks run in the desk, one at a time.
The findings page is ``checker.outputs.html``'s, with the desk's navigation
added and the folder the files lie in left out of their names.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from checker.budget import (
    DESK_WORKERS,
    Budget,
    OverBudget,
    Stopped,
    can_fork,
    desk_budget,
    run_bounded,
)
from checker.engine.core import Engine
from checker.engine.settings import build
from checker.outputs import FormatOptions, formatter_class
from checker.outputs.html import render as render_findings
from checker.outputs.htmlbase import csp_hash, e, json_for_script
from checker.read.loader import read_bytes
from checker.read.safeio import read_limited
from checker.results import Result
from checker.rule import Rule
from checker.run.batch import files_source
from checker.run.pipeline import collect

_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', re.I)
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_BODY = re.compile(r"<body[^>]*>")

# The bar the desk puts on top of a findings page (its own style, allowed by hash).
NAV_STYLE = """
nav.rk-desk{display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center;background:#10233d;
color:#dbe4f0;padding:8px 32px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,
sans-serif}
nav.rk-desk a{color:#fff;font-weight:600;text-decoration:none;border:1px solid #4d6a8f;
border-radius:4px;padding:3px 10px}
nav.rk-desk a:hover,nav.rk-desk a:focus{background:#1d3557;text-decoration:underline}
nav.rk-desk .rk-brand{color:#fff;font-size:15px;margin-right:6px}
nav.rk-desk .rk-files{overflow-wrap:anywhere}
nav.rk-desk .rk-skipped{color:#ffd58a}
@media print{nav.rk-desk{display:none}}
"""


def page_policy(page: str, meta: bool = False) -> str:
    """The strictest CSP that lets this page's own inline scripts and styles run.

    Every inline ``<script>`` (not the JSON data block) and ``<style>`` is
    allowed by its hash; nothing is loaded from anywhere, not even this server.
    """
    scripts = " ".join(sorted({csp_hash(s) for s in _SCRIPT.findall(page)})) or "'none'"
    styles = " ".join(sorted({csp_hash(s) for s in _STYLE.findall(page)})) or "'none'"
    policy = (
        f"default-src 'none'; script-src {scripts}; style-src {styles}; img-src data:;"
        " font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none';"
        " frame-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none';"
        " form-action 'self'"
    )
    return policy + ("" if meta else "; frame-ancestors 'none'")


def desk_page(page: str, nav: str, folder: str) -> tuple[str, str]:
    """A findings page as the desk serves it, and its Content-Security-Policy.

    ``folder`` (with its separator) is left out of every file name the page
    shows; ``nav`` (already escaped) goes on top. The page's own CSP meta tag
    is replaced by one that also allows the bar's style; the same policy,
    with ``frame-ancestors``, goes in the header.
    """
    for shown in {e(folder), json_for_script(folder)[1:-1]}:
        page = page.replace(shown, "")
    page = _META_CSP.sub("", page, count=1)
    page = page.replace("</head>", f"<style>{NAV_STYLE}</style>\n</head>", 1)
    page = _BODY.sub(lambda m: f"{m.group(0)}\n{nav}", page, count=1)
    meta = (
        f'<meta http-equiv="Content-Security-Policy" content="{e(page_policy(page, meta=True))}">'
    )
    page = page.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n{meta}', 1)
    return page, page_policy(page)


T = TypeVar("T")


class NotAReport(Exception):
    """A file that cannot be rendered: it is no readable report (Swedish message)."""


class CheckFailed(Exception):
    """A check that gave no outcome: an HTTP status and a Swedish message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _failed(exc: OverBudget | Stopped) -> CheckFailed:
    if isinstance(exc, Stopped):
        return CheckFailed(
            503,
            {
                "stop": "Granskningen stoppades eftersom inlämningsdisken stängs. Lämna in"
                " filerna igen när den har startat.",
                "fork": "Granskningen kunde inte startas: datorn har inga fler processer att"
                " ge just nu. Försök igen om en stund.",
            }.get(
                exc.why,
                "Granskningen stoppades utifrån innan den blev klar (t.ex. av systemet när"
                " minnet tog slut). Lämna in filerna en i taget.",
            ),
        )
    budget: Budget = exc.budget
    why = {
        "time": f"tog mer än {budget.seconds:g} sekunder".replace(".", ","),
        "memory": f"behövde mer än {budget.memory // (1024 * 1024)} MiB minne",
        "output": "gav ett för stort resultat",
    }.get(exc.kind, "stannade utan svar")
    return CheckFailed(
        503,
        f"Granskningen {why} och stoppades. Lämna in filerna en i taget för att se vilken"
        " som inte går att granska; filerna är inte ändrade.",
    )


def _check_files(engine: Engine, files: list[tuple[str, str]]) -> Result:
    return collect(engine, files_source(engine, files))


def _findings_page(
    engine: Engine, rules: list[Rule], files: list[tuple[str, str]], roots: list[str]
) -> str:
    result = _check_files(engine, files)
    result.roots = roots
    return render_findings(result, "sv", rules)


def _xlsx(engine: Engine, files: list[tuple[str, str]], roots: list[str]) -> bytes:
    from checker.outputs.xlsx import workbook

    result = _check_files(engine, files)
    result.roots = roots
    return workbook(result, "sv")


def _sarif(engine: Engine, rules: list[Rule], path: str, name: str) -> str:
    result = _check_files(engine, [(path, name)])
    out = io.StringIO()
    formatter_class("sarif")(out, FormatOptions(lang="sv", rules=rules)).write(result)
    return out.getvalue()


def _pdf(path: str) -> bytes:
    raw = read_limited(path, "report", follow=False)
    doc = read_bytes(raw, path)
    if not doc.readable or any(p.code == "RK105" for p in doc.problems):
        why = next((p.message.sv for p in doc.problems), "filen är ingen rapport")
        raise NotAReport(why)
    from checker.render import render_report
    from checker.render.reading import load_report_text

    data = load_report_text(raw.decode("utf-8-sig"))
    return render_report(data, "pdf")


class Desk:
    """The engine, and the workers that check with it, for every request of the application."""

    def __init__(self, root: str) -> None:
        settings, _ = build([root])
        self.engine = Engine(settings)
        self.rules = self.engine.sorted_rules()
        self._here = threading.Lock()  # without fork: one check at a time, in the desk
        self._slots = threading.BoundedSemaphore(DESK_WORKERS)

    def _run(self, files: int, fn: Callable[..., T], *args: object) -> T:
        """``fn(*args)`` in a worker under the desk's budget for ``files`` files."""
        if not can_fork():
            with self._here:
                return fn(*args)
        with self._slots:
            try:
                return run_bounded(fn, *args, budget=desk_budget(files))
            except (OverBudget, Stopped) as exc:
                raise _failed(exc) from None

    def check(self, files: Sequence[tuple[str, str]], roots: list[str]) -> Result:
        """Check ``(path, name)`` pairs together (the cross-report rules see them all).

        ``roots`` is the folder the findings page may read excerpts from.
        """
        result = self._run(len(files), _check_files, self.engine, list(files))
        result.roots = roots
        return result

    def findings_page(self, files: Sequence[tuple[str, str]], roots: list[str]) -> str:
        """The findings page of ``files`` checked together (rendered in the worker, which
        has read the files once already)."""
        return self._run(len(files), _findings_page, self.engine, self.rules, list(files), roots)

    def xlsx(self, files: Sequence[tuple[str, str]], roots: list[str]) -> bytes:
        """The findings of ``files`` checked together, as an Excel workbook."""
        return self._run(len(files), _xlsx, self.engine, list(files), roots)

    def sarif(self, path: str, name: str) -> str:
        """The SARIF of one report, named ``name`` (its path below the root)."""
        return self._run(1, _sarif, self.engine, self.rules, path, name)

    def pdf(self, path: str) -> bytes:
        """The report as the city's PDF (``ModuleNotFoundError`` without the render extra)."""
        _load_renderer()
        return self._run(1, _pdf, path)


def _load_renderer() -> None:
    """Import the PDF renderer here, once, so that each worker has it already."""
    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401

        import checker.render  # noqa: F401
    except (ImportError, OSError):
        return  # the worker says what is missing
