"""``rapportkoll nightly``: the options of the nightly run, mapped onto its ``NightlyOptions``."""

from __future__ import annotations

import argparse

from checker.cli.options import JOBS, add_roster_options, add_rule_options, bounded_int
from checker.nightly import TREND_RUNS

MAX_TREND = 1000
TREND = bounded_int(1, MAX_TREND, "antalet körningar i trenden")

DEFAULT_DB = "rapportkoll-historik.sqlite"
DEFAULT_CACHE = ".rapportkoll-cache"
DEFAULT_DASHBOARD = "dashboard.html"


def add_arguments(p: argparse.ArgumentParser) -> None:
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


def run(args: argparse.Namespace) -> int:
    from checker.nightly.runner import NightlyOptions, main

    return main(
        NightlyOptions(
            tree=args.tree,
            db=args.db,
            dashboard=args.dashboard,
            cache_dir=None if args.no_cache else args.cache_dir,
            findings=args.findings,
            jobs=args.jobs,
            trend=args.trend,
            lang=args.lang,
            select=args.select,
            extend_select=args.extend_select,
            ignore=args.ignore,
            config=args.config,
            no_config=args.no_config,
            exclude=args.exclude,
            extend_exclude=args.extend_exclude,
            rule_files=args.rule_file,
            roster=args.roster,
            roster_from_year=args.roster_from_year,
            date=args.date,
        )
    )
