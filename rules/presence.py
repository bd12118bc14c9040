"""Whether a value is there: empty, unknown (lost by the export), not applicable.

Shared by the families and the rule files' checks, so that all of them judge
"missing" alike.
"""

from __future__ import annotations

from typing import Any

from checker.plugin import ReportContext, Unknown


def is_empty(value: Any) -> bool:
    """True when a section holds no content at all (headings alone are not content)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return all(is_empty(v) for v in value)
    if isinstance(value, dict):
        return all(is_empty(v) for k, v in value.items() if k != "rubrik")
    return False


def is_unknown(value: Any) -> bool:
    """True for ``{okänd: <skäl>}``: a value the source had but its export lost.

    Such a value is written but not verifiable: never missing, never invalid
    (RK107 says it could not be checked).
    """
    if isinstance(value, Unknown):
        return True
    return isinstance(value, dict) and set(value) == {"okänd"}


def not_applicable(value: Any) -> bool:
    return isinstance(value, dict) and not is_empty(value.get("ej_tillämpligt"))


def unfilled(part: Any) -> bool:
    """``is_empty(v) and not not_applicable(v)`` of the dump ``v`` of ``part`` (a part of
    the model as ``ctx.part`` gives it), without dumping it: a section or field with no
    content that is not marked not applicable. The goals are most of a report; copying
    them to ask whether they hold any text was a tenth of RK102."""
    return _part_empty(part) and not _part_not_applicable(part)


def _fields(value: Any) -> dict[str, str] | None:
    """A model part's attributes and their keys (its dump's keys); None for anything else."""
    fields = getattr(type(value), "FIELDS", None)
    return fields if isinstance(fields, dict) else None


def _part_empty(value: Any) -> bool:
    fields = _fields(value)
    if fields is not None:  # as its dump: a None field is left out, and is empty
        return all(_part_empty(getattr(value, a)) for a, k in fields.items() if k != "rubrik")
    if isinstance(value, list):
        return all(_part_empty(v) for v in value)
    return is_empty(value)  # a text, a mapping of texts, a number, None


def _part_not_applicable(value: Any) -> bool:
    fields = _fields(value)
    if fields is None:
        return not_applicable(value)
    attr = next((a for a, k in fields.items() if k == "ej_tillämpligt"), None)
    return attr is not None and not _part_empty(getattr(value, attr))


def section_path(section: str) -> tuple[str, ...]:
    """The keys of a profile's section name: "ekonomi.analys" → ("ekonomi", "analys")."""
    return tuple(section.split("."))


def required_but_empty(ctx: ReportContext, section: str) -> bool:
    """True when the profile requires ``section`` and it is absent or empty (not marked
    not applicable): RK101 or RK102 reports it, and other rules that would see the same
    gap ("no analysis of the economy") leave it to them."""
    profile = ctx.profile
    if profile is None or section not in profile.required:
        return False
    return unfilled(ctx.part(section_path(section)))
