"""``rapportkoll import`` and ``rapportkoll render``: their options; ``checker.convert`` converts."""

from __future__ import annotations

import argparse
from typing import Any

from checker.convert import RENDER_FORMATS


def add_import(sub: Any, name: str) -> None:
    i = sub.add_parser(
        name,
        help="importera stadens exporter (text, PDF, Word) till rapportformatet i YAML",
        description="Läser exporter ur stadens system och skriver rapporten som YAML. Inget"
        " rättas: värden kommer igenom exakt som de står, och text som inte kunde placeras"
        " hamnar under ej_placerat.",
    )
    i.add_argument("sources", nargs="+", metavar="SOURCE", help=".txt, .md, .pdf eller .docx")
    where = i.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT", help="YAML-filen (en källa)")
    where.add_argument("--out-dir", metavar="DIR", help="mapp för en YAML-fil per källa")
    i.add_argument("--force", action="store_true", help="skriv över en befintlig fil")


def run_import(args: argparse.Namespace) -> int:
    from checker.convert import import_files

    return import_files(args.sources, args.output, args.out_dir, args.force)


def add_render(sub: Any, name: str) -> None:
    r = sub.add_parser(
        name,
        help="skriv en rapport som stadens dokument: md, html, pdf eller docx",
        description="Skriver rapporten med samma rubriker och ordning som stadens exporter."
        " Värden visas exakt som de står i YAML-filen.",
    )
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
