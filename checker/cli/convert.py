"""``rapportkoll import`` and ``rapportkoll render``: their options; ``checker.convert`` converts."""

from __future__ import annotations

import argparse

from checker.convert import RENDER_FORMATS


def add_import(i: argparse.ArgumentParser) -> None:
    i.add_argument("sources", nargs="+", metavar="SOURCE", help=".txt, .md, .pdf eller .docx")
    where = i.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT", help="YAML-filen (en källa)")
    where.add_argument("--out-dir", metavar="DIR", help="mapp för en YAML-fil per källa")
    i.add_argument("--force", action="store_true", help="skriv över en befintlig fil")


def run_import(args: argparse.Namespace) -> int:
    from checker.convert import import_files

    return import_files(args.sources, args.output, args.out_dir, args.force)


def add_render(r: argparse.ArgumentParser) -> None:
    r.add_argument("report", metavar="REPORT", help="rapportfilen (YAML)")
    r.add_argument(
        "--format",
        choices=RENDER_FORMATS,
        help="dokumentets format; standard: efter -o-filens ändelse (.md, .html, .pdf, .docx),"
        " annars pdf",
    )
    r.add_argument("-o", "--output", metavar="OUT", help="filen som skrivs (standard: stdout)")
    r.add_argument("--force", action="store_true", help="skriv över en befintlig fil")


def run_render(args: argparse.Namespace) -> int:
    from checker.convert import render_file

    return render_file(args.report, args.format, args.output, args.force)
