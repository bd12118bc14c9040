"""``rapportkoll server``: the language server's options; ``checker.lsp`` serves."""

from __future__ import annotations

import argparse


def add_arguments(s: argparse.ArgumentParser) -> None:
    s.add_argument(
        "--stdio",
        action="store_true",
        help="tala LSP över standard in och ut (standard; finns för editorer som skickar det)",
    )


def run(args: argparse.Namespace) -> int:
    from checker.lsp import start

    return start()
