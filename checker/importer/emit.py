"""Deterministic YAML and JSON pointers for an imported report."""

from __future__ import annotations

from typing import Any

import yaml

from checker.escape import visible
from checker.fields import GOAL_SECTIONS

ORDER: dict[str, tuple[str, ...]] = {
    "report": (
        "rapport",
        "sammanfattande_analys",
        "inledning",
        "inriktningsmål",
        "ekonomi",
        "kvalitetsarbete",
        "övrigt",
        "ej_placerat",
    ),
    "header": (
        "typ",
        "år",
        "enhet",
        "nämnd",
        "till",
        "dokumenttyp",
        "dnr",
        "datum",
        "handläggare",
        "telefon",
    ),
    "goal": (
        "nummer",
        "titel",
        "status",
        *GOAL_SECTIONS,
        "indikatorer",
        "aktiviteter",
        "verksamhetsområdesmål",
        "nämndmål",
        "avdelningsmål",
        "enhetsmål",
    ),
    "indicator": (
        "namn",
        "könsuppdelad",
        "utfall",
        "utfall_män",
        "utfall_kvinnor",
        "utfall_föregående",
        "föregående_rubrik",
        "prognos_helår",
        "årsmål",
        "kf_årsmål",
        "period",
        "periodicitet",
        "analys",
        "förklaring",
    ),
    "activity": ("aktivitet", "status", "startdatum", "slutdatum", "avvikelse", "analys"),
    "economy": (
        "analys",
        "resultaträkning",
        "investeringar",
        "lokaländamål",
        "övrigt",
        "resursanvändning",
        "budget",
    ),
    "statement": (
        "enhet",
        "utfall_rubrik",
        "intäkter",
        "summa_intäkter",
        "kostnader",
        "summa_kostnader",
        "summa_netto",
    ),
    "budget_row": ("rad", "utfall", "budget", "avvikelse"),
    "quality": ("text", "avsnitt", "ej_tillämpligt", "klagomål"),
    "complaints": (
        "grupprubriker",
        "beröm",
        "från_vem",
        "vad_gällde",
        "lex_maria",
        "lex_sarah",
        "återkoppling",
        "åtgärder",
        "sammanfattning",
    ),
    "complaint_row": ("kategori", "t1", "t2", "vb", "totalt", "sammanfattning"),
    "groups": ("beröm", "från_vem", "vad_gällde", "lex", "återkoppling", "åtgärder"),
    "section": ("rubrik", "text", "avsnitt", "ej_tillämpligt"),
    "unplaced": ("rad", "till_rad", "sida", "rader", "avsnitt", "text"),
    "unknown": ("okänd",),
}

CHILD_KIND: dict[tuple[str, str], str] = {
    ("report", "rapport"): "header",
    ("report", "inriktningsmål"): "goal",
    ("report", "ekonomi"): "economy",
    ("report", "kvalitetsarbete"): "quality",
    ("report", "ej_placerat"): "unplaced",
    ("goal", "verksamhetsområdesmål"): "goal",
    ("goal", "nämndmål"): "goal",
    ("goal", "avdelningsmål"): "goal",
    ("goal", "enhetsmål"): "goal",
    ("goal", "indikatorer"): "indicator",
    ("goal", "aktiviteter"): "activity",
    ("economy", "resultaträkning"): "statement",
    ("statement", "intäkter"): "budget_row",
    ("statement", "kostnader"): "budget_row",
    ("statement", "summa_intäkter"): "budget_row",
    ("statement", "summa_kostnader"): "budget_row",
    ("statement", "summa_netto"): "budget_row",
    ("quality", "klagomål"): "complaints",
    ("complaints", "grupprubriker"): "groups",
    ("complaints", "beröm"): "complaint_row",
    ("complaints", "från_vem"): "complaint_row",
    ("complaints", "vad_gällde"): "complaint_row",
    ("complaints", "lex_maria"): "complaint_row",
    ("complaints", "lex_sarah"): "complaint_row",
    ("complaints", "återkoppling"): "complaint_row",
    ("complaints", "åtgärder"): "complaint_row",
}


def ordered(value: Any, kind: str = "report") -> Any:
    """A copy with every mapping's keys in the format's order."""
    if isinstance(value, list):
        return [ordered(v, kind) for v in value]
    if not isinstance(value, dict):
        return value
    rank = ORDER.get(kind, ())
    keys = sorted(value, key=lambda k: (rank.index(k) if k in rank else len(rank), 0))
    out: dict[str, Any] = {}
    for key in keys:
        child = CHILD_KIND.get((kind, key), "section")
        out[key] = ordered(value[key], child)
    return out


class _Dumper(yaml.SafeDumper):
    pass


# Line breaks to YAML 1.1 that editors do not show: written as escapes in double quotes,
# since a block or single-quoted scalar would hold them raw (and readers fold them).
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(ch in value for ch in _ODD_BREAKS):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def yaml_text(data: dict[str, Any]) -> str:
    """Report data as the YAML an author edits: keys in order, text as written, no wrapping,
    multi-line text as a block (``rapportkoll import`` and ``rapportkoll new`` both write it)."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
        indent=2,
    )


def comment(text: str) -> str:
    """``text`` as it may stand in a one-line YAML comment: every line break, control,
    invisible or non-YAML character visibly escaped (``visible``), and ``#`` as ``\\x23``,
    so that a file's name can neither end the comment and write YAML nor make it a
    suppression (``# rapportkoll: ignore[…]``)."""
    return visible(text).replace("#", "\\x23")


def dump(data: dict[str, Any], source_name: str) -> str:
    first = f"# Importerad av rapportkoll från {comment(source_name)} — kontrollera mot källan.\n"
    return first + yaml_text(data)


def escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def pointers(
    value: Any,
    origin: dict[tuple[int, str | int], tuple[int, int | None]],
    fallback: tuple[int, int | None],
) -> dict[str, tuple[int, int | None]]:
    """A source position for every value, keyed by JSON pointer.

    ``origin`` is keyed by (id of the container, key) as the parser recorded it;
    a value without its own record inherits its container's position.
    """
    out: dict[str, tuple[int, int | None]] = {}
    stack: list[tuple[Any, str, tuple[int, int | None]]] = [(value, "", fallback)]
    while stack:
        node, pointer, here = stack.pop()
        children: list[tuple[str | int, Any]]
        if isinstance(node, dict):
            children = list(node.items())
        elif isinstance(node, list):
            children = list(enumerate(node))
        else:
            continue
        for key, child in children:
            position = origin.get((id(node), key), here)
            child_pointer = f"{pointer}/{escape(key)}"
            out[child_pointer] = position
            stack.append((child, child_pointer, position))
    return dict(sorted(out.items()))
