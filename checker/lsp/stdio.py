"""LSP over stdio for the language server: framing, JSON and the order of messages.

pygls' own loop logs a traceback for a body that is not JSON and lets a request
that comes before ``initialize`` fail inside a handler. This loop reads the
same Content-Length framing itself, bounded (a header line, a body), and
answers as JSON-RPC and LSP say before pygls sees a message:

- a body that is not JSON: error -32700 (parse error), id null;
- JSON that is no request, notification or response: -32600 (invalid request);
- a request whose parameters do not fit its method: -32602 (invalid params);
- a request before ``initialize``: -32002 (server not initialized); a
  notification before it is dropped, except ``exit``;
- a request after ``shutdown``: -32600, as the spec says (pygls never answers it);
- a body over ``MAX_BODY``: read past in pieces, never held, and -32600.

Everything else is handed to pygls' protocol as its own loop would.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
from typing import IO, TYPE_CHECKING, Any

from pygls.io_ import StdoutWriter

from checker.read.safeio import SIZE_LIMITS

if TYPE_CHECKING:
    from pygls.lsp.server import LanguageServer

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
INVALID_PARAMS = -32602
SERVER_NOT_INITIALIZED = -32002

MAX_HEADER_LINE = 8192
# A report's largest text (the reader's limit), JSON-escaped at worst six bytes a character,
# and the rest of the message.
MAX_BODY = 6 * SIZE_LIMITS["report"] + 1024 * 1024
_CHUNK = 1024 * 1024
_LENGTH = re.compile(rb"content-length\s*:\s*(\d{1,12})\s*", re.IGNORECASE)

log = logging.getLogger(__name__)


class Transport:
    """One client on stdin and stdout, for ``server``'s protocol."""

    def __init__(self, server: LanguageServer, stdin: IO[bytes], stdout: IO[bytes]) -> None:
        self.server = server
        self.protocol = server.protocol
        self.stdin = stdin
        self.stdout = stdout
        self.initialized = False
        self.shut_down = False

    # -- writing ------------------------------------------------------------------
    def error(self, msg_id: Any, code: int, message: str) -> None:
        """A JSON-RPC error response (``msg_id`` None when the request's id is not known)."""
        body = json.dumps(
            {"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}},
            ensure_ascii=False,
        ).encode("utf-8")
        self.stdout.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.stdout.flush()

    # -- reading ------------------------------------------------------------------
    async def _call(self, function: Any, *args: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.server.thread_pool, function, *args)

    async def _headers(self) -> int | None:
        """The next message's Content-Length; None at the end of input. A header block
        without one is skipped (the client's framing is broken; nothing to answer)."""
        length: int | None = None
        while True:
            line = await self._call(self.stdin.readline, MAX_HEADER_LINE)
            if not line:
                return None
            if line in (b"\r\n", b"\n"):
                if length is not None:
                    return length
                log.warning("ett meddelande utan Content-Length hoppades över")
                continue
            match = _LENGTH.fullmatch(line.rstrip(b"\r\n"))
            if match:
                length = int(match.group(1))

    async def _body(self, length: int) -> bytes | None:
        """The body, or None when it is over ``MAX_BODY`` (then read past, in pieces)."""
        keep = length <= MAX_BODY
        parts: list[bytes] = []
        left = length
        while left > 0:
            chunk = await self._call(self.stdin.read, min(_CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            if keep:
                parts.append(chunk)
        return b"".join(parts) if keep else None

    async def run(self) -> None:
        while True:
            length = await self._headers()
            if length is None:
                return
            body = await self._body(length)
            if body is None:
                mib = MAX_BODY // (1024 * 1024)
                self.error(None, INVALID_REQUEST, f"meddelandet är större än {mib} MiB")
                continue
            self.handle(body)

    # -- one message --------------------------------------------------------------
    def handle(self, body: bytes) -> None:
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested beyond reason
            self.error(None, PARSE_ERROR, "meddelandet är ingen giltig JSON")
            return
        if not _is_message(data):
            msg_id = data.get("id") if isinstance(data, dict) else None
            self.error(
                msg_id if _is_id(msg_id) else None,
                INVALID_REQUEST,
                "meddelandet är ingen JSON-RPC 2.0-begäran, -notis eller -svar",
            )
            return
        method = data.get("method")
        request = method is not None and "id" in data
        if not self.initialized and method not in ("initialize", "exit"):
            if request:
                self.error(
                    data["id"],
                    SERVER_NOT_INITIALIZED,
                    "servern är inte initierad: skicka initialize först",
                )
            return  # a notification or a response before initialize is dropped
        if self.shut_down and method != "exit":
            if request:
                self.error(data["id"], INVALID_REQUEST, "servern stängs: bara exit tas emot")
            return
        try:
            message = self.protocol.structure_message(data)
        except Exception:
            if request:
                self.error(data["id"], INVALID_PARAMS, f"ogiltiga parametrar för {method}")
            else:
                log.warning("en notis med ogiltiga parametrar hoppades över: %s", method)
            return
        if method == "initialize":
            self.initialized = True
        elif method == "shutdown":
            self.shut_down = True
        self.protocol.handle_message(message)


def _is_id(value: Any) -> bool:
    return value is None or (isinstance(value, str | int) and not isinstance(value, bool))


def _is_message(data: Any) -> bool:
    """A JSON-RPC 2.0 request, notification or response, by its shape."""
    if not isinstance(data, dict) or data.get("jsonrpc") != "2.0":
        return False
    if "id" in data and not _is_id(data["id"]):
        return False
    if "method" in data:
        params = data.get("params")
        return isinstance(data["method"], str) and (
            params is None or isinstance(params, dict | list)
        )
    return "id" in data and ("result" in data or isinstance(data.get("error"), dict))


class OneLine(logging.Formatter):
    """A log record as one line: no traceback, no line break, nothing a terminal acts on."""

    def format(self, record: logging.LogRecord) -> str:
        from checker.escape import visible

        message = record.getMessage().split("\n", 1)[0]
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            message += f" ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})"
        return f"rapportkoll server: {visible(message)}"


def serve_stdio(server: LanguageServer) -> None:
    """Serve the client on this process's stdin and stdout until it exits or goes."""
    transport = Transport(server, sys.stdin.buffer, sys.stdout.buffer)
    server.protocol.set_writer(StdoutWriter(sys.stdout.buffer))
    try:
        asyncio.run(transport.run())
    except (BrokenPipeError, ConnectionResetError):
        log.warning("förbindelsen med editorn bröts")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()  # type: ignore[no-untyped-call]  # pygls: untyped
