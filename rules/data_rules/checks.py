"""The checks a rule file can ask for, and how each judges one place.

Each check answers True (it holds), False (it does not, with the reasons) or
None (it cannot be judged here: a value that is not a number, a text that is
not there). ``krav`` gives a finding only on False; ``om`` applies the rule
only on True. ``alla`` is False when one part is, ``någon_av`` True when one
part is, ``inte`` turns True and False round; None stays None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import rules.data_rules.pattern as patterns
from checker.plugin import (
    DocPath,
    ReportContext,
    format_number,
    is_placeholder,
    norm_words,
    parse,
    parse_amount,
    parse_count,
)
from rules.data_rules.mentions import mentioned
from rules.data_rules.selector import Place, Selector
from rules.presence import is_empty, not_applicable
from rules.text_evidence import TextSignals, owner_key, signals, strings, text_of

_MISSING = object()
# Labels, not text: a table row's category ("Lex Sarah") says nothing about what happened.
LABEL_KEYS = frozenset(
    {"kategori", "grupprubriker", "rad", "utfall_rubrik", "föregående_rubrik", "okänd"}
)


@dataclass
class Failure:
    """Why a check does not hold at one place, in Swedish and English, and where."""

    sv: str
    en: str
    path: DocPath
    value: Any = None
    count: float | None = None


Verdict = tuple[bool | None, list[Failure]]


@dataclass
class Env:
    """What every check of one report shares."""

    ctx: ReportContext
    _signals: TextSignals | None = None

    def text(self, place: Place) -> str:
        """The text under a place (labels left out), read once per report for all rules."""

        def read() -> str:
            return "\n\n".join(
                t for path, t in strings(place.value) if owner_key(path) not in LABEL_KEYS
            )

        return self.ctx.memo(f"datarules-text:{place.path!r}", read)  # type: ignore[no-any-return]

    @property
    def signals(self) -> TextSignals:
        if self._signals is None:
            self._signals = signals(self.ctx)
        return self._signals


def _lookup(value: Any, parts: tuple[str, ...]) -> Any:
    for part in parts:
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


@lru_cache(maxsize=1024)
def _dotted(name: str) -> tuple[str, ...]:
    """``ekonomi.analys`` as its keys (a rule's few names, split once)."""
    return tuple(name.split(".")) if name else ()


def shown(value: Any) -> str:
    """A value as a message quotes it."""
    if value is _MISSING or value is None:
        return ""
    if isinstance(value, (dict, list)):
        return " ".join(text_of(value).split())
    return " ".join(str(value).split())


def number(value: Any, kind: str) -> float | None:
    """A value as the built-in rules read it: a count cell (blank is 0), an amount, a figure."""
    if value is _MISSING:
        value = None
    if kind == "klagomålsrad":
        n, ok = parse_count(value)
        return n if ok else None
    q = parse_amount(value) if kind == "budgetrad" else parse(value)
    return None if q is None else q.value


class Check:
    def judge(self, env: Env, place: Place) -> Verdict:
        raise NotImplementedError

    def describe(self) -> tuple[str, str]:
        """What the check asks, as a clause in Swedish and English."""
        raise NotImplementedError


@dataclass
class Exists(Check):
    """``finns`` (the key is there) and ``ifylld`` (there, with content)."""

    names: list[str]
    filled: bool

    def judge(self, env: Env, place: Place) -> Verdict:
        failures: list[Failure] = []
        judged = False
        for name in self.names or [""]:
            parts = _dotted(name)
            value = _lookup(place.value, parts)
            where = (*place.path, *parts)
            what = f'"{name}"' if name else "platsen"
            if self.filled:
                judged = True
                if value is _MISSING or (
                    not not_applicable(value) and (is_empty(value) or is_placeholder(value))
                ):
                    failures.append(
                        Failure(f"{what} är inte ifyllt", f"{what} is not filled in", where)
                    )
                continue
            parent = _lookup(place.value, parts[:-1])
            if parent is _MISSING or parent is None or not_applicable(parent):
                continue  # the parent's own absence is its own finding
            judged = True
            if not isinstance(parent, dict) or parts[-1] not in parent:
                failures.append(Failure(f"{what} saknas", f"{what} is missing", where))
        if failures:
            return False, failures
        return (True if judged else None), []

    def describe(self) -> tuple[str, str]:
        names = ", ".join(self.names) or "platsen"
        if self.filled:
            return f"{names} är ifyllt", f"{names} is filled in"
        return f"{names} finns", f"{names} is present"


@dataclass
class OneOf(Check):
    name: str
    values: list[str]

    def __post_init__(self) -> None:
        self._allowed = frozenset(norm_words(v) for v in self.values)

    def judge(self, env: Env, place: Place) -> Verdict:
        parts = _dotted(self.name)
        value = _lookup(place.value, parts)
        if value is _MISSING or is_empty(value) or isinstance(value, (dict, list)):
            return None, []
        if norm_words(str(value)) in self._allowed:
            return True, []
        allowed = ", ".join(f"»{v}«" for v in self.values)
        return False, [
            Failure(
                f'"{self.name}" är »{shown(value)}«, inte ett av {allowed}',
                f'"{self.name}" is »{shown(value)}«, not one of {allowed}',
                (*place.path, *parts),
                value,
            )
        ]

    def describe(self) -> tuple[str, str]:
        allowed = ", ".join(f"»{v}«" for v in self.values)
        return f'"{self.name}" är ett av {allowed}', f'"{self.name}" is one of {allowed}'


@dataclass
class Matches(Check):
    name: str
    source: str
    compiled: Any

    def judge(self, env: Env, place: Place) -> Verdict:
        parts = _dotted(self.name)
        value = _lookup(place.value, parts)
        if value is _MISSING or value is None:
            return None, []
        text = text_of(value) if isinstance(value, (dict, list)) else str(value)
        if patterns.search(self.compiled, text):
            return True, []
        what = f'"{self.name}"' if self.name else "texten"
        return False, [
            Failure(
                f"{what} (»{shown(value)}«) stämmer inte med mönstret {self.source}",
                f"{what} (»{shown(value)}«) does not match the pattern {self.source}",
                (*place.path, *parts),
                value,
            )
        ]

    def describe(self) -> tuple[str, str]:
        what = f'"{self.name}"' if self.name else "texten"
        return (
            f"{what} stämmer med mönstret {self.source}",
            f"{what} matches the pattern {self.source}",
        )


# Comparison operators: key → (Swedish, English, test).
OPERATORS: dict[str, tuple[str, str, Callable[[float, float], bool]]] = {
    "större_än": ("större än", "greater than", lambda a, b: a > b),
    "minst": ("minst", "at least", lambda a, b: a >= b),
    "mindre_än": ("mindre än", "less than", lambda a, b: a < b),
    "högst": ("högst", "at most", lambda a, b: a <= b),
    "lika_med": ("lika med", "equal to", lambda a, b: abs(a - b) < 1e-9),
    "skilt_från": ("skilt från", "different from", lambda a, b: abs(a - b) >= 1e-9),
}


@dataclass
class Compare(Check):
    """A figure compared with a number or with another field of the same place."""

    name: str
    op: str
    other: float | str

    def judge(self, env: Env, place: Place) -> Verdict:
        parts = _dotted(self.name)
        value = _lookup(place.value, parts)
        a = number(value, place.kind)
        if isinstance(self.other, str):
            other_raw = _lookup(place.value, _dotted(self.other))
            b = number(other_raw, place.kind)
            b_text = f'"{self.other}" ({shown(other_raw) or "tomt"})'
        else:
            other_raw, b = self.other, float(self.other)
            b_text = format_number(b)
        sv_op, en_op, test = OPERATORS[self.op]
        if a is None or b is None:
            if self.op not in ("lika_med", "skilt_från"):
                return None, []
            # equal or different as texts: a blank is an empty text
            same = norm_words(shown(value)) == norm_words(shown(other_raw))
            holds = same if self.op == "lika_med" else not same
        else:
            holds = test(a, b)
        if holds:
            return True, []
        got = shown(value) or "tomt"
        return False, [
            Failure(
                f'"{self.name}" är {got}, inte {sv_op} {b_text}',
                f'"{self.name}" is {got}, not {en_op} {b_text.replace("tomt", "blank")}',
                (*place.path, *parts),
                value,
            )
        ]

    def describe(self) -> tuple[str, str]:
        sv_op, en_op, _ = OPERATORS[self.op]
        other = f'"{self.other}"' if isinstance(self.other, str) else format_number(self.other)
        return f'"{self.name}" är {sv_op} {other}', f'"{self.name}" is {en_op} {other}'


@dataclass
class Sum(Check):
    """A sum across a row's columns (``av``) or down rows (``rader`` and ``fält``)."""

    columns: list[str]
    rows: Selector | None
    column: str
    target: float | str
    tolerance: float = 0.0

    def judge(self, env: Env, place: Place) -> Verdict:
        values: list[float | None]
        if self.rows is not None:
            places = self.rows.find(env.ctx, place)
            values = [number(_lookup(p.value, _dotted(self.column)), p.kind) for p in places]
            what_sv = f'"{self.column}" i {self.rows.text}'
            what_en = f'"{self.column}" in {self.rows.text}'
        else:
            values = [number(_lookup(place.value, _dotted(c)), place.kind) for c in self.columns]
            what_sv = what_en = " + ".join(self.columns)
        if any(v is None for v in values):
            return None, []  # a value that is not a figure: RK406/RK507 say so
        total = sum(v for v in values if v is not None)
        if isinstance(self.target, str):
            raw = _lookup(place.value, _dotted(self.target))
            expected = number(raw, place.kind)
            where = (*place.path, *_dotted(self.target))
            name = f'"{self.target}"'
        else:
            raw, expected, where, name = self.target, float(self.target), place.path, ""
        if expected is None:
            return None, []
        if abs(total - expected) <= self.tolerance + 1e-9:
            return True, []
        s, e = format_number(total), format_number(expected)
        return False, [
            Failure(
                f"summan av {what_sv} är {s}, men {name or 'den ska vara'} {'är ' if name else ''}{e}",
                f"the sum of {what_en} is {s}, but {name or 'it should be'} {'is ' if name else ''}{e}",
                where,
                raw,
                total,
            )
        ]

    def describe(self) -> tuple[str, str]:
        what = self.rows.text if self.rows is not None else " + ".join(self.columns)
        return f"summan av {what} stämmer", f"the sum of {what} agrees"


@dataclass
class Count(Check):
    of: Selector
    least: int | None
    most: int | None

    def judge(self, env: Env, place: Place) -> Verdict:
        n = len(self.of.find(env.ctx, place))
        if self.least is not None and n < self.least:
            sv = f"{n} st. {self.of.text}, minst {self.least} behövs"
            en = f"{n} × {self.of.text}, at least {self.least} needed"
        elif self.most is not None and n > self.most:
            sv = f"{n} st. {self.of.text}, högst {self.most} får finnas"
            en = f"{n} × {self.of.text}, at most {self.most} allowed"
        else:
            return True, []
        return False, [Failure(sv, en, place.path, None, n)]

    def describe(self) -> tuple[str, str]:
        bounds_sv = [f"minst {self.least}" if self.least is not None else ""]
        bounds_sv.append(f"högst {self.most}" if self.most is not None else "")
        bounds_en = [f"at least {self.least}" if self.least is not None else ""]
        bounds_en.append(f"at most {self.most}" if self.most is not None else "")
        return (
            f"{' och '.join(b for b in bounds_sv if b)} {self.of.text}",
            f"{' and '.join(b for b in bounds_en if b)} {self.of.text}",
        )


@dataclass
class Mentions(Check):
    """``nämner`` (any, or with ``alla: ja`` every one of the words) and ``nämner_inte``."""

    words: list[str]
    where: Selector | None
    every: bool
    negated: bool

    def _text(self, env: Env, place: Place) -> str:
        places = [place] if self.where is None else self.where.find(env.ctx, place)
        return "\n\n".join(env.text(p) for p in places)

    def judge(self, env: Env, place: Place) -> Verdict:
        found = mentioned(self._text(env, place), self.words, env.signals)
        listed = ", ".join(f"»{w}«" for w in self.words)
        if self.negated:
            if not found:
                return True, []
            hits = ", ".join(f"»{w}«" for w in found)
            return False, [
                Failure(f"texten nämner {hits}", f"the text mentions {hits}", place.path, found[0])
            ]
        missing = [w for w in self.words if w not in found]
        if (not missing) if self.every else found:
            return True, []
        gone = ", ".join(f"»{w}«" for w in missing)
        sv = f"texten nämner inte {gone}" if self.every else f"texten nämner inget av {listed}"
        en = (
            f"the text does not mention {gone}"
            if self.every
            else f"the text mentions none of {listed}"
        )
        return False, [Failure(sv, en, place.path)]

    def describe(self) -> tuple[str, str]:
        listed = ", ".join(f"»{w}«" for w in self.words)
        if self.negated:
            return f"texten nämner inte {listed}", f"the text does not mention {listed}"
        return f"texten nämner {listed}", f"the text mentions {listed}"


@dataclass
class AllOf(Check):
    parts: list[Check] = field(default_factory=list)

    def judge(self, env: Env, place: Place) -> Verdict:
        failures: list[Failure] = []
        unknown = False
        for part in self.parts:
            state, why = part.judge(env, place)
            if state is False:
                failures.extend(why)
            unknown |= state is None
        if failures:
            return False, failures
        return (None if unknown else True), []

    def describe(self) -> tuple[str, str]:
        sv = " och ".join(p.describe()[0] for p in self.parts)
        en = " and ".join(p.describe()[1] for p in self.parts)
        return sv, en


@dataclass
class AnyOf(Check):
    parts: list[Check] = field(default_factory=list)

    def judge(self, env: Env, place: Place) -> Verdict:
        unknown = False
        reasons: list[Failure] = []
        for part in self.parts:
            state, why = part.judge(env, place)
            if state is True:
                return True, []
            unknown |= state is None
            reasons.extend(why[:1])
        if unknown:
            return None, []
        sv = "inget av villkoren gäller: " + "; ".join(r.sv for r in reasons)
        en = "none of the conditions holds: " + "; ".join(r.en for r in reasons)
        first = reasons[0] if reasons else Failure("", "", place.path)
        return False, [Failure(sv, en, place.path, first.value, first.count)]

    def describe(self) -> tuple[str, str]:
        sv = " eller ".join(p.describe()[0] for p in self.parts)
        en = " or ".join(p.describe()[1] for p in self.parts)
        return sv, en


@dataclass
class Not(Check):
    part: Check

    def judge(self, env: Env, place: Place) -> Verdict:
        state, _ = self.part.judge(env, place)
        if state is None:
            return None, []
        if state is False:
            return True, []
        sv, en = self.part.describe()
        return False, [Failure(f"det gäller att {sv}", f"it holds that {en}", place.path)]

    def describe(self) -> tuple[str, str]:
        sv, en = self.part.describe()
        return f"inte: {sv}", f"not: {en}"
