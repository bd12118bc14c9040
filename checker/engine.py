"""The engine: read → model → rules → findings, one file at a time.

Every rule and every hook implementation runs on its own: one that raises
becomes an internal-error finding (RK000) naming it and the file, and the
run goes on with everything else.
"""

from __future__ import annotations

import importlib.metadata
import os
import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path as FsPath
import pluggy

from . import hookspecs
from .context import ReportContext
from .findings import Finding, Msg, Severity, json_pointer
from .labels import label
from .loader import Document, Limits, Problem, read_file
from .refdata import ReferenceData
from .refdata import load as load_refdata
from .rule import Doc, Rule, Violation
from .validate import build_model

INTERNAL = Rule(
    "RK000", "internal-error", Severity.ERROR,
    Msg("Kontrollen kunde inte köras klart: {detail}",
        "The check could not be completed: {detail}"),
    Doc(
        what=Msg("Ett fel i en regel eller ett tillägg, inte i rapporten.",
                 "A fault in a rule or plugin, not in the report."),
        why=Msg("Rapporten är inte fullständigt kontrollerad; övriga regler har körts.",
                "The report is not fully checked; all other rules have run."),
        failing="", passing=""),
    reader=True,
)


@dataclass
class Settings:
    """What to check and how to judge it (from the command line or configuration)."""

    select: list[str] = field(default_factory=list)  # codes or prefixes; empty = all
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    limits: Limits = field(default_factory=Limits)

    def enabled(self, code: str) -> bool:
        if code == "RK000":
            return True
        if self.select and not any(code.startswith(s) for s in self.select):
            return False
        return not any(code.startswith(s) for s in self.ignore)


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def internal_errors(self) -> int:
        return sum(1 for f in self.findings if f.code == "RK000")

    def exit_code(self, fail_on: Severity) -> int:
        if self.internal_errors:
            return 2
        return 1 if any(f.severity.rank >= fail_on.rank for f in self.findings) else 0


def plugin_manager(extra: Sequence[object] = ()) -> tuple[pluggy.PluginManager, list[str]]:
    """Load every plugin of the entry-point group; report the ones that fail."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    failures: list[str] = []
    for ep in sorted(importlib.metadata.entry_points(group=hookspecs.PROJECT),
                     key=lambda e: e.name):
        if pm.get_plugin(ep.name) is not None:
            continue
        try:
            pm.register(ep.load(), name=ep.name)
        except Exception as exc:  # a broken plugin must not stop the run
            failures.append(f"{ep.name} ({ep.value}): {type(exc).__name__}: {exc}")
    for plugin in extra:
        pm.register(plugin)
    return pm, failures


class Engine:
    def __init__(self, settings: Settings | None = None, plugins: Sequence[object] = ()) -> None:
        self.settings = settings or Settings()
        self.pm, self.load_failures = plugin_manager(plugins)
        self.rules: dict[str, Rule] = {INTERNAL.code: INTERNAL}
        self.rule_owner: dict[str, str] = {}
        for impl in self.pm.hook.rapportkoll_rules.get_hookimpls():
            try:
                declared = list(impl.function())
            except Exception as exc:
                self.load_failures.append(f"{impl.plugin_name}: {exc}")
                continue
            for r in declared:
                self.rules.setdefault(r.code, r)
                self.rule_owner.setdefault(r.code, impl.plugin_name)
        dirs: list[str] = []
        for impl in reversed(self.pm.hook.rapportkoll_data_dirs.get_hookimpls()):
            dirs.extend(impl.function())
        self.refdata: ReferenceData = load_refdata(dirs)

    # -- rule metadata ----------------------------------------------------
    def sorted_rules(self) -> list[Rule]:
        return sorted((r for r in self.rules.values() if r.code != "RK000"),
                      key=lambda r: r.code)

    def fingerprint(self) -> str:
        """Identifies the rules and data in force (for caches)."""
        import hashlib

        from . import __version__
        h = hashlib.sha256(__version__.encode())
        for name, dist in sorted(self._plugin_versions().items()):
            h.update(f"{name}={dist}".encode())
        for name, src in sorted(self.refdata.sources.items()):
            h.update(name.encode())
            h.update(FsPath(src).read_bytes())
        return h.hexdigest()

    def _plugin_versions(self) -> dict[str, str]:
        out = {}
        for name, plugin in self.pm.list_name_plugin():
            out[name] = getattr(plugin, "__file__", "") or repr(plugin)
        return out

    # -- checking ---------------------------------------------------------
    def check_paths(self, paths: Iterable[str]) -> Result:
        files = list(discover(paths))
        result = Result(files=[f for f, _ in files])
        contexts: list[ReportContext] = []
        for path, display in files:
            findings, ctx = self.check_file(path, display)
            result.findings.extend(findings)
            if ctx is not None:
                contexts.append(ctx)
        result.findings.extend(self.check_run(contexts))
        for failure in self.load_failures:
            result.findings.append(self._internal("rapportkoll", 1, 1, f"plugin: {failure}"))
        result.findings.sort(key=Finding.sort_key)
        return result

    def check_file(self, path: str, display: str | None = None
                   ) -> tuple[list[Finding], ReportContext | None]:
        display = display or path
        doc = read_file(path, self.settings.limits, display)
        return self.check_document(doc)

    def check_document(self, doc: Document) -> tuple[list[Finding], ReportContext | None]:
        try:
            model = build_model(doc)
        except Exception:  # pydantic itself failing is a checker fault
            model = None
            doc.problems.append(Problem("RK000", Msg(
                "Kontrollen kunde inte köras klart: schemavalideringen misslyckades.",
                "The check could not be completed: schema validation failed."), 1, 1))
        findings = [self._from_problem(doc, p) for p in doc.problems]
        if model is None:
            return [f for f in findings if f is not None], None
        ctx = ReportContext(doc.file, doc, model, self.refdata)
        for rule in self.rules.values():
            if rule.check is None or not self.settings.enabled(rule.code):
                continue
            try:
                for v in rule.check(ctx):
                    findings.append(self._from_violation(ctx, v))
            except Exception:
                findings.append(self._internal(doc.file, 1, 1, _fault(rule.code, rule.name)))
        for impl in self.pm.hook.rapportkoll_check_report.get_hookimpls():
            try:
                for v in impl.function(report=ctx) or ():
                    findings.append(self._from_violation(ctx, v))
            except Exception:
                findings.append(self._internal(doc.file, 1, 1, _fault(impl.plugin_name)))
        return [f for f in findings if f is not None], ctx

    def check_run(self, contexts: list[ReportContext]) -> list[Finding]:
        out: list[Finding | None] = []
        for rule in self.rules.values():
            if rule.check_run is None or not self.settings.enabled(rule.code):
                continue
            try:
                for v in rule.check_run(contexts):
                    out.append(self._from_violation(v.report, v))
            except Exception:
                out.append(self._internal("rapportkoll", 1, 1, _fault(rule.code, rule.name)))
        for impl in self.pm.hook.rapportkoll_check_run.get_hookimpls():
            try:
                for v in impl.function(reports=contexts) or ():
                    out.append(self._from_violation(v.report, v))
            except Exception:
                out.append(self._internal("rapportkoll", 1, 1, _fault(impl.plugin_name)))
        return [f for f in out if f is not None]

    # -- turning verdicts into findings ------------------------------------
    def _severity(self, rule: Rule, override: Severity | None) -> Severity:
        return self.settings.severity.get(rule.code, override or rule.severity)

    def _from_problem(self, doc: Document, p: Problem) -> Finding | None:
        if p.code == "RK000":
            return self._internal(doc.file, p.line, p.column, p.message.sv)
        rule = self.rules.get(p.code)
        if rule is None or not self.settings.enabled(p.code):
            return None
        return Finding(
            p.code, rule.name, self._severity(rule, p.severity), p.message, doc.file,
            p.line, p.column, json_pointer(p.path), label(doc.data, p.path), p.suggestion)

    def _from_violation(self, ctx: ReportContext | None, v: Violation) -> Finding | None:
        rule = self.rules.get(v.code)
        if rule is None:
            where = ctx.file if ctx else "rapportkoll"
            return self._internal(where, 1, 1, f"okänd regelkod {v.code!r}")
        if not self.settings.enabled(v.code) or ctx is None:
            return None
        line, col = ctx.doc.position(v.path)
        suggestion = None
        if rule.suggestion is not None and v.params.get("suggestion") not in (None, ""):
            suggestion = rule.suggestion.format(**v.params)
        return Finding(
            rule.code, rule.name, self._severity(rule, v.severity), rule.message.format(**v.params),
            ctx.file, line, col, json_pointer(v.path), label(ctx.data, v.path), suggestion)

    def _internal(self, file: str, line: int, col: int, detail: str) -> Finding:
        return Finding("RK000", INTERNAL.name, Severity.ERROR,
                       INTERNAL.message.format(detail=detail), file, line, col)


def _fault(*who: str) -> str:
    last = traceback.format_exc().strip().splitlines()[-1]
    return f"{' '.join(who)} kastade {last}"


def discover(paths: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Report files under ``paths``: YAML files, hidden folders skipped, sorted."""
    seen: set[str] = set()
    for given in paths:
        p = FsPath(given)
        if p.is_dir():
            found = []
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    os.path.join(root, n) for n in names
                    if n.endswith((".yaml", ".yml")) and not n.startswith(".")
                )
            candidates = sorted(found)
        else:
            candidates = [given]
        for c in candidates:
            key = os.path.normpath(c)
            if key not in seen:
                seen.add(key)
                yield c, os.path.normpath(c)


def rule_lookup(engine: Engine, code: str) -> Rule | None:
    code = code.upper()
    if code in engine.rules:
        return engine.rules[code]
    for r in engine.rules.values():
        if r.name == code.lower():
            return r
    return None

