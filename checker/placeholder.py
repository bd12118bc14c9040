"""The canonical placeholder ``[fyll i: <vad>]``: what the author has not written yet.

``rapportkoll new`` writes it wherever the author must write something, RK704
reports it until it is replaced, and every other rule and the model treat a
value that is only a placeholder as not yet written (never as a wrong value).
This module is a leaf so that the model, the rules and the scaffold share it.
"""

from __future__ import annotations

import re

# The first pattern of rules/data/text_signals.yaml (platshållare), anchored: a value
# that is nothing but a placeholder. Written so that it is also a JSON Schema (ECMA)
# regex, without flags, for the model's fields that otherwise take no text.
PATTERN = r"^\s*\[\s*[Ff][Yy][Ll][Ll]\s+[Ii]\b[^\]]*\]\s*$"
_WHOLE = re.compile(PATTERN)


def placeholder(what: str) -> str:
    """The placeholder for ``what`` the author must write, e.g. ``[fyll i: utfall]``."""
    return f"[fyll i: {what}]"


def is_placeholder(value: object) -> bool:
    """Whether ``value`` is a text that holds only a placeholder (not yet written)."""
    return isinstance(value, str) and _WHOLE.fullmatch(value) is not None


def blank(value: object) -> bool:
    """Nothing written yet: None, empty or blank text, or only a placeholder."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or is_placeholder(value)
    return False
