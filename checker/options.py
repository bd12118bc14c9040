"""Command-line options that `check` and `nightly` share."""

from __future__ import annotations

import argparse


def add_rule_options(p: argparse.ArgumentParser, where: str) -> None:
    """--lang, --select, --ignore, --config and --no-config; ``where`` names the path argument."""
    p.add_argument("--lang", choices=["sv", "en"], default=None)
    p.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="CODE",
        help="kör bara dessa regler/familjer (t.ex. RK1, RK201)",
    )
    p.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODE",
        help="hoppa över dessa regler/familjer",
    )
    p.add_argument(
        "--config",
        metavar="FILE",
        help="konfigurationsfil (standard: närmaste rapportkoll.toml eller"
        f" pyproject.toml med [tool.rapportkoll] uppåt från {where})",
    )
    p.add_argument("--no-config", action="store_true", help="läs ingen konfiguration")
