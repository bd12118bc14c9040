"""Swedish numbers and dates as authors write them: "9,5 %", "1 945 GWh", "-3 204", "2024-02-21".

Nothing here raises on what a report contains. A value that cannot be read
gives ``None`` and the rule that asked decides what that means (RK303 for an
indicator, RK406 for a count, RK507 for an amount). A number is readable only
when it is finite and smaller than ``LIMIT`` in size: a 400-digit integer,
``.inf`` or ``.nan`` is not a figure any report means, and beyond 15 digits a
float no longer holds every whole number, so sums and comparisons would be
wrong (``out_of_range`` tells those values apart from words).

Text is compared in Unicode NFC, so that "genomförd" typed with a combining
diaeresis (o + U+0308) matches the vocabulary's "genomförd".
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from functools import lru_cache

from checker.record import Frozen

# The largest size a readable number may have: 15 digits before the decimal sign.
LIMIT = 1e15

# Digits with optional thousands groups (space, no-break or thin space) and decimals;
# the rest of the (stripped) text is the unit.
_NUMBER = re.compile(
    r"""^
    (?P<sign>[-−–+])?\s*
    (?P<int>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+)
    (?:(?P<sep>[,.])(?P<dec>\d+))?
    (?P<trail>[-−–](?![\d\w]))?""",
    re.VERBOSE,
)
# Thousands separators authors type: space, no-break space, narrow no-break and thin space.
_GROUP = re.compile(r"[ \u00a0\u202f\u2009]")
# A negative in accounting style: "(3 204)".
_PARENS = re.compile(r"^\(\s*([^()]*?)\s*\)(.*)$", re.S)
# "29.196": a dot before groups of exactly three digits, as in a tkr table.
_DOT_GROUPS = re.compile(r"^[-−–]?\d{1,3}(?:\.\d{3})+(?!\d)")

# A date as the format asks for it: ÅÅÅÅ-MM-DD, ASCII digits only.
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class Quantity(Frozen):
    """A number as written, with its unit and decimals."""

    __slots__ = ("decimals", "unit", "value")
    _fields = ("value", "unit", "decimals")
    value: float
    unit: str
    decimals: int

    def __init__(self, value: float, unit: str, decimals: int) -> None:
        # unit: as written, "" when none; decimals: digits after the decimal sign, for
        # rounding tolerance
        self._put(value, unit, decimals)


def parse(raw: object) -> Quantity | None:
    """Read a number with an optional unit; ``None`` when it is not one or out of range."""
    # Texts and whole numbers, nearly every call (a third of a million in 2,000 reports),
    # straight to their caches.
    cls = raw.__class__
    if cls is str:
        return _parse_text(raw)
    q = _read_int(raw) if cls is int else _read(raw)
    if q is None or not _in_range(q.value):
        return None
    return q


@lru_cache(maxsize=4096)
def _parse_text(raw: str) -> Quantity | None:
    """``parse`` of a text. Values repeat across rules and reports ("9 %", "2023", "Tas fram
    av nämnd"): each is read once while it is in the cache."""
    q = _read_text(raw)
    if q is None or not _in_range(q.value):
        return None
    return q


def out_of_range(raw: object) -> bool:
    """True when ``raw`` is written as a number but is infinite, undefined or too large."""
    q = _read(raw)
    return q is not None and not _in_range(q.value)


def _in_range(value: float) -> bool:
    return math.isfinite(value) and abs(value) < LIMIT


def _read(raw: object) -> Quantity | None:
    """A number as written, whatever its size; ``None`` when it is not a number at all."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int):
        return _read_int(raw)
    if isinstance(raw, float):
        text = repr(raw)
        decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
        whole = math.isfinite(raw) and raw.is_integer() and decimals <= 1
        return Quantity(raw, "", 0 if whole else decimals)
    if not isinstance(raw, str):
        return None
    return _read_text(raw)


@lru_cache(maxsize=4096)
def _read_int(raw: int) -> Quantity:
    """Whole numbers repeat too (years, counts): one Quantity each."""
    try:
        return Quantity(float(raw), "", 0)
    except OverflowError:  # more digits than a float holds
        return Quantity(math.inf if raw > 0 else -math.inf, "", 0)


@lru_cache(maxsize=4096)
def _read_text(raw: str) -> Quantity | None:
    """A number as written in a text, whatever its size; ``None`` when it is not one.
    Cached for ``out_of_range``, which RK303 asks of every value before ``parse``."""
    text = raw.strip()
    negative = False
    parens = _PARENS.match(text)
    if parens is not None and parens[1][:1].isdigit():
        text, negative = parens[1] + parens[2], True
    m = _NUMBER.match(text)
    if m is None:
        return None
    unit = text[m.end() :].strip()
    if "\n" in unit:
        return None  # a number followed by lines of text is text
    digits = _GROUP.sub("", m["int"])
    dec = m["dec"] or ""
    value = float(f"{digits}.{dec}" if dec else digits)  # inf, never an error, when huge
    signs = [m["sign"] in ("-", "−", "–"), m["trail"] is not None, negative]
    if sum(signs) > 1:
        return None  # "-3 204-", "(-3 204)": which sign was meant?
    if any(signs):
        value = -value
    return Quantity(value, " ".join(unit.split()), len(dec))


def parse_amount(raw: object) -> Quantity | None:
    """An amount as written in a tkr table: like ``parse``, and "29.196" is 29 196.

    In a table of whole tkr a dot before groups of exactly three digits is a
    thousands separator, as in "29.196" or "1.245.300"; elsewhere "9.5" stays 9,5.
    """
    if isinstance(raw, str):
        return _amount_text(raw)
    return parse(raw)


@lru_cache(maxsize=4096)
def _amount_text(raw: str) -> Quantity | None:
    """``parse_amount`` of a text: each cell is read by several rules."""
    text = raw.strip()
    parens = _PARENS.match(text)
    inner = parens[1] if parens is not None and parens[1][:1].isdigit() else text
    m = _DOT_GROUPS.match(inner)
    if m is not None and not inner[m.end() :].lstrip()[:1].isdigit():
        grouped = inner[: m.end()].replace(".", "") + inner[m.end() :]
        if inner is not text and parens is not None:
            grouped = f"({grouped}){parens[2]}"
        return parse(grouped)
    return parse(raw)


def format_number(value: float, decimals: int = 2) -> str:
    """A number as a Swedish text: "-1 241", "9,5", "1 945,25".

    Thousands are grouped by a space, the decimal sign is a comma, and at most
    ``decimals`` decimals are shown, without trailing zeros; a value that
    rounds to zero is "0", never "-0".
    """
    if round(value, decimals) == 0:
        value = 0.0
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",")


def parse_date(raw: object) -> dt.date | None:
    """A date written ÅÅÅÅ-MM-DD; ``None`` when blank, written otherwise or not real (2023-02-30).

    Only that form: ``date.fromisoformat`` alone also takes "20230101" and
    "2023-W01-1" (Python 3.11), which the rules' messages ask authors not to write.
    """
    text = str(raw).strip() if raw is not None else ""
    if not _DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def nfc(text: str) -> str:
    """The text in Unicode NFC: composed "ö", whichever way it was typed."""
    return unicodedata.normalize("NFC", text)


def ascii_lowered(text: str) -> bytes | None:
    """``text`` in UTF-8 with its ASCII letters lower-cased, or None.

    An ASCII word stands in these bytes if and only if it stands in ``text.lower()``,
    found at a fraction of the cost (``str.lower`` takes ns a character of Swedish
    text), and it stands in them when it stands in the lower case of ``nfc(text)``: a
    character outside ASCII has no ASCII in its lower case or NFC form, but for the
    four in ``_TO_ASCII`` (Unicode 14, tests/rules/test_texts_holding.py), and with
    one of those the answer is None.
    """
    if any(c in text for c in _TO_ASCII):
        return None
    return text.encode("utf-8", "surrogatepass").lower()


# Dotted capital I (lower case "i̇"), Greek question mark (NFC ";"), Greek varia (NFC
# "`"), Kelvin sign (NFC "K", lower case "k").
_TO_ASCII = ("\u0130", "\u037e", "\u1fef", "\u212a")


# Units written as words that mean the same as a symbol.
_UNIT_WORDS = {"procent": "%", "st.": "st", "stycken": "st"}


@lru_cache(maxsize=4096)
def norm_unit(unit: str) -> str:
    """A unit for comparison: case, spacing and "procent" for "%" aside."""
    text = "".join(nfc(unit).lower().split()).replace("co₂", "co2")
    return _UNIT_WORDS.get(text, text)


@lru_cache(maxsize=4096)
def norm_words(text: str) -> str:
    """Case-, space-, line-break- and Unicode-form-insensitive form of a word or phrase."""
    return "".join(nfc(str(text)).lower().split())


def parse_count(raw: object) -> tuple[float | None, bool]:
    """A count cell: blank is zero. Returns (value, readable)."""
    cls = raw.__class__
    if cls is str or cls is int:  # not bool: True is no count
        return _cached_count(raw)
    return _count(raw)


@lru_cache(maxsize=4096)
def _cached_count(raw: str | int) -> tuple[float | None, bool]:
    """``parse_count`` of a text or a whole number: the complaints table's cells are read
    by several rules, and hold a few small numbers."""
    return _count(raw)


def _count(raw: object) -> tuple[float | None, bool]:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return 0.0, True
    q = parse(raw)
    if q is None or norm_unit(q.unit) not in ("", "st"):
        return None, False
    return q.value, True


# Swedish alphabetical order puts å, ä, ö after z.
_ALPHABET = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03", "æ": "z\x02", "ø": "z\x03"})


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sort "Enhet 2" before "Enhet 10", and å, ä, ö after z (units, committees, files)."""
    parts = _DIGITS.split(text.casefold().translate(_ALPHABET))
    # split by a group: the digits are every other part, from the second on (ends may be "")
    key = [(1, 0, p) for p in parts]
    key[1::2] = [(0, int(p), "") for p in parts[1::2]]
    return tuple([k for k in key if k[2] or not k[0]])


# Nouns that messages count: Swedish singular and plural, then English singular and plural.
NOUNS: dict[str, tuple[str, str, str, str]] = {
    "fil": ("fil", "filer", "file", "files"),
    "fel": ("fel", "fel", "error", "errors"),
    "varning": ("varning", "varningar", "warning", "warnings"),
    "info": ("info", "info", "info", "info"),
    "anmärkning": ("anmärkning", "anmärkningar", "finding", "findings"),
    "ny anmärkning": ("ny anmärkning", "nya anmärkningar", "new finding", "new findings"),
    "enhet": ("enhet", "enheter", "unit", "units"),
    "regel": ("regel", "regler", "rule", "rules"),
    "körning": ("körning", "körningar", "run", "runs"),
    "process": ("process", "processer", "process", "processes"),
    "kontrollerad": ("kontrollerad", "kontrollerade", "checked", "checked"),
    "åtgärdad": ("åtgärdad", "åtgärdade", "fixed", "fixed"),
}


def plural(n: int, one: str, many: str) -> str:
    """``one`` for exactly one, else ``many``: "1 fil" but "0 filer", "2 filer"."""
    return one if n == 1 else many


def word(n: int, noun: str, lang: str = "sv") -> str:
    """``noun`` (a key of ``NOUNS``) in agreement with ``n``, without the number: "kontrollerade"."""
    sv_one, sv_many, en_one, en_many = NOUNS[noun]
    return plural(n, en_one, en_many) if lang == "en" else plural(n, sv_one, sv_many)


@lru_cache(maxsize=4096)  # a page counts the same few numbers for thousands of units
def count(n: int, noun: str, lang: str = "sv") -> str:
    """``n`` and ``noun`` (a key of ``NOUNS``) in number agreement: "1 varning", "2 warnings".

    Swedish groups thousands with a space ("1 245 fel"), English with a comma.
    """
    number = f"{n:,}" if lang == "en" else format_number(n, 0)
    return f"{number} {word(n, noun, lang)}"
