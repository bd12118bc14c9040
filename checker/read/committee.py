"""Which committee (nämnd) a report belongs to: decided here, for every page that groups.

The header's ``nämnd`` holds a committee only. A unit's own document is addressed
to the unit itself (DOMAIN.md, "Two kinds of header"): an older transcription may
still hold the unit's name there, which is no committee, so it counts as unknown.
Where the header does not tell, the roster may (it lists units by nämnd); where
nothing tells, the committee is unknown, never guessed and never the unit's name.
"""

from __future__ import annotations

from collections.abc import Mapping

from checker.findings import Msg
from checker.swedish import norm_words

UNKNOWN = Msg("Nämnd okänd", "Committee unknown")


def text_of(value: object) -> str | None:
    """A header value as one line of text, or None."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return " ".join(str(value).split()) or None


def _same_unit(named: str, unit: str) -> bool:
    """Whether ``named`` is the unit itself (its name, or its name shortened or lengthened)."""
    a, b = norm_words(named), norm_words(unit)
    return a == b or a.startswith(b) or b.startswith(a)


def committee_of(header: object, roster: Mapping[str, str] | None = None) -> str | None:
    """The committee of a report with this header (``rapport:``), or None when unknown.

    ``roster`` maps a unit's name (``norm_words``) to its nämnd, from the roster.
    """
    if not isinstance(header, dict):
        return None
    unit = text_of(header.get("enhet"))
    named = text_of(header.get("nämnd"))
    if named is not None and not (unit and _same_unit(named, unit)):
        return named
    if unit and roster:
        return roster.get(norm_words(unit))
    return None
