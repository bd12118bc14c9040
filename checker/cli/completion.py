"""Shell completion: ``rapportkoll completion bash|zsh|fish`` prints a script.

The scripts are written from the parser itself (``checker.cli.make_parser``), so
every command, option and choice is completed as declared; rule codes and
families are offered for --select, --ignore, --extend-select and ``rule``.
Nothing runs at completion time: the script is static, so a Tab press costs
no Python start-up. Descriptions are in the language of ``--lang``.
"""

from __future__ import annotations

import argparse

from checker.cli.language import build

SHELLS = ("bash", "zsh", "fish")
# The scripts themselves are written by checker.cli.shells, imported only by this
# command: its dataclasses cost ≈ 2 ms of every start-up of the command line.


def add_arguments(c: argparse.ArgumentParser) -> None:
    c.add_argument("shell", choices=SHELLS, help="skalet: bash, zsh eller fish")


def run(args: argparse.Namespace) -> int:
    from checker.cli import make_parser
    from checker.cli.shells import script
    from checker.engine.config import families
    from checker.engine.core import Engine

    known = Engine().rules
    codes = sorted(c for c in families(known) if len(c) == 3 or c in known)
    parser = build(make_parser, args.lang or "sv")
    print(script(args.shell, parser, codes), end="")
    return 0
