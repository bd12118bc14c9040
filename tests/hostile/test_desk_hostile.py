"""The desk (``rapportkoll serve``) against hostile uploads, requests and names.

The real server on a free localhost port, started as users start it, with a
small import budget. A document that hangs its reader is stopped and reported
(RK105) while a following good upload is answered at once; SIGTERM stops the
desk at once even while a check hangs, and its uploads are deleted; aborted
and malformed uploads and a failing PDF download get Swedish answers, never
a traceback in the log; every report the tree lists can be opened.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from checker.budget import ENV_MEMORY, ENV_SECONDS, IMPORT_WALL_STRETCH
from tests.test_formats import planted
from tests.test_serve import Server, multipart, running_desk

from . import documents as d
from .conftest import CLEAN, snapshot

TOO_COMPLEX = "för stort eller för komplext att läsa"
HANG = 60  # seconds after which a request that has not been answered hangs


@contextmanager
def desk(
    root: Path, work: Path, seconds: float
) -> Iterator[tuple[Server, subprocess.Popen[bytes]]]:
    """The desk over ``root`` with an import budget of ``seconds``; stopped at the end."""
    budget = {ENV_SECONDS: str(seconds), ENV_MEMORY: "256"}
    with running_desk(root, work, budget) as both:
        yield both


def get(port: int, path: str) -> tuple[int, str, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HANG)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        conn.close()


def post(server: Server, files: list[tuple[str, bytes]]) -> tuple[int, str]:
    content_type, body = multipart(files)
    return post_raw(server, body, content_type)


def post_raw(server: Server, body: bytes, content_type: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=HANG)
    try:
        conn.request(
            "POST",
            "/granska",
            body=body,
            headers={"Content-Type": content_type, "Origin": server.url},
        )
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        conn.close()


def problem(page: str) -> str:
    found = re.search(r'class="problem"[^>]*>(.*?)</p>', page, re.S)
    return found.group(1) if found else ""


def uploads(server: Server) -> list[str]:
    return sorted(p.name for p in server.tmpdir.iterdir() if p.name.startswith("rapportkoll-"))


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != b"Z":
            found.append(int(entry))
    return found


def running(command_part: str) -> list[int]:
    """Live processes whose command line contains ``command_part``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                line = handle.read().replace(b"\0", b" ").decode("utf-8", "replace")
            with open(f"/proc/{entry}/stat", "rb") as handle:
                state = handle.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if command_part in line and state != b"Z":
            found.append(int(entry))
    return found


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def clean_log(server: Server) -> str:
    text = server.log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text and "Exception" not in text, text
    return text


needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")

HANGING: dict[str, Callable[[], bytes]] = {
    "sidtradet.pdf": lambda: d.pdf_self_reference("pages"),
    "paret.pdf": lambda: d.pdf_self_reference("pair"),
    "typsnittet.pdf": lambda: d.pdf_self_reference("font"),
}


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("desk") / "rapporter"
    (root / "enhet").mkdir(parents=True)
    (root / "enhet" / "vb-2024.yaml").write_bytes(CLEAN.read_bytes())
    return root


@pytest.fixture(scope="module")
def served(
    tree: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, subprocess.Popen[bytes]]]:
    with desk(tree, tmp_path_factory.mktemp("desk-server"), seconds=2) as both:
        yield both


@pytest.fixture
def server(served: tuple[Server, subprocess.Popen[bytes]]) -> Server:
    return served[0]


@needs_proc
@pytest.mark.parametrize("name", sorted(HANGING))
def test_a_hanging_upload_never_blocks_the_next(
    served: tuple[Server, subprocess.Popen[bytes]], name: str
) -> None:
    server, proc = served
    answers: dict[str, tuple[int, str, float]] = {}

    def hostile() -> None:
        started = time.monotonic()
        status, page = post(server, [(name, HANGING[name]())])
        answers["hostile"] = (status, page, time.monotonic() - started)

    desk_pid = proc.pid
    before = set(children(desk_pid))
    thread = threading.Thread(target=hostile)
    thread.start()
    try:
        assert wait_for(lambda: bool(set(children(desk_pid)) - before)), "no worker started"
        started = time.monotonic()
        status, page = post(server, [("plan.yaml", planted().encode())])
        took = time.monotonic() - started
        assert status == 200 and "RK203" in page, page[:500]
        assert thread.is_alive(), "the hanging upload ended before the good one was answered"
        assert took < 15, took
    finally:
        thread.join(HANG)
    assert not thread.is_alive(), "the hanging upload was never answered"
    status, page, took = answers["hostile"]
    assert status == 200, page[:1000]
    assert "RK105" in page and TOO_COMPLEX in page and "mer än 2 sekunder" in page
    assert took < 2 * IMPORT_WALL_STRETCH + 10
    assert wait_for(lambda: uploads(server) == [], 10), uploads(server)
    clean_log(server)


@needs_proc
@pytest.mark.parametrize("name", ["innehallet.pdf", "paret.pdf"])
def test_sigterm_stops_the_desk_while_a_check_hangs(tmp_path: Path, tree: Path, name: str) -> None:
    document = d.pdf_self_reference("contents" if name == "innehallet.pdf" else "pair")
    with desk(tree, tmp_path, seconds=120) as (server, proc):
        answers: dict[str, object] = {}

        def hostile() -> None:
            try:
                answers["answer"] = post(
                    server, [(name, document), ("plan.yaml", planted().encode())]
                )
            except (OSError, http.client.HTTPException) as exc:  # the desk went away: also fine
                answers["answer"] = exc

        thread = threading.Thread(target=hostile)
        thread.start()
        assert wait_for(lambda: uploads(server) != [] and children(proc.pid) != []), "no check"
        time.sleep(0.5)  # the check is now inside the hanging import
        assert thread.is_alive()
        stopped = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
        took = time.monotonic() - stopped
        thread.join(HANG)
        assert took < 15, f"the desk took {took:.1f} s to stop"
        assert uploads(server) == [], "an upload was left behind"
        assert running(f"serve --port {server.port} ") == [], "a worker outlived the desk"
        answer = answers["answer"]
        if isinstance(answer, tuple):
            status, page = answer
            assert status == 503 and "stoppades eftersom inlämningsdisken stängs" in page
        clean_log(server)


MALFORMED: dict[str, tuple[bytes, str, str]] = {
    # name: (body, content type, what the answer says)
    "header without colon": (
        b'--XyZ\r\nContent-Disposition form-data; name="f"; filename="a.yaml"\r\n\r\nx\r\n--XyZ--\r\n',
        "multipart/form-data; boundary=XyZ",
        "felaktigt formulärinnehåll",
    ),
    "nul in header name": (
        b'--XyZ\r\nCont\x00ent-Disposition: form-data; filename="a.yaml"\r\n\r\nx\r\n--XyZ--\r\n',
        "multipart/form-data; boundary=XyZ",
        "felaktigt formulärinnehåll",
    ),
    "bare line feeds": (
        b'--XyZ\nContent-Disposition: form-data; name="f"; filename="a.yaml"\n\nx\n--XyZ--\n',
        "multipart/form-data; boundary=XyZ",
        "felaktigt formulärinnehåll",
    ),
    "a header of 200 KB": (
        b"--XyZ\r\nX-A: " + b"a" * 200_000 + b'\r\nContent-Disposition: form-data; name="f";'
        b' filename="a.yaml"\r\n\r\nx\r\n--XyZ--\r\n',
        "multipart/form-data; boundary=XyZ",
        "felaktigt formulärinnehåll",
    ),
    "body cut off in a file": (
        b'--XyZ\r\nContent-Disposition: form-data; name="f"; filename="a.yaml"\r\n\r\nrapport:',
        "multipart/form-data; boundary=XyZ",
        "tog slut för tidigt",
    ),
    "not multipart at all": (b"\xff\xfe\x00", "multipart/form-data; boundary=XyZ", "felaktigt"),
    "empty boundary": (b"--\r\n", 'multipart/form-data; boundary=""', "formuläret"),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_uploads_get_a_swedish_answer(server: Server, name: str) -> None:
    body, content_type, says = MALFORMED[name]
    status, page = post_raw(server, body, content_type)
    assert status == 400, page[:500]
    assert says in problem(page), problem(page)
    assert '<html lang="sv">' in page
    assert wait_for(lambda: uploads(server) == [], 10)
    clean_log(server)


@pytest.mark.parametrize("sent", [0, 10, 5000])
def test_an_aborted_upload_leaves_nothing_and_no_traceback(server: Server, sent: int) -> None:
    head = b'--XyZ\r\nContent-Disposition: form-data; name="f"; filename="a.yaml"\r\n\r\n'
    with socket.create_connection(("127.0.0.1", server.port), timeout=HANG) as conn:
        conn.sendall(
            b"POST /granska HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nOrigin: %s\r\n"
            b"Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: 1000000\r\n\r\n"
            % (server.port, server.url.encode())
            + (head + b"a" * sent if sent else b"")
        )
        time.sleep(0.2)  # the desk is reading the body when the sender goes away
    assert wait_for(lambda: uploads(server) == [], 10), uploads(server)
    assert get(server.port, "/")[0] == 200, "the desk stopped answering"
    log = clean_log(server)
    assert "internt fel" not in log, log


UNSERVABLE = ["back\\slash.yaml", "C:enhet.yaml", "inte-utf8-\udcff.yaml"]


@pytest.fixture(scope="module")
def odd_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("odd") / "rapporter"
    (root / "vanlig").mkdir(parents=True)
    (root / "vanlig" / "vb-2024.yaml").write_bytes(CLEAN.read_bytes())
    for name in UNSERVABLE:
        path = os.path.join(os.fsencode(root), os.fsencode(name))
        with open(path, "wb") as handle:
            handle.write(CLEAN.read_bytes())
    # values the reader accepts and the renderer may not: a plain "=" and "<<"
    text = CLEAN.read_text(encoding="utf-8")
    (root / "vanlig" / "likhet.yaml").write_text(
        re.sub(r"(?m)^(\s+)analys: .*$", r"\1analys: =", text, count=1).replace(
            "Uppfylls helt", "<<", 1
        ),
        encoding="utf-8",
    )
    return root


def test_every_report_listed_can_be_opened(odd_tree: Path, tmp_path: Path) -> None:
    before = snapshot(odd_tree)
    with desk(odd_tree, tmp_path, seconds=4) as (server, _):
        status, _, body = get(server.port, "/rapporter")
        page = body.decode("utf-8")
        assert status == 200, page[:500]
        units = sorted(set(re.findall(r'href="(/enhet/[0-9a-f]+)"', page)))
        assert units
        downloads = []
        for unit in units:
            status, _, body = get(server.port, unit)
            assert status == 200, unit
            downloads += re.findall(r'href="(/(?:yaml|sarif)/[^"]+)"', body.decode("utf-8"))
        assert len(downloads) == 4, downloads  # vb-2024 and likhet, YAML and SARIF each
        for link in downloads:
            assert get(server.port, link)[0] == 200, link
        section = page[page.index("Visas inte här") :]
        assert "3 rapporter" in section
        for shown in ("back\\slash.yaml", "C:enhet.yaml", "inte-utf8-\ufffd.yaml"):
            assert shown in section, shown
        status, _, body = get(server.port, "/rapporter/granskning")
        assert status == 200
        clean_log(server)
    assert snapshot(odd_tree) == before


def test_a_pdf_download_that_cannot_be_rendered_gets_a_swedish_page(
    odd_tree: Path, tmp_path: Path
) -> None:
    pytest.importorskip("weasyprint")
    before = snapshot(odd_tree)
    with desk(odd_tree, tmp_path, seconds=4) as (server, _):
        status, content_type, body = get(server.port, "/pdf/vanlig/likhet.yaml")
        if status == 200:  # the renderer reads these values as the checker does
            assert content_type == "application/pdf" and body.startswith(b"%PDF-")
        else:
            page = body.decode("utf-8")
            assert status == 500 and content_type.startswith("text/html"), (status, page[:300])
            assert "kunde inte skrivas som PDF" in problem(page), problem(page)
        status, content_type, body = get(server.port, "/pdf/vanlig/vb-2024.yaml")
        assert status == 200 and body.startswith(b"%PDF-")
        log = clean_log(server)
        assert "internt fel" not in log
    assert snapshot(odd_tree) == before
