"""``rapportkoll serve``: the submission desk's options; ``checker.desk`` serves."""

from __future__ import annotations

import argparse

from checker.desk import DEFAULT_HOST, DEFAULT_PORT


def add_arguments(s: argparse.ArgumentParser) -> None:
    s.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"port (standard {DEFAULT_PORT})",
    )
    s.add_argument(
        "--root",
        default=".",
        metavar="DIR",
        help="mappen med rapporterna som går att bläddra i (standard: den aktuella mappen)",
    )
    s.add_argument(
        "--host",
        default=DEFAULT_HOST,
        metavar="ADRESS",
        help=f"adressen som lyssnar (standard {DEFAULT_HOST}: bara den här datorn)",
    )


def run(args: argparse.Namespace) -> int:
    from checker.desk import serve

    return serve(args.root, args.host, args.port)


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"portnumret måste vara ett heltal, fick {text!r}"
        ) from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"portnumret måste vara 1–65535, fick {value}")
    return value
