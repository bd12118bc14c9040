"""What ``check`` shows instead of its findings: --show-settings, --show-files, --statistics."""

from __future__ import annotations

import argparse
import json
from collections import Counter

from checker.engine.config import Config
from checker.engine.core import Engine
from checker.report.terminal import visible
from checker.results import Result
from checker.rule import unverified_lines
from checker.swedish import count

STATISTICS_FORMATS = ("text", "json")

_HEADS = {"sv": ("Antal", "Kod", "Regel"), "en": ("Count", "Code", "Rule")}
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
        (
            w["rules"],
            f"{len(running)} {w['of']} {len(engine.sorted_rules())}: {', '.join(running)}",
        ),
    ]
    width = max(len(label) for label, _ in rows)
    return "".join(f"{label + ':':<{width + 1}} {visible(value)}\n" for label, value in rows)


def show_files(paths: list[str], exports: bool, stdin_name: str | None) -> str:
    """The files a run would check, one per line, after discovery and exclusion."""
    if stdin_name is not None:
        return visible(stdin_name) + "\n"
    from checker.run.files import candidates

    return "".join(visible(c.display) + "\n" for c in candidates(paths, exports))


def statistics(result: Result, engine: Engine, fmt: str, lang: str) -> str:
    """Findings counted per rule, most first: as ``ruff check --statistics``."""
    w = _WORDS["en" if lang == "en" else "sv"]
    counts = Counter(f.code for f in result.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def name(code: str, shown: bool = False) -> str:
        """The English name (the data's interface), or for a person the output language's."""
        rule = engine.rules.get(code)
        if rule is None:
            return ""
        return rule.title(lang) if shown else rule.name

    unverified = unverified_lines(result.unverified, lang)
    if fmt == "json":
        data: list[dict[str, object]] = [
            {"code": code, "name": name(code), "count": n} for code, n in rows
        ]
        for code, n in sorted(result.unverified.items()):
            row = next((d for d in data if d["code"] == code), None)
            if row is None:
                row = {"code": code, "name": name(code), "count": 0}
                data.append(row)
            row["unverified"] = n  # things the rule could not check: not findings
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if not rows:
        return "\n".join([w["no_findings"], *unverified]) + "\n"
    head_n, head_code, head_rule = _HEADS["en" if lang == "en" else "sv"]
    width = max(len(head_n), *(len(str(n)) for _, n in rows))
    code_width = max(len(head_code), *(len(code) for code, _ in rows))
    lines = [f"{head_n:>{width}}  {head_code:<{code_width}}  {head_rule}"]
    lines += [
        f"{n:>{width}}  {visible(code):<{code_width}}  {name(code, shown=True)}" for code, n in rows
    ]
    files = len({f.file for f in result.findings})
    lines.append(
        f"{w['total']} {count(len(result.findings), 'anmärkning', lang)}"
        f" {w['in']} {count(files, 'fil', lang)}."
    )
    return "\n".join([*lines, *unverified]) + "\n"
