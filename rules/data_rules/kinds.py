"""What a selector can stand on, and which fields each place has.

The fields of each kind of place come from the report model
(``checker.read.model``), the single source of the format: a rule file that
names a field the format does not have is refused with the closest one.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from checker.read import model as m

# A kind of place → the model classes whose fields it has.
KINDS: dict[str, tuple[type[BaseModel], ...]] = {
    "rapporten": (m.Report,),
    "rapporthuvud": (m.Header,),
    "textavsnitt": (m.TextSection,),
    "ekonomi": (m.Economy,),
    "resultaträkning": (m.IncomeStatement,),
    "budgetrad": (m.BudgetRow,),
    "kvalitetsarbete": (m.Quality,),
    "klagomål": (m.Complaints,),
    "klagomålsrad": (m.ComplaintRow,),
    "kf": (m.DirectionGoal, m.AreaGoal),
    "nämndmål": (m.CommitteeGoal,),
    "avdelningsmål": (m.DepartmentGoal,),
    "enhetsmål": (m.UnitGoal,),
    "indikator": (m.Indicator,),
    "aktivitet": (m.Activity,),
    "avsnitt": (m.Subsection,),
    "ej_placerat": (m.UnplacedText,),
}

# The kinds of the model classes, for the kind of a field's value.
_KIND_OF = {cls: kind for kind, classes in KINDS.items() for cls in classes}
_KIND_OF[m.DirectionGoal] = _KIND_OF[m.AreaGoal] = "kf"


@cache
def fields(kind: str) -> dict[str, str | None]:
    """The keys a place of ``kind`` may have → the kind of the value (None for a plain value)."""
    out: dict[str, str | None] = {}
    for cls in KINDS.get(kind, ()):
        for name, info in cls.model_fields.items():
            out[info.alias or name] = _value_kind(info.annotation)
    return out


def _value_kind(annotation: Any) -> str | None:
    for cls in _classes(annotation):
        if cls in _KIND_OF:
            return _KIND_OF[cls]
    return None


def _classes(annotation: Any) -> list[type]:
    """The model classes inside an annotation (``Union``, ``list``, ``Annotated``)."""
    if isinstance(annotation, type):
        return [annotation] if issubclass(annotation, BaseModel) else []
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType, list, typing.Annotated) or origin is not None:
        return [c for arg in get_args(annotation) for c in _classes(arg)]
    return []
