"""What ``check`` shows instead of its findings: --show-settings, --show-files, --statistics."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import TYPE_CHECKING

from checker.engine.config import Config
from checker.engine.core import Engine
from checker.findings import Severity
from checker.outputs.terminal import visible
from checker.results import Result
from checker.rule import unverified_lines
from checker.swedish import count

if TYPE_CHECKING:
    from checker.run.files import Walk

STATISTICS_FORMATS = ("text", "json")

_HEADS = {
    "sv": ("Antal", "Kod", "Allvar", "Rättbar", "Regel"),
    "en": ("Count", "Code", "Severity", "Fixable", "Rule"),
}
_WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "config": "Konfigurationsfil",
        "no_config": "ingen (standardinställningar)",
        "lang": "Språk (lang)",
        "select": "Urval (select)",
        "all": "alla regler",
        "ignore": "Hoppas över (ignore)",
        "none": "inga",
        "severity": "Ändrad allvarlighetsgrad (severity)",
        "per_file": "Per fil (per-file-ignores)",
        "fail_on": "Slutkod 1 från (fail-on)",
        "jobs": "Processer (jobs)",
        "data": "Egen referensdata (reference-data)",
        "rule_files": "Regelfiler (rule-files)",
        "rules": "Regler som körs",
        "of": "av",
        "total": "Totalt",
        "in": "i",
        "no_findings": "Inga anmärkningar.",
        "stats_format": "--statistics går med --format text eller json, inte {fmt}",
    },
    "en": {
        "config": "Configuration file",
        "no_config": "none (defaults)",
        "lang": "Language (lang)",
        "select": "Selected (select)",
        "all": "all rules",
        "ignore": "Ignored (ignore)",
        "none": "none",
        "severity": "Changed severity (severity)",
        "per_file": "Per file (per-file-ignores)",
        "fail_on": "Exit code 1 from (fail-on)",
        "jobs": "Processes (jobs)",
        "data": "Own reference data (reference-data)",
        "rule_files": "Rule files (rule-files)",
        "rules": "Rules that run",
        "of": "of",
        "total": "Total",
        "in": "in",
        "no_findings": "No findings.",
        "stats_format": "--statistics takes --format text or json, not {fmt}",
    },
}


def statistics_problem(args: argparse.Namespace) -> str | None:
    """Why --statistics cannot be shown in the format asked for (Swedish), or None."""
    if args.statistics and args.format not in STATISTICS_FORMATS:
        return _WORDS["sv"]["stats_format"].format(fmt=args.format)
    return None


def show_settings(engine: Engine, config: Config, lang: str, jobs: int) -> str:
    """The settings in force and where they come from, one per line."""
    w = _WORDS["en" if lang == "en" else "sv"]
    s = engine.settings
    running = [r.code for r in engine.sorted_rules() if s.enabled(r.code)]
    rows = [
        (w["config"], config.source or w["no_config"]),
        (w["lang"], lang),
        (w["select"], ", ".join(s.select) or w["all"]),
        (w["ignore"], ", ".join(s.ignore) or w["none"]),
        (
            w["severity"],
            ", ".join(f"{k} = {v.value}" for k, v in sorted(s.severity.items())) or w["none"],
        ),
        (
            w["per_file"],
            "; ".join(f'"{k}" = {", ".join(v)}' for k, v in sorted(s.per_file_ignores.items()))
            or w["none"],
        ),
        (w["fail_on"], s.fail_on.value),
        (w["jobs"], str(jobs)),
        (w["data"], ", ".join(s.data_dirs) or w["none"]),
        (w["rule_files"], ", ".join(s.rule_files) or w["none"]),
        (
            w["rules"],
            f"{len(running)} {w['of']} {len(engine.sorted_rules())}: {', '.join(running)}",
        ),
    ]
    width = max(len(label) for label, _ in rows)
    return "".join(f"{label + ':':<{width + 1}} {visible(value)}\n" for label, value in rows)


def show_files(
    paths: list[str], exports: bool, stdin_name: str | None, walk: Walk, lang: str = "sv"
) -> str:
    """The files a run would check, one per line, then those the walk skipped, with why."""
    if stdin_name is not None:
        return visible(stdin_name) + "\n"
    from checker.run.files import walked

    checked, skipped = walked(paths, exports, walk)
    out = "".join(visible(c.display) + "\n" for c in checked)
    if skipped:
        out += ("\nHoppade över:\n" if lang != "en" else "\nSkipped:\n") + "".join(
            f"  {visible(name)}: {why.get(lang)}\n" for name, why in skipped
        )
    return out


def statistics(result: Result, engine: Engine, fmt: str, lang: str) -> str:
    """Findings counted per rule, most first, as ``ruff check --statistics``: with the
    severity and whether ``--fix`` mends them ([*] safe fixes, [-] only with --unsafe-fixes)."""
    w = _WORDS["en" if lang == "en" else "sv"]
    counts: Counter[str] = Counter()
    severities: dict[str, set[Severity]] = {}
    safe: Counter[str] = Counter()
    unsafe: Counter[str] = Counter()
    for f in result.findings:
        counts[f.code] += 1
        severities.setdefault(f.code, set()).add(f.severity)
        if f.fix is not None:
            (safe if f.fix.safe else unsafe)[f.code] += 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def name(code: str, shown: bool = False) -> str:
        """The English name (the data's interface), or for a person the output language's."""
        rule = engine.rules.get(code)
        if rule is None:
            return ""
        return rule.title(lang) if shown else rule.name

    def severity(code: str, in_lang: str) -> list[str]:
        return [s.label(in_lang) for s in sorted(severities.get(code, ()), key=lambda s: -s.rank)]

    unverified = unverified_lines(result.unverified, lang)
    if fmt == "json":
        data: list[dict[str, object]] = [
            {
                "code": code,
                "name": name(code),
                "count": n,
                "severities": severity(code, "en"),
                "fixable": safe[code],
                "unsafe_fixable": unsafe[code],
            }
            for code, n in rows
        ]
        for code, n in sorted(result.unverified.items()):
            row = next((d for d in data if d["code"] == code), None)
            if row is None:
                row = {"code": code, "name": name(code), "count": 0}
                data.append(row)
            row["unverified"] = n  # things the rule could not check: not findings
        import json  # here: only --statistics in JSON asks

        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if not rows:
        return "\n".join([w["no_findings"], *unverified]) + "\n"
    heads = _HEADS["en" if lang == "en" else "sv"]
    table = [
        (
            str(n),
            visible(code),
            "/".join(severity(code, lang)),
            "[*]" if safe[code] else "[-]" if unsafe[code] else "",
            name(code, shown=True),
        )
        for code, n in rows
    ]
    widths = [max(len(heads[i]), *(len(row[i]) for row in table)) for i in range(4)]

    def line(cells: tuple[str, ...]) -> str:
        first = f"{cells[0]:>{widths[0]}}"
        middle = "  ".join(f"{c:<{widths[i + 1]}}" for i, c in enumerate(cells[1:4]))
        return f"{first}  {middle}  {cells[4]}"

    lines = [line(heads), *(line(row) for row in table)]
    files = len({f.file for f in result.findings})
    lines.append(
        f"{w['total']} {count(len(result.findings), 'anmärkning', lang)}"
        f" {w['in']} {count(files, 'fil', lang)}."
    )
    return "\n".join([*lines, *unverified]) + "\n"
