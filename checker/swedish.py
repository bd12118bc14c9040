"""Swedish numbers as authors write them: "9,5 %", "1 945 GWh", "-3 204", "1.820milj kr".

``parse`` never raises: a value that cannot be read gives ``None`` and the
rule that asked decides what that means (RK303, RK406, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Digits with optional thousands groups (space, no-break or thin space) and decimals.
_NUMBER = re.compile(
    r"""^\s*
    (?P<sign>[-−–+])?\s*
    (?P<int>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)
    (?:(?P<sep>[,.])(?P<dec>\d+))?
    \s*(?P<unit>.*?)\s*$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # as written, "" when none
    decimals: int  # digits after the decimal sign, for rounding tolerance

    @property
    def is_whole(self) -> bool:
        return self.decimals == 0 and float(self.value).is_integer()


def parse(raw: object) -> Quantity | None:
    """Read a number with an optional unit; ``None`` when it is not one."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int):
        return Quantity(float(raw), "", 0)
    if isinstance(raw, float):
        text = repr(raw)
        decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
        return Quantity(raw, "", 0 if raw.is_integer() and decimals <= 1 else decimals)
    if not isinstance(raw, str):
        return None
    return _parse_text(raw)


@lru_cache(maxsize=4096)
def _parse_text(raw: str) -> Quantity | None:
    """Values repeat across reports ("9 %", "2023", "Tas fram av nämnd"): cache them."""
    m = _NUMBER.match(raw)
    if m is None:
        return None
    digits = re.sub(r"[ \u00a0\u202f]", "", m["int"])
    dec = m["dec"] or ""
    value = float(f"{digits}.{dec}" if dec else digits)
    if m["sign"] in ("-", "−", "–"):
        value = -value
    unit = " ".join(m["unit"].split())
    return Quantity(value, unit, len(dec))


@lru_cache(maxsize=4096)
def norm_unit(unit: str) -> str:
    return "".join(unit.lower().split()).replace("co₂", "co2")


@lru_cache(maxsize=4096)
def norm_words(text: str) -> str:
    """Case-, space- and line-break-insensitive form of a word or phrase."""
    return "".join(str(text).lower().split())


def parse_count(raw: object) -> tuple[float | None, bool]:
    """A count cell: blank is zero. Returns (value, readable)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return 0.0, True
    q = parse(raw)
    if q is None or norm_unit(q.unit) not in ("", "st", "stycken", "st."):
        return None, False
    return q.value, True
