"""``rapportkoll server``: the checker as a language server (LSP over stdio).

Diagnostics for every rule as the author types, in Swedish (English when the
client's locale or the ``lang`` initialisation option says ``en``), and quick
fixes where the fix is certain. pygls is imported only when the server starts,
so ``pip install rapportkoll`` and ``rapportkoll check`` do without it.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

INSTALL_HINT = (
    "rapportkoll: språkservern behöver paketet pygls, som inte är installerat.\n"
    "Installera det med:  pip install 'rapportkoll[server]'\n"
    "(eller i ett utcheckat förråd:  .venv/bin/pip install -e '.[server]')"
)


def add_server_command(sub: Any) -> None:
    """The ``server`` subcommand (``sub`` is argparse's subparsers)."""
    s = sub.add_parser(
        "server",
        help="språkserver (LSP) för editorer: anmärkningar medan du skriver, snabbfixar",
        description="Startar rapportkolls språkserver. Editorn startar den och talar LSP"
        " över standard in och ut; se docs/editor.md för VS Code och Neovim.",
    )
    s.add_argument(
        "--stdio",
        action="store_true",
        help="tala LSP över standard in och ut (standard; finns för editorer som skickar det)",
    )


def run_server(args: argparse.Namespace) -> int:
    try:
        from checker.lsp.protocol import serve
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol", "cattrs", "attrs"):
            raise
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    return serve()
