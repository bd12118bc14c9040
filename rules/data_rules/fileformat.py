"""Rule files: read, checked for people, and turned into the engine's rules.

A rule file is YAML (read by the project's safe reader: no tags, bounded size,
a line for every value) with ``regler:``, a list of rules. Every problem is
collected, in Swedish with file:line:column and "menade du …?" where a key,
a check, a field or a place is misspelt; one problem in any file means that
no rule of any file is loaded (``RuleFileError``), so no report is ever
checked with half a rule set. Nothing in a rule file is executed: checks are
chosen from a fixed set, placeholders are plain names, patterns run with a
timeout (``rules.data_rules.pattern``).
"""

from __future__ import annotations

import difflib
import hashlib
import re
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rules.data_rules.checks as c
import rules.data_rules.pattern as patterns
from checker.plugin import (
    INTERNAL_ERROR_CODE,
    DataError,
    Doc,
    DocPath,
    Document,
    Msg,
    Rule,
    Severity,
    Violation,
    format_number,
    nfc,
    parse,
    read_file,
)
from rules.data_rules.kinds import fields
from rules.data_rules.selector import Place, Selector, SelectorError
from rules.data_rules.selector import parse as parse_selector

# Codes of the built-in families: a rule file's code may not start with these letters.
RESERVED_PREFIXES = ("RK",)
CODE = re.compile(r"^[A-ZÅÄÖ]{1,6}[0-9]{1,4}$")
NAME = re.compile(r"^[a-zåäö0-9]+(?:-[a-zåäö0-9]+)*$")
MAX_NAME = 60
MAX_TEXT = 4000  # characters of a message, what or why
MAX_RULES = 1000  # rules in all files together
MAX_DEPTH = 8  # alla/någon_av/inte nested
RULE_FILE_SUFFIXES = (".yaml", ".yml")

FILE_KEYS = {"regler": "reglerna, en lista", "beskrivning": "vad filen innehåller (valfritt)"}
RULE_KEYS = {
    "kod": "regelns kod, t.ex. HÄ101",
    "namn": "regelns namn, t.ex. brandskydd-beskrivs",
    "allvarlighet": "fel, varning eller info",
    "meddelande": "anmärkningens text",
    "vad": "vad regeln kontrollerar",
    "varför": "varför det spelar roll",
    "beslut": "beslut i gränsfall (valfritt)",
    "gäller": "rapporttyp och år (valfritt)",
    "plats": "var i rapporten regeln gäller",
    "om": "villkor för att regeln ska gälla platsen (valfritt)",
    "krav": "det som ska gälla",
    "pekar_på": "fältet som anmärkningen pekar på (valfritt)",
    "exempel": "exempel som ger anmärkning (fel) och som inte gör det (rätt)",
}
REQUIRED_RULE_KEYS = (
    "kod",
    "namn",
    "allvarlighet",
    "meddelande",
    "vad",
    "varför",
    "plats",
    "krav",
    "exempel",
)
SEVERITIES = {
    "fel": Severity.ERROR,
    "varning": Severity.WARNING,
    "info": Severity.INFO,
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
}
REPORT_TYPES = ("VP", "T1", "T2", "VB")
CHECKS = [
    "finns",
    "ifylld",
    "en_av",
    "mönster",
    *c.OPERATORS,
    "summa",
    "antal",
    "nämner",
    "nämner_inte",
    "alla",
    "någon_av",
    "inte",
]
OPTIONS = {"fält"}
SUM_KEYS = ("av", "rader", "fält", "lika_med", "tolerans")
COUNT_KEYS = ("av", "minst", "högst")
MENTION_KEYS = ("ord", "i", "alla")
# Placeholders every message may use; the fields of the rule's places come on top.
PLACEHOLDERS = {
    "värde": "värdet som kontrollerades",
    "orsak": "varför kravet inte gäller, i klartext",
    "antal": "antalet (antal) eller summan (summa)",
    "titel": "platsens titel eller namn",
}
NOT_A_MAPPING = (
    "regelfilen ska vara en mappning med regler: överst (en lista med regler under"
    " regler:), inte en tom fil, en lista eller en text; se docs/regler.md"
)
YES = (True, "ja")
NO = (False, "nej")


class RuleFileError(DataError):
    """One or more problems in the rule files; each line names file:line:column."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def near(word: str, names: Sequence[str]) -> str:
    """'; menade du X?' for the closest of ``names``, or ''."""
    hit = difflib.get_close_matches(word, list(names), n=1, cutoff=0.6)
    if not hit:
        low = {n.lower(): n for n in names}
        hit = [low[h] for h in difflib.get_close_matches(word.lower(), list(low), n=1, cutoff=0.6)]
    return f"; menade du {hit[0]}?" if hit else ""


@dataclass
class Applies:
    types: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    from_year: int | None = None
    to_year: int | None = None

    def __call__(self, report_type: str | None, year: int | None) -> bool:
        if self.types and report_type not in self.types:
            return False
        if self.years or self.from_year is not None or self.to_year is not None:
            if year is None:
                return False
            if self.years and year not in self.years:
                return False
            if self.from_year is not None and year < self.from_year:
                return False
            if self.to_year is not None and year > self.to_year:
                return False
        return True


@dataclass
class DataRule:
    """One rule of a rule file, as read."""

    code: str
    name: str
    severity: Severity
    message: Msg
    doc: Doc
    applies: Applies
    places: list[Selector]
    requirement: c.Check
    condition: c.Check | None = None
    point_to: str | None = None
    file: str = ""
    line: int = 1
    example_lines: tuple[int, int] = (1, 1)  # where fel: and rätt: stand in the file

    def check(self, ctx: Any, rule: Rule) -> Iterator[Violation]:
        if not self.applies(ctx.type, ctx.year):
            return
        env = c.Env(ctx)
        for selector in self.places:
            for place in selector.find(ctx):
                try:
                    yield from self._judge(env, place, rule)
                except patterns.PatternTimeout:
                    yield Violation(
                        INTERNAL_ERROR_CODE,
                        place.path,
                        {
                            "detail": f"regeln {self.code} ({self.name}) i {self.file}:"
                            f" mönstret tog längre än {format_number(patterns.TIMEOUT)} s och stoppades."
                            " Förenkla mönstret (undvik nästlade upprepningar som (a+)+)."
                        },
                    )
                    return

    def _judge(self, env: c.Env, place: Place, rule: Rule) -> Iterator[Violation]:
        if self.condition is not None and self.condition.judge(env, place)[0] is not True:
            return
        state, failures = self.requirement.judge(env, place)
        if state is not False:
            return
        if self.point_to is not None:
            failures = failures[:1]
        for failure in failures:
            path = failure.path
            if self.point_to is not None:
                path = (*place.path, *self.point_to.split("."))
            yield rule.at(path, **self._params(place, failure))

    def __post_init__(self) -> None:
        # the placeholders the message uses: only they are filled in for each finding
        self.used = frozenset(
            name
            for template in (self.message.sv, self.message.en)
            for _, name, _, _ in string.Formatter().parse(template)
            if name
        )

    def _params(self, place: Place, failure: c.Failure) -> dict[str, Any]:
        value = place.value if isinstance(place.value, dict) else {}
        params: dict[str, Any] = {}
        for key in self.used:
            if key == "värde":
                params[key] = c.shown(failure.value)
            elif key == "orsak":
                params[key] = failure.sv
            elif key == "orsak_en":
                params[key] = failure.en
            elif key == "antal":
                params[key] = "" if failure.count is None else format_number(failure.count)
            elif key == "titel":
                names = ("titel", "namn", "aktivitet", "kategori", "rubrik")
                params[key] = c.shown(next((value[k] for k in names if value.get(k)), ""))
            else:
                raw = value.get(key)
                params[key] = c.shown(raw) if not isinstance(raw, (dict, list)) else ""
        return params


@dataclass
class RuleSet:
    """The rules of every rule file, loaded whole."""

    rules: list[DataRule] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    digest: str = ""

    def engine_rules(self) -> list[Rule]:
        out = []
        for data in self.rules:
            out.append(_engine_rule(data))
        return out


def _engine_rule(data: DataRule) -> Rule:
    holder: list[Rule] = []

    def check(ctx: Any) -> Iterator[Violation]:
        return data.check(ctx, holder[0])

    rule = Rule(
        code=data.code,
        name=data.name,
        severity=data.severity,
        message=data.message,
        doc=data.doc,
        check=check,
    )
    holder.append(rule)
    return rule


# -- reading ---------------------------------------------------------------------


class _Reader:
    """One rule file being read: its document and the problems found."""

    def __init__(self, path: str, doc: Document, problems: list[str]) -> None:
        self.path = path
        self.doc = doc
        self.problems = problems

    def error(self, where: DocPath, text: str) -> None:
        line, col = self.doc.position(where)
        self.problems.append(f"{self.path}:{line}:{col}: {text}")

    def keys(
        self, where: DocPath, value: Any, known: dict[str, str] | Sequence[str], what: str
    ) -> bool:
        if not isinstance(value, dict):
            self.error(where, f"{what} ska vara en mappning (nyckel: värde)")
            return False
        names = list(known)
        ok = True
        for key in value:
            if key not in names:
                ok = False
                self.error(
                    (*where, key),
                    f'okänd nyckel "{key}" i {what}{near(str(key), names)}'
                    f" Tillåtna nycklar: {', '.join(names)}",
                )
        return ok

    def text(self, where: DocPath, value: Any, what: str, *, both: bool = True) -> Msg | None:
        if isinstance(value, str) and value.strip():
            text = value.strip()
            if len(text) > MAX_TEXT:
                self._long(where, what)
                return None
            return Msg(text, text)
        if isinstance(value, dict):
            if not self.keys(where, value, ["sv", "en"], what):
                return None
            sv, en = value.get("sv"), value.get("en", value.get("sv"))
            if isinstance(sv, str) and sv.strip() and isinstance(en, str) and en.strip():
                if len(sv) > MAX_TEXT or len(en) > MAX_TEXT:
                    self._long(where, what)
                    return None
                return Msg(sv.strip(), en.strip())
        self.error(where, f"{what} ska vara en text på svenska, eller sv: och en: med var sin text")
        return None

    def _long(self, where: DocPath, what: str) -> None:
        self.error(where, f"{what} är längre än {MAX_TEXT} tecken")
        return None


def load(paths: Sequence[str], root: str | None = None) -> RuleSet:
    """Every rule of the rule files ``paths`` (files or folders); ``RuleFileError`` if any is wrong."""
    problems: list[str] = []
    files = list(_files(paths, problems))
    rules: list[DataRule] = []
    digest = hashlib.sha256()
    seen: dict[str, str] = {}
    for path in files:
        doc = read_file(str(path))
        if doc.text is not None:
            digest.update(str(path).encode() + b"\0" + doc.text.encode("utf-8", "surrogatepass"))
        bad = [p for p in doc.problems if p.severity is None or p.severity == Severity.ERROR]
        if bad:
            for p in bad[:5]:
                # the reader words an empty file or a list as a report's problem
                text = p.message.sv if '"rapport:"' not in p.message.sv else NOT_A_MAPPING
                problems.append(f"{path}:{p.line}:{p.column}: {text}")
            continue
        reader = _Reader(str(path), doc, problems)
        for data in _read_file(reader):
            where = seen.get(data.code)
            if where is not None:
                problems.append(
                    f"{data.file}:{data.line}:1: koden {data.code} finns redan ({where});"
                    " varje regel behöver en egen kod"
                )
                continue
            seen[data.code] = f"{data.file}:{data.line}"
            rules.append(data)
    if len(rules) > MAX_RULES:
        problems.append(f"{len(rules)} regler i regelfilerna; högst {MAX_RULES} tillåts")
    if problems:
        raise RuleFileError(_headed(problems))
    return RuleSet(rules, [str(p) for p in files], digest.hexdigest())


def _headed(problems: list[str]) -> list[str]:
    n = len(problems)
    head = (
        f"regelfilerna har {'ett fel' if n == 1 else f'{n} fel'}; ingen rapport har"
        " kontrollerats. Rätta felen och kör igen (rapportkoll regler test FIL visar om"
        " reglerna gör det de ska):"
    )
    return [head, *problems]


def _files(paths: Sequence[str], problems: list[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in RULE_FILE_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                problems.append(f"{name}: mappen har inga regelfiler (.yaml eller .yml)")
            yield from found
        elif path.is_file():
            yield path
        else:
            problems.append(f"{name}: regelfilen finns inte")


def _read_file(r: _Reader) -> Iterator[DataRule]:
    data = r.doc.data
    if not r.keys((), data, FILE_KEYS, "regelfilen") and not isinstance(data, dict):
        return
    rules = data.get("regler")
    if not isinstance(rules, list) or not rules:
        r.error(
            ("regler",) if "regler" in data else (),
            'regelfilen ska ha "regler:", en lista med minst en regel',
        )
        return
    for i, raw in enumerate(rules):
        rule = _read_rule(r, ("regler", i), raw)
        if rule is not None:
            yield rule


def _read_rule(r: _Reader, where: DocPath, raw: Any) -> DataRule | None:
    before = len(r.problems)
    if not r.keys(where, raw, RULE_KEYS, "regeln") and not isinstance(raw, dict):
        return None
    for key in REQUIRED_RULE_KEYS:
        if key not in raw:
            r.error(where, f'regeln saknar "{key}:" ({RULE_KEYS[key]})')
    code = _read_code(r, where, raw)
    _check_name_and_severity(r, where, raw)
    applies = (
        _read_applies(r, (*where, "gäller"), raw.get("gäller")) if "gäller" in raw else Applies()
    )
    places = _read_places(r, (*where, "plats"), raw.get("plats")) if "plats" in raw else []
    requirement = (
        _read_check(r, (*where, "krav"), raw.get("krav"), places, 0)
        if "krav" in raw and places
        else None
    )
    condition = (
        _read_check(r, (*where, "om"), raw.get("om"), places, 0) if "om" in raw and places else None
    )
    point_to = raw.get("pekar_på")
    if point_to is not None and places:
        if not isinstance(point_to, str):
            r.error((*where, "pekar_på"), "pekar_på ska vara ett fältnamn, t.ex. årsmål")
        else:
            _check_field(r, (*where, "pekar_på"), point_to, places)
    texts = {
        key: r.text((*where, key), raw.get(key), key)
        for key in ("meddelande", "vad", "varför", "beslut")
        if key in raw
    }
    message = texts.get("meddelande")
    if message is not None and places:
        texts["meddelande"] = _check_placeholders(r, (*where, "meddelande"), message, places)
    failing, passing = (
        _read_examples(r, (*where, "exempel"), raw.get("exempel")) if "exempel" in raw else ("", "")
    )
    if len(r.problems) > before:
        return None
    assert requirement is not None
    return DataRule(
        code=str(code),
        name=str(raw.get("namn")),
        severity=SEVERITIES[str(raw.get("allvarlighet"))],
        message=_known(texts["meddelande"]),
        doc=Doc(
            what=_known(texts["vad"]),
            why=_known(texts["varför"]),
            failing=failing,
            passing=passing,
            decisions=texts.get("beslut"),
        ),
        applies=applies,
        places=places,
        requirement=requirement,
        condition=condition,
        point_to=point_to,
        file=r.path,
        line=r.doc.position(where)[0],
        example_lines=(
            r.doc.position((*where, "exempel", "fel"))[0],
            r.doc.position((*where, "exempel", "rätt"))[0],
        ),
    )


def _known(text: Msg | None) -> Msg:
    """A text the reader vouched for: with no problem found, every required text was read."""
    assert text is not None
    return text


def _read_code(r: _Reader, where: DocPath, raw: dict[str, Any]) -> Any:
    """``kod:`` in NFC, checked: capitals and digits, not a built-in family's letters."""
    code = raw.get("kod")
    if "kod" in raw:
        code = nfc(str(code)).strip()
        if not CODE.match(code):
            r.error(
                (*where, "kod"),
                f'koden "{code}" ska vara stora bokstäver följda av siffror, t.ex. HÄ101',
            )
        elif code.startswith(RESERVED_PREFIXES):
            r.error(
                (*where, "kod"),
                f'koden "{code}" hör till de inbyggda reglernas familjer ({", ".join(RESERVED_PREFIXES)});'
                " välj förvaltningens egna bokstäver, t.ex. HÄ101",
            )
    return code


def _check_name_and_severity(r: _Reader, where: DocPath, raw: dict[str, Any]) -> None:
    name = raw.get("namn")
    if "namn" in raw and (
        not isinstance(name, str) or not NAME.match(name) or len(name) > MAX_NAME
    ):
        r.error(
            (*where, "namn"),
            "namnet ska vara små bokstäver och siffror med bindestreck mellan orden, t.ex."
            " brandskydd-beskrivs",
        )
    severity = raw.get("allvarlighet")
    if "allvarlighet" in raw and severity not in SEVERITIES:
        r.error(
            (*where, "allvarlighet"),
            f"allvarligheten ska vara fel, varning eller info, inte {severity!r}{near(str(severity), ['fel', 'varning', 'info'])}",
        )


def _read_applies(r: _Reader, where: DocPath, raw: Any) -> Applies:
    if not r.keys(where, raw, {"typ": "", "år": ""}, "gäller"):
        return Applies()
    out = Applies()
    types = raw.get("typ")
    if types is not None:
        listed = types if isinstance(types, list) else [types]
        for t in listed:
            if t not in REPORT_TYPES:
                r.error(
                    (*where, "typ"),
                    f"okänd rapporttyp {t!r}{near(str(t), REPORT_TYPES)} Typerna är VP, T1, T2 och VB",
                )
        out.types = tuple(str(t) for t in listed)
    years = raw.get("år")
    if isinstance(years, bool):
        years = None
        r.error(
            (*where, "år"), "år ska vara ett årtal, en lista med årtal eller {från: …, till: …}"
        )
    if isinstance(years, int):
        out.years = (years,)
    elif (
        isinstance(years, list)
        and years
        and all(isinstance(y, int) and not isinstance(y, bool) for y in years)
    ):
        out.years = tuple(years)
    elif isinstance(years, dict):
        if r.keys((*where, "år"), years, {"från": "", "till": ""}, "år"):
            for key in ("från", "till"):
                value = years.get(key)
                if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                    r.error((*where, "år", key), f"{key} ska vara ett årtal, t.ex. 2025")
            out.from_year = years.get("från")
            out.to_year = years.get("till")
    elif years is not None:
        r.error(
            (*where, "år"), "år ska vara ett årtal, en lista med årtal eller {från: …, till: …}"
        )
    return out


def _read_places(r: _Reader, where: DocPath, raw: Any) -> list[Selector]:
    listed = raw if isinstance(raw, list) else [raw]
    out = []
    for i, text in enumerate(listed):
        at = (*where, i) if isinstance(raw, list) else where
        if not isinstance(text, str):
            r.error(at, "platsen ska vara en text, t.ex. KF 1.3 › Nämndmål")
            continue
        try:
            out.append(parse_selector(text))
        except SelectorError as exc:
            r.error(at, f"platsen {text!r}: {exc}")
    return out


def _sub_selector(r: _Reader, where: DocPath, text: Any, places: list[Selector]) -> Selector | None:
    if not isinstance(text, str):
        r.error(where, "ska vara en plats, t.ex. Aktivitet eller Rapporten › Kvalitetsarbete")
        return None
    first: Selector | None = None
    for start in places:
        try:
            sel = parse_selector(text, start)
        except SelectorError as exc:
            r.error(where, f"platsen {text!r} under {start.text!r}: {exc}")
            return None
        first = first or sel
    return first


def _check_field(r: _Reader, where: DocPath, name: str, places: list[Selector]) -> bool:
    for place in places:
        kind = place.kind
        for part in name.split("."):
            known = fields(kind)
            if part not in known:
                hint = near(part, list(known))
                listed = ", ".join(known) if known else "inga fält (platsen är ett enkelt värde)"
                r.error(
                    where, f'okänt fält "{part}" under {place.text!r}{hint} Fälten där är: {listed}'
                )
                return False
            kind = known[part] or "värde"
    return True


def _read_check(
    r: _Reader, where: DocPath, raw: Any, places: list[Selector], depth: int
) -> c.Check | None:
    if depth > MAX_DEPTH:
        r.error(where, f"villkoren är nästlade mer än {MAX_DEPTH} nivåer")
        return None
    if isinstance(raw, list):
        parts = [_read_check(r, (*where, i), x, places, depth + 1) for i, x in enumerate(raw)]
        return c.AllOf([p for p in parts if p is not None]) if all(parts) and parts else None
    kind = _chosen_check(r, where, raw)
    if kind is None:
        return None
    name = _field_option(r, where, raw, kind, places)
    if name is None:
        return None
    return _read_kind(r, where, kind, raw[kind], name, places, depth)


def _chosen_check(r: _Reader, where: DocPath, raw: Any) -> str | None:
    """The one check a mapping names; None, with the problem, when it is no mapping or
    names an unknown key, no check or several."""
    if not isinstance(raw, dict) or not raw:
        r.error(
            where,
            f"ett krav ska vara en mappning med en kontroll, t.ex. ifylld: analys. Kontrollerna: {', '.join(CHECKS)}",
        )
        return None
    chosen = [k for k in raw if k in CHECKS]
    for key in raw:
        if key not in CHECKS and key not in OPTIONS:
            r.error(
                (*where, key),
                f'okänd kontroll "{key}"{near(str(key), [*CHECKS, *OPTIONS])} Kontrollerna: {", ".join(CHECKS)}',
            )
            return None
    if len(chosen) != 1:
        what = "ingen kontroll" if not chosen else f"flera kontroller ({', '.join(chosen)})"
        r.error(
            where,
            f"här står {what}; skriv en kontroll per mappning, eller samla dem under alla: eller någon_av:",
        )
        return None
    return str(chosen[0])


def _field_option(
    r: _Reader, where: DocPath, raw: dict[str, Any], kind: str, places: list[Selector]
) -> str | None:
    """The field ``fält:`` names ("" without one); None, with the problem, when it is wrong."""
    name = raw.get("fält", "")
    if "fält" in raw:
        if kind not in ("en_av", "mönster", *c.OPERATORS):
            r.error(
                (*where, "fält"),
                f"fält: hör till en_av, mönster och jämförelserna, inte till {kind}",
            )
            return None
        if not isinstance(name, str) or not name:
            r.error((*where, "fält"), "fält: ska vara ett fältnamn, t.ex. utfall")
            return None
        if not _check_field(r, (*where, "fält"), name, places):
            return None
    return str(name)


def _read_kind(
    r: _Reader,
    where: DocPath,
    kind: str,
    value: Any,
    name: str,
    places: list[Selector],
    depth: int,
) -> c.Check | None:
    """The check ``kind: value`` (``name``: the field of ``fält:``, or "")."""
    at = (*where, kind)
    if kind in ("finns", "ifylld"):
        names = _names(r, at, value, places, allow_self=kind == "ifylld")
        return None if names is None else c.Exists(names, kind == "ifylld")
    if kind == "en_av":
        return _read_one_of(r, where, value, name)
    if kind == "mönster":
        return _read_pattern(r, at, value, name)
    if kind in c.OPERATORS:
        if not name:
            r.error(where, f"{kind} behöver fält:, t.ex. fält: utfall")
            return None
        other = _operand(r, at, value, places)
        return None if other is None else c.Compare(name, kind, other)
    if kind == "summa":
        return _read_sum(r, at, value, places)
    if kind == "antal":
        return _read_count(r, at, value, places)
    if kind in ("nämner", "nämner_inte"):
        return _read_mentions(r, at, value, places, kind == "nämner_inte")
    if kind in ("alla", "någon_av"):
        return _read_group(r, at, kind, value, places, depth)
    part = _read_check(r, at, value, places, depth + 1)  # inte
    return None if part is None else c.Not(part)


def _read_one_of(r: _Reader, where: DocPath, value: Any, name: str) -> c.Check | None:
    if not name:
        r.error(where, "en_av behöver fält:, t.ex. fält: status")
        return None
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, (str, int, float)) for v in value)
    ):
        r.error(
            (*where, "en_av"),
            "en_av ska vara en lista med värden, t.ex. [Uppfylls helt, Uppfylls delvis]",
        )
        return None
    return c.OneOf(name, [str(v) for v in value])


def _read_pattern(r: _Reader, at: DocPath, value: Any, name: str) -> c.Check | None:
    if not isinstance(value, str):
        r.error(at, "mönster ska vara en text, t.ex. '^HÅ \\d{4}/\\d+$'")
        return None
    try:
        compiled = patterns.compile_pattern(value)
    except ValueError as exc:
        r.error(at, str(exc))
        return None
    return c.Matches(name, value, compiled)


def _read_group(
    r: _Reader, at: DocPath, kind: str, value: Any, places: list[Selector], depth: int
) -> c.Check | None:
    """``alla:`` or ``någon_av:``, a list of checks."""
    if not isinstance(value, list) or not value:
        r.error(at, f"{kind} ska vara en lista med kontroller")
        return None
    parts = [_read_check(r, (*at, i), x, places, depth + 1) for i, x in enumerate(value)]
    if not all(parts):
        return None
    checks_ = [p for p in parts if p is not None]
    return c.AllOf(checks_) if kind == "alla" else c.AnyOf(checks_)


def _names(
    r: _Reader, where: DocPath, value: Any, places: list[Selector], allow_self: bool
) -> list[str] | None:
    if allow_self and value in YES:
        return []
    listed = value if isinstance(value, list) else [value]
    if not listed or not all(isinstance(v, str) and v for v in listed):
        hint = " eller ja (platsen själv)" if allow_self else ""
        r.error(where, f"ange fältet eller en lista med fält, t.ex. [analys, status]{hint}")
        return None
    ok = all(_check_field(r, where, v, places) for v in listed)
    return list(listed) if ok else None


def _operand(r: _Reader, where: DocPath, value: Any, places: list[Selector]) -> float | str | None:
    if isinstance(value, bool):
        r.error(where, "ska vara ett tal eller ett fältnamn")
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        known = all(value.split(".")[0] in fields(p.kind) for p in places)
        if known:
            return value if _check_field(r, where, value, places) else None
        q = parse(value)
        if q is not None and not q.unit:
            return q.value
        _check_field(r, where, value, places)
        return None
    r.error(where, "ska vara ett tal (5, 9,5) eller ett fältnamn (årsmål)")
    return None


def _read_sum(r: _Reader, where: DocPath, value: Any, places: list[Selector]) -> c.Check | None:
    if not r.keys(where, value, SUM_KEYS, "summa"):
        return None
    if "lika_med" not in value:
        r.error(where, "summa behöver lika_med: (ett fält eller ett tal)")
        return None
    if ("av" in value) == ("rader" in value):
        r.error(
            where,
            "summa tar antingen av: [kolumner] (en rad) eller rader: plats med fält: (en kolumn)",
        )
        return None
    tolerance = value.get("tolerans", 0)
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or tolerance < 0:
        r.error((*where, "tolerans"), "tolerans ska vara ett tal, 0 eller större")
        return None
    target = _operand(r, (*where, "lika_med"), value["lika_med"], places)
    if target is None:
        return None
    if "av" in value:
        columns = _names(r, (*where, "av"), value["av"], places, allow_self=False)
        return None if columns is None else c.Sum(columns, None, "", target, float(tolerance))
    rows = _sub_selector(r, (*where, "rader"), value["rader"], places)
    column = value.get("fält")
    if rows is None:
        return None
    if not isinstance(column, str) or not column:
        r.error(where, "summa med rader: behöver fält: (kolumnen som summeras), t.ex. fält: totalt")
        return None
    if not _check_field(r, (*where, "fält"), column, [rows]):
        return None
    return c.Sum([], rows, column, target, float(tolerance))


def _read_count(r: _Reader, where: DocPath, value: Any, places: list[Selector]) -> c.Check | None:
    if not r.keys(where, value, COUNT_KEYS, "antal"):
        return None
    of = _sub_selector(r, (*where, "av"), value.get("av"), places)
    bounds: dict[str, int | None] = {}
    for key in ("minst", "högst"):
        n = value.get(key)
        if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 0):
            r.error((*where, key), f"{key} ska vara ett heltal, 0 eller större")
            return None
        bounds[key] = n
    if bounds["minst"] is None and bounds["högst"] is None:
        r.error(where, "antal behöver minst: eller högst:")
        return None
    return None if of is None else c.Count(of, bounds["minst"], bounds["högst"])


def _read_mentions(
    r: _Reader, where: DocPath, value: Any, places: list[Selector], negated: bool
) -> c.Check | None:
    words, inside, every = value, None, False
    if isinstance(value, dict):
        if not r.keys(where, value, MENTION_KEYS, "nämner"):
            return None
        words = value.get("ord")
        if "i" in value:
            inside = _sub_selector(r, (*where, "i"), value["i"], places)
            if inside is None:
                return None
        every = value.get("alla", False) in YES
    listed = words if isinstance(words, list) else [words]
    if not listed or not all(isinstance(w, str) and w.strip() and len(w) <= 100 for w in listed):
        r.error(where, "ange orden som en lista, t.ex. [brandskydd, brandövning*]")
        return None
    return c.Mentions([w.strip() for w in listed], inside, every, negated)


def _read_examples(r: _Reader, where: DocPath, raw: Any) -> tuple[str, str]:
    if not r.keys(where, raw, {"fel": "", "rätt": ""}, "exempel"):
        return "", ""
    out = []
    for key in ("fel", "rätt"):
        text = raw.get(key)
        if not isinstance(text, str) or not text.strip():
            r.error(
                (*where, key) if key in raw else where,
                f"exempel behöver {key}: en rapport i YAML (skriv den efter {key}: |)",
            )
            out.append("")
        else:
            out.append(text)
    return out[0], out[1]


def _check_placeholders(
    r: _Reader, where: DocPath, message: Msg, places: list[Selector]
) -> Msg | None:
    allowed = [*PLACEHOLDERS]
    for place in places:
        allowed += [k for k, v in fields(place.kind).items() if v is None and k not in allowed]
    ok = True
    for template in {message.sv, message.en}:
        try:
            parsed = list(string.Formatter().parse(template))
        except ValueError:
            r.error(
                where,
                "meddelandet har en { eller } utan sin motsvarighet; skriv {{ och }} för klammerparenteser",
            )
            return None
        for _, name, spec, conversion in parsed:
            if name is None:
                continue
            if name not in allowed or spec or conversion:
                ok = False
                r.error(
                    where,
                    f"okänd platshållare {{{name}}}{near(name, allowed)} Platshållarna är"
                    f" {', '.join('{' + a + '}' for a in allowed)}",
                )
    if not ok:
        return None
    return Msg(message.sv, message.en.replace("{orsak}", "{orsak_en}"))
