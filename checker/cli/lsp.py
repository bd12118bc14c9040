"""``rapportkoll server``: the language server's options; ``checker.lsp`` serves."""

from __future__ import annotations

import argparse
from typing import Any


def add_arguments(sub: Any, name: str) -> None:
    s = sub.add_parser(
        name,
        help="språkserver (LSP) för editorer: anmärkningar medan du skriver, snabbfixar",
        description="Startar rapportkolls språkserver. Editorn startar den och talar LSP"
        " över standard in och ut; se docs/editor.md för VS Code och Neovim.",
    )
    s.add_argument(
        "--stdio",
        action="store_true",
        help="tala LSP över standard in och ut (standard; finns för editorer som skickar det)",
    )


def run(args: argparse.Namespace) -> int:
    from checker.lsp import start

    return start()
