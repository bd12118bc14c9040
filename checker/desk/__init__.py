"""``rapportkoll serve``: the submission desk, a small local web application.

Quality staff who do not use a terminal drop reports (YAML, or the city's
exports) in the browser and see the findings page, and browse the nightly
tree by committee (nämnd) and unit. The application is Starlette served by
uvicorn (the ``serve`` extra); this module imports them only when the command
runs, so ``rapportkoll check`` never loads them.

Security (docs/serve.md): it listens on 127.0.0.1 unless told otherwise (and
then warns), serves only report files under ``--root``, never runs or keeps
what is uploaded, and every page has a strict Content-Security-Policy.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from checker.desk.hosts import is_loopback
from checker.outputs.terminal import visible

DEFAULT_PORT = 8000
# Seconds the desk waits, once stopped, for requests still being answered (an upload
# still streaming in); running checks are stopped at once.
SHUTDOWN_SECONDS = 5
DEFAULT_HOST = "127.0.0.1"
# What `rapportkoll serve` imports when it starts (the `serve` extra).
NEEDS = ("starlette", "uvicorn", "python_multipart")


def _say(message: object) -> None:
    print(f"rapportkoll: {visible(message)}", file=sys.stderr)


def missing_extra() -> str | None:
    """The first module of the ``serve`` extra that cannot be imported, or None."""
    import importlib.util

    for name in NEEDS:
        if importlib.util.find_spec(name) is None:
            return name
    return None


def _port_busy(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (in Swedish), or None."""
    import errno
    import socket

    from checker.read.safeio import os_error

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        return "adressen finns inte på den här datorn"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return "porten används redan"
            return os_error(exc).sv.lower()
    return None


def serve(root: str = ".", host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> int:
    """``serve``: the desk on ``host:port`` for the reports under ``root``; the exit code."""
    missing = missing_extra()
    if missing is not None:
        _say(
            f"inlämningsdisken kräver tillägget serve ({missing} saknas). Installera det med"
            " pip install 'rapportkoll[serve]' och starta sedan igen."
        )
        return 2
    given, root = root, os.path.abspath(root)
    if not os.path.isdir(root):
        _say(f"--root: {given} är ingen mapp")
        return 2
    if not is_loopback(host):
        _say(
            f"varning: --host {host} är ingen loopback-adress. Alla som når den här datorn över"
            " nätverket kan då läsa rapporterna under"
            f" {root} och lämna in filer. Använd det bara i ett nät du litar på; standard är"
            f" {DEFAULT_HOST}."
        )
    busy = _port_busy(host, port)
    if busy is not None:
        _say(f"kan inte lyssna på {host} port {port}: {busy}. Välj en annan med --port N.")
        return 2
    import uvicorn

    from checker.budget import stop_all
    from checker.desk.app import create_app

    class Desk(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            # Checks still running stop now: their requests answer at once, their uploads
            # are deleted, and the desk does not wait for a check that hangs.
            stop_all()
            super().handle_exit(sig, frame)

    app = create_app(root, host)
    shown = f"[{host}]" if ":" in host else host
    _say(
        f"inlämningsdisken är öppen på http://{shown}:{port}/ (rapporterna i {root});"
        " avsluta med Ctrl-C"
    )
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=SHUTDOWN_SECONDS,
    )
    Desk(config).run()
    return 0
