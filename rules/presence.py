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
    value = ctx.value(section_path(section))
    return is_empty(value) and not not_applicable(value)
