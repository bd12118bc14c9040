"""The roster: which reports each unit owes, and RK106 for each one due but absent.

A roster comes from a small YAML file the operator keeps (``--roster
inlamningar.yaml``) or is derived from a year's submissions in the checked
tree (``--roster-from-year 2024``: every unit that handed in a VP, T1, T2 or
VB for 2024 owes the same types for 2025). A report is due from the day after
its deadline; the run's date is a parameter so that tests (and a re-run of a
past night) can set it.

The file::

    år: 2025
    frister:                 # optional: deadlines per type for every unit
      T1: 2025-05-20
    enheter:
      - enhet: Ekbackens boende
        nämnd: Hägersten-Älvsjö stadsdelsnämnd   # optional, shown in the finding
        mapp: hägersten/ekbacken                 # optional, relative to the tree
        rapporter: [VP, T1, T2, VB]              # or {T1: 2025-06-01, VB: null}

A bad roster is a ``RosterError`` whose Swedish message names the file and line.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass
from typing import Any

from checker.engine.core import Engine
from checker.findings import Finding, Msg
from checker.paths import inside, path_below, tree_roots
from checker.read.loader import Document, read_file
from checker.results import Result
from checker.swedish import norm_words, parse_date

CODE = "RK106"
TYPES = ("VP", "T1", "T2", "VB")
KIND = {
    "VP": ("Verksamhetsplanen (VP)", "business plan (VP)"),
    "T1": ("Tertialrapport 1 (T1)", "first tertial report (T1)"),
    "T2": ("Tertialrapport 2 (T2)", "second tertial report (T2)"),
    "VB": ("Verksamhetsberättelsen (VB)", "annual report (VB)"),
}
# Deadlines without a roster's own: (month, day, years after the report year).
DEFAULT_DEADLINES = {"VP": (1, 31, 0), "T1": (5, 15, 0), "T2": (9, 15, 0), "VB": (2, 15, 1)}
MAX_UNITS = 10_000


class RosterError(Exception):
    """The roster cannot be used; the message is Swedish and names the file and line."""


@dataclass(frozen=True)
class Due:
    """One report a unit owes."""

    unit: str
    type: str
    year: int
    deadline: dt.date
    committee: str | None = None
    folder: str | None = None  # relative to the tree, POSIX form
    by_folder: bool = False  # a report in ``folder`` counts as the unit's
    source: tuple[str, str] = ("", "")  # where the duty comes from, Swedish and English


@dataclass
class Roster:
    year: int
    dues: list[Due]


def default_deadline(kind: str, year: int) -> dt.date:
    month, day, later = DEFAULT_DEADLINES[kind]
    return dt.date(year + later, month, day)


# -- the roster file ------------------------------------------------------------


def load(path: str) -> Roster:
    """Read and validate a roster file."""
    doc = read_file(path)
    if doc.problems:
        p = doc.problems[0]
        raise RosterError(f"{path}:{p.line}: inlämningslistan kan inte läsas: {p.message.sv}")
    return _parse(doc, path)


def _fail(doc: Document, path: str, at: tuple[str | int, ...], what: str) -> RosterError:
    line, _ = doc.position(at)
    return RosterError(f"{path}:{line}: fel i inlämningslistan: {what}")


def _date(doc: Document, path: str, at: tuple[str | int, ...], value: Any) -> dt.date:
    day = value if isinstance(value, dt.date) else parse_date(value)
    if day is None:
        raise _fail(doc, path, at, f"{str(value)[:40]!r} är inget datum; skriv ÅÅÅÅ-MM-DD")
    return day


def _type(doc: Document, path: str, at: tuple[str | int, ...], value: Any) -> str:
    kind = str(value).strip().upper()
    if kind not in TYPES:
        raise _fail(
            doc, path, at, f"okänd rapporttyp {str(value)[:40]!r}; tillåtna: {', '.join(TYPES)}"
        )
    return kind


def _keys(
    doc: Document, path: str, at: tuple[str | int, ...], data: Any, allowed: tuple[str, ...]
) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _fail(doc, path, at, f"väntade en mappning med nycklarna {', '.join(allowed)}")
    for key in data:
        if key not in allowed:
            raise _fail(
                doc,
                path,
                (*at, key),
                f"okänd nyckel {str(key)[:40]!r}; tillåtna: {', '.join(allowed)}",
            )
    return data


def _text(doc: Document, path: str, at: tuple[str | int, ...], value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(doc, path, at, "väntade en text som inte är tom")
    return " ".join(value.split())


# Long: one pass over the file's few keys, each with its own Swedish message and line.
def _parse(doc: Document, path: str) -> Roster:
    top = _keys(doc, path, (), doc.data, ("år", "frister", "enheter"))
    if "år" not in top:
        raise _fail(doc, path, (), "nyckeln år saknas (t.ex. år: 2025)")
    year = top["år"]
    if type(year) is not int or not 1900 <= year <= 2200:
        raise _fail(doc, path, ("år",), f"år ska vara ett årtal, inte {str(year)[:40]!r}")
    deadlines = {kind: default_deadline(kind, year) for kind in TYPES}
    raw_deadlines = top.get("frister") or {}
    if not isinstance(raw_deadlines, dict):
        raise _fail(doc, path, ("frister",), "frister ska vara en mappning, t.ex. T1: 2025-05-15")
    for key, value in raw_deadlines.items():
        deadlines[_type(doc, path, ("frister", key), key)] = _date(
            doc, path, ("frister", key), value
        )
    units = top.get("enheter")
    if not isinstance(units, list) or not units:
        raise _fail(doc, path, ("enheter",), "enheter ska vara en lista med minst en enhet")
    if len(units) > MAX_UNITS:
        raise _fail(doc, path, ("enheter",), f"fler än {MAX_UNITS} enheter")
    dues: list[Due] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(units):
        at: tuple[str | int, ...] = ("enheter", i)
        item = _keys(doc, path, at, entry, ("enhet", "nämnd", "mapp", "rapporter"))
        if "enhet" not in item:
            raise _fail(doc, path, at, "enhet saknas (enhetens namn som i rapporternas huvud)")
        unit = _text(doc, path, (*at, "enhet"), item["enhet"])
        line = doc.position(at)[0]
        if norm_words(unit) in seen:
            raise _fail(
                doc, path, (*at, "enhet"), f"{unit} står redan på rad {seen[norm_words(unit)]}"
            )
        seen[norm_words(unit)] = line
        committee = _text(doc, path, (*at, "nämnd"), item["nämnd"]) if item.get("nämnd") else None
        folder = None
        if item.get("mapp"):
            folder = _folder(doc, path, (*at, "mapp"), item["mapp"])
        owed = item.get("rapporter")
        pairs: list[tuple[str, dt.date | None]]
        if isinstance(owed, list) and owed:
            pairs = [(_type(doc, path, (*at, "rapporter", j), k), None) for j, k in enumerate(owed)]
        elif isinstance(owed, dict) and owed:
            pairs = [
                (
                    _type(doc, path, (*at, "rapporter", k), k),
                    None if v is None else _date(doc, path, (*at, "rapporter", k), v),
                )
                for k, v in owed.items()
            ]
        else:
            raise _fail(
                doc, path, (*at, "rapporter"), "rapporter ska lista typerna, t.ex. [VP, T1, T2, VB]"
            )
        name = os.path.basename(path)
        for kind, own in pairs:
            dues.append(
                Due(
                    unit,
                    kind,
                    year,
                    own or deadlines[kind],
                    committee,
                    folder,
                    folder is not None,
                    (f"enligt {name} rad {line}", f"per {name} line {line}"),
                )
            )
    return Roster(year, dues)


def _folder(doc: Document, path: str, at: tuple[str | int, ...], value: Any) -> str:
    text = _text(doc, path, at, value).replace("\\", "/").strip("/")
    parts = text.split("/")
    if os.path.isabs(text) or any(p in ("", ".", "..") for p in parts):
        raise _fail(
            doc, path, at, f"mapp ska vara en mapp under trädet, t.ex. nämnd/enhet, inte {text!r}"
        )
    return text


# -- derived from a year --------------------------------------------------------


def from_year(result: Result, year: int, root: str) -> Roster:
    """Every unit that handed in a report for ``year`` owes the same types for the next."""
    found: dict[tuple[str, str], Due] = {}
    for file in sorted(result.periods):
        kind, when = result.periods[file]
        kind = kind.upper()
        unit = result.units.get(file)
        if when != year or kind not in TYPES or not unit:
            continue
        key = (norm_words(unit), kind)
        if key in found:
            continue
        folder = path_below(os.path.dirname(file), root)
        found[key] = Due(
            unit,
            kind,
            year + 1,
            default_deadline(kind, year + 1),
            folder=None if folder in ("", ".") else folder,
            source=(
                f"enheten lämnade {kind} {year}, {path_below(file, root)}",
                f"the unit handed in {kind} {year}, {path_below(file, root)}",
            ),
        )
    return Roster(year + 1, list(found.values()))


# -- the check ------------------------------------------------------------------


def missing(
    engine: Engine, result: Result, roster: Roster, root: str, today: dt.date
) -> list[tuple[Finding, Due]]:
    """An RK106 finding for every report due by ``today`` that is not in ``result``."""
    rule = engine.rules.get(CODE)
    if rule is None:
        return []
    handed_in: set[tuple[str, str, int]] = set()
    in_folder: set[tuple[str, str, int]] = set()
    unit_folders: dict[str, Counter[str]] = {}
    for file, (kind, year) in result.periods.items():
        lies_in = path_below(os.path.dirname(file), root)
        unit = result.units.get(file)
        if unit:
            handed_in.add((norm_words(unit), kind.upper(), year))
            unit_folders.setdefault(norm_words(unit), Counter())[lies_in] += 1
        in_folder.add((lies_in, kind.upper(), year))
    findings: list[tuple[Finding, Due]] = []
    for due in roster.dues:
        if due.deadline >= today:
            continue
        if (norm_words(due.unit), due.type, due.year) in handed_in:
            continue
        if due.by_folder and any(
            (f, due.type, due.year) in in_folder
            for f in _folders_at_or_below(due.folder or "", in_folder)
        ):
            continue
        folder = due.folder
        if folder is None and norm_words(due.unit) in unit_folders:
            folder = unit_folders[norm_words(due.unit)].most_common(1)[0][0]
        file = root if folder in (None, "", ".") else os.path.join(root, *str(folder).split("/"))
        if not engine.settings.enabled(CODE, file):
            continue
        kind_sv, kind_en = KIND[due.type]
        deadline = due.deadline.isoformat()
        where = f"{due.committee} › {due.unit}" if due.committee else due.unit
        findings.append(
            (
                Finding(
                    CODE,
                    rule.name,
                    engine.settings.severity.get(CODE, rule.severity),
                    rule.message.format(
                        kind=kind_sv,
                        kind_en=kind_en,
                        year=due.year,
                        unit=due.unit,
                        deadline=deadline,
                        source=due.source[0],
                        source_en=due.source[1],
                    ),
                    file,
                    1,
                    1,
                    "",
                    Msg(f"{where} › {due.type} {due.year}", f"{where} › {due.type} {due.year}"),
                    Msg(
                        f"Be enheten lämna {due.type} {due.year}"
                        + (f" i mappen {folder}" if folder not in (None, "", ".") else "")
                        + ", eller ta bort den ur inlämningslistan om den inte ska lämnas.",
                        f"Ask the unit for its {due.type} {due.year}"
                        + (f" in the folder {folder}" if folder not in (None, "", ".") else "")
                        + ", or remove it from the roster if it is not owed.",
                    ),
                ),
                due,
            )
        )
    return findings


def _folders_at_or_below(folder: str, known: set[tuple[str, str, int]]) -> set[str]:
    prefix = folder + "/"
    return {f for f, _, _ in known if f == folder or f.startswith(prefix)}


def overdue(
    engine: Engine,
    result: Result,
    root: str,
    today: dt.date,
    roster: Roster | None = None,
    from_previous: int | None = None,
) -> list[tuple[Finding, str]]:
    """The RK106 findings of ``roster`` (or the one derived from a year) for the run seen,
    ``result`` (its units and periods); the roster's committees go into ``result``.

    Each finding comes with its unit, as the unit's own reports name it: the file of
    an RK106 finding is a folder, which several units may share.
    """
    if roster is None:
        if from_previous is None:
            return []
        roster = from_year(result, from_previous, root)
    # the roster lists units by nämnd: the committee of a report whose header names none
    result.committees.update({norm_words(d.unit): d.committee for d in roster.dues if d.committee})
    names = {norm_words(u): u for u in sorted(result.units.values(), reverse=True)}
    return [
        (f, names.get(norm_words(d.unit), d.unit))
        for f, d in missing(engine, result, roster, root, today)
    ]


def parse_day(text: str) -> dt.date:
    """``--date``: the run's date, ÅÅÅÅ-MM-DD."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise RosterError(f"--date ska vara ett datum ÅÅÅÅ-MM-DD, inte {text[:40]!r}") from None


def within(roster: Roster, tree: str) -> None:
    """``RosterError`` for a roster folder that leaves ``tree`` through a symbolic link:
    the reports due there would be looked for, and asked for, outside the checked tree."""
    roots = tree_roots([tree])
    for due in roster.dues:
        if due.folder is None:
            continue
        if not inside(os.path.join(tree, *due.folder.split("/")), roots):
            raise RosterError(
                f"fel i inlämningslistan: mappen {due.folder} ({due.source[0]}) leder ut ur"
                f" trädet {tree} genom en symbolisk länk; ange en mapp i trädet"
            )


def from_options(
    roster_file: str | None,
    from_year: int | None,
    date: str | None,
    tree: str | None = None,
) -> tuple[Roster | None, dt.date | None]:
    """The roster file (``--roster``) and the run's date (``--date``) of a command; its
    folders must lie in ``tree``, the checked folder. A roster file and a year to derive
    the roster from exclude each other."""
    if roster_file and from_year is not None:
        raise RosterError("ange antingen --roster eller --roster-from-year, inte båda")
    today = parse_day(date) if date else None
    roster = load(roster_file) if roster_file else None
    if roster is not None and tree is not None:
        within(roster, tree)
    return roster, today
