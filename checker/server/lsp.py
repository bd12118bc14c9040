"""The LSP wiring (pygls): documents in, diagnostics and quick fixes out.

Every open document is checked from the text the editor holds, on open, on
save and (debounced) on change. The last analysis of each document is kept
with its text, so a code action answers for exactly what the diagnostics said.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from checker import __version__
from checker.findings import Fix
from checker.server.analysis import (
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


def check(server: RapportkollServer, uri: str) -> None:
    pending = server.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    document = server.workspace.get_text_document(uri)
    text = document.source
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
            version=document.version,
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
        check(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: RapportkollServer, params: lsp.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        old = ls.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        loop = asyncio.get_running_loop()
        ls.pending[uri] = loop.call_later(DEBOUNCE_SECONDS, _later, ls, uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: RapportkollServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        pending = ls.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    def code_action(
        ls: RapportkollServer, params: lsp.CodeActionParams
    ) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        document = ls.workspace.get_text_document(uri)
        checked = ls.checked.get(uri)
        if checked is None or checked.text != document.source:
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
    logging.basicConfig(level=logging.WARNING, format="rapportkoll server: %(message)s")
    server = build_server()
    server.start_io()
    return 0 if getattr(server.protocol, "_shutdown", False) else 1
