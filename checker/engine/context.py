"""What a rule sees of one report: the model, the data as written, the profile."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from checker.engine.refdata import Profile, ReferenceData
from checker.read.fastbase import Plain, dump_part
from checker.read.fastmodel import (
    Activity,
    AreaGoal,
    CommitteeGoal,
    DepartmentGoal,
    DirectionGoal,
    Indicator,
    Report,
    UnitGoal,
)
from checker.read.loader import Document, lookup
from checker.record import Record
from checker.rule import DocPath

_MISSING = object()

Goal = DirectionGoal | AreaGoal | CommitteeGoal | DepartmentGoal | UnitGoal


class GoalRef(Record):
    """A goal with its place in the hierarchy."""

    _fields = ("path", "goal", "level", "parents")

    def __init__(
        self, path: DocPath, goal: Goal, level: str, parents: list[GoalRef] | None = None
    ) -> None:
        self.path = path
        self.goal = goal
        # "inriktningsmål", "verksamhetsområdesmål", "nämndmål", "avdelningsmål", "enhetsmål"
        self.level = level
        self.parents: list[GoalRef] = [] if parents is None else parents

    @property
    def lineage(self) -> list[GoalRef]:
        """This goal's parents and itself: the parents of a goal below it."""
        return [*self.parents, self]

    @property
    def kf_number(self) -> str | None:
        """The number of the nearest KF goal (e.g. "3.1") above or at this goal."""
        for ref in [self, *reversed(self.parents)]:
            if ref.level in ("verksamhetsområdesmål", "inriktningsmål"):
                number = getattr(ref.goal, "number", None)
                return None if number is None else str(number).strip()
        return None


class ReportContext(Record):
    _fields = ("file", "doc", "report", "refdata", "marked", "_memo", "unverified")
    _not_compared = _not_shown = ("marked", "_memo", "unverified")

    def __init__(
        self,
        file: str,
        doc: Document,
        report: Report,
        refdata: ReferenceData,
        marked: set[DocPath] | None = None,
        _memo: dict[str, Any] | None = None,
        unverified: dict[str, int] | None = None,
    ) -> None:
        self.file = file
        self.doc = doc
        self.report = report
        self.refdata = refdata
        self.marked: set[DocPath] = set() if marked is None else marked
        self._memo: dict[str, Any] = {} if _memo is None else _memo
        # How many things each rule could not check (a KF goal number an incomplete catalogue
        # lacks): not a defect of the report, counted for the run's summary and --statistics.
        self.unverified: dict[str, int] = {} if unverified is None else unverified

    def note_unverified(self, code: str, n: int = 1) -> None:
        """Count ``n`` things rule ``code`` could not check in this report."""
        self.unverified[code] = self.unverified.get(code, 0) + n

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """Compute something once per report for all rules (e.g. the list of goals)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def mark(self, path: DocPath) -> DocPath:
        """Note that a run rule may report on ``path`` (so its place is kept)."""
        self.marked.add(path)
        return path

    @property
    def data(self) -> Any:
        return self.doc.data

    @property
    def type(self) -> str | None:
        return self.report.header.type if self.report.header else None

    @property
    def year(self) -> int | None:
        return self.report.header.year if self.report.header else None

    @property
    def unit(self) -> str | None:
        return self.report.header.unit if self.report.header else None

    @property
    def profile(self) -> Profile | None:
        return self.refdata.profile_for(self.type, self.year)

    def raw(self, path: DocPath, default: Any = None) -> Any:
        """The value at ``path`` as written, or ``default`` when absent."""
        return lookup(self.doc.data, path, default)

    def value(self, path: DocPath, default: Any = None) -> Any:
        """The value at ``path`` as the model read it (unknown keys and bad values left out)."""
        node = self.part(path, _MISSING)
        return default if node is _MISSING else dump_part(node)

    def part(self, path: DocPath, default: Any = None) -> Any:
        """The part at ``path`` as the model read it, not copied into plain data: a report
        part (``FIELDS`` names its keys), a list, a mapping or a value; ``default`` where
        the dumped model has nothing. Whether a section is empty is read from it without
        copying the section (the goals are most of a report)."""
        node: Any = self.report
        for key in path:
            if isinstance(node, Plain):
                attr = node.ATTRS.get(key) if isinstance(key, str) else None
                node = None if attr is None else getattr(node, attr)
                if node is None:  # a dump leaves a None field out
                    return default
            else:
                node = lookup(node, (key,), _MISSING)
                if node is _MISSING:
                    return default
        return node

    def has(self, path: DocPath) -> bool:
        marker = object()
        return self.raw(path, marker) is not marker

    def goals(self) -> Iterator[GoalRef]:
        """Every goal, depth first, with its parents."""
        return iter(self.memo("goals", lambda: list(self._walk_goals())))

    def _walk_goals(self) -> Iterator[GoalRef]:
        for i, dg in enumerate(self.report.goals or []):
            dref = GoalRef(("inriktningsmål", i), dg, "inriktningsmål")
            yield dref
            for j, ag in enumerate(dg.area_goals or []):
                aref = GoalRef(
                    (*dref.path, "verksamhetsområdesmål", j), ag, "verksamhetsområdesmål", [dref]
                )
                yield aref
                for k, cg in enumerate(ag.committee_goals or []):
                    cref = GoalRef((*aref.path, "nämndmål", k), cg, "nämndmål", [dref, aref])
                    yield cref
                    for n, pg in enumerate(cg.department_goals or []):
                        pref = GoalRef(
                            (*cref.path, "avdelningsmål", n), pg, "avdelningsmål", cref.lineage
                        )
                        yield pref
                        yield from _unit_goals(pref, pg.unit_goals)
                    yield from _unit_goals(cref, cg.unit_goals)

    def unit_goals(self) -> Iterator[GoalRef]:
        return (g for g in self.goals() if g.level == "enhetsmål")

    def indicators(self) -> Iterator[tuple[DocPath, Indicator, GoalRef]]:
        """Every indicator with its path and goal (walked once, many rules ask)."""
        return iter(self.memo("indicators", lambda: self._items("indicators", "indikatorer")))

    def activities(self) -> Iterator[tuple[DocPath, Activity, GoalRef]]:
        return iter(self.memo("activities", lambda: self._items("activities", "aktiviteter")))

    def _items(self, name: str, key: str) -> list[tuple[DocPath, Any, GoalRef]]:
        return [
            ((*ref.path, key, i), item, ref)
            for ref in self.goals()
            for i, item in enumerate(_field(ref.goal, name))
        ]


def _unit_goals(parent: GoalRef, goals: list[UnitGoal] | None) -> Iterator[GoalRef]:
    for m, ug in enumerate(goals or []):
        yield GoalRef((*parent.path, "enhetsmål", m), ug, "enhetsmål", parent.lineage)


def _field(model: Any, name: str) -> list[Any]:
    """A list field that only some goal levels have; a class lookup, not a failing getattr."""
    if name not in type(model).FIELDS:
        return []
    return getattr(model, name) or []
