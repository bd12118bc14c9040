"""The engine: read → model → rules → findings, one file at a time.

Every rule and every hook implementation runs on its own: one that raises
becomes an internal-error finding (RK000) naming it and the file, and the
run goes on with everything else. Checking many files, in
parallel and from a cache, is ``checker.run``'s job; its pipeline hands every
report's extracts back to ``Engine.check_run``, where run rules (cross-report)
see every report.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple, cast

from checker import __version__
from checker.engine import suppress
from checker.engine.context import ReportContext
from checker.engine.edits import Fixer
from checker.engine.plugins import plugin_manager
from checker.engine.refdata import ReferenceData
from checker.engine.refdata import load as load_refdata
from checker.engine.settings import Settings
from checker.findings import (
    INTERNAL_ERROR_CODE,
    Finding,
    Fix,
    Msg,
    Related,
    Severity,
    json_pointer,
)
from checker.read.glimpse import glimpse_of
from checker.read.labels import Labeller, child_label, label
from checker.read.loader import Document, Problem
from checker.read.rules import schema, unreadable
from checker.read.safeio import read_limited
from checker.read.sources import document_from_bytes, read_source
from checker.read.validate import build_model
from checker.results import UNVERIFIED, FileOutcome, RunReport
from checker.rule import INTERNAL, DocPath, Rule, Violation

# Bounded output: a report that quotes a megabyte in every finding must not make a
# page of hundreds of megabytes. A value quoted from the report is cut at MAX_QUOTE
# characters, a whole message or suggestion at MAX_MESSAGE, a label at MAX_LABEL ("…").
MAX_QUOTE = 300
MAX_MESSAGE = 2000
MAX_LABEL = 500


def short(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with "…"."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bounded(msg: Msg, limit: int) -> Msg:
    if len(msg.sv) <= limit and len(msg.en) <= limit:
        return msg
    return Msg(short(msg.sv, limit), short(msg.en, limit))


class Engine:
    def __init__(self, settings: Settings | None = None, plugins: Sequence[object] = ()) -> None:
        self.settings = settings or Settings()
        self.plugins = list(plugins)
        self.pm, self.load_failures = plugin_manager([*plugins, *self.settings.plugins])
        own = (INTERNAL, *suppress.RULES, schema, unreadable)
        self.rules: dict[str, Rule] = {r.code: r for r in own}
        self.rule_owner: dict[str, str] = {}
        for impl in self.pm.hook.rapportkoll_rules.get_hookimpls():
            try:
                declared = list(cast(Iterable[Rule], impl.function()))
            except Exception as exc:
                self.load_failures.append(f"{impl.plugin_name}: {exc}")
                continue
            for r in declared:
                self.rules.setdefault(r.code, r)
                self.rule_owner.setdefault(r.code, impl.plugin_name)
        dirs: list[str] = []
        for impl in reversed(self.pm.hook.rapportkoll_data_dirs.get_hookimpls()):
            dirs.extend(cast(Iterable[str], impl.function()))
        self.data_dirs = dirs + list(self.settings.data_dirs)
        self.refdata: ReferenceData = load_refdata(self.data_dirs)
        self._enabled_everywhere: tuple[object, frozenset[str]] = ((), frozenset())

    # -- rule metadata ----------------------------------------------------
    def sorted_rules(self) -> list[Rule]:
        return sorted(
            (r for r in self.rules.values() if r.code != INTERNAL_ERROR_CODE), key=lambda r: r.code
        )

    def fingerprint(self) -> str:
        """Identifies the version, plugins, rules, reference data and settings in force."""
        import hashlib  # here: only a cached run asks

        h = hashlib.sha256(__version__.encode())
        for name, plugin in sorted(self.pm.list_name_plugin(), key=lambda p: p[0]):
            h.update(name.encode())
            source = getattr(plugin, "__file__", None)
            if source and os.path.exists(source):
                h.update(read_limited(source, "source"))
        for name, src in sorted(self.refdata.sources.items()):
            h.update(name.encode())
            h.update(read_limited(src, "reference-data"))
        h.update(self.settings.fingerprint().encode())
        return h.hexdigest()

    # -- checking ---------------------------------------------------------
    def check_file(self, path: str, display: str | None = None) -> FileOutcome:
        display = display or path
        return self.check_document(read_source(path, self.settings.limits, display))

    def check_bytes(self, raw: bytes, display: str) -> FileOutcome:
        """Check a report from the bytes already read (hashed, parsed and stored as one)."""
        return self.check_document(document_from_bytes(raw, display, self.settings.limits))

    def check_unread(self, display: str, problem: Problem) -> FileOutcome:
        """The outcome of a file that was not read (``problem`` says why, as RK105)."""
        doc = Document(display)
        doc.problems.append(problem)
        return self.check_document(doc)

    def check_document(self, doc: Document) -> FileOutcome:
        outcome = self._check_document(doc)
        if doc.source is not None and doc.source.kind == "pdf":
            outcome.findings = [_on_page(f, doc.source.page(f.path)) for f in outcome.findings]
        outcome.glimpse = glimpse_of(doc, outcome.findings)
        return outcome

    def _check_document(self, doc: Document) -> FileOutcome:
        suppressions, bad = suppress.parse(doc.lines, doc.quoted)
        for line, col, message in bad:
            doc.problems.append(Problem("RK001", message, line, col))
        try:
            model = build_model(doc)
        except Exception:  # pydantic itself failing is a checker fault
            model = None
            doc.problems.append(
                Problem(
                    INTERNAL_ERROR_CODE,
                    Msg(
                        "Kontrollen kunde inte köras klart: schemavalideringen misslyckades.",
                        "The check could not be completed: schema validation failed.",
                    ),
                    1,
                    1,
                )
            )
        fixer = Fixer(doc)
        findings = [f for f in (self._from_problem(doc, p, fixer) for p in doc.problems) if f]
        outcome = FileOutcome(doc.file, findings, suppressions)
        if model is None:
            return outcome
        ctx = ReportContext(doc.file, doc, model, self.refdata)
        # The rules this file is checked with, decided once (not per rule, loop and finding).
        enabled: frozenset[str] = ctx.memo("enabled", lambda: self._enabled(doc.file))
        # One labeller for the findings' labels and the places of the run rules.
        kit = _Kit(enabled, fixer, Labeller(doc.data))
        outcome.run = RunReport(doc.file, ctx.type, ctx.year, _unit_of(doc.data))
        for rule in self.rules.values():
            if rule.check is None or rule.code not in enabled:
                continue
            try:
                self._collect(ctx, kit, rule.check(ctx), findings)
            except Exception:
                findings.append(self.internal_finding(doc.file, 1, 1, _fault(rule.code, rule.name)))
        for impl in self.pm.hook.rapportkoll_check_report.get_hookimpls():
            try:
                self._collect(
                    ctx, kit, cast(Iterable[Violation], impl.function(report=ctx) or ()), findings
                )
            except Exception:
                findings.append(self.internal_finding(doc.file, 1, 1, _fault(impl.plugin_name)))
        for rule in self.rules.values():
            if rule.extract is None or rule.code not in enabled:
                continue
            try:
                outcome.run.extracts[rule.code] = rule.extract(ctx)
            except Exception:
                findings.append(self.internal_finding(doc.file, 1, 1, _fault(rule.code, rule.name)))
        if ctx.unverified:
            outcome.run.extracts[UNVERIFIED] = dict(ctx.unverified)
        labelled: set[DocPath] = set()
        for path in sorted(ctx.marked, key=len):  # parents first
            line, col = doc.position(path)
            if path[:-1] in labelled and child_label(Msg("", ""), path[-1]) is not None:
                # A cell's label is its row's plus the column: derived when a finding needs it.
                outcome.run.places[json_pointer(path)] = (line, col, "", "")
                continue
            where = _bounded(kit.labeller(path), MAX_LABEL)
            labelled.add(path)
            outcome.run.places[json_pointer(path)] = (line, col, where.sv, where.en)
        return outcome

    def check_run(self, reports: Sequence[RunReport]) -> list[Finding]:
        out: list[Finding] = []
        for rule in self.rules.values():
            if rule.check_run is None or not self.settings.enabled(rule.code):
                continue
            try:
                for v in rule.check_run(reports):
                    _append(out, self._from_run_violation(v))
            except Exception:
                out.append(self.internal_finding("rapportkoll", 1, 1, _fault(rule.code, rule.name)))
        for impl in self.pm.hook.rapportkoll_check_run.get_hookimpls():
            try:
                for v in cast(Iterable[Violation], impl.function(reports=reports) or ()):
                    _append(out, self._from_run_violation(v))
            except Exception:
                out.append(self.internal_finding("rapportkoll", 1, 1, _fault(impl.plugin_name)))
        return out

    # -- turning verdicts into findings ------------------------------------
    def _severity(self, rule: Rule, override: Severity | None) -> Severity:
        return self.settings.severity.get(rule.code, override or rule.severity)

    def _from_problem(self, doc: Document, p: Problem, fixer: Fixer) -> Finding | None:
        if p.code == INTERNAL_ERROR_CODE:
            return self.internal_finding(doc.file, p.line, p.column, p.message.sv)
        rule = self.rules.get(p.code)
        if rule is None:
            return None
        return Finding(
            p.code,
            rule.name,
            self._severity(rule, p.severity),
            _bounded(p.message, MAX_MESSAGE),
            doc.file,
            p.line,
            p.column,
            json_pointer(p.path),
            _bounded(label(doc.data, p.path), MAX_LABEL),
            None if p.suggestion is None else _bounded(p.suggestion, MAX_MESSAGE),
            fixer.for_problem(p),
        )

    def _collect(
        self, ctx: ReportContext, kit: _Kit, violations: Iterable[Violation], out: list[Finding]
    ) -> None:
        """Turn violations into findings, at most ``max_findings_per_rule`` per rule."""
        cap = self.settings.limits.max_findings_per_rule
        seen: dict[str, int] = {}
        for v in violations:
            n = seen[v.code] = seen.get(v.code, 0) + 1
            if n <= cap:
                _append(out, self._from_violation(ctx, kit, v))
            elif (
                n == cap + 1
                and (rule := self.rules.get(v.code)) is not None
                and self.settings.enabled(v.code, ctx.file)
            ):
                line, col = ctx.doc.position(v.path)
                out.append(
                    Finding(
                        rule.code,
                        rule.name,
                        self._severity(rule, v.severity),
                        Msg(
                            f"Fler än {cap} anmärkningar av {rule.code} i filen; resten visas"
                            " inte. Rätta de visade och kör kontrollen igen.",
                            f"More than {cap} {rule.code} findings in this file; the rest are"
                            " not shown. Fix the ones shown and check again.",
                        ),
                        ctx.file,
                        line,
                        col,
                        json_pointer(v.path),
                        _bounded(kit.labeller(v.path), MAX_LABEL),
                    )
                )

    def _from_violation(self, ctx: ReportContext, kit: _Kit, v: Violation) -> Finding | None:
        rule = self.rules.get(v.code)
        if rule is None:
            return self.internal_finding(ctx.file, 1, 1, f"okänd regelkod {v.code!r}")
        if v.code not in kit.enabled:
            return None
        doc = ctx.doc
        line, col = doc.position(v.path)
        fix = None if v.fix is None else kit.fixer.resolve(v.fix)
        related = (
            tuple(
                Related(_bounded(msg, MAX_MESSAGE), *doc.position(p), json_pointer(p))
                for p, msg in v.related
            )
            if v.related
            else ()
        )
        return self._finding(rule, v, ctx.file, line, col, kit.labeller(v.path), fix, related)

    def _enabled(self, file: str) -> frozenset[str]:
        s = self.settings
        if s.per_file_ignores:
            return frozenset(c for c in self.rules if s.enabled(c, file))
        # The same set for every file: decided once (a test per rule and file was 1 %).
        key = (tuple(s.select), tuple(s.ignore), tuple(self.rules))
        if self._enabled_everywhere[0] != key:
            self._enabled_everywhere = (key, frozenset(c for c in self.rules if s.enabled(c)))
        return self._enabled_everywhere[1]

    def _from_run_violation(self, v: Violation) -> Finding | None:
        rule = self.rules.get(v.code)
        report = v.report
        if rule is None or report is None:
            where = report.file if report else "rapportkoll"
            return self.internal_finding(
                where, 1, 1, f"okänd regelkod eller rapport för {v.code!r}"
            )
        if not self.settings.enabled(v.code, report.file):
            return None
        line, col, named = 1, 1, Msg("", "")
        located = False
        for n in range(len(v.path), -1, -1):  # the nearest marked place, and the nearest label
            place = report.places.get(json_pointer(v.path[:n]))
            if place is None:
                continue
            if not located:
                line, col, located = place[0], place[1], True
            if place[2]:
                named = Msg(place[2], place[3])
                for key in v.path[n:]:  # the cell below a labelled row
                    named = child_label(named, key) or named
                break
        return self._finding(rule, v, report.file, line, col, named)

    def _finding(
        self,
        rule: Rule,
        v: Violation,
        file: str,
        line: int,
        col: int,
        where: Msg,
        fix: Fix | None = None,
        related: tuple[Related, ...] = (),
    ) -> Finding:
        params = v.params
        for p in params.values():  # a copy only when a quote is to be cut (seldom)
            if isinstance(p, str) and len(p) > MAX_QUOTE:
                params = {
                    k: short(p, MAX_QUOTE) if isinstance(p, str) and len(p) > MAX_QUOTE else p
                    for k, p in params.items()
                }
                break
        suggestion = None
        if rule.suggestion is not None and params.get("suggestion") not in (None, ""):
            suggestion = _bounded(rule.suggestion.format_map(params), MAX_MESSAGE)
        return Finding(
            rule.code,
            rule.name,
            self._severity(rule, v.severity),
            _bounded(rule.message.format_map(params), MAX_MESSAGE),
            file,
            line,
            col,
            json_pointer(v.path),
            _bounded(where, MAX_LABEL),
            suggestion,
            fix,
            related,
        )

    def internal_finding(self, file: str, line: int, col: int, detail: str) -> Finding:
        """An RK000 finding: the checker, not the report, failed here."""
        return Finding(
            INTERNAL_ERROR_CODE,
            INTERNAL.name,
            Severity.ERROR,
            _bounded(INTERNAL.message.format(detail=detail), MAX_MESSAGE),
            file,
            line,
            col,
        )


class _Kit(NamedTuple):
    """What every finding of one report needs, looked up once per report, not per finding."""

    enabled: frozenset[str]  # the rules the file is checked with
    fixer: Fixer
    labeller: Labeller


def _unit_of(data: Any) -> str | None:
    header = data.get("rapport") if isinstance(data, dict) else None
    unit = header.get("enhet") if isinstance(header, dict) else None
    return " ".join(unit.split()) if isinstance(unit, str) and unit.strip() else None


def _on_page(f: Finding, page: int | None) -> Finding:
    """A finding on an imported PDF names its page before the place, as staff look it up."""
    if page is None:
        return f
    where = Msg(f"Sida {page} › {f.label.sv}", f"Page {page} › {f.label.en}")
    return f.replace(label=where)


def _append(out: list[Finding], finding: Finding | None) -> None:
    if finding is not None:
        out.append(finding)


def _fault(*who: str) -> str:
    import traceback  # here: only a failing rule needs it (≈ 2 ms with textwrap)

    last = traceback.format_exc().strip().splitlines()[-1]
    return f"{' '.join(who)} kastade {last}"


def rule_lookup(engine: Engine, code: str) -> Rule | None:
    code = code.upper()
    if code in engine.rules:
        return engine.rules[code]
    for r in engine.rules.values():
        if code.lower() in (r.name, r.name_sv):
            return r
    return None
