"""The report header: both kinds, the Tjänsteutlåtande and the unit's own document.

A Tjänsteutlåtande (seed 000) carries a case number (Dnr) and dates; a unit's
own document (seeds 001-003) is addressed to the unit itself ("Till <enheten>",
"Förslag till beslut"). Fields are taken as written; lines that are neither a
field nor the template's boilerplate are returned as unplaced.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import checker.importer.vocab as vocab

from .items import Para

TITLE_RE = re.compile(
    r"^(Verksamhetsberättelse|Verksamhetsplan|Tertialrapport|Tertialuppföljning)\b(.*)$",
    re.IGNORECASE,
)
# The words a committee's or a board's name is made of.
COMMITTEE_WORDS = ("nämnd", "styrelse", "fullmäktige")
BOILERPLATE = {
    "stockholms stad",
    "start.stockholm",
    "tjänsteutlåtande",
    "förslag till beslut",
    "stockholms",
    "stad",
}


def report_title(text: str) -> tuple[str, int | None, str | None] | None:
    """(type, year, unit) from a title line such as "Verksamhetsplan 2023 för X"."""
    match = TITLE_RE.match(text.strip())
    if not match:
        return None
    word, rest = match.group(1).casefold(), match.group(2)
    if word == "verksamhetsplan":
        kind = "VP"
    elif word == "verksamhetsberättelse":
        kind = "VB"
    else:
        kind = "T2" if re.search(r"\b(T2|2)\b", rest) and not re.search(r"\bT1\b", rest) else "T1"
    for token in ("VP", "VB", "T1", "T2"):
        if re.search(rf"\b{token}\b", rest):
            kind = token
    years = vocab.YEAR_RE.findall(rest)
    year = int(years[0]) if years else None
    unit_match = re.search(r"\bför\s+(.+)$", rest)
    unit = unit_match.group(1).strip() if unit_match else None
    return kind, year, unit


def addressee_key(text: str) -> str:
    """Where the "Till" line goes: ``nämnd`` holds a committee only; a unit's own document,
    addressed to the unit itself, keeps its addressee as written in ``till``."""
    words = vocab.norm(text)
    return "nämnd" if any(w in words for w in COMMITTEE_WORDS) else "till"


def find_title(items: list[Any]) -> tuple[str, int | None, str | None] | None:
    for item in items[:400]:
        if isinstance(item, Para):
            found = report_title(item.text)
            if found is not None and found[1] is not None:
                return found
    return None


def parse_header(
    paras: list[Para],
) -> tuple[dict[str, Any], dict[str, tuple[int, int | None]], list[Para]]:
    """Header fields, where each came from, and the lines that are not header fields."""
    fields: dict[str, Any] = {}
    origin: dict[str, tuple[int, int | None]] = {}
    rest: list[Para] = []
    candidates: list[Para] = []

    def put(key: str, value: Any, item: Para) -> None:
        if key not in fields and value not in (None, ""):
            fields[key] = value
            origin[key] = (item.line, item.page)

    index = 0
    after_till = False
    while index < len(paras):
        item = paras[index]
        text = item.text.strip()
        key = vocab.norm(text)
        nxt = paras[index + 1] if index + 1 < len(paras) else None
        index += 1
        if key in ("handläggare", "till") and nxt is not None:
            if key == "handläggare":
                put("handläggare", nxt.text.strip(), nxt)
            else:
                put(addressee_key(nxt.text), nxt.text.strip(), nxt)
            after_till = key == "till"
            index += 1
            continue
        if key.startswith("handläggare "):
            put("handläggare", text.split(None, 1)[1].strip(), item)
            continue
        if key.startswith("till "):
            value = text.split(None, 1)[1].strip()
            put(addressee_key(value), value, item)
            after_till = True
            continue
        if key.startswith("telefon"):
            value = text.split(":", 1)[1].strip() if ":" in text else text[7:].strip()
            put("telefon", value, item)
            continue
        if key.startswith("dnr"):
            value = text.split(":", 1)[1].strip() if ":" in text else text[3:].strip()
            put("dnr", value, item)
            continue
        if vocab.DATE_RE.match(text):
            if "datum" not in fields and not after_till:
                put("datum", text, item)
            else:
                rest.append(item)
            continue
        title = report_title(text)
        if title is not None and title[1] is not None:
            kind, year, unit = title
            put("typ", kind, item)
            put("år", year, item)
            if unit:
                put("enhet", unit, item)
            continue
        if key in BOILERPLATE:
            continue
        candidates.append(item)
    if "enhet" not in fields and candidates:
        counts = Counter(c.text.strip() for c in candidates if len(c.text) <= 80)
        if counts:
            best = max(counts.items(), key=lambda kv: (kv[1], -_first(candidates, kv[0])))[0]
            put("enhet", best, next(c for c in candidates if c.text.strip() == best))
    phone = fields.get("telefon")
    for item in candidates:
        text = item.text.strip()
        if text == fields.get("enhet") or (phone and text == phone):
            continue
        rest.append(item)
    rest.sort(key=lambda p: p.line)
    return fields, origin, rest


def _first(items: list[Para], text: str) -> int:
    return next(i for i, p in enumerate(items) if p.text.strip() == text)
