"""One self-contained HTML report for quality staff, in Swedish (English on request).

The file opens from disk with no network: CSS and JavaScript are inline and
the Content-Security-Policy allows nothing else (scripts and styles only by
their hash, no connections, no images but data: URIs).

It is made for a few reports and for 200 units alike: cards with the totals,
bar charts of the units and rules with the most findings (the rest behind
"visa alla"), an overview per committee (nämnd) and unit and per rule, and
the findings grouped by committee and unit in natural order ("Ekbacken 2"
before "Ekbacken 10"), errors first within a unit. Units are collapsed when
there are many; each unit has a one-page sheet to print for its manager.
Every rule code links to the rule's explanation, embedded once per rule used.

The YAML lines around each finding are not in the markup: the lines needed
are stored once per file in the JSON data block and the script draws a unit's
excerpts when the unit is opened, which keeps a 200-unit page small.

The page is laid out by the template ``templates/findings.html.j2`` with
autoescape on: everything that comes from a report (texts, file names,
labels, messages, YAML lines) is escaped as ``html.escape(..., quote=True)``
escapes it. The bars of the charts and the overview tables' count cells, a
row per unit, are written by this module as strings (``_bar_groups``,
``count_cells``) with every text escaped the same way (``e``). The JSON block
escapes ``<``, ``>`` and ``&`` so it cannot end its <script> element, and the
script only ever sets ``textContent``, never markup.

The page is written as it renders (``write_page``), never held whole: each
unit's section comes from its own template (``findings_unit.html.j2``), and a
nightly run that keeps sections between nights (``Sections``) renders only
the units whose content changed. What a section shows that depends on the
whole run (a finding's number and file-order place, its file's excerpt
index, the page's date) is left in it as holes, filled as it is written.
"""

from __future__ import annotations

import base64
import bisect
import contextlib
import functools
import gzip
import hashlib
import io
import json
import os
import pickle
import re
import stat
import threading
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from datetime import datetime
from itertools import repeat
from operator import attrgetter, sub
from pathlib import PurePath
from typing import TYPE_CHECKING, NamedTuple, Protocol

from markupsafe import Markup

from checker import __version__, templating
from checker import findings as findings_module
from checker import rule as rule_module
from checker import swedish as swedish_module
from checker.findings import Finding, Severity
from checker.outputs import htmlbase as htmlbase_module
from checker.outputs.base import Formatter
from checker.outputs.htmlbase import BASE_STYLE, csp_hash, e, json_for_script, nice_ticks
from checker.paths import inside
from checker.read import glimpse as glimpse_module
from checker.read.committee import UNKNOWN, committee_of
from checker.read.glimpse import CONTEXT, Glimpse, window
from checker.read.safeio import read_limited
from checker.read.sources import read_source
from checker.results import Result
from checker.rule import INTERNAL, Rule, display_name
from checker.swedish import count, natural_key, norm_words
from checker.templating import environment

if TYPE_CHECKING:
    import jinja2

_MAX_LINE = 300  # longer YAML lines are cut in the excerpt
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_NOUN = {Severity.ERROR: "fel", Severity.WARNING: "varning", Severity.INFO: "info"}
TOP = 15  # bars per chart before "visa alla"
OPEN_UNITS = 10  # with this many units or fewer every unit starts open
MISSING = "RK106"  # the finding of a report that is due but absent

WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Granskningsrapport – rapportkoll",
        "heading": "Granskningsrapport",
        "meta": "Skapad {date} med rapportkoll {version}. {files} rapporter från {units} enheter"
        " har kontrollerats mot regelkatalogen.",
        "reports": "Rapporter",
        "with_findings": "med anmärkningar",
        "ERROR": "Fel",
        "WARNING": "Varningar",
        "INFO": "Info",
        "sev_ERROR": "Fel",
        "sev_WARNING": "Varning",
        "sev_INFO": "Info",
        "total": "Totalt",
        "per_unit": "Översikt per enhet",
        "per_rule": "Översikt per regel",
        "chart_unit": "Anmärkningar per enhet",
        "chart_rule": "Anmärkningar per regel",
        "chart_top": "de {n} med flest av {total}",
        "show_all_units": "Visa alla {n} enheter",
        "show_all_rules": "Visa alla {n} regler",
        "axis": "Antal anmärkningar",
        "unit": "Enhet",
        "committee": "Nämnd",
        "no_committee": UNKNOWN.sv,
        "n_units": "{n} enheter",
        "n_unit": "1 enhet",
        "report_list": "Rapporter",
        "rule": "Regel",
        "name": "Namn",
        "severity": "Allvarlighetsgrad",
        "count": "Antal",
        "what": "Vad regeln kontrollerar",
        "clean_unit": "inga anmärkningar",
        "missing": "rapport saknas",
        "quiet_rules": "Regler utan anmärkningar ({n})",
        "findings": "Anmärkningar per nämnd och enhet",
        "all_rules": "Alla regler",
        "all_units": "Alla enheter",
        "search": "Sök",
        "search_hint": "Sök i meddelande, plats, fil, enhet …",
        "sort": "Sortera inom enheten",
        "sort_severity": "Fel först",
        "sort_file": "Fil och rad",
        "sort_rule": "Regel",
        "reset": "Rensa filter",
        "showing": "Visar {n} av {total} anmärkningar",
        "no_match": "Inga anmärkningar matchar filtret.",
        "none": "Inga anmärkningar: alla rapporter klarade kontrollen.",
        "where": "Var",
        "suggestion": "Förslag",
        "excerpt": "Utdrag ur rapporten, rad {a}–{b}",
        "no_excerpt": "Filen kunde inte läsas; inget utdrag.",
        "noscript": "Filtrering, sortering och utdrag ur rapporterna kräver JavaScript."
        " Alla anmärkningar visas nedan.",
        "click_hint": "Klicka på en enhet eller regel för att visa bara dess anmärkningar.",
        "chart_title": "{label}: {e}, {w}, {i}",
        "legend": "Färgerna visar allvarlighetsgrad",
        "show": "Visa anmärkningar",
        "explain": "Förklaring av {code}",
        "rules": "Reglerna bakom anmärkningarna",
        "rules_hint": "Klicka på en regelkod för att läsa vad regeln kontrollerar och varför.",
        "why": "Varför",
        "decisions": "Bedömningar",
        "failing": "Exempel som ger anmärkning",
        "passing": "Exempel som klarar regeln",
        "print": "Skriv ut enhetens blad",
        "sheet": "Granskning av {unit}",
        "sheet_meta": "{committee}. Kontrollerad {date} med rapportkoll {version}.",
        "back": "Till den nattliga översikten",
    },
    "en": {
        "title": "Review report – rapportkoll",
        "heading": "Review report",
        "meta": "Created {date} by rapportkoll {version}. {files} reports from {units} units"
        " were checked against the rule catalogue.",
        "reports": "Reports",
        "with_findings": "with findings",
        "ERROR": "Errors",
        "WARNING": "Warnings",
        "INFO": "Info",
        "sev_ERROR": "Error",
        "sev_WARNING": "Warning",
        "sev_INFO": "Info",
        "total": "Total",
        "per_unit": "Overview per unit",
        "per_rule": "Overview per rule",
        "chart_unit": "Findings per unit",
        "chart_rule": "Findings per rule",
        "chart_top": "the {n} with the most of {total}",
        "show_all_units": "Show all {n} units",
        "show_all_rules": "Show all {n} rules",
        "axis": "Number of findings",
        "unit": "Unit",
        "committee": "Committee",
        "no_committee": UNKNOWN.en,
        "n_units": "{n} units",
        "n_unit": "1 unit",
        "report_list": "Reports",
        "rule": "Rule",
        "name": "Name",
        "severity": "Severity",
        "count": "Count",
        "what": "What the rule checks",
        "clean_unit": "no findings",
        "missing": "report missing",
        "quiet_rules": "Rules without findings ({n})",
        "findings": "Findings per committee and unit",
        "all_rules": "All rules",
        "all_units": "All units",
        "search": "Search",
        "search_hint": "Search message, place, file, unit …",
        "sort": "Sort within the unit",
        "sort_severity": "Errors first",
        "sort_file": "File and line",
        "sort_rule": "Rule",
        "reset": "Clear filters",
        "showing": "Showing {n} of {total} findings",
        "no_match": "No findings match the filter.",
        "none": "No findings: every report passed the check.",
        "where": "Where",
        "suggestion": "Suggestion",
        "excerpt": "Excerpt from the report, lines {a}–{b}",
        "no_excerpt": "The file could not be read; no excerpt.",
        "noscript": "Filtering, sorting and excerpts from the reports need JavaScript."
        " All findings are shown below.",
        "click_hint": "Click a unit or a rule to show only its findings.",
        "chart_title": "{label}: {e}, {w}, {i}",
        "legend": "Colours show the severity",
        "show": "Show findings",
        "explain": "Explanation of {code}",
        "rules": "The rules behind the findings",
        "rules_hint": "Click a rule code to read what the rule checks and why.",
        "why": "Why",
        "decisions": "Decisions",
        "failing": "Example with a finding",
        "passing": "Example that passes",
        "print": "Print the unit's sheet",
        "sheet": "Review of {unit}",
        "sheet_meta": "{committee}. Checked {date} by rapportkoll {version}.",
        "back": "To the nightly dashboard",
    },
}


@dataclass
class FileInfo:
    file: str
    unit: str
    type: str | None = None
    year: str | None = None
    lines: Sequence[str] | None = None
    committee: str | None = None
    named: bool = False  # the unit comes from the run or the report's header
    exists: bool = True
    folder: bool = False  # a finding on a folder (RK106: a report due there is missing)
    real: str | None = None  # its real path (links resolved), when the page worked it out

    @property
    def title(self) -> str:
        parts = [p for p in (self.type, self.year) if p]
        return " ".join(parts) if parts else os.path.basename(self.file)


def _words(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return " ".join(str(value).split()) or None


def file_info(
    file: str,
    units: dict[str, str] | None = None,
    roots: list[str] | None = None,
    sealed: set[str] | frozenset[str] = frozenset(),
    committees: Mapping[str, str] | None = None,
    glimpse: Glimpse | None = None,
    real: str | None = None,
    regular: bool | None = None,
) -> FileInfo:
    """Unit, committee, report type, year and lines of a checked file, read from disk.

    A file whose content the run did not read (a link out of the tree), or that
    now lies outside the checked tree (``roots``), is never read: no excerpt.
    ``glimpse``, what the file's check kept for the page, saves reading it; ``real``, the
    file's real path, saves resolving it; ``regular``, whether it is a regular file (as
    the ``lstat`` that gave ``real`` found it), saves a ``stat``.
    """
    named = (units or {}).get(file)
    info = FileInfo(file, named or os.path.basename(file) or file, named=bool(named), real=real)
    if file in sealed or (roots and not (_root_of(real, roots) if real else inside(file, roots))):
        return info
    if not (os.path.isfile(file) if regular is None else regular):
        info.exists = os.path.exists(file)
        info.folder = os.path.isdir(file)
        return info
    header: Mapping[str, object] | None
    if glimpse is not None:
        info.lines, header = glimpse, glimpse.header
    else:
        doc = read_source(file)
        # For an export the excerpt shows the export's own lines (for a PDF, its text),
        # which is what a finding's line counts in.
        info.lines = doc.source.lines if doc.source is not None else doc.lines or _raw_lines(file)
        header = doc.data.get("rapport") if isinstance(doc.data, dict) else None
    if isinstance(header, Mapping):
        unit = _words(header.get("enhet"))
        if not named and unit:
            info.unit, info.named = unit, True
        info.committee = committee_of(header, committees)
        kind, year = _words(header.get("typ")), _words(header.get("år"))
        info.type, info.year = kind, year
    return info


def _raw_lines(file: str) -> list[str] | None:
    try:
        raw = read_limited(file, "report")
    except OSError:
        return None
    if b"\x00" in raw:
        return None
    return raw.decode("utf-8", errors="replace").splitlines()


def _folders(file: str, roots: Sequence[str], real: str | None = None) -> list[str]:
    """The folders between the checked tree (or the working folder) and the file."""
    real = real or os.path.realpath(file)
    root = _root_of(real, roots)
    if root is not None:
        prefix = _prefix(root)
        if prefix is not None and real.startswith(prefix):  # a real path: normal already
            return real[len(prefix) :].split(os.sep)[:-1]
        return list(PurePath(os.path.relpath(real, root)).parts[:-1])
    parts = PurePath(file).parts[:-1]
    return [p for p in parts if p not in (os.sep, ".", "..") and not p.endswith(":\\")]


def _root_of(real: str, roots: Sequence[str]) -> str | None:
    """The checked tree that the real path ``real`` lies in (as ``inside``, which resolves
    the path first), or None."""
    for root in roots:
        prefix = _prefix(root)
        if prefix is not None:  # a real path below a normal one: a string's prefix
            if real == root or real.startswith(prefix):
                return root
            continue
        with contextlib.suppress(ValueError):  # one relative, one absolute
            if os.path.commonpath([real, root]) == root:
                return root
    return None


@functools.lru_cache(maxsize=64)
def _prefix(root: str) -> str | None:
    """What the paths below ``root`` start with, when ``root`` is written as
    ``os.path.commonpath`` writes it (then a real path lies below it exactly when it
    starts so); None for any other root."""
    try:
        if not os.path.isabs(root) or os.path.commonpath([root]) != root:
            return None
    except ValueError:
        return None
    return root if root.endswith(os.sep) else root + os.sep


def _real_path(file: str, folders: dict[str, str], plain: bool = False) -> tuple[str, bool | None]:
    """``os.path.realpath(file)``, with the file's folder resolved once for all its files
    (``folders``): a file that is no link is its resolved folder and its name; and whether
    it is a regular file, from the same ``lstat`` (None for a link, or when not known).
    ``plain``: a regular file and no link, as the run's walk found it (no ``lstat``)."""
    folder, name = os.path.split(file)
    if name in ("", os.curdir, os.pardir):
        return os.path.realpath(file), None
    mode: int | None = stat.S_IFREG
    if not plain:
        try:
            mode = os.lstat(file).st_mode
        except (OSError, ValueError):
            mode = None
    if mode is not None and stat.S_ISLNK(mode):
        return os.path.realpath(file), None
    real = folders.get(folder)
    if real is None:
        real = folders[folder] = os.path.realpath(folder or os.curdir)
    return os.path.join(real, name), None if mode is None else stat.S_ISREG(mode)


def settle(infos: dict[str, FileInfo], roots: Sequence[str]) -> None:
    """Give every file a unit and a committee: its header's, a sibling report's, or folders'.

    A report without ``enhet`` (or an expected report that is absent, RK106)
    belongs to the unit of the reports beside it in a folder below the checked
    one; failing that, to its folder, and its committee to the folder above
    (``nämnd/enhet/rapport.yaml``).
    """
    by_folder: dict[str, FileInfo] = {}
    for info in infos.values():
        if info.named:
            by_folder.setdefault(os.path.dirname(os.path.abspath(info.file)), info)
    for info in infos.values():
        folders = _folders(info.file, roots, info.real)
        here = os.path.dirname(os.path.abspath(info.file))
        if info.folder:  # the folder's own reports, and its own name
            here = os.path.abspath(info.file)
            folders = [*folders, os.path.basename(here)] if folders or _below(here, roots) else []
        # files side by side in the checked folder itself (an upload) are no unit's folder
        sibling = by_folder.get(here) if folders else None
        if not info.named:
            if sibling is not None:
                info.unit = sibling.unit
            elif folders:
                info.unit = folders[-1]
        if info.committee is None:
            if sibling is not None and sibling.committee:
                info.committee = sibling.committee
            elif not info.named and len(folders) >= 2:
                info.committee = folders[-2]


def _below(folder: str, roots: Sequence[str]) -> bool:
    """Whether ``folder`` lies below (not at) one of the checked trees."""
    real = os.path.realpath(folder)
    return inside(real, list(roots)) and real not in {os.path.realpath(r) for r in roots}


def anchor(committee: str, unit: str) -> str:
    """A stable id for a unit's section (the dashboard links to it)."""
    return "u-" + hashlib.sha256(f"{committee}\0{unit}".encode()).hexdigest()[:12]


class Outline(NamedTuple):
    """What the page's layout, counts and order read of a finding (a ``Finding`` has it too)."""

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    name: str


class Found(Protocol):
    """A run's findings, in order: each one's outline at hand, the finding itself by ``full``."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Outline | Finding]: ...

    def __getitem__(self, index: int) -> Outline | Finding: ...

    def full(self, index: int) -> Finding: ...

    def places(self) -> Sequence[int]:
        """Each finding's place among its file's findings, in the run's order."""
        ...

    def digest(self, file: str) -> str:
        """A hash of all the findings on ``file`` (equal findings, equal hash)."""
        ...


class Listed:
    """The sequence part of ``Found``: outlines (or the findings themselves) in a list."""

    def __init__(self, outlines: Sequence[Outline | Finding]) -> None:
        self.outlines = outlines

    def __len__(self) -> int:
        return len(self.outlines)

    def __iter__(self) -> Iterator[Outline | Finding]:
        return iter(self.outlines)

    def __getitem__(self, index: int) -> Outline | Finding:
        return self.outlines[index]


class Held(Listed):
    """The findings of a run held whole, as ``Found``."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__(findings)
        self.findings = findings

    def full(self, index: int) -> Finding:
        return self.findings[index]

    @functools.cached_property
    def _by_file(self) -> dict[str, list[int]]:
        by_file: dict[str, list[int]] = {}
        for i, f in enumerate(self.findings):
            by_file.setdefault(f.file, []).append(i)
        return by_file

    def places(self) -> Sequence[int]:
        places = array("q", bytes(8 * len(self.findings)))
        for indexes in self._by_file.values():
            for n, i in enumerate(indexes):
                places[i] = n
        return places

    def digest(self, file: str) -> str:
        return findings_digest([self.findings[i] for i in self._by_file.get(file, [])])


def findings_digest(findings: Sequence[Finding]) -> str:
    """A hash of ``findings``: their pickled form, which holds every value they have."""
    return hashlib.sha256(pickled(findings)).hexdigest()


def pickled(findings: Sequence[Finding]) -> bytes:
    """``findings`` pickled by value (``by_value``)."""
    return by_value(list(findings))


def by_value(data: object) -> bytes:
    """``data`` pickled by value: without the memo, a text shared by two findings (or
    lines) is written twice, so equal data give equal bytes whichever objects they share."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo (findings and lines hold no cycles)
    pickler.dump(data)
    return out.getvalue()


@dataclass
class _Group:
    key: str
    label: str
    counts: Counter[Severity] = field(default_factory=Counter)
    files: list[FileInfo] = field(default_factory=list)
    rule: Rule | None = None
    committee: str = ""
    items: list[int] = field(default_factory=list)  # indexes into the run's findings
    missing: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def order(self) -> tuple[int, int, int, tuple[tuple[int, int, str], ...]]:
        c = self.counts
        return (
            -c[Severity.ERROR],
            -c[Severity.WARNING],
            -c[Severity.INFO],
            self.label_key,
        )

    @functools.cached_property
    def label_key(self) -> tuple[tuple[int, int, str], ...]:
        """The label's ``natural_key``: a unit is sorted twice (by place and by order)."""
        return natural_key(self.label)


_FILE, _SEVERITY, _CODE = attrgetter("file"), attrgetter("severity"), attrgetter("code")
_LINE, _COLUMN, _NAME = attrgetter("line"), attrgetter("column"), attrgetter("name")


@dataclass
class Layout:
    """Where each file's findings go: its unit's group, by committee in natural order."""

    infos: dict[str, FileInfo]
    units: dict[str, _Group]  # anchor → group
    of_file: dict[str, str]  # file → anchor
    of_finding: list[str]  # index in the run's findings → anchor
    committees: list[tuple[str, list[_Group]]]


def layout(
    result: Result,
    w: dict[str, str] | None = None,
    placed: Mapping[int, str] | None = None,
    glimpses: Mapping[str, Glimpse] | None = None,
    found: Found | None = None,
    infos_known: Callable[[dict[str, FileInfo]], object] | None = None,
    plain: Set[str] = frozenset(),
) -> Layout:
    """Read every file's header once and group the files by committee and unit.

    ``placed`` names the unit of findings that belong to a unit rather than a
    file (``id(finding)`` → unit): an RK106 "missing report" lies on the
    unit's folder, which several units may share. ``glimpses`` (file → what
    its check kept for the page) save reading those files. ``found``: the run's
    findings when ``result`` does not hold them (``Found``). ``infos_known`` is called
    with each file's ``FileInfo`` as soon as their lines are known (``begin_excerpts``);
    the rest of the layout changes none of their lines. ``plain``: the files the run's
    walk found regular and no links; one with a glimpse (never read here) is not looked
    at again (at 20,000 reports an ``lstat`` each, beside the threads of the night).
    """
    w = w or WORDS["sv"]
    found = found if found is not None else Held(result.findings)
    files = list(result.files) + sorted(set(map(_FILE, found)).difference(result.files))
    infos = _infos(result, files, glimpses or {}, found, plain)
    if infos_known is not None:
        infos_known(infos)
    settle(infos, result.roots)
    units: dict[str, _Group] = {}
    of_file: dict[str, str] = {}
    checked = set(result.files)
    for file in files:
        info = infos[file]
        committee = info.committee or w["no_committee"]
        key = anchor(committee, info.unit)
        group = units.get(key)
        if group is None:
            group = units[key] = _Group(key, info.unit, committee=committee)
        if file in checked or (info.exists and not info.folder):
            group.files.append(info)
        of_file[file] = key
    by_name = {norm_words(g.label): g for g in units.values() if g.files}
    of_finding: list[str] = []
    placed = placed or {}
    # A file's findings come together: each run of them goes to its file's unit at once
    # (hundreds of thousands of findings a night), one by one only in a run with a
    # finding that names its unit (RK106).
    of, severities, codes = (list(map(get, found)) for get in (_FILE, _SEVERITY, _CODE))
    n = len(of)
    starts = [0, *(i for i in range(1, n) if of[i] != of[i - 1])] if n else []
    ends = [*starts[1:], n] if n else []
    one_by_one = (
        {bisect.bisect_right(starts, i) - 1 for i, x in enumerate(map(id, found)) if x in placed}
        if placed
        else set()
    )
    for run, (start, end) in enumerate(zip(starts, ends, strict=True)):
        group = units[of_file[of[start]]]
        if run not in one_by_one:
            of_finding += [group.key] * (end - start)
            group.counts.update(severities[start:end])
            group.items += range(start, end)
            if not group.missing and MISSING in codes[start:end]:
                group.missing = True
            continue
        for i in range(start, end):
            f = found[i]
            group = units[of_file[f.file]]
            named = placed.get(id(f))
            if named is not None:  # the unit the finding names, where its reports are
                known = by_name.get(norm_words(named))
                if known is None:
                    committee = infos[f.file].committee or w["no_committee"]
                    key = anchor(committee, named)
                    known = units.setdefault(key, _Group(key, named, committee=committee))
                group = known
            of_finding.append(group.key)
            group.counts[f.severity] += 1
            group.items.append(i)
            if f.code == MISSING:
                group.missing = True
    # a folder that only carried a finding now placed elsewhere is no unit of its own
    for key in [k for k, g in units.items() if not g.files and not g.items]:
        del units[key]
    by_committee: dict[str, list[_Group]] = {}
    ranks = {c: natural_key(c) for c in {g.committee for g in units.values()}}  # a few
    for g in sorted(units.values(), key=lambda g: (ranks[g.committee], g.label_key)):
        by_committee.setdefault(g.committee, []).append(g)
    committees = sorted(by_committee.items(), key=lambda kv: ranks[kv[0]])
    return Layout(infos, units, of_file, of_finding, committees)


# -- what the page shows (checker/outputs/templates/findings.html.j2 lays it out) -----


def _infos(
    result: Result,
    files: list[str],
    glimpses: Mapping[str, Glimpse],
    found: Found,
    plain: Set[str] = frozenset(),
) -> dict[str, FileInfo]:
    """Each file's header and lines: from its glimpse, or read when a finding needs more."""
    known = (result.units, result.roots, result.sealed, result.committees)
    folders: dict[str, str] = {}
    infos = {}
    for name in files:
        glimpse = glimpses.get(name)
        real = _real_path(name, folders, glimpse is not None and name in plain)
        infos[name] = file_info(name, *known, glimpse, *real)
    # a run rule's finding may show lines the check did not keep; a file's findings come
    # together (its lines read once) and share lines (each one looked at once)
    last, kept, length, seen, glimpsed = "", frozenset[int](), 0, set[int](), False
    for f in found:
        file, line = f.file, f.line
        if file != last:
            last, seen, lines = file, set(), infos[file].lines
            glimpsed = isinstance(lines, Glimpse)
            if isinstance(lines, Glimpse):
                # the kept lines' numbers, without reading the lines (a spooled glimpse's)
                kept, length = frozenset(lines.lines), lines.length
        if not glimpsed or line in seen:
            continue
        seen.add(line)
        # as ``window``, inline (once per finding's line): the lines around it, within 1..length
        hit = line if line > 1 else 1
        hit = length if hit > length else hit
        low, high = hit - CONTEXT, hit + CONTEXT
        low, high = low if low > 1 else 1, high if high < length else length
        if not kept.issuperset(range(low, high + 1)):
            infos[file] = file_info(file, *known)
            glimpsed = False
    return infos


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_BAR, _GAP, _LABEL_W, _BARS_W, _TAIL, _AXIS = 20, 8, 270, 330, 40, 34
# The bar charts' fixed geometry, as the template reads it.
_GEO = {
    "bar": _BAR,
    "label_w": _LABEL_W,
    "bars_w": _BARS_W,
    "end": _LABEL_W + _BARS_W,
    "mid": _LABEL_W + _BARS_W / 2,
    "width": _LABEL_W + _BARS_W + _TAIL,
}


@dataclass
class _Bar:
    """One group's bar: its place, its segments per severity (class, x, width) and tip."""

    key: str
    tip: str
    label: str
    y: int
    text_y: str
    segments: list[tuple[str, str, str]]
    value_x: str
    total: int


@dataclass
class _Bars:
    """One SVG of stacked horizontal bars on a shared scale, with its axis ticks (x, value)."""

    bars: list[_Bar]
    height: int
    base: int
    ticks: list[tuple[str, int]]


@dataclass
class _Chart:
    kind: str
    title: str
    caption: str
    shown: _Bars
    rest: _Bars | None
    more: str


def _bars(
    groups: list[_Group], label_of: Callable[[_Group], str], lang: str, w: dict[str, str], top: int
) -> _Bars:
    """The bars of ``groups`` on a shared scale ``top``, coordinates written as the SVG has them."""
    ticks = nice_ticks(top)
    scale = ticks[-1]
    height = max(len(groups), 1) * (_BAR + _GAP) + _GAP + _AXIS
    bars = []
    for i, g in enumerate(groups):
        y = _GAP + i * (_BAR + _GAP)
        label = label_of(g)
        tip = w["chart_title"].format(
            label=label,
            e=count(g.counts[Severity.ERROR], "fel", lang),
            w=count(g.counts[Severity.WARNING], "varning", lang),
            i=count(g.counts[Severity.INFO], "info", lang),
        )
        segments = []
        x = float(_LABEL_W)
        for s in _SEVERITIES:
            if g.counts[s]:
                seg_w = _BARS_W * g.counts[s] / scale
                segments.append((s.value, f"{x:.1f}", f"{seg_w:.1f}"))
                x += seg_w
        text_y = f"{y + _BAR / 2 + 4:.0f}"
        bars.append(
            _Bar(g.key, tip, _truncate(label, 34), y, text_y, segments, f"{x + 6:.1f}", g.total)
        )
    ticks_x = [(f"{_LABEL_W + _BARS_W * t / scale:.1f}", t) for t in ticks]
    return _Bars(bars, height, height - _AXIS, ticks_x)


def _bar_groups(b: _Bars, kind: str) -> Markup:
    """The bars of ``b`` as SVG groups, each a button that picks its ``kind`` (unit or rule).

    Written as strings, not by the template: the unit chart has a bar per unit. The
    texts are escaped as the template escapes values; the rest are numbers made here.
    """
    out = []
    head = f'<g class="bar" data-{e(kind)}="'
    lab = f'<text class="lab" x="{_LABEL_W - 8}" y="'
    for bar in b.bars:
        y = bar.y
        out += [head, e(bar.key), '" tabindex="0" role="button"><title>', e(bar.tip), "</title>"]
        out += [lab, bar.text_y, '" text-anchor="end">', e(bar.label), "</text>"]
        out.append(
            f'<rect class="track" x="{_LABEL_W}" y="{y}" width="{_BARS_W}" height="{_BAR}"></rect>'
        )
        for cls, x, width in bar.segments:
            out.append(
                f'<rect class="s-{cls}" x="{x}" y="{y}" width="{width}" height="{_BAR}"></rect>'
            )
        out.append(f'<text class="val" x="{bar.value_x}" y="{bar.text_y}">{bar.total}</text></g>')
    return Markup("".join(out))


def count_cells(g: _Group) -> Markup:
    """A group's cells in the overview tables: its counts per severity and their total."""
    out = []
    for s in _SEVERITIES:
        n = g.counts[s]
        out.append(f'<td class="n c-{s.value}">{n}</td>' if n else f'<td class="n zero">{n}</td>')
    out.append(f'<td class="n total">{g.total}</td>')
    return Markup("".join(out))


# The parts of the page with one piece per unit, written here rather than by template
# loops: a page has thousands of units, and a macro's call and each value's trip through
# Jinja cost more than the piece's text. Values are escaped as the template escapes them.


def _n_units(w: dict[str, str], n: int) -> str:
    return w["n_unit"] if n == 1 else w["n_units"].format(n=n)


def _unit_options(lay: Layout) -> Iterator[Markup]:
    """The unit filter's options, in an optgroup per committee."""
    for committee, groups in lay.committees:
        out = [f'<optgroup label="{e(committee)}">']
        out += [f'<option value="{e(g.key)}">{e(g.label)} ({g.total})</option>' for g in groups]
        out.append("</optgroup>")
        yield Markup("".join(out))


def _unit_table(lay: Layout, w: dict[str, str]) -> Iterator[Markup]:
    """The overview's rows per unit: a body per committee, a row per unit."""
    missing = f' <span class="missing">{e(w["missing"])}</span>'
    clean = f' <span class="ok">✓ {e(w["clean_unit"])}</span>'
    for committee, groups in lay.committees:
        n = e(_n_units(w, len(groups)))
        yield Markup(
            f'<tbody><tr class="cmt"><th colspan="6" scope="rowgroup">{e(committee)}'
            f' <span class="hint">({n})</span></th></tr>'
        )
        for g in groups:
            files = " ".join(
                f'<span class="rep" title="{e(fi.file)}">{e(fi.title)}</span>' for fi in g.files
            )
            yield Markup(
                f'<tr><th scope="row"><button type="button" class="pick" data-unit="{e(g.key)}">'
                f"{e(g.label)}</button>{missing if g.missing else ''}"
                f"{'' if g.total else clean}</th><td>{files}</td>{count_cells(g)}</tr>"
            )
        yield Markup("</tbody>")


def _chart(
    groups: list[_Group],
    kind: str,
    label_of: Callable[[_Group], str],
    lang: str,
    w: dict[str, str],
    caption: str,
) -> _Chart:
    """The ``TOP`` groups with the most findings as a bar chart; the rest behind "visa alla"."""
    top = max((g.total for g in groups), default=0) or 1
    shown, rest = groups[:TOP], groups[TOP:]
    title = caption
    if rest:
        title += f" ({w['chart_top'].format(n=len(shown), total=len(groups))})"
    more = w["show_all_units" if kind == "unit" else "show_all_rules"].format(n=len(groups))
    return _Chart(
        kind,
        title,
        caption,
        _bars(shown, label_of, lang, w, top),
        _bars(rest, label_of, lang, w, top) if rest else None,
        more,
    )


def shown_path(file: str, roots: Sequence[str]) -> str:
    """A file as the page names it: below the checked tree when checked by absolute path."""
    if os.path.isabs(file):
        for root in roots:
            prefix = _prefix(root)
            # a normal path below a normal root: what follows the root is its relative path
            if (
                prefix is not None
                and file[len(prefix) :]
                and file.startswith(prefix)
                and _normal(file, root)
            ):
                return file[len(prefix) :]
            with contextlib.suppress(ValueError):
                if os.path.commonpath([file, root]) == root:
                    return os.path.relpath(file, root)
    return file


def _normal(file: str, root: str) -> bool:
    """Whether ``file`` and ``root`` are written as ``os.path.relpath`` would write them."""
    double = os.sep * 2  # a POSIX normal path may start so; relpath reads it as one
    return (
        os.path.normpath(file) == file
        and os.path.normpath(root) == root
        and not file.startswith(double)
        and not root.startswith(double)
    )


# The page's excerpt lines: each file's number in them, and their packing (``_Later``).
Excerpts = tuple[dict[str, int], "_Later"]


def begin_excerpts(
    found: Found, infos: Mapping[str, FileInfo], sections: Sections | None = None
) -> Excerpts:
    """The page's excerpt lines begun (``_excerpt_lines``) as soon as each file's lines are
    known (``layout``'s ``infos_known``), for ``write_page``'s ``excerpts``: in a large
    night their gzip is the page's longest part, and it runs beside the rest of the layout.
    ``write_page`` waits for them; a caller that never writes the page, ``Excerpts[1].wait``."""
    return _excerpt_lines(found, infos, sections)


def _excerpt_lines(
    found: Found, infos: Mapping[str, FileInfo], store: Sections | None = None
) -> Excerpts:
    """The lines each file's excerpts need, once per file: {"n": line count, "l": {no: text}},
    packed (``pack``) file by file, so that the page never holds them all unpacked.

    With ``store``, the packed lines are kept there by the hash of all they are made of
    and taken from there on a night when none of it changed; on a night when some of it
    changed, each unchanged file's entry is taken from there, its lines not read, and
    they are packed by a thread of their own while the page renders (``_Later``).
    """
    index: dict[str, int] = {}
    hits: list[list[int]] = []  # each file's findings' lines, files in index order
    for file, line in zip(map(_FILE, found), map(_LINE, found), strict=True):
        n = index.get(file)
        if n is None:
            info = infos.get(file)
            if not (info.lines if info else None):
                continue
            n = index[file] = len(hits)
            hits.append([])
        hits[n].append(line)
    keys = (
        [_entry_key(infos[file].lines or (), hits[n]) for file, n in index.items()]
        if store is not None
        else []
    )
    if store is None:
        return index, _Later(value=_packed_lines(infos, index, hits))
    key = _excerpts_key(keys)
    packed = store.get(key, EXCERPTS)
    if packed is not None:
        for entry in keys:  # not read tonight, still wanted the next night something changes
            store.keep(entry, ENTRIES)
        return index, _Later(value=packed)

    def make() -> str:
        made = _packed_lines(infos, index, hits, store, keys)
        store.put(key, made, EXCERPTS)
        return made

    return index, _Later(make)


class _Later:
    """A part of the page made by a thread of its own while the page renders, taken where
    the page shows it (``result``), or made already (``value``). The packed excerpt lines
    are made so: their gzip lets go of the GIL, so it runs beside the sections' rendering,
    and the page shows them last. The store and the spool they read lock their reads."""

    def __init__(self, make: Callable[[], str] | None = None, value: str = "") -> None:
        self._value = value
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if make is not None:
            self._thread = threading.Thread(target=self._run, args=(make,), daemon=True)
            self._thread.start()

    def _run(self, make: Callable[[], str]) -> None:
        try:
            self._value = make()
        except BaseException as exc:  # raised where the page takes the value
            self._error = exc

    def result(self) -> str:
        self.wait()
        if self._error is not None:
            raise self._error
        return self._value

    def wait(self) -> None:
        """Once the thread is done (it never outlives the page, however that ends)."""
        if self._thread is not None:
            self._thread.join()


class _Html:
    """Markup made when the template writes it (``__html__``)."""

    def __init__(self, make: Callable[[], str]) -> None:
        self._make = make

    def __html__(self) -> str:
        return self._make()


def _packed_lines(
    infos: Mapping[str, FileInfo],
    index: dict[str, int],
    hits: list[list[int]],
    store: Sections | None = None,
    keys: Sequence[str] = (),
) -> str:
    """The excerpt lines packed; with ``store`` (and each file's ``_entry_key``, in index
    order), each file's entry (its JSON) kept there as a part of its own, by that key, and
    taken from there when what it is made of is the same (its lines not read)."""
    packer = _Packer()
    packer.add("[")
    batch: list[bytes] = []
    size = 0
    for file, n in index.items():
        lines = infos[file].lines
        assert lines  # as indexed
        key = keys[n] if keys else ""
        entry = store.get_bytes(key, ENTRIES) if store is not None else None
        if entry is None:
            entry = json.dumps(
                {"n": len(lines), "l": _kept_lines(lines, hits[n])},
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode("utf-8")
            if store is not None:
                store.put(key, entry, ENTRIES)
        hits[n] = []
        batch += [b",", entry] if n else [entry]
        size += len(entry)
        if size >= 1 << 20:  # a gzip the same whatever the pieces: by the MiB, not all at once
            packer.add_bytes(b"".join(batch))
            batch, size = [], 0
    packer.add_bytes(b"".join(batch) + b"]")
    return packer.done()


def _entry_key(lines: Sequence[str], hits: list[int]) -> str:
    """The hash of all one file's entry in the packed lines is made of: its line count, its
    findings' lines in order and its lines (by their digest), and the code that makes it."""
    h = _excerpts_made().copy()
    h.update(len(lines).to_bytes(8, "big") + len(hits).to_bytes(8, "big"))
    h.update(array("q", hits).tobytes() + _lines_digest(lines))
    return h.hexdigest()


def _excerpts_key(keys: Sequence[str]) -> str:
    """The hash of all the packed excerpt lines are made of: each file's entry's, in order."""
    h = _excerpts_made().copy()
    h.update("".join(keys).encode("ascii"))
    return h.hexdigest()


@functools.cache
def _excerpts_made() -> hashlib._Hash:
    """What every excerpt part's key starts with: the code that makes the parts."""
    return hashlib.sha256(f"{_EXCERPTS_FORMAT}\0{_template_digest()}".encode())


def _lines_digest(lines: Sequence[str]) -> bytes:
    """A hash of a file's lines as the excerpts read them (line number → text): the one a
    nightly run's spool made of a glimpse's kept lines, else of the lines themselves."""
    kept = lines.lines if isinstance(lines, Glimpse) else None
    spooled = getattr(kept, "digest", None)
    if isinstance(spooled, bytes):
        return spooled
    h = hashlib.sha256(b"lines\0")
    for k, text in kept.items() if kept is not None else enumerate(lines, 1):
        raw = text.encode("utf-8", "surrogatepass")
        h.update(k.to_bytes(8, "big") + len(raw).to_bytes(8, "big") + raw)
    return h.digest()


def _kept_lines(lines: Sequence[str], hits: list[int]) -> dict[str, str]:
    """The lines the excerpts of findings on ``hits`` show (line number → text), in the order
    the findings first show them; a finding's own line cut ten times later than the rest."""
    count = len(lines)
    text_of = _numbered(lines)
    shown: dict[int, None] = {}  # the lines in the order first shown
    own: set[int] = set()
    for line in hits:
        hit = min(max(line, 1), count)
        own.add(hit)
        shown.update(dict.fromkeys(window(line, count)))
    kept = {str(k): text_of(k) for k in shown}
    for k, text in kept.items():
        if len(text) > _MAX_LINE:  # seldom: a line is cut only when it is long
            kept[k] = _truncate(text, _MAX_LINE * (10 if int(k) in own else 1))
    return kept


def _numbered(lines: Sequence[str]) -> Callable[[int], str]:
    """Line ``k`` (from 1) of ``lines``; a glimpse's kept lines read as one plain mapping."""
    if isinstance(lines, Glimpse):
        return dict(lines.lines.items()).__getitem__
    return lambda k: lines[k - 1]


def pack(data: object) -> str:
    """JSON, gzipped and in base64: the excerpts' lines are a third of a large page unpacked.

    The script unpacks it with the browser's own ``DecompressionStream``.
    """
    packer = _Packer()
    packer.add(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return packer.done()


class _Packer:
    """``pack`` piece by piece: JSON text in, the base64 of its gzip (no file time) out."""

    def __init__(self) -> None:
        self._zip = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip header and trailer
        self._out: list[str] = []
        self._rest = b""  # base64 goes by 3 bytes

    def add(self, text: str) -> None:
        self.add_bytes(text.encode("utf-8"))

    def add_bytes(self, raw: bytes) -> None:
        self._encode(self._zip.compress(raw))

    def _encode(self, raw: bytes) -> None:
        raw = self._rest + raw
        cut = len(raw) - len(raw) % 3
        self._out.append(base64.b64encode(raw[:cut]).decode("ascii"))
        self._rest = raw[cut:]

    def done(self) -> str:
        self._encode(self._zip.flush())
        self._out.append(base64.b64encode(self._rest).decode("ascii"))
        return "".join(self._out)  # joined once


def unpack(text: str) -> object:
    """What ``pack`` packed (for tests and tools that read the page)."""
    return json.loads(gzip.decompress(base64.b64decode(text)).decode("utf-8"))


def _unit_items(found: Found, lay: Layout) -> tuple[array[int], dict[str, list[int]]]:
    """Each finding's place in file and line order, and each unit's findings in page order."""
    pos = {file: n for n, file in enumerate(lay.infos)}
    n = len(found)
    # each finding's (file's place, line, column, index), made by ``map`` in C: a page
    # reads every finding of the run here (323,000 at 20,000 reports)
    files = map(pos.get, map(_FILE, found), repeat(0))
    keys = sorted(zip(files, map(_LINE, found), map(_COLUMN, found), range(n), strict=True))
    order = array("q", bytes(8 * n))  # 8 bytes a finding, not a dict's ~100
    for o, key in enumerate(keys):
        order[key[3]] = o
    del keys
    # errors first, then warnings and info; each in file and line order: one number a
    # finding, its severity's rank above its place (which is below n)
    rank = {s: s.rank * n for s in Severity}
    page = array("q", map(sub, order, map(rank.__getitem__, map(_SEVERITY, found))))
    items = {g.key: sorted(g.items, key=page.__getitem__) for g in lay.units.values()}
    return order, items


# -- the page -------------------------------------------------------------------


def render(
    result: Result, lang: str = "sv", rules: Sequence[Rule] = (), dashboard: str | None = None
) -> str:
    """The findings page; ``dashboard`` is the href of the nightly dashboard to link back to."""
    return page(result, lang, rules, dashboard)[0]


def _rule_groups(found: Found, rules: Sequence[Rule], lang: str) -> list[_Group]:
    """The rules with findings, most findings first."""
    known = {r.code: r for r in rules}
    known.setdefault(INTERNAL.code, INTERNAL)
    codes = list(map(_CODE, found))
    names = list(map(_NAME, found))
    # each rule named by its first finding
    first = dict(zip(reversed(codes), reversed(names), strict=True))
    by_rule = {
        code: _Group(code, display_name(first[code], lang), rule=known.get(code))
        for code in dict.fromkeys(codes)
    }
    # counted in C; each group's severities in the order its findings first show them
    for (code, severity), n in Counter(zip(codes, map(_SEVERITY, found), strict=True)).items():
        by_rule[code].counts[severity] = n
    return sorted(by_rule.values(), key=_Group.order)


def page(
    result: Result,
    lang: str = "sv",
    rules: Sequence[Rule] = (),
    dashboard: str | None = None,
    placed: Mapping[int, str] | None = None,
    glimpses: Mapping[str, Glimpse] | None = None,
) -> tuple[str, Layout]:
    """The findings page and its layout (which unit each file went to, for the dashboard).

    ``placed`` and ``glimpses``: see ``layout``.
    """
    out = io.StringIO()
    lay = write_page(out.write, result, lang, rules, dashboard, placed, glimpses)
    return out.getvalue(), lay


class Sections(Protocol):
    """Where rendered parts of the page (unit sections, by default, and the packed excerpt
    lines) are kept between runs, by the hash of their content (``SectionStore``)."""

    def get(self, key: str, kind: str = ...) -> str | None: ...

    def get_bytes(self, key: str, kind: str = ...) -> bytes | None: ...

    def put(self, key: str, text: str | bytes, kind: str = ...) -> None: ...

    def keep(self, key: str, kind: str = ...) -> None: ...


def write_page(
    write: Callable[[str], object],
    result: Result,
    lang: str = "sv",
    rules: Sequence[Rule] = (),
    dashboard: str | None = None,
    placed: Mapping[int, str] | None = None,
    glimpses: Mapping[str, Glimpse] | None = None,
    sections: Sections | None = None,
    found: Found | None = None,
    raw: Callable[[bytes], object] | None = None,
    lay: Layout | None = None,
    excerpts: Excerpts | None = None,
) -> Layout:
    """Write the findings page piece by piece as it renders (``page``'s, the same bytes).

    Each unit's section is rendered on its own; with ``sections``, a section whose
    content was rendered before is taken from there instead. ``found``: the run's
    findings when ``result`` does not hold them. ``raw``: where the page's UTF-8 goes
    instead of ``write`` (then a stored section is copied as its bytes). ``lay``: the
    page's ``layout``, when the caller has made it; ``excerpts``, its excerpt lines, when
    the caller has begun them (``begin_excerpts``, over ``lay``'s infos and ``sections``).
    """
    lang = "en" if lang == "en" else "sv"
    w = WORDS[lang]
    found = found if found is not None else Held(result.findings)
    lay = lay if lay is not None else layout(result, w, placed, glimpses, found)
    date = datetime.now().strftime("%Y-%m-%d %H:%M")
    # the excerpt lines first: their thread, the page's longest part, begins the soonest
    index, lines = excerpts or _excerpt_lines(found, lay.infos, sections)
    try:
        context = _context(result, found, lay, rules, lang, date)
        _write_page(write, raw, result, lay, context, sections, found, index, lines, dashboard)
    finally:
        lines.wait()
    return lay


def _write_page(
    write: Callable[[str], object],
    raw: Callable[[bytes], object] | None,
    result: Result,
    lay: Layout,
    context: dict[str, object],
    sections: Sections | None,
    found: Found,
    index: dict[str, int],
    lines: _Later,
    dashboard: str | None,
) -> None:
    """``write_page``'s rendering, the packed excerpt lines (``lines``) taken last."""
    w, date = WORDS[str(context["lang"])], str(context["date"])

    def data() -> str:  # JSON that cannot end its <script> element
        return json_for_script(
            {
                "words": {k: w[k] for k in ("showing", "excerpt")},
                "lines": lines.result(),
                "context": CONTEXT,
                "open": OPEN_UNITS,
            }
        )

    units = _Units(result, found, lay, index, context, sections)
    chunks = templating.generate(
        _template(),
        **context,
        csp=_CSP.format(script=csp_hash(_SCRIPT), style=csp_hash(_STYLE)),
        style=Markup(_STYLE),  # a constant of this module, allowed by its hash
        script=Markup(_SCRIPT),  # a constant of this module, allowed by its hash
        data=_Html(data),  # written last, by when the lines are packed
        meta=w["meta"].format(
            date=date, version=__version__, files=len(result.files), units=len(lay.units)
        ),
        dashboard=dashboard,
        unit_options=functools.partial(_unit_options, lay),
        unit_table=functools.partial(_unit_table, lay, w),
        unit_sections=units.sections,
    )
    out = Writer(write, raw)
    if raw is not None and sections is not None:
        units.out = out
    try:
        out.drain(chunks)
    finally:
        units.release()


class Writer:
    """A page's output, written as it renders (``drain``): text in pieces of about ``size``
    characters (a page renders in tens of thousands of small chunks, and a call of
    ``write`` costs more than a join); with ``raw``, everything goes there as UTF-8, parts
    kept as bytes (``raw``) between the pieces as they are, in writes of about
    ``_RAW_PIECE`` bytes (a write call each part would cost more than the copy)."""

    _RAW_PIECE = 1 << 20

    def __init__(
        self,
        write: Callable[[str], object] | None = None,
        raw: Callable[[bytes], object] | None = None,
        size: int = 1 << 16,
    ) -> None:
        self._write, self._raw, self.size = write, raw, size
        self._held: list[str] = []
        self._n = 0
        self._bytes: list[bytes] = []
        self._nb = 0

    def drain(self, chunks: Iterable[str]) -> None:
        held, size = self._held, self.size
        for chunk in chunks:
            held.append(chunk)
            self._n += len(chunk)
            if self._n >= size:
                self._text()
        self.flush()

    def text(self, chunk: str) -> None:
        self._held.append(chunk)
        self._n += len(chunk)

    def raw(self, data: bytes) -> None:
        self._text()
        self._put(data)

    def flush(self) -> None:
        self._text()
        if self._bytes:
            assert self._raw is not None  # only bytes held when it takes them
            self._raw(b"".join(self._bytes))
            self._bytes.clear()
            self._nb = 0

    def _text(self) -> None:
        if self._held:
            text = "".join(self._held)
            self._held.clear()
            self._n = 0
            if self._raw is not None:
                self._put(text.encode("utf-8"))
            else:
                assert self._write is not None  # one of the two is given
                self._write(text)

    def _put(self, data: bytes) -> None:
        self._bytes.append(data)
        self._nb += len(data)
        if self._nb >= self._RAW_PIECE:
            self.flush()


def _context(
    result: Result, found: Found, lay: Layout, rules: Sequence[Rule], lang: str, date: str
) -> dict[str, object]:
    """What the page's templates read, but the unit sections' own content."""
    w = WORDS[lang]
    rule_groups = _rule_groups(found, rules, lang)
    unit_groups = sorted(lay.units.values(), key=_Group.order)
    charts = []
    if rule_groups:
        charts = [
            _chart(rule_groups, "rule", lambda g: f"{g.key} {g.label}", lang, w, w["chart_rule"]),
            _chart(unit_groups, "unit", lambda g: g.label, lang, w, w["chart_unit"]),
        ]
    return {
        "lang": lang,
        "w": w,
        "date": date,
        "version": __version__,
        "lay": lay,
        "n_files": len(result.files),
        "n_findings": len(found),
        "totals": Counter(map(_SEVERITY, found)),
        "with_findings": len(set(map(_FILE, found)).intersection(result.files)),
        "charts": charts,
        "many": len(lay.units) > OPEN_UNITS,
        "open_all": len(lay.units) <= OPEN_UNITS,
        "rule_groups": rule_groups,
        "rules_by_code": sorted(rule_groups, key=lambda g: natural_key(g.key)),
        "quiet": [r for r in rules if r.code not in {g.key for g in rule_groups}],
        "severities": _SEVERITIES,
        "noun": _NOUN,
        "count": count,
        "geo": _GEO,
        "bar_groups": _bar_groups,
        "count_cells": count_cells,
    }


# -- the unit sections ----------------------------------------------------------------

# A value the section leaves open: "<" never reaches the page from a text unescaped, so
# "<#" in a rendered section is only ever a hole (finding number i, its file-order place o,
# its file's excerpt index f, each by the finding's place in the unit; D the page's date).
_HOLE_BYTES = re.compile(rb"<#([iofD])([0-9]*)>")  # in the section's UTF-8 bytes
_SECTION_FORMAT = 2  # of the content hashed for a section's key, and of the part stored
_EXCERPTS_FORMAT = 2  # of the content hashed for the packed excerpt lines' key
# The kind of part the packed excerpt lines are kept as in a ``Sections`` store.
EXCERPTS = "excerpts"
# The kind of part each file's entry in the packed lines is kept as, by its ``_entry_key``.
ENTRIES = "entries"


class _Shown(NamedTuple):
    """One finding as its unit's section shows it (holes for what depends on the run)."""

    severity: Severity
    code: str
    name: str
    line: int
    column: int
    message: str
    label: str
    path: str
    suggestion: str | None
    noexcerpt: bool
    file: str
    i: Markup
    o: Markup
    f: Markup | None


class _UnitView(NamedTuple):
    key: str
    label: str
    missing: bool
    counts: dict[Severity, int]
    files: list[tuple[str, str]]  # (the file as the page names it, the report's title)


class _Units:
    """Each unit's section: its content, its key, rendered (or reused) and its holes filled."""

    def __init__(
        self,
        result: Result,
        found: Found,
        lay: Layout,
        index: dict[str, int],
        context: dict[str, object],
        store: Sections | None,
    ) -> None:
        self.found, self.lay, self.index, self.store = found, lay, index, store
        self.out: Writer | None = None  # the page's output, when it takes bytes
        self.order, self.items = _unit_items(found, lay)
        self.names = {file: shown_path(file, result.roots) for file in lay.infos}
        self.excerpts = {file: b"%d" % n for file, n in index.items()}  # the holes' f, as bytes
        self.lang = str(context["lang"])
        self.open_all = bool(context["open_all"])
        self.date = str(context["date"])
        self.files = list(map(_FILE, found))  # each finding's, one look for all
        self.places = found.places()
        # what every section's key starts with: how the page and its sections are made
        self.made = hashlib.sha256(
            json.dumps(
                [_SECTION_FORMAT, _template_digest(), __version__, self.lang, self.open_all]
            ).encode("utf-8")
        )
        # the section template's macros, over the page's words, language and helpers
        module, self._context = templating.make_module(_unit_template(), context)
        self.unit: Callable[..., Markup] = module.unit  # type: ignore[attr-defined]

    def release(self) -> None:
        """The section template's context let go (``templating.release``)."""
        templating.release(self._context)

    def sections(self) -> Iterator[Markup]:
        """The units' sections, in a section per committee; with ``out`` (``Writer``) a
        stored section goes to it as the bytes stored, its holes filled, none through the
        template."""
        w, out = WORDS[self.lang], self.out
        for committee, groups in self.lay.committees:
            n = e(_n_units(w, len(groups)))
            head = Markup(
                f'<section class="committee"><h3>{e(committee)} <span class="hint">({n})</span>'
                "</h3>"
            )
            if out is None:
                yield head
                for g in groups:
                    yield self.section(g)
                yield Markup("</section>")
                continue
            out.text(head)
            for g in groups:
                out.raw(self.section_bytes(g))
            out.text("</section>")

    def section(self, g: _Group, key: str | None = None) -> Markup:
        """The unit's section (``section_bytes``) as text."""
        return Markup(self.section_bytes(g, key).decode("utf-8"))

    def section_bytes(self, g: _Group, key: str | None = None) -> bytes:
        """The unit's section as UTF-8: a stored one's holes filled, never decoded; else
        rendered (and stored, ``_open``)."""
        items = self.items[g.key]
        order, files, excerpts = self.order, self.files, self.excerpts
        # the holes' values, in ``_open``'s order: each finding's i, then o, then f; then D
        number = b"%d".__mod__
        values = list(map(number, items))
        values += map(number, map(order.__getitem__, items))
        values += [excerpts.get(files[i], b"") for i in items]
        values.append(self.date.encode("utf-8"))
        if key is None:
            key = self._key(g, items) if self.store is not None else ""
            stored = self.store.get_bytes(key) if self.store is not None else None
            if stored is not None:
                filled = _filled(stored, values)
                if filled is not None:
                    return filled
        opened = _open(str(self._render(g, *self._view(g, items))).encode("utf-8"), len(items))
        if self.store is not None:
            self.store.put(key, opened)
        filled = _filled(opened, values)
        assert filled is not None  # every hole of a fresh rendering is one of its own
        return filled

    def _key(self, g: _Group, items: list[int]) -> str:
        """The hash of all the section shows: its unit, each of its files' findings (by
        their digest), how each file is shown, and which of them goes where."""
        of = list(map(self.files.__getitem__, items))
        files = {f: n for n, f in enumerate(dict.fromkeys(of))}  # numbered as first shown
        # each finding's file (by that number) and its place among the file's findings
        places = array("q", map(files.__getitem__, of))
        places.extend(map(self.places.__getitem__, items))
        names, infos, index, digest = self.names, self.lay.infos, self.index, self.found.digest
        shown = [
            (names[f], digest(f), f in index, _no_excerpt(infos.get(f), f in index)) for f in files
        ]
        content = json.dumps(
            [
                [g.committee, g.key, g.label, g.missing, [g.counts[s] for s in _SEVERITIES]],
                [(names[fi.file], fi.title) for fi in g.files],
                shown,
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        h = self.made.copy()
        h.update(content.encode("utf-8", "surrogateescape"))
        h.update(places.tobytes())
        return h.hexdigest()

    def _view(self, g: _Group, items: list[int]) -> tuple[_UnitView, list[_Shown]]:
        lang, names, infos = self.lang, self.names, self.lay.infos
        files = [(names[fi.file], fi.title) for fi in g.files]
        view = _UnitView(g.key, g.label, g.missing, {s: g.counts[s] for s in _SEVERITIES}, files)
        shown = []
        for n, i in enumerate(items):
            f = self.found.full(i)
            info = infos.get(f.file)
            indexed = f.file in self.index
            noexcerpt = _no_excerpt(info, indexed)
            shown.append(
                _Shown(
                    f.severity,
                    f.code,
                    display_name(f.name, lang),
                    f.line,
                    f.column,
                    f.message.get(lang),
                    f.label.get(lang),
                    f.path,
                    None if f.suggestion is None else f.suggestion.get(lang),
                    noexcerpt,
                    names[f.file],
                    *_holes(n, indexed),
                )
            )
        return view, shown

    def _render(self, g: _Group, view: _UnitView, shown: list[_Shown]) -> Markup:
        meta = Markup(e(WORDS[self.lang]["sheet_meta"])).format(
            committee=Markup(e(g.committee)), date=Markup("<#D>"), version=Markup(e(__version__))
        )
        return self.unit(view, meta, self.open_all, shown)


@functools.lru_cache(maxsize=4096)
def _holes(n: int, indexed: bool) -> tuple[Markup, Markup, Markup | None]:
    """The holes of a unit's ``n``-th finding: its number, its place, its file's excerpts."""
    return Markup(f"<#i{n}>"), Markup(f"<#o{n}>"), Markup(f"<#f{n}>") if indexed else None


def _no_excerpt(info: FileInfo | None, indexed: bool) -> bool:
    """Whether a finding on this file says that its file could not be read."""
    return (
        info is not None and info.exists and not info.folder and info.lines is None and not indexed
    )


def _open(raw: bytes, n: int) -> bytes:
    """A freshly rendered section (its UTF-8 ``raw``, for ``n`` findings) as it is stored:
    ``n`` and how many holes it has (``b"%d %d\\n"``), each hole's place in the values
    ``_filled`` takes (C unsigned ints), then the section as a ``bytes % values`` format,
    each hole a ``%b``. Filling it is then one format, not a search for its holes."""
    parts = _HOLE_BYTES.split(raw)  # text, then each hole's letter, number and the text after
    base = {b"i": 0, b"o": n, b"f": 2 * n, b"D": 3 * n}
    places = array(
        "I", [base[k] + int(m or 0) for k, m in zip(parts[1::3], parts[2::3], strict=True)]
    )
    text = b"%b".join(part.replace(b"%", b"%%") for part in parts[0::3])
    return b"%d %d\n" % (n, len(places)) + places.tobytes() + text


def _filled(stored: bytes, values: list[bytes]) -> bytes | None:
    """A stored section (``_open``) with its holes filled from ``values`` (each finding's i,
    then each one's o, then f, then D); None when it does not fit them (then render anew)."""
    head, _, rest = stored.partition(b"\n")
    try:
        n, count = map(int, head.split(b" "))
        size = count * _PLACE
        places = array("I")
        places.frombytes(rest[:size])
        if 3 * n + 1 != len(values) or len(places) != count:
            return None  # made for another number of findings, or cut short
        if places and max(places) >= len(values):
            return None
        return rest[size:] % tuple(map(values.__getitem__, places))
    except (ValueError, TypeError):
        return None


_PLACE = array("I").itemsize


@functools.cache
def _template_digest() -> str:
    """What a stored part was made with: the section's template and the code that fills
    it (this module, the words and names of findings, escaping, the lines excerpts show)."""
    h = hashlib.sha256()
    modules = (
        findings_module,
        rule_module,
        swedish_module,
        htmlbase_module,
        templating,
        glimpse_module,
    )
    for part in (_unit_template().filename, __file__, *(m.__file__ for m in modules)):
        if part:
            with open(part, "rb") as fh:
                h.update(fh.read())
    return h.hexdigest()


def _unit_template() -> jinja2.Template:
    return _environment().get_template("findings_unit.html.j2")


def _template() -> jinja2.Template:
    return _environment().get_template("findings.html.j2")


def _environment() -> jinja2.Environment:
    # html.escape's entities, as htmlbase.e writes them elsewhere (the desk's bar, tests)
    return environment("checker.outputs", keep_trailing_newline=True, escape=e, compact=True)


_CSP = (
    "default-src 'none'; script-src {script}; style-src {style};"
    " img-src data:; font-src 'none'; connect-src 'none'; media-src 'none';"
    " object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none';"
    " base-uri 'none'; form-action 'none'"
)


# The findings page adds its own rules to the base the dashboard shares.
_STYLE = (
    BASE_STYLE
    + """
header .back{margin:6px 0 0}header .back a{color:#fff}
.charts{display:flex;flex-wrap:wrap;gap:24px}
.chart{margin:8px 0;flex:1 1 600px;min-width:0}
.chart figcaption{font-weight:600;margin-bottom:6px;display:flex;gap:16px;align-items:center;
flex-wrap:wrap}
.chart svg{max-width:100%;height:auto;font-size:13px}
.legend{font-weight:400;color:var(--muted);font-size:13px;display:flex;gap:12px}
.key{display:inline-flex;align-items:center;gap:4px}
.sw{display:inline-block;width:12px;height:12px;border-radius:2px}
.sw.s-error{background:var(--err)}.sw.s-warning{background:var(--warn-bar)}
.sw.s-info{background:var(--info-bar)}
svg .s-error{fill:var(--err)}svg .s-warning{fill:var(--warn-bar)}svg .s-info{fill:var(--info-bar)}
svg .track{fill:#eef1f4}svg .lab{fill:var(--ink)}svg .val{fill:var(--muted);font-weight:600}
svg .axis{stroke:#8c959f;stroke-width:1}svg .tick{fill:var(--muted);font-size:12px}
svg .bar{cursor:pointer}svg .bar:hover .track,svg .bar:focus .track{fill:#dde3ea}
svg .bar:focus{outline:none}
details.more>summary{cursor:pointer;color:#0b5cad;font-weight:600;margin:4px 0}
table.overview{border-collapse:collapse;width:100%;margin:4px 0 8px}
.overview th,.overview td{border-bottom:1px solid var(--line);padding:6px 10px;text-align:left;
vertical-align:top}
.overview thead th{background:var(--bg);font-size:13px;color:var(--muted)}
.overview tr.cmt th{background:#eef3f9;font-size:14px}
.overview td.n,.overview th.n{text-align:right;white-space:nowrap;width:1%}
.overview td.c-error{color:var(--err);font-weight:700}
.overview td.c-warning{color:var(--warn);font-weight:700}
.overview td.c-info{color:var(--info);font-weight:700}
.overview td.zero{color:#9aa4ae}.overview td.total{font-weight:700}
.overview td.what{color:var(--muted);font-size:14px}
.rname{font-family:ui-monospace,Consolas,monospace;font-size:13px;font-weight:400;
color:var(--muted)}
#rule-table th[scope=row]{white-space:nowrap}
a.code{font-weight:700;color:#0b5cad}
.rep{display:inline-block;background:var(--bg);border:1px solid var(--line);border-radius:4px;
padding:0 6px;font-size:13px}
.ok{color:#1a7f37;font-size:13px;white-space:nowrap}
.missing{display:inline-block;background:var(--err);color:#fff;border-radius:4px;padding:0 7px;
font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.03em;vertical-align:middle}
button.pick{background:none;border:0;padding:0;font:inherit;font-weight:600;color:#0b5cad;
cursor:pointer;text-align:left;text-decoration:underline dotted}
button.pick:hover{text-decoration:underline}
details.quiet{margin:8px 0;color:var(--muted)}details.quiet li{margin:2px 0}
.filters{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:12px 16px;
align-items:flex-end;background:#fff;border:1px solid var(--line);border-radius:8px;
padding:10px 14px;box-shadow:0 2px 6px rgba(0,0,0,.06)}
.filters fieldset{border:0;margin:0;padding:0;display:flex;gap:8px;align-items:center}
.filters legend{font-size:13px;color:var(--muted);padding:0;margin-bottom:2px}
.filters fieldset{flex-wrap:wrap;max-width:300px}
.filters label{display:flex;flex-direction:column;font-size:13px;color:var(--muted);gap:2px}
.filters label.chk{flex-direction:row;align-items:center;gap:4px;color:var(--ink)}
.filters label.grow{flex:1 1 220px}
.filters select,.filters input[type=search]{font:inherit;color:var(--ink);padding:4px 6px;
border:1px solid #8c959f;border-radius:4px;max-width:240px}
.filters button,button.print{font:inherit;padding:5px 12px;border:1px solid #8c959f;
border-radius:4px;background:var(--bg);cursor:pointer}
#count{font-weight:600;margin:12px 0 4px}
section.committee h3{font-size:17px;margin:22px 0 6px}
details.unit{border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:4px 12px;
scroll-margin-top:140px}
details.unit>summary{cursor:pointer;padding:2px 0}
details.unit>summary .badge{margin-left:4px}
.uname{font-weight:700;font-size:16px}.ushown{color:var(--muted);font-size:13px}
.sheet-head{display:flex;flex-wrap:wrap;gap:2px 16px;align-items:baseline;
border-bottom:1px solid var(--line);padding:4px 0 8px}
.sheet-head p{margin:0}.sheet-title{font-weight:700;font-size:18px;flex:1 1 100%}
.sheet-meta{color:var(--muted);font-size:13px;flex:1 1 100%}
.sheet-counts{font-weight:600;margin-left:6px}
button.print{margin-left:auto;font-size:13px;padding:3px 10px}
ol.flist{list-style:none;margin:0;padding:0}
.finding{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:6px;
margin:10px 0;padding:10px 14px;background:#fff}
.finding.sev-error{border-left-color:var(--err)}
.finding.sev-warning{border-left-color:var(--warn-bar)}
.finding.sev-info{border-left-color:var(--info-bar)}
.fhead{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 12px}
.badge{display:inline-block;font-size:12px;font-weight:700;text-transform:uppercase;
letter-spacing:.03em;padding:1px 7px;border-radius:10px}
.b-error{background:var(--err-bg);color:var(--err)}
.b-warning{background:var(--warn-bg);color:var(--warn)}
.b-info{background:var(--info-bg);color:var(--info)}
.fhead .loc{font-family:ui-monospace,Consolas,monospace;font-size:13px;color:var(--muted);
margin-left:auto;overflow-wrap:anywhere}
.finding p{margin:6px 0}
.finding .msg{font-size:16px}
.k{font-weight:600;color:var(--muted)}
.finding .sugg{background:#e9f6ec;border-radius:4px;padding:4px 8px;display:inline-block}
pre.yaml,pre.ex{margin:8px 0 2px;background:#f6f8fa;border:1px solid var(--line);
border-radius:4px;padding:6px 0;overflow-x:auto;
font:13px/1.45 ui-monospace,Consolas,"DejaVu Sans Mono",monospace}
pre.ex{padding:6px 12px;white-space:pre-wrap}
pre.yaml .yl{display:flex;padding:0 12px 0 0}
pre.yaml .tx{white-space:pre-wrap;overflow-wrap:anywhere;min-width:0}
pre.yaml .ln{flex:none;color:#8c959f;padding:0 12px 0 10px;margin-right:8px;white-space:pre;
border-right:1px solid var(--line);user-select:none}
pre.yaml .hit{background:#fff1b8;font-weight:600}
pre.yaml .hit .ln{color:var(--ink);border-right:3px solid var(--err)}
pre.yaml .caret{color:var(--err);font-weight:700;line-height:1.1}
pre.yaml .caret .ln{border-right:3px solid transparent}
details.rule{border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:4px 12px}
details.rule>summary{cursor:pointer}details.rule:target{border-color:#0b5cad}
.noexcerpt{color:var(--muted);font-style:italic}
.none{font-size:17px;color:#1a7f37;font-weight:600}
[hidden]{display:none!important}
@page{size:A4;margin:10mm 12mm}
@media print{.filters,.hint,#count,noscript,button.print,.back{display:none}
.finding{break-inside:avoid}
header{background:none;color:var(--ink)}header .meta{color:var(--muted)}
body.print-unit header,body.print-unit .cards,body.print-unit #overview,body.print-unit #rules,
body.print-unit #findings>h2,body.print-unit #no-match,body.print-unit .committee>h3,
body.print-unit .printing>summary,body.print-unit pre.yaml,
body.print-unit .committee:not(:has(.printing)),body.print-unit details.unit:not(.printing)
{display:none!important}
body.print-unit main{padding:0}body.print-unit .printing{border:0;padding:0;margin:0}
body.print-unit .printing li.finding[hidden]{display:block!important}
body.print-unit{font-size:10px;line-height:1.25}body.print-unit .sheet-title{font-size:16px}
body.print-unit .finding{margin:2px 0;padding:2px 8px;border-width:1px 1px 1px 4px}
body.print-unit .finding .msg{font-size:11px}body.print-unit .finding p{margin:1px 0}
body.print-unit .fhead .rname{display:none}
body.print-unit .fhead .loc{font-size:9px}body.print-unit .badge{font-size:8px}
body.print-unit .finding .sugg{padding:0 6px}}
"""
)

_SCRIPT = """
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var data = JSON.parse($("rk-data").textContent);
  var units = Array.prototype.slice.call(document.querySelectorAll("details.unit"));

  // A link to a rule's explanation (or any section) opens the details around it.
  function reveal(el) {
    for (var p = el; p; p = p.parentElement) { if (p.tagName === "DETAILS") { p.open = true; } }
  }
  function fromHash() {
    var el = location.hash.length > 1 ? $(decodeURIComponent(location.hash.slice(1))) : null;
    if (el) { reveal(el); el.scrollIntoView({block: "start"}); }
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[href^='#']") : null;
    var el = a ? $(decodeURIComponent(a.getAttribute("href").slice(1))) : null;
    if (el) { reveal(el); }
  });
  window.addEventListener("hashchange", fromHash);

  // The YAML lines around each finding, drawn when its unit is first opened.
  function pad(text, n) { while (text.length < n) { text = " " + text; } return text; }
  function row(cls, num, text) {
    var line = document.createElement("span"), ln = document.createElement("span");
    var tx = document.createElement("span");
    line.className = cls; ln.className = "ln"; ln.setAttribute("aria-hidden", "true");
    tx.className = "tx"; ln.textContent = num; tx.textContent = text || " ";
    line.appendChild(ln); line.appendChild(tx);
    return line;
  }
  var files = null;
  function excerpt(li) {
    var file = files[Number(li.getAttribute("data-f"))];
    if (!file) { return; }
    var line = Number(li.getAttribute("data-l")), col = Number(li.getAttribute("data-c"));
    var hit = Math.min(Math.max(line, 1), file.n);
    var first = Math.max(1, hit - data.context), last = Math.min(file.n, hit + data.context);
    var digits = String(last).length;
    var pre = document.createElement("pre"), code = document.createElement("code");
    var caption = data.words.excerpt.replace("{a}", first).replace("{b}", last);
    pre.className = "yaml"; pre.title = caption; pre.setAttribute("aria-label", caption);
    for (var n = first; n <= last; n++) {
      var text = file.l[String(n)] || "";
      code.appendChild(row(n === hit ? "yl hit" : "yl", pad(String(n), digits), text));
      if (n === hit && col >= 1 && col <= text.length + 1) {
        var caret = row("yl caret", pad("", digits), pad("", col - 1) + "^");
        caret.setAttribute("aria-hidden", "true");
        code.appendChild(caret);
      }
    }
    pre.appendChild(code);
    li.appendChild(pre);
  }
  function draw(unit) {
    if (unit.drawn || !unit.open || !files) { return; }
    unit.drawn = true;
    each(unit.querySelectorAll("li.finding[data-f]"), excerpt);
  }
  units.forEach(function (u) { u.addEventListener("toggle", function () { draw(u); }); });
  var bytes = Uint8Array.from(atob(data.lines), function (c) { return c.charCodeAt(0); });
  new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")))
    .text().then(function (text) {
      files = JSON.parse(text);
      units.forEach(draw);
      document.body.setAttribute("data-excerpts", "ready");
    });

  // One unit's sheet, printed on its own for the unit's manager.
  each(document.querySelectorAll("button.print"), function (b) {
    b.addEventListener("click", function () {
      var unit = $(b.getAttribute("data-print"));
      document.body.classList.add("print-unit");
      unit.classList.add("printing");
      unit.open = true;
      var done = function () {
        window.removeEventListener("afterprint", done);
        document.body.classList.remove("print-unit");
        unit.classList.remove("printing");
      };
      window.addEventListener("afterprint", done);
      window.print();
    });
  });
  fromHash();

  var list = document.querySelectorAll("li.finding");
  if (!list.length || !$("f-rule")) { return; }
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll("input[name=sev]"));
  var rule = $("f-rule"), unit = $("f-unit"), text = $("f-text"), sort = $("f-sort");
  var count = $("count"), noMatch = $("no-match");
  var committees = document.querySelectorAll("section.committee");
  var starts = units.map(function (u) {
    u.hay = (u.querySelector(".uname").textContent + " " +
      u.closest("section.committee").querySelector("h3").textContent).toLocaleLowerCase("sv");
    return u.open;
  });
  var filtering = false;
  var RANK = {error: 2, warning: 1, info: 0};
  var items = Array.prototype.map.call(list, function (li) {
    var u = li.closest("details.unit");
    var where = u.querySelector(".uname").textContent + " " +
      u.closest("section.committee").querySelector("h3").textContent;
    var f = {el: li, unit: u, code: li.getAttribute("data-r"), sev: li.getAttribute("data-s"),
      rank: RANK[li.getAttribute("data-s")], o: Number(li.getAttribute("data-o")),
      hay: (li.textContent + " " + where).toLocaleLowerCase("sv")};
    (u.items = u.items || []).push(f);
    return f;
  });
  var coll = new Intl.Collator("sv", {numeric: true});
  function byFile(a, b) { return a.o - b.o; }
  var orders = {
    file: byFile,
    rule: function (a, b) { return coll.compare(a.code, b.code) || byFile(a, b); },
    severity: function (a, b) { return (b.rank - a.rank) || byFile(a, b); }
  };
  function apply() {
    var sevs = {}, narrow = !!rule.value;
    sevBoxes.forEach(function (c) {
      if (c.checked) { sevs[c.value] = true; } else { narrow = true; }
    });
    var terms = text.value.toLocaleLowerCase("sv").split(/\\s+/).filter(Boolean);
    narrow = narrow || terms.length > 0;
    var shown = 0;
    items.forEach(function (f) {
      var ok = !!sevs[f.sev] && (!rule.value || f.code === rule.value) &&
        (!unit.value || f.unit.id === unit.value) &&
        terms.every(function (t) { return f.hay.indexOf(t) !== -1; });
      f.el.hidden = !ok;
      f.unit.shown = (f.unit.shown || 0) + (ok ? 1 : 0);
      if (ok) { shown += 1; }
    });
    // a search for a unit's or committee's name finds the unit, findings or not
    var byName = terms.length > 0 && !rule.value &&
      sevBoxes.every(function (c) { return c.checked; });
    var kept = units.filter(function (u) {
      var named = byName && terms.every(function (t) { return u.hay.indexOf(t) !== -1; });
      u.hidden = !((!unit.value || u.id === unit.value) && (!narrow || u.shown > 0 || named));
      return !u.hidden;
    });
    var openAll = !!unit.value || (narrow && kept.length <= data.open);
    units.forEach(function (u, k) {
      var mark = u.querySelector(".ushown");
      mark.textContent = narrow && u.items ? "(" + data.words.showing.replace("{n}",
        String(u.shown)).replace("{total}", String(u.items.length)) + ")" : "";
      if (openAll && !u.hidden) { u.open = true; }
      else if (!narrow && !unit.value && filtering) { u.open = starts[k]; }
      u.shown = 0;
    });
    filtering = narrow || !!unit.value;
    each(committees, function (c) {
      c.hidden = !c.querySelector("details.unit:not([hidden])");
    });
    count.textContent = data.words.showing.replace("{n}", String(shown))
      .replace("{total}", String(items.length));
    noMatch.hidden = shown !== 0;
  }
  function reorder() {
    var order = orders[sort.value] || orders.severity;
    units.forEach(function (u) {
      if (!u.items) { return; }
      var ol = u.querySelector("ol.flist");
      u.items.slice().sort(order).forEach(function (f) { ol.appendChild(f.el); });
    });
  }
  function choose(select, value) {
    var has = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    select.value = has ? value : "";
    apply();
    var target = select === unit && has ? $(value) : $("findings");
    target.scrollIntoView({behavior: "smooth", block: "start"});
  }
  [rule, unit].concat(sevBoxes).forEach(function (el) { el.addEventListener("change", apply); });
  text.addEventListener("input", apply);
  sort.addEventListener("change", reorder);
  $("f-reset").addEventListener("click", function () {
    sevBoxes.forEach(function (c) { c.checked = true; });
    rule.value = ""; unit.value = ""; text.value = ""; sort.value = "severity";
    reorder(); apply();
  });
  each(document.querySelectorAll("[data-rule],[data-unit]"), function (el) {
    var pick = function () {
      if (el.hasAttribute("data-rule")) { choose(rule, el.getAttribute("data-rule")); }
      else { choose(unit, el.getAttribute("data-unit")); }
    };
    el.addEventListener("click", pick);
    el.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); pick(); }
    });
  });
})();
"""


class HtmlFormatter(Formatter):
    name = "html"

    def render(self, result: Result) -> str:
        return render(result, self.options.lang, self.options.rules)
