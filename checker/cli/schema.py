"""``rapportkoll schema``: the JSON schema of the report format, the settings or rule files."""

from __future__ import annotations

import argparse
import sys

from checker.cli.common import error
from checker.engine.config import Config


def add_arguments(s: argparse.ArgumentParser) -> None:
    s.add_argument("-o", "--output", metavar="FILE", help="skriv schemat till FILE")
    s.add_argument(
        "--config",
        action="store_true",
        help="schemat för inställningarna ([tool.rapportkoll] eller rapportkoll.toml)",
    )
    s.add_argument(
        "--regler",
        action="store_true",
        help="schemat för regelfiler (egna regler i YAML, se docs/regler.md)",
    )
    s.add_argument(
        "--check",
        action="store_true",
        help="fel om förrådets scheman (schemas/ och paketets kopia) är inaktuella",
    )
    s.add_argument(
        "--update-repo",
        action="store_true",
        help="för utvecklare: skriv om förrådets scheman (schemas/ och paketets kopia)",
    )


def run(args: argparse.Namespace) -> int:
    from checker.read import schema

    if args.check:
        stale = schema.stale(Config.pydantic_model())
        for name in stale:
            error(f"{name} är inaktuellt; kör 'rapportkoll schema --update-repo'")
        return 1 if stale else 0
    if args.update_repo:
        if not (schema.SCHEMA_DIR.parent / "pyproject.toml").is_file():
            error("--update-repo skriver bara i ett utcheckat rapportkoll-förråd")
            return 2
        for path in schema.write(Config.pydantic_model()):
            error(f"skrev {path}")
        return 0
    if args.regler:
        from rules.data_rules.schema import render as rule_file_schema

        text = rule_file_schema()
    else:
        text = (
            schema.render(schema.config_schema(Config.pydantic_model()))
            if args.config
            else schema.shipped_report_schema()
        )
    if args.output is None or args.output == "-":
        sys.stdout.write(text)
        return 0
    from checker.run.output import writable_place

    place = writable_place(args.output)  # the output rule first: the same words everywhere
    refused = schema.refuse_target(args.output)
    if refused is not None or place is not None:
        error(f"kan inte skriva {args.output}: {place}" if place else refused)
        return 2
    from checker.read.safeio import write_atomically

    write_atomically(args.output, text)
    error(f"skrev {args.output}")
    return 0
