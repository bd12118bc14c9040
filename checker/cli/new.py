"""``rapportkoll new``: its options, with the year and names checked as they are parsed."""

from __future__ import annotations

import argparse

from checker.scaffold.cycle import TYPES


def add_arguments(n: argparse.ArgumentParser) -> None:
    n.add_argument("--typ", required=True, choices=TYPES, help="rapporttyp")
    n.add_argument(
        "--år", "--ar", dest="year", required=True, type=_year, metavar="YEAR", help="verksamhetsår"
    )
    n.add_argument("--enhet", required=True, type=_name, metavar="NAME", help="enhetens namn")
    n.add_argument(
        "--nämnd", "--namnd", dest="committee", type=_name, metavar="NAME", help="nämndens namn"
    )
    n.add_argument(
        "--från",
        "--fran",
        dest="source",
        metavar="FILE",
        help="årets föregående rapport (VP för en T1, T1 för en T2, T2 för en VB)",
    )
    n.add_argument("-o", "--output", metavar="FILE", help="filen som skrivs (standard: stdout)")
    n.add_argument("--force", action="store_true", help="skriv över en befintlig fil")


def _year(text: str) -> int:
    from checker.read.model import MAX_YEAR, MIN_YEAR  # `new` only: the model imports pydantic

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"året måste vara ett heltal, fick {text!r}") from None
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise argparse.ArgumentTypeError(f"året måste vara {MIN_YEAR}–{MAX_YEAR}, fick {value}")
    return value


def run(args: argparse.Namespace) -> int:
    from checker.scaffold import new_report

    return new_report(
        args.typ, args.year, args.enhet, args.committee, args.source, args.output, args.force
    )


def _name(text: str) -> str:
    """A unit's or committee's name: written into the report and its first comment, so no
    control, direction or invisible character (a line break is a space)."""
    from checker.scaffold import hidden_character

    why = hidden_character(text)
    if why:
        raise argparse.ArgumentTypeError(f"namnet innehåller {why}; skriv namnet utan det")
    return text
