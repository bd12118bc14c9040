"""Command-line options of `check` and `nightly`, kept apart so `check` imports little."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from checker.nightly import TREND_RUNS

MAX_JOBS = 256
MAX_TREND = 1000


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
TREND = bounded_int(1, MAX_TREND, "antalet körningar i trenden")

DEFAULT_DB = "rapportkoll-historik.sqlite"
DEFAULT_CACHE = ".rapportkoll-cache"
DEFAULT_DASHBOARD = "dashboard.html"


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


def add_nightly_options(p: argparse.ArgumentParser) -> None:
    """The options of ``rapportkoll nightly`` (called from ``cli._parser``)."""
    p.add_argument("tree", metavar="TREE", help="mappen med alla enheters rapporter")
    p.add_argument(
        "--db",
        default=DEFAULT_DB,
        metavar="FILE",
        help=f"historikdatabas, SQLite (standard: {DEFAULT_DB})",
    )
    p.add_argument(
        "--cache-dir",
        default=DEFAULT_CACHE,
        metavar="DIR",
        help=f"cache för oförändrade filer (standard: {DEFAULT_CACHE})",
    )
    p.add_argument(
        "--no-cache", action="store_true", help="använd ingen cache: kontrollera varje fil"
    )
    p.add_argument(
        "--dashboard",
        default=DEFAULT_DASHBOARD,
        metavar="FILE",
        help=f"HTML-översikten som skrivs (standard: {DEFAULT_DASHBOARD})",
    )
    p.add_argument(
        "--findings",
        default=None,
        metavar="FILE",
        help="granskningsrapporten med alla anmärkningar per nämnd och enhet, länkad från"
        " översikten (standard: anmarkningar.html bredvid översikten)",
    )
    p.add_argument(
        "--jobs",
        "-j",
        type=JOBS,
        default=0,
        metavar="N",
        help="antal parallella processer (standard 0 = alla kärnor)",
    )
    add_rule_options(p, "TREE")
    add_roster_options(p)
    p.add_argument(
        "--trend",
        type=TREND,
        default=TREND_RUNS,
        metavar="N",
        help=f"antal körningar i översiktens trenddiagram (standard {TREND_RUNS})",
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


def add_output_options(p: argparse.ArgumentParser) -> None:
    """What ``check`` shows and how it exits, as in ruff: -q, --statistics, --show-*, stdin."""
    p.add_argument(
        "--exit-zero",
        action="store_true",
        help="slutkod 0 även när det finns anmärkningar (2 för fel i användning eller kontroll)",
    )
    p.add_argument(
        "-q",
        "--quiet",
        action="count",
        default=0,
        help="visa bara anmärkningarna, ingen sammanfattning; -qq visar ingenting (bara slutkoden)",
    )
    p.add_argument(
        "--statistics",
        action="store_true",
        help="visa antalet anmärkningar per regel i stället för anmärkningarna",
    )
    p.add_argument(
        "--show-settings",
        action="store_true",
        help="visa inställningarna som gäller och vilken konfigurationsfil de kommer från",
    )
    p.add_argument(
        "--show-files",
        action="store_true",
        help="visa filerna som skulle kontrolleras, utan att kontrollera dem",
    )
    p.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="läs rapporten från standard in och kalla den NAME (i anmärkningar,"
        " för konfigurationen och per-file-ignores)",
    )
