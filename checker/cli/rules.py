"""``rapportkoll rules`` lists every rule; ``rapportkoll rule CODE`` explains one."""

from __future__ import annotations

import argparse
import json
import sys

from checker.cli.common import error, say
from checker.cli.options import add_lang_option, add_rule_file_option
from checker.engine.config import find as config_find
from checker.engine.core import Engine, rule_lookup
from checker.engine.settings import build
from checker.rule import Rule


def add_rules(r: argparse.ArgumentParser) -> None:
    add_lang_option(r, default="sv")
    r.add_argument(
        "--format", choices=["text", "json"], default="text", help="utdataformat (standard: text)"
    )
    add_rule_file_option(r)


def add_rule(one: argparse.ArgumentParser) -> None:
    one.add_argument("code", help="regelkod eller namn, t.ex. RK101 eller missing-section")
    add_lang_option(one, default="sv")
    add_rule_file_option(one)


def _catalogue(args: argparse.Namespace) -> Engine:
    """Every rule: the built-in ones, installed packs and the rule files of the configuration
    found from here and of --rule-file."""
    if not args.rule_file and config_find(".") is None:
        return Engine()
    return Engine(build(["."], rule_files=args.rule_file)[0])


def run_rules(args: argparse.Namespace) -> int:
    engine = _catalogue(args)
    rules = engine.sorted_rules()
    if args.format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "name_sv": r.name_sv or r.name,
                "severity": r.severity.value,
                "summary": r.doc.what.get(args.lang),
                "plugin": engine.rule_owner.get(r.code),
            }
            for r in rules
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    # Both names, the output language's first: the Swedish one that Swedish output shows,
    # and the English one that configuration, suppressions and the formats' "name" use.
    names = [
        (r.title(args.lang), r.name_sv or r.name if args.lang == "en" else r.name) for r in rules
    ]
    first = max((len(a) for a, _ in names), default=0)
    second = max((len(b) for _, b in names), default=0)
    for r, (a, b) in zip(rules, names, strict=True):
        print(
            f"{r.code}  {a:<{first}}  {b:<{second}}"
            f"  {r.severity.label(args.lang):<8} {r.doc.what.get(args.lang)}"
        )
    return 0


def explain(r: Rule, lang: str) -> str:
    sv = lang == "sv"
    parts = [
        f"{r.code} {r.title(lang)} ({r.severity.label(lang)})"
        + (
            f"\n{'Engelskt namn' if sv else 'Swedish name'}: {r.name if sv else r.name_sv}"
            if r.name_sv
            else ""
        ),
        "",
        ("Vad regeln kontrollerar" if sv else "What it checks") + ":",
        "  " + r.doc.what.get(lang),
        "",
        ("Varför det spelar roll" if sv else "Why it matters") + ":",
        "  " + r.doc.why.get(lang),
    ]
    if r.doc.decisions is not None:
        parts += [
            "",
            ("Beslut i gränsfall" if sv else "Decisions") + ":",
            "  " + r.doc.decisions.get(lang),
        ]
    if r.doc.fix is not None:
        parts += ["", ("Rättning" if sv else "Fix") + ":", "  " + r.doc.fix.get(lang)]
    if r.doc.failing:
        parts += ["", ("Exempel som ger anmärkning" if sv else "Failing example") + ":", ""]
        parts += ["    " + ln for ln in r.doc.failing.rstrip().splitlines()]
    if r.doc.passing:
        parts += ["", ("Exempel utan anmärkning" if sv else "Passing example") + ":", ""]
        parts += ["    " + ln for ln in r.doc.passing.rstrip().splitlines()]
    return "\n".join(parts) + "\n"


def run_rule(args: argparse.Namespace) -> int:
    engine = _catalogue(args)
    r = rule_lookup(engine, args.code)
    if r is None:
        from checker.engine.config import closest

        near = closest(args.code.upper(), engine.rules)
        error(
            say(
                f"okänd regel {args.code}"
                + (f"; menade du {near}?" if near else "; se 'rapportkoll rules'"),
                f"unknown rule {args.code}"
                + (f"; did you mean {near}?" if near else "; see 'rapportkoll rules'"),
            )
        )
        return 2
    sys.stdout.write(explain(r, args.lang))
    return 0
