"""What a selector can stand on, and which fields each place has.

The fields of each kind of place come from the report's parts as the rules
read them (``checker.plugin``: ``Report``, ``Header`` …, generated from the
report model, the single source of the format): a rule file that names a
field the format does not have is refused with the closest one.
"""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar, Protocol, get_args, get_type_hints

from checker.plugin import (
    Activity,
    AreaGoal,
    BudgetRow,
    CommitteeGoal,
    ComplaintRow,
    Complaints,
    DepartmentGoal,
    DirectionGoal,
    Economy,
    Header,
    IncomeStatement,
    Indicator,
    Quality,
    Report,
    Subsection,
    TextSection,
    UnitGoal,
    UnplacedText,
)


class _Part(Protocol):
    FIELDS: ClassVar[dict[str, str]]  # attribute → key in the report


# A kind of place → the report parts whose fields it has.
KINDS: dict[str, tuple[type[_Part], ...]] = {
    "rapporten": (Report,),
    "rapporthuvud": (Header,),
    "textavsnitt": (TextSection,),
    "ekonomi": (Economy,),
    "resultaträkning": (IncomeStatement,),
    "budgetrad": (BudgetRow,),
    "kvalitetsarbete": (Quality,),
    "klagomål": (Complaints,),
    "klagomålsrad": (ComplaintRow,),
    "kf": (DirectionGoal, AreaGoal),
    "nämndmål": (CommitteeGoal,),
    "avdelningsmål": (DepartmentGoal,),
    "enhetsmål": (UnitGoal,),
    "indikator": (Indicator,),
    "aktivitet": (Activity,),
    "avsnitt": (Subsection,),
    "ej_placerat": (UnplacedText,),
}

# The kinds of the report parts, for the kind of a field's value.
_KIND_OF = {cls: kind for kind, classes in KINDS.items() for cls in classes}
_KIND_OF[DirectionGoal] = _KIND_OF[AreaGoal] = "kf"


@cache
def fields(kind: str) -> dict[str, str | None]:
    """The keys a place of ``kind`` may have → the kind of the value (None for a plain value)."""
    out: dict[str, str | None] = {}
    for cls in KINDS.get(kind, ()):
        hints = get_type_hints(cls)
        for attr, key in cls.FIELDS.items():
            out[key] = _value_kind(hints[attr])
    return out


def _value_kind(annotation: Any) -> str | None:
    for cls in _classes(annotation):
        if cls in _KIND_OF:
            return _KIND_OF[cls]
    return None


def _classes(annotation: Any) -> list[type]:
    """The report parts inside an annotation (``X | None``, ``list[X]``)."""
    if isinstance(annotation, type):
        return [annotation] if annotation in _KIND_OF else []
    return [c for arg in get_args(annotation) for c in _classes(arg)]
