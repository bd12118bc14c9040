"""``rapportkoll regler test FIL …``: run the examples of the rules in rule files."""

from __future__ import annotations

import argparse
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    cmd = p.add_subparsers(dest="regler_command", required=True, metavar="KOMMANDO")
    t = cmd.add_parser(
        "test",
        help="kör varje regels exempel: fel ska ge anmärkning, rätt ingen",
        description="Kör exemplen i regelfilerna FILE: exemplet fel ska ge minst en anmärkning"
        " av sin regel, exemplet rätt ingen. Slutkod 0: alla exempel stämmer, 1: något"
        " stämmer inte, 2: en regelfil går inte att läsa.",
    )
    t.add_argument(
        "files", nargs="+", metavar="FILE", help="regelfiler eller mappar med regelfiler"
    )


def run(args: argparse.Namespace) -> int:
    """``regler test``; a broken rule file raises ``RuleFileError`` (exit 2 in cli.main)."""
    from checker.cli.rule_examples import report, run_examples

    text, code = report(run_examples(args.files))
    sys.stdout.write(text)
    return code
