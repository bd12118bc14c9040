"""The language server answers what a client should never send, as JSON-RPC and LSP say,
and reads no file but as ``check`` reads a report.

A real LSP exchange over stdio with the real ``rapportkoll server`` process (the client
of ``tests/test_server.py``): bodies that are not JSON or no JSON-RPC message, requests
before ``initialize`` and after ``shutdown``, code actions for files that are missing,
are devices, pipes or folders, or are too large. Every answer must come within the
client's wait (no hang), the server must go on answering, its log must hold no
traceback, it must exit as told, and no file it was pointed at may change.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_server import CLEAN, WAIT, Client, start

from .conftest import snapshot

pytest.importorskip("pygls", reason="the server extra: pip install -e '.[server]'")

PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS = -32700, -32600, -32602
SERVER_NOT_INITIALIZED, REQUEST_FAILED = -32002, -32803
RANGE = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}


@pytest.fixture
def server() -> Iterator[Client]:
    """The server as a process; after the test, its log must hold no traceback."""
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "checker.cli", "server"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    client = Client(proc)
    try:
        yield client
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=WAIT)
        assert proc.stderr is not None
        log = proc.stderr.read().decode("utf-8", "replace")
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    assert "Traceback" not in log and 'File "' not in log, log


def _raw(client: Client, body: bytes) -> None:
    assert client.proc.stdin is not None
    client.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    client.proc.stdin.flush()


def _answer(client: Client, msg_id: Any) -> dict[str, Any]:
    """The answer to request ``msg_id`` (None: an error answer without an id)."""
    return client.wait(lambda m: "method" not in m and m.get("id") == msg_id)


def _ask(client: Client, msg_id: int, method: str, params: Any) -> dict[str, Any]:
    client.send({"id": msg_id, "method": method, "params": params})
    return _answer(client, msg_id)


def _code_action(client: Client, msg_id: int, uri: str) -> dict[str, Any]:
    return _ask(
        client,
        msg_id,
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": RANGE, "context": {"diagnostics": []}},
    )


def _still_serves(client: Client, tmp_path: Path, version: int = 1) -> None:
    """An opened report gets its diagnostics, and a code action its answer."""
    uri = (tmp_path / f"öppen-{version}.yaml").as_uri()
    text = CLEAN.read_text(encoding="utf-8").replace("Uppfylls helt", "Uppfylles helt", 1)
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": version, "text": text}},
    )
    assert [d["code"] for d in client.diagnostics(uri, version)] == ["RK201"]
    reply = _code_action(client, 9000 + version, uri)
    assert "error" not in reply and isinstance(reply["result"], list), reply


BAD_BODIES = [
    (b"{", PARSE_ERROR, None),
    (b"", PARSE_ERROR, None),
    (b"\xff\xfe{}", PARSE_ERROR, None),
    (b"[" * 100_000 + b"]" * 100_000, PARSE_ERROR, None),  # deeper than any JSON parser
    (b"nul\x00l", PARSE_ERROR, None),
    (b"[1, 2]", INVALID_REQUEST, None),
    (b'"initialize"', INVALID_REQUEST, None),
    (b"42", INVALID_REQUEST, None),
    (b'{"jsonrpc": "1.0", "id": 7, "method": "initialize"}', INVALID_REQUEST, 7),
    (b'{"jsonrpc": "2.0", "id": 8, "method": 5}', INVALID_REQUEST, 8),
    (b'{"jsonrpc": "2.0", "id": {"a": 1}, "method": "initialize"}', INVALID_REQUEST, None),
    (b'{"jsonrpc": "2.0", "id": 9, "method": "initialize", "params": 3}', INVALID_REQUEST, 9),
    (b'{"jsonrpc": "2.0"}', INVALID_REQUEST, None),
    (
        b'{"jsonrpc": "2.0", "id": 10, "method": "initialize", "params": {"capabilities": 5}}',
        INVALID_PARAMS,
        10,
    ),
]


def _bad_bodies(client: Client) -> None:
    for body, code, msg_id in BAD_BODIES:
        _raw(client, body)
        reply = _answer(client, msg_id)
        assert reply["error"]["code"] == code, (body[:60], reply)
        assert "Traceback" not in json.dumps(reply) and "data" not in reply["error"], reply
    # framing the server cannot follow is skipped; the next message is read as usual
    assert client.proc.stdin is not None
    client.proc.stdin.write(b"X-Skrap: 1\r\n\r\nContent-Length: 9999999999999\r\n\r\n")
    client.proc.stdin.flush()


def _before_initialize(client: Client, uri: str) -> None:
    """Requests are refused with -32002; a notification is dropped."""
    for msg_id, method, params in [
        (1, "textDocument/codeAction", {"textDocument": {"uri": uri}, "range": RANGE}),
        (2, "shutdown", None),
        (3, "textDocument/hover", {"textDocument": {"uri": uri}, "position": RANGE["start"]}),
        ("fyra", "workspace/executeCommand", {"command": "x"}),
        (5, "inget/sådant", {}),
    ]:
        reply = _ask(client, msg_id, method, params)  # type: ignore[arg-type]
        assert reply["error"]["code"] == SERVER_NOT_INITIALIZED, reply
        assert "initialize" in reply["error"]["message"], reply
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": "x: [\n"}},
    )


def _unreadable(client: Client, tmp_path: Path) -> None:
    """Code actions for what cannot be read as a report: RequestFailed, saying why."""
    fifo = tmp_path / "rör.yaml"
    os.mkfifo(fifo)
    folder = tmp_path / "mapp.yaml"
    folder.mkdir()
    large = tmp_path / "stor.yaml"
    large.write_bytes(b"a: " + b"x" * (5 * 1024 * 1024) + b"\n")
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("enhet: Bergsjön\n".encode("latin-1"))
    cases = [
        ((tmp_path / "saknas.yaml").as_uri(), "finns inte"),
        ("file:///dev/zero", "enhetsfil"),
        ("file:///dev/stdin", "ingen vanlig fil"),
        (fifo.as_uri(), "namngiven pipe"),
        (folder.as_uri(), "mapp"),
        (large.as_uri(), "större än 4 MiB"),
        (latin1.as_uri(), "inte UTF-8"),
        ("https://exempel.invalid/rapport.yaml", "ingen lokal fil"),
        ("untitled:Namnlös-1", "ingen lokal fil"),
    ]
    for msg_id, (uri, said) in enumerate(cases, start=100):
        reply = _code_action(client, msg_id, uri)
        error = reply.get("error")
        assert error is not None and error["code"] == REQUEST_FAILED, (uri, reply)
        assert said in error["message"] and "data" not in error, (uri, error)
    # a save of an unopened device is refused with a warning, never read
    client.notify("textDocument/didSave", {"textDocument": {"uri": "file:///dev/zero"}})
    shown = client.wait(lambda m: m.get("method") == "window/showMessage")
    assert "enhetsfil" in shown["params"]["message"]


def _over_the_limit(client: Client) -> None:
    """A message over the limit is read past, not held, and answered."""
    from checker.lsp.stdio import MAX_BODY

    body = b'{"jsonrpc": "2.0", "method": "x", "params": {"t": "' + b"a" * MAX_BODY + b'"}}'
    _raw(client, body)
    reply = _answer(client, None)
    assert reply["error"]["code"] == INVALID_REQUEST and "MiB" in reply["error"]["message"]


def _unopened_changes(client: Client, tmp_path: Path) -> None:
    """A change to or a close of a document never opened is no error shown to the user."""
    uri = (tmp_path / "aldrig-öppnad.yaml").as_uri()
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "a: 1\n"}]},
    )
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    cleared = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert cleared["params"] == {"uri": uri, "diagnostics": []}
    assert not [
        m
        for m in list(client.messages.queue)
        if m and m.get("method") == "window/showMessage" and "Error" in json.dumps(m)
    ]


def test_a_hostile_client_gets_answers_never_tracebacks(server: Client, tmp_path: Path) -> None:
    report = tmp_path / "rapport.yaml"
    report.write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    _before_initialize(server, report.as_uri())
    _bad_bodies(server)
    start(server, tmp_path)
    # the didOpen before initialize was dropped: the report is read from disk, clean
    assert _code_action(server, 6, report.as_uri())["result"] == []
    _unreadable(server, tmp_path)
    before = snapshot(tmp_path)
    _over_the_limit(server)
    _unopened_changes(server, tmp_path)
    _still_serves(server, tmp_path)
    assert "error" not in _ask(server, 7, "shutdown", None)
    reply = _code_action(server, 8, report.as_uri())  # after shutdown: invalid request
    assert reply["error"]["code"] == INVALID_REQUEST, reply
    server.notify("exit", {})
    assert server.proc.wait(timeout=WAIT) == 0
    assert snapshot(tmp_path) == before


def test_exit_before_initialize_ends_the_server(server: Client) -> None:
    server.notify("exit", {})
    assert server.proc.wait(timeout=WAIT) == 1  # exit without shutdown, as LSP says
