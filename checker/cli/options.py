"""Option groups that several commands share (``check`` and ``nightly``): declared once."""

from __future__ import annotations

import argparse
from collections.abc import Callable

MAX_JOBS = 256


def bounded_int(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse type: an integer from ``low`` to ``high``, with a Swedish message."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip(), 10) if len(text) <= 20 else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{what} ska vara ett heltal från {low} till {high}, inte {text[:40]!r}"
            )
        return value

    parse.__name__ = "heltal"
    return parse


JOBS = bounded_int(0, MAX_JOBS, "antalet processer (0 = alla kärnor)")


LANG_HELP = "språk för meddelanden och hjälp: sv (standard) eller en"


def add_lang_option(p: argparse.ArgumentParser, default: str | None = None) -> None:
    """--lang: the language of messages, output and help (read before parsing, too)."""
    p.add_argument("--lang", choices=["sv", "en"], default=default, help=LANG_HELP)


def add_rule_options(p: argparse.ArgumentParser, where: str) -> None:
    """--lang, --select, --ignore, --config and --no-config; ``where`` names the path argument."""
    add_lang_option(p)
    p.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="CODE",
        help="kör bara dessa regler/familjer (t.ex. RK1, RK201)",
    )
    p.add_argument(
        "--extend-select",
        action="append",
        default=[],
        metavar="CODE",
        help="lägg till regler/familjer till urvalet (--select eller konfigurationens select)",
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
    p.add_argument(
        "--exclude",
        action="append",
        metavar="GLOB",
        help="filer och mappar som genomgången hoppar över, i stället för standard"
        " (.git, .venv, node_modules …) och konfigurationens exclude",
    )
    p.add_argument(
        "--extend-exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="fler filer och mappar att hoppa över, utöver exclude",
    )
    add_rule_file_option(p)


def add_rule_file_option(p: argparse.ArgumentParser) -> None:
    """--rule-file: rule files (or folders) on top of the configuration's rule-files."""
    p.add_argument(
        "--rule-file",
        action="append",
        default=[],
        metavar="FILE",
        help="egna regler i en regelfil (YAML) eller en mapp med regelfiler, utöver"
        " konfigurationens rule-files (kan upprepas); se docs/regler.md",
    )


def add_roster_options(p: argparse.ArgumentParser) -> None:
    """--roster, --roster-from-year and --date: reports due but absent (RK106)."""
    p.add_argument(
        "--roster",
        metavar="FILE",
        help="inlämningslista (YAML) över enheter och de rapporter de ska lämna;"
        " en rapport som saknas efter fristen blir RK106",
    )
    p.add_argument(
        "--roster-from-year",
        type=bounded_int(1900, 2200, "året"),
        metavar="YEAR",
        help="varje enhet som lämnade VP/T1/T2/VB för YEAR ska lämna samma typer året efter",
    )
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="körningens datum för frister (standard: i dag)",
    )
