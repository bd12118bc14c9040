"""``rapportkoll server``: a real LSP exchange over stdio with a small client.

The client below speaks JSON-RPC with Content-Length framing to
``python -m checker.cli server`` as an editor would: initialize, open a report
with a status typo, get the RK201 diagnostic, ask for its code action, apply
the edit, send the new text, get no diagnostics, shut down and exit. Every
wait is bounded, so a broken server fails the test instead of hanging it.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

pytest.importorskip("pygls", reason="the server extra: pip install -e '.[server]'")

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "sample_reports" / "clean" / "vb-2024-boendestodet.yaml"
WAIT = 30.0  # seconds for any one answer


class Client:
    """A minimal LSP client: framed JSON-RPC over the server's stdin and stdout."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self.proc = proc
        self.next_id = 0
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        assert proc.stdout is not None
        threading.Thread(target=self._read, args=(proc.stdout,), daemon=True).start()

    def _read(self, out: IO[bytes]) -> None:
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        return
                    if line in (b"\r\n", b"\n"):
                        break
                    name, _, value = line.decode("ascii").partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value.strip())
                assert length is not None
                self.messages.put(json.loads(out.read(length).decode("utf-8")))
        finally:
            self.messages.put(None)

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any] | None) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)
        assert "error" not in reply, reply
        return reply.get("result")

    def wait(self, wanted: Any) -> dict[str, Any]:
        """The next message for which ``wanted`` is true (others are skipped)."""
        deadline = time.monotonic() + WAIT
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                pytest.fail("the server did not answer in time")
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                pytest.fail("the server did not answer in time")
            if message is None:
                pytest.fail("the server closed its output")
            if "method" in message and "id" in message:  # a request from the server
                self.send({"id": message["id"], "result": None})
                continue
            if wanted(message):
                return message

    def diagnostics(self, uri: str, version: int) -> list[dict[str, Any]]:
        message = self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            )
        )
        result: list[dict[str, Any]] = message["params"]["diagnostics"]
        return result


@pytest.fixture
def client() -> Iterator[Client]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker.cli", "server"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        yield Client(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=WAIT)
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def apply(text: str, edits: list[dict[str, Any]]) -> str:
    """Apply LSP text edits (UTF-16 positions) to ``text``, last first."""
    lines = text.split("\n")

    def offset(pos: dict[str, int]) -> int:
        before = sum(len(line) + 1 for line in lines[: pos["line"]])
        line = lines[pos["line"]].encode("utf-16-le")[: 2 * pos["character"]]
        return before + len(line.decode("utf-16-le"))

    ordered = sorted(
        edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"])
    )
    for edit in reversed(ordered):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def start(client: Client, tmp_path: Path, **init: Any) -> None:
    result = client.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": tmp_path.as_uri(),
            "capabilities": {
                "textDocument": {
                    "codeAction": {
                        "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}
                    }
                }
            },
            **init,
        },
    )
    capabilities = result["capabilities"]
    assert capabilities["codeActionProvider"]
    assert result["serverInfo"]["name"] == "rapportkoll"
    client.notify("initialized", {})


def stop(client: Client) -> None:
    assert client.request("shutdown", None) is None
    client.notify("exit", {})
    assert client.proc.wait(timeout=WAIT) == 0


def test_typo_diagnostic_quick_fix_and_clean_again(client: Client, tmp_path: Path) -> None:
    clean = CLEAN.read_text(encoding="utf-8")
    assert "status: Uppfylls helt" in clean
    text = clean.replace("status: Uppfylls helt", "status: Uppfylles helt", 1)
    typo_line = text.split("\n").index(
        next(line for line in text.split("\n") if "Uppfylles helt" in line)
    )
    report = tmp_path / "rapporter" / "vb-2024.yaml"
    report.parent.mkdir()
    report.write_text("# on disk: not what the editor holds\n", encoding="utf-8")
    uri = report.as_uri()
    start(client, tmp_path)

    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )
    (diagnostic,) = client.diagnostics(uri, 1)
    assert diagnostic["code"] == "RK201" and diagnostic["source"] == "rapportkoll"
    assert diagnostic["severity"] == 1  # error
    assert diagnostic["range"]["start"]["line"] == typo_line
    assert 'Statusen "Uppfylles helt" finns inte' in diagnostic["message"]  # Swedish
    assert "Menade du" in diagnostic["data"]["suggestion"]

    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic], "only": ["quickfix"]},
        },
    )
    (action,) = actions
    assert action["kind"] == "quickfix"
    (edit,) = action["edit"]["changes"][uri]
    assert edit["newText"] == "Uppfylls helt"
    assert edit["range"]["start"]["line"] == edit["range"]["end"]["line"] == typo_line
    fixed = apply(text, [edit])
    assert fixed == clean  # only the status changed, byte for byte

    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]},
    )
    assert client.diagnostics(uri, 2) == []
    stop(client)


def test_misspelt_key_in_english(client: Client, tmp_path: Path) -> None:
    clean = CLEAN.read_text(encoding="utf-8")
    text = clean.replace("handläggare:", "handlägare:", 1)
    uri = (tmp_path / "r.yaml").as_uri()
    start(client, tmp_path, initializationOptions={"lang": "en"})
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 7, "text": text}},
    )
    found = client.diagnostics(uri, 7)
    (diagnostic,) = [d for d in found if d["code"] == "RK104"]
    assert diagnostic["message"].startswith('Unknown key "handlägare"')
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]},
        },
    )
    (action,) = actions
    (edit,) = action["edit"]["changes"][uri]
    assert edit["newText"] == "handläggare"
    assert apply(text, [edit]) == clean
    stop(client)


def test_without_pygls_the_command_says_how_to_install(tmp_path: Path) -> None:
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "pygls").mkdir()
    (blocker / "pygls" / "__init__.py").write_text("raise ImportError('no', name='pygls')\n")
    proc = subprocess.run(
        [sys.executable, "-m", "checker.cli", "server"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT,
        env={**os.environ, "PYTHONPATH": str(blocker)},
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 2
    assert "pip install 'rapportkoll[server]'" in proc.stderr
