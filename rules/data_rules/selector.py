"""Selectors: places in a report named as our labels name them.

``KF 1.3 › Nämndmål › Indikator »Andel brukare med aktuell genomförandeplan«``
reads like the place of a finding, not like a JSONPath. A selector is a chain
of steps separated by ``›`` (or ``>``); each step finds places below the
places of the step before:

- a section by its name: ``Rapporthuvud``, ``Sammanfattande analys``,
  ``Inledning``, ``Ekonomi``, ``Resultaträkning``, ``Kvalitetsarbete``,
  ``Synpunkter och klagomål``, the complaints rows ``Lex Sarah``, ``Lex Maria``,
  ``Beröm``, ``Återkoppling``, ``Åtgärder``, ``Från vem``, ``Vad gällde``, and
  ``Övrigt``; ``Rapporten`` is the whole report;
- a goal level: ``KF`` (both KF levels; ``KF 1.3`` by number), ``Nämndmål``,
  ``Avdelningsmål``, ``Enhetsmål``, at any depth below;
- a goal's own ``Indikator`` and ``Aktivitet`` (first in a selector: all of the
  report's), and ``Avsnitt`` (sub-headings at any depth);
- a field by its key as written in the report (``analys``, ``utfall``).

A step that names items takes ``»titel«`` (the same title, case and spacing
aside) or ``med »ord …«`` (a title with all these words).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checker.plugin import DocPath, ReportContext, nfc, norm_words
from rules.data_rules.kinds import fields
from rules.presence import not_applicable

_COMPLAINTS: DocPath = ("kvalitetsarbete", "klagomål")

# Sections by name → (path from the report, kind). Names compare without case or spaces.
SECTIONS: dict[str, tuple[DocPath, str]] = {
    "Rapporten": ((), "rapporten"),
    "Rapporthuvud": (("rapport",), "rapporthuvud"),
    "Sammanfattande analys": (("sammanfattande_analys",), "textavsnitt"),
    "Inledning": (("inledning",), "textavsnitt"),
    "Ekonomi": (("ekonomi",), "ekonomi"),
    "Resultaträkning": (("ekonomi", "resultaträkning"), "resultaträkning"),
    "Kvalitetsarbete": (("kvalitetsarbete",), "kvalitetsarbete"),
    "Systematiskt kvalitetsarbete": (("kvalitetsarbete",), "kvalitetsarbete"),
    "Synpunkter och klagomål": (_COMPLAINTS, "klagomål"),
    "Lex Sarah": ((*_COMPLAINTS, "lex_sarah"), "klagomålsrad"),
    "Lex Maria": ((*_COMPLAINTS, "lex_maria"), "klagomålsrad"),
    "Beröm": ((*_COMPLAINTS, "beröm"), "klagomålsrad"),
    "Återkoppling": ((*_COMPLAINTS, "återkoppling"), "klagomålsrad"),
    "Åtgärder": ((*_COMPLAINTS, "åtgärder"), "klagomålsrad"),
    "Övrigt": (("övrigt",), "textavsnitt"),
}
# Lists of complaints rows, by name → their path; each row is a place.
ROW_LISTS: dict[str, DocPath] = {
    "Från vem": (*_COMPLAINTS, "från_vem"),
    "Vad gällde": (*_COMPLAINTS, "vad_gällde"),
}
# Goal levels by name → the context's levels they take.
GOALS: dict[str, tuple[str, ...]] = {
    "KF": ("inriktningsmål", "verksamhetsområdesmål"),
    "Nämndmål": ("nämndmål",),
    "Avdelningsmål": ("avdelningsmål",),
    "Enhetsmål": ("enhetsmål",),
}
_GOAL_KIND = {"KF": "kf", "Nämndmål": "nämndmål", "Avdelningsmål": "avdelningsmål"}
ITEMS = {"Indikator": ("indikatorer", "indikator"), "Aktivitet": ("aktiviteter", "aktivitet")}
STEP_NAMES = [*SECTIONS, *ROW_LISTS, *GOALS, *ITEMS, "Avsnitt"]
_BY_NORM = {norm_words(n): n for n in STEP_NAMES}
_BY_NORM.update({"kf-mål": "KF", "kfmål": "KF", "klagomål": "Synpunkter och klagomål"})

_QUOTED = re.compile(
    r"^(?P<name>.*?)\s*(?:(?P<med>\bmed\s+)?[»\"“”](?P<text>[^»«\"“”]*)[«\"“”])?\s*$"
)
_KF_NUMBER = re.compile(r"^KF\s+(?P<num>\d+(?:\.\d+)*)$", re.IGNORECASE)

MAX_SELECTOR = 500  # characters: a selector is a line, never a document


class SelectorError(ValueError):
    """A selector that cannot be read; the message is Swedish and says what to write."""


@dataclass(frozen=True)
class Place:
    path: DocPath
    value: Any
    kind: str


@dataclass(frozen=True)
class Step:
    what: str  # "section", "rows", "goals", "items", "avsnitt", "field"
    name: str  # the step's name (a section name, a level, a field key)
    exact: str | None = None  # »titel«, compared by norm_words
    words: tuple[str, ...] = ()  # med »ord …«
    number: str | None = None  # KF 1.3

    def matches(self, title: object) -> bool:
        if self.exact is not None:
            return norm_words(str(title or "")) == norm_words(self.exact)
        if self.words:
            have = set(re.findall(r"\w+", nfc(str(title or "")).lower()))
            return all(w in have for w in self.words)
        return True


@dataclass(frozen=True)
class Selector:
    text: str
    steps: tuple[Step, ...]
    kind: str  # the kind of the places it finds
    fixed: DocPath | None = ()  # their path, when it is a section's
    absolute: bool = True  # from the report (a selector inside a check may start below)

    def find(self, ctx: ReportContext, start: Place | None = None) -> list[Place]:
        """The places of this selector, below ``start`` (the report when None or absolute)."""
        if start is None or self.absolute:
            key = "datarules:" + self.text
            return ctx.memo(key, lambda: self._find(ctx, Place((), ctx.data, "rapporten")))  # type: ignore[no-any-return]
        return self._find(ctx, start)

    def _find(self, ctx: ReportContext, start: Place) -> list[Place]:
        places = [start]
        for step in self.steps:
            places = [p for here in places for p in _step(ctx, here, step)]
        return places


def _suggest(word: str, names: list[str]) -> str:
    near = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    if not near:
        low = {n.lower(): n for n in names}
        near = [low[x] for x in difflib.get_close_matches(word.lower(), list(low), n=1, cutoff=0.6)]
    return f"; menade du {near[0]}?" if near else ""


def split_steps(text: str) -> list[str]:
    """The steps of a selector: split at › and > outside »…« and "…"."""
    parts: list[str] = []
    current = ""
    quoted = False
    for ch in text:
        if ch in '»"“' and not quoted:
            quoted = True
        elif ch in '«"”' and quoted:
            quoted = False
        elif ch in "›>" and not quoted:
            parts.append(current.strip())
            current = ""
            continue
        current += ch
    parts.append(current.strip())
    return parts


def parse(text: str, start: Selector | None = None) -> Selector:
    """A selector from its text, checked against the report format; ``SelectorError`` if wrong.

    With ``start`` it is read below the places ``start`` finds, unless it begins with
    ``Rapporten``.
    """
    if len(text) > MAX_SELECTOR:
        raise SelectorError(f"platsen är längre än {MAX_SELECTOR} tecken")
    raw = split_steps(text)
    if not any(raw):
        raise SelectorError("platsen är tom; skriv t.ex. Rapporten eller KF 1.3 › Nämndmål")
    absolute = start is None or _BY_NORM.get(norm_words(raw[0])) == "Rapporten"
    kind = "rapporten" if absolute or start is None else start.kind
    fixed: DocPath | None = () if absolute or start is None else start.fixed
    steps: list[Step] = []
    for i, part in enumerate(raw):
        if not part:
            raise SelectorError(f"steg {i + 1} i platsen är tomt (två › i rad?)")
        step, kind, fixed = _parse_step(part, kind, fixed)
        if step is not None:
            steps.append(step)
    return Selector(text, tuple(steps), kind, fixed, absolute)


def _parse_step(
    part: str, kind: str, fixed: DocPath | None
) -> tuple[Step | None, str, DocPath | None]:
    m = _QUOTED.match(part)
    assert m is not None  # the pattern matches every text
    head = m["name"].strip()
    text = m["text"]
    exact = text.strip() if text is not None and not m["med"] else None
    words = tuple(re.findall(r"\w+", nfc(text).lower())) if text is not None and m["med"] else ()
    number = None
    kf = _KF_NUMBER.match(head)
    if kf is not None:
        head, number = "KF", kf["num"]
    filtered = text is not None or number is not None
    # a key exactly as written in the report is a field ("övrigt" under Ekonomi), before
    # a section of the same name
    name = None if nfc(head) in fields(kind) and not filtered else _BY_NORM.get(norm_words(head))
    if name in SECTIONS:
        path, new_kind = SECTIONS[name]
        if filtered:
            raise SelectorError(f"{name} är ett avsnitt och tar ingen titel inom »…«")
        if fixed is None or path[: len(fixed)] != fixed:
            raise SelectorError(
                f"{name} kan inte stå under {_kind_name(kind)}; börja platsen med {name}"
            )
        if name == "Rapporten":
            return None, new_kind, ()
        return Step("section", name, number=None, exact=None, words=()), new_kind, path
    if name in ROW_LISTS:
        path = ROW_LISTS[name]
        if fixed is None or path[: len(fixed)] != fixed:
            raise SelectorError(f"{name} kan inte stå under {_kind_name(kind)}")
        return Step("rows", name, exact, words), "klagomålsrad", None
    if name in GOALS:
        if kind not in ("rapporten", "kf", "nämndmål", "avdelningsmål"):
            raise SelectorError(f"{name} kan inte stå under {_kind_name(kind)}")
        if number is not None and name != "KF":
            raise SelectorError(f"bara KF-mål väljs med nummer; skriv {name} »titel«")
        return Step("goals", name, exact, words, number), _GOAL_KIND.get(name, "enhetsmål"), None
    if name in ITEMS:
        if not (kind == "rapporten" or kind in ("kf", "nämndmål", "avdelningsmål", "enhetsmål")):
            raise SelectorError(
                f"{name} står under ett mål (KF, Nämndmål, Avdelningsmål, Enhetsmål) eller först"
            )
        return Step("items", name, exact, words), ITEMS[name][1], None
    if name == "Avsnitt":
        return Step("avsnitt", name, exact, words), "avsnitt", None
    # a field, by its key as written in the report
    known = fields(kind)
    key = nfc(head)
    if filtered:
        raise SelectorError(
            f"okänt steg {head!r}{_suggest(head, STEP_NAMES)}. Steg med »titel« är"
            f" {', '.join([*ROW_LISTS, *GOALS, *ITEMS, 'Avsnitt'])}"
        )
    if key not in known:
        hint = _suggest(key, [*known, *STEP_NAMES])
        keys = ", ".join(known) if known else "inga fält"
        raise SelectorError(
            f"okänt steg {head!r} under {_kind_name(kind)}{hint}. Stegen är avsnitt, mål,"
            f" Indikator, Aktivitet eller ett fält ({keys})"
        )
    new_kind = known[key] or "värde"
    return Step("field", key), new_kind, (*fixed, key) if fixed is not None else None


_KIND_NAMES = {
    "rapporten": "Rapporten",
    "rapporthuvud": "Rapporthuvud",
    "kf": "ett KF-mål",
    "värde": "ett värde",
    "klagomålsrad": "en rad i klagomålstabellen",
}


def _kind_name(kind: str) -> str:
    return _KIND_NAMES.get(kind, kind)


def _step(ctx: ReportContext, here: Place, step: Step) -> Iterator[Place]:
    if step.what == "section":
        path, kind = SECTIONS[step.name]
        yield from _at(ctx, path, kind)
    elif step.what == "rows":
        rows = ctx.raw(ROW_LISTS[step.name])
        if isinstance(rows, list):
            for i, row in enumerate(rows):
                if isinstance(row, dict) and step.matches(row.get("kategori")):
                    yield Place((*ROW_LISTS[step.name], i), row, "klagomålsrad")
    elif step.what == "goals":
        levels = GOALS[step.name]
        n = len(here.path)
        for ref in ctx.goals():
            if ref.level not in levels or len(ref.path) <= n or ref.path[:n] != here.path:
                continue
            value = ctx.raw(ref.path)
            if not isinstance(value, dict) or not_applicable(value):
                continue
            if step.number is not None and str(value.get("nummer", "")).strip() != step.number:
                continue
            if step.matches(value.get("titel")):
                kind = "kf" if step.name == "KF" else _GOAL_KIND.get(ref.level, "enhetsmål")
                yield Place(ref.path, value, kind)
    elif step.what == "items":
        key, kind = ITEMS[step.name]
        if here.kind == "rapporten":
            found = ctx.indicators() if key == "indikatorer" else ctx.activities()
            pairs = [(p, ctx.raw(p)) for p, _, _ in found]
        else:
            items = here.value.get(key) if isinstance(here.value, dict) else None
            pairs = [((*here.path, key, i), v) for i, v in enumerate(items or [])]
        name_key = "namn" if key == "indikatorer" else "aktivitet"
        for path, value in pairs:
            if isinstance(value, dict) and step.matches(value.get(name_key)):
                yield Place(path, value, kind)
    elif step.what == "avsnitt":
        yield from _subsections(here.path, here.value, step)
    else:
        value = here.value.get(step.name) if isinstance(here.value, dict) else None
        kind = fields(here.kind).get(step.name) or "värde"
        path = (*here.path, step.name)
        if isinstance(here.value, dict) and step.name in here.value:
            if isinstance(value, list) and kind != "värde":
                for i, item in enumerate(value):
                    if isinstance(item, dict) and not not_applicable(item):
                        yield Place((*path, i), item, kind)
            elif not not_applicable(value):
                yield Place(path, value, kind)


def _at(ctx: ReportContext, path: DocPath, kind: str) -> Iterator[Place]:
    marker = object()
    value = ctx.raw(path, marker)
    if value is not marker and not not_applicable(value):
        yield Place(path, value, kind)


def _subsections(path: DocPath, value: Any, step: Step) -> Iterator[Place]:
    stack: list[tuple[DocPath, Any]] = [(path, value)]
    while stack:
        here, data = stack.pop()
        if isinstance(data, dict):
            subs = data.get("avsnitt")
            if isinstance(subs, list):
                for i, sub in enumerate(subs):
                    if isinstance(sub, dict):
                        where = (*here, "avsnitt", i)
                        if step.matches(sub.get("rubrik")):
                            yield Place(where, sub, "avsnitt")
            stack.extend(((*here, k), v) for k, v in data.items() if k != "avsnitt")
            if isinstance(subs, list):
                stack.extend(((*here, "avsnitt", i), s) for i, s in enumerate(subs))
        elif isinstance(data, list):
            stack.extend(((*here, i), v) for i, v in enumerate(data))
