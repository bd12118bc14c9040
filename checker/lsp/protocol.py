"""The LSP wiring (pygls): documents in, diagnostics and quick fixes out.

Every open document is checked from the text the editor holds, on open, on
save and (debounced) on change. The last analysis of each document is kept
with its text, so a code action answers for exactly what the diagnostics said.
A document the editor has not opened is read from disk as ``check`` reads a
report (``read_report_bytes``: a regular file only, at most the reader's limit).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.exceptions import FeatureRequestError, JsonRpcException, JsonRpcInternalError
from pygls.lsp.server import LanguageServer

from checker import __version__
from checker.findings import Fix
from checker.lsp.analysis import (
    Analysis,
    Checker,
    Item,
    edit_range,
    file_path,
    lsp_severity,
    normalise,
)

DEBOUNCE_SECONDS = 0.3
SOURCE = "rapportkoll"
REQUEST_FAILED = -32803  # LSP's RequestFailed: a valid request that could not be served

_Handler = TypeVar("_Handler", bound=Callable[..., Any])


class Unreadable(JsonRpcException):
    """A document the server cannot read; the message is Swedish and names it."""

    CODE = REQUEST_FAILED


def _answers(handler: _Handler) -> _Handler:
    """A request handler whose fault is an error answer with a one-line message: pygls
    would send the traceback to the client."""

    @functools.wraps(handler)
    def answer(*args: Any) -> Any:
        try:
            return handler(*args)
        except JsonRpcException:
            raise
        except Exception as exc:
            logging.getLogger(__name__).error("fel i språkservern: %s", type(exc).__name__)
            raise JsonRpcInternalError(
                f"rapportkoll: fel i språkservern ({type(exc).__name__}); rapportera det"
            ) from None

    return answer  # type: ignore[return-value]


@dataclass
class _Checked:
    text: str
    lines: list[str]
    analysis: Analysis


class RapportkollServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "rapportkoll", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full
        )
        self.lang = "sv"
        self.checker = Checker()
        self.checked: dict[str, _Checked] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.reported_config_errors: set[str] = set()

    def cancel_pending(self, uri: str) -> None:
        """Drop the debounced check of ``uri`` that is waiting, if one is."""
        pending = self.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()

    def report_server_error(self, error: Exception, source: Any) -> None:
        """One line in the log; pygls would show the client an English "Error in server".
        A request's fault is answered to the client and logged by pygls already."""
        if source is FeatureRequestError:
            return
        logging.getLogger(__name__).warning(
            "fel vid hantering av ett meddelande: %s: %s", type(error).__name__, error
        )


def _language(params: lsp.InitializeParams) -> str:
    options = params.initialization_options
    if isinstance(options, dict):
        lang = options.get("lang")
        if lang in ("sv", "en"):
            return str(lang)
    locale = (params.locale or "").lower()
    return "en" if locale.startswith("en") else "sv"


def _units(server: RapportkollServer, lines: list[str], pos: tuple[int, int]) -> lsp.Position:
    """A (line, code point) position in the client's units (UTF-16 unless negotiated)."""
    line, col = pos
    if line >= len(lines):
        return lsp.Position(line=line, character=0)
    codec = server.workspace.position_codec
    return lsp.Position(line=line, character=codec.client_num_units(lines[line][:col]))


def _range(
    server: RapportkollServer, lines: list[str], start: tuple[int, int], end: tuple[int, int]
) -> lsp.Range:
    return lsp.Range(start=_units(server, lines, start), end=_units(server, lines, end))


def _message(item: Item, lang: str) -> str:
    f = item.finding
    text = f.message.get(lang)
    if f.suggestion is not None:
        text += "\n" + ("förslag" if lang == "sv" else "suggestion") + ": " + f.suggestion.get(lang)
    where = f.label.get(lang)
    if where:
        text += "\n" + ("var" if lang == "sv" else "where") + ": " + where
    return text


def _edits(server: RapportkollServer, lines: list[str], fix: Fix) -> list[lsp.TextEdit]:
    return [
        lsp.TextEdit(range=_range(server, lines, *edit_range(e)), new_text=e.text)
        for e in fix.edits
    ]


def _diagnostic(server: RapportkollServer, lines: list[str], item: Item) -> lsp.Diagnostic:
    f = item.finding
    data: dict[str, Any] = {"name": f.name, "path": f.path}
    if f.suggestion is not None:
        data["suggestion"] = f.suggestion.get(server.lang)
    if item.fix is not None:
        data["fix"] = {
            "title": item.fix.title.get(server.lang),
            "applicability": item.fix.applicability.value,
            "edits": [
                {
                    "range": {
                        "start": {"line": e.range.start.line, "character": e.range.start.character},
                        "end": {"line": e.range.end.line, "character": e.range.end.character},
                    },
                    "newText": e.new_text,
                }
                for e in _edits(server, lines, item.fix)
            ],
        }
    return lsp.Diagnostic(
        range=_range(server, lines, item.start, item.end),
        message=_message(item, server.lang),
        severity=lsp.DiagnosticSeverity(lsp_severity(f.severity)),
        code=f.code,
        source=SOURCE,
        data=data,
    )


def _source(server: RapportkollServer, uri: str) -> tuple[str, int | None]:
    """The text of ``uri`` and its version: the editor's when it is open, else the file's,
    read as ``check`` reads a report (never pygls' unbounded read of any path)."""
    from checker.read.loader import Problem, read_report_bytes

    document = server.workspace.text_documents.get(unquote(uri))
    if document is not None:
        return document.source, document.version
    path = file_path(uri)
    if path is None:
        raise Unreadable(
            f"rapportkoll: {uri} is not open in the editor and is no local file"
            if server.lang == "en"
            else f"rapportkoll: {uri} är inte öppen i editorn och är ingen lokal fil"
        )
    raw = read_report_bytes(path)
    if isinstance(raw, Problem):
        raise Unreadable(f"rapportkoll: {path}: {raw.message.get(server.lang)}")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        raise Unreadable(
            f"rapportkoll: {path}: the file is not UTF-8"
            if server.lang == "en"
            else f"rapportkoll: {path}: filen är inte UTF-8"
        ) from None


def check(server: RapportkollServer, uri: str) -> None:
    server.cancel_pending(uri)
    text, version = _source(server, uri)
    path = file_path(uri)
    analysis = server.checker.analyse(text, path, path or uri)
    lines = normalise(text).split("\n")
    server.checked[uri] = _Checked(text, lines, analysis)
    if analysis.config_error and analysis.config_error not in server.reported_config_errors:
        server.reported_config_errors.add(analysis.config_error)
        server.window_show_message(
            lsp.ShowMessageParams(
                type=lsp.MessageType.Warning,
                message=f"rapportkoll: {analysis.config_error} (standardinställningar används)",
            )
        )
    server.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(
            uri=uri,
            version=version,
            diagnostics=[_diagnostic(server, lines, item) for item in analysis.items],
        )
    )


def _later(server: RapportkollServer, uri: str) -> None:
    if uri in server.checked or uri in server.pending:
        try:
            check(server, uri)
        except Exception:  # a document closed meanwhile, or a checker fault: log, go on
            logging.getLogger(__name__).exception("check of %s failed", uri)


def build_server() -> RapportkollServer:
    server = RapportkollServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: RapportkollServer, params: lsp.InitializeParams) -> None:
        ls.lang = _language(params)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: RapportkollServer, params: lsp.DidOpenTextDocumentParams) -> None:
        check(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: RapportkollServer, params: lsp.DidSaveTextDocumentParams) -> None:
        try:
            check(ls, params.text_document.uri)
        except Unreadable as exc:  # saved, but not open here: say why it is not checked
            ls.window_show_message(
                lsp.ShowMessageParams(type=lsp.MessageType.Warning, message=exc.message)
            )

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: RapportkollServer, params: lsp.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.cancel_pending(uri)
        loop = asyncio.get_running_loop()
        ls.pending[uri] = loop.call_later(DEBOUNCE_SECONDS, _later, ls, uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: RapportkollServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.cancel_pending(uri)
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    @_answers
    def code_action(
        ls: RapportkollServer, params: lsp.CodeActionParams
    ) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        checked = ls.checked.get(uri)
        document = ls.workspace.text_documents.get(unquote(uri))
        if checked is None or document is None or checked.text != document.source:
            check(ls, uri)  # the fix must be for the text the editor holds now
            checked = ls.checked[uri]
        wanted = params.range
        actions: list[lsp.CodeAction] = []
        for item in checked.analysis.items:
            if item.fix is None:
                continue
            diagnostic = _diagnostic(ls, checked.lines, item)
            if not _overlaps(diagnostic.range, wanted):
                continue
            actions.append(
                lsp.CodeAction(
                    title=f"{item.finding.code}: {item.fix.title.get(ls.lang)}",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=item.fix.safe,
                    edit=lsp.WorkspaceEdit(changes={uri: _edits(ls, checked.lines, item.fix)}),
                )
            )
        return actions

    return server


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def serve() -> int:
    """Serve over stdio until the client says exit; 0 after a proper shutdown."""
    from checker.lsp.stdio import OneLine, serve_stdio

    handler = logging.StreamHandler()
    handler.setFormatter(OneLine())
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    server = build_server()
    serve_stdio(server)
    return 0 if getattr(server.protocol, "_shutdown", False) else 1
