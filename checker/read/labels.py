"""Human labels for places in a report, e.g. "KF 3.1 › Enhetsmål »…« › status".

Quality staff read Swedish, not YAML paths: the label names goals by their
number or title and fields by their domain term.
"""

from __future__ import annotations

from typing import Any

from checker.findings import Msg
from checker.rule import DocPath

SEP = " › "
_MAX = 60

# Container key → (Swedish, English) name of one item in it.
_ITEMS = {
    "nämndmål": ("Nämndmål", "Committee goal"),
    "avdelningsmål": ("Avdelningsmål", "Department goal"),
    "enhetsmål": ("Enhetsmål", "Unit goal"),
    "indikatorer": ("Indikator", "Indicator"),
    "aktiviteter": ("Aktivitet", "Activity"),
    "intäkter": ("Intäkt", "Revenue"),
    "kostnader": ("Kostnad", "Cost"),
    "från_vem": ("Från vem", "From whom"),
    "vad_gällde": ("Vad gällde", "Concerning"),
    "avsnitt": ("Avsnitt", "Subsection"),
    "ej_placerat": ("Text som inte placerats, källans rad", "Unplaced text, source line"),
}
# A committee goal is left out of the label of a unit or department goal below it.
_BELOW_COMMITTEE = frozenset({"enhetsmål", "avdelningsmål"})
# Mapping key → (Swedish, English) section or field name.
_KEYS = {
    "rapport": ("Rapporthuvud", "Header"),
    "sammanfattande_analys": ("Sammanfattande analys", "Summary analysis"),
    "inledning": ("Inledning", "Introduction"),
    "ekonomi": ("Ekonomi", "Economy"),
    "resultaträkning": ("Resultaträkning", "Income statement"),
    "kvalitetsarbete": ("Systematiskt kvalitetsarbete", "Quality work"),
    "klagomål": ("Synpunkter och klagomål", "Complaints"),
    "övrigt": ("Övrigt", "Other"),
    "summa_intäkter": ("Summa intäkter", "Total revenue"),
    "summa_kostnader": ("Summa kostnader", "Total costs"),
    "summa_netto": ("Summa netto", "Net total"),
    "lex_sarah": ("Lex Sarah", "Lex Sarah"),
    # the complaints table's columns, as the report template heads them
    "t1": ("T1", "T1"),
    "t2": ("T2", "T2"),
    "vb": ("VB", "VB"),
    "totalt": ("Totalt ack.", "Accumulated total"),
    "lex_maria": ("Lex Maria", "Lex Maria"),
    "beröm": ("Beröm", "Praise"),
    "återkoppling": ("Återkoppling", "Feedback"),
    "åtgärder": ("Åtgärder", "Measures"),
    "analys": ("analys", "analysis"),
    "lokaländamål": ("Medel för lokaländamål", "Premises funds"),
}
_FIELDS_EN = {
    "status": "status",
    "titel": "title",
    "nummer": "number",
    "utfall": "outcome",
    "utfall_män": "outcome men",
    "utfall_kvinnor": "outcome women",
    "årsmål": "target",
    "kf_årsmål": "KF target",
    "period": "period",
    "startdatum": "start date",
    "slutdatum": "end date",
    "avvikelse": "deviation",
    "budget": "budget",
    "förväntat_resultat": "expected result",
    "beskrivning": "description",
    "totalt": "total",
    "typ": "type",
    "år": "year",
    "enhet": "unit",
    "datum": "date",
    "handläggare": "author",
    "dnr": "case number",
    "nämnd": "committee",
}


def _short(text: Any) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= _MAX else s[: _MAX - 1].rstrip() + "…"


def label(data: Any, path: DocPath) -> Msg:
    """The human label of ``path`` in ``data`` (the document as read)."""
    sv: list[str] = []
    en: list[str] = []
    kf: tuple[str, str] | None = None
    cur = data
    i = 0
    while i < len(path):
        key = path[i]
        nxt = cur.get(key) if isinstance(cur, dict) and isinstance(key, str) else None
        if key in ("inriktningsmål", "verksamhetsområdesmål") and i + 1 < len(path):
            idx = path[i + 1]
            item = (
                nxt[idx]
                if isinstance(nxt, list) and isinstance(idx, int) and idx < len(nxt)
                else {}
            )
            num = item.get("nummer") if isinstance(item, dict) else None
            kf = (
                (f"KF {num}", f"KF {num}")
                if num is not None
                else (
                    f"KF-mål {idx + 1 if isinstance(idx, int) else idx}",
                    f"KF goal {idx + 1 if isinstance(idx, int) else idx}",
                )
            )
            cur, i = item, i + 2
            continue
        if kf is not None:
            sv.append(kf[0])
            en.append(kf[1])
            kf = None
        if (
            isinstance(key, str)
            and key in _ITEMS
            and i + 1 < len(path)
            and isinstance(path[i + 1], int)
        ):
            idx = path[i + 1]
            assert isinstance(idx, int)
            item = nxt[idx] if isinstance(nxt, list) and idx < len(nxt) else {}
            name = _item_name(item)
            s, e = _ITEMS[key]
            sv.append(f"{s} »{name}«" if name else f"{s} {idx + 1}")
            en.append(f"{e} »{name}«" if name else f"{e} {idx + 1}")
            # A committee goal is named only when the place is the goal itself.
            if key == "nämndmål" and i + 2 < len(path) and path[i + 2] in _BELOW_COMMITTEE:
                sv.pop()
                en.pop()
            cur, i = item, i + 2
            continue
        if isinstance(key, str):
            s, e = _KEYS.get(key, (key.replace("_", " "), _FIELDS_EN.get(key, key)))
            sv.append(s)
            en.append(e)
        else:
            sv.append(f"rad {key + 1}")
            en.append(f"row {key + 1}")
        cur = (
            nxt
            if isinstance(key, str)
            else (cur[key] if isinstance(cur, list) and key < len(cur) else None)
        )
        i += 1
    if kf is not None:
        sv.append(kf[0])
        en.append(kf[1])
    return Msg(SEP.join(sv) or "Dokumentet", SEP.join(en) or "Document")


def child_label(parent: Msg, key: str | int) -> Msg | None:
    """``label(data, path + (key,))`` from the label of ``path``, when it is that simple.

    A plain field below a labelled place only adds its own name; a list item or a
    goal level needs the data (its title or number), so that case returns None.
    """
    if not isinstance(key, str) or key in _ITEMS or key in _KF_LEVELS:
        return None
    s, e = _KEYS.get(key, (key.replace("_", " "), _FIELDS_EN.get(key, key)))
    return Msg(parent.sv + SEP + s, parent.en + SEP + e)


_KF_LEVELS = frozenset({"inriktningsmål", "verksamhetsområdesmål"})


def _item_name(item: Any) -> str:
    if not isinstance(item, dict):
        return ""
    for key in ("titel", "namn", "aktivitet", "rad", "kategori", "rubrik"):
        value = item.get(key)
        if value and not isinstance(value, dict):  # {okänd: …} names nothing
            num = item.get("nummer")
            text = _short(value)
            return f"{num} {text}" if num and key == "titel" else text
    return ""


class Labeller:
    """The labels of one document's places, each computed once; a field's label is its
    parent's and its own name (``child_label``) when that is all it is, and a list item's
    the label of the place holding its list and the item's name (``_item``), so findings
    on the cells of one row, or on the rows of one table, walk the document once."""

    __slots__ = ("_data", "_known")

    def __init__(self, data: Any) -> None:
        self._data = data
        self._known: dict[DocPath, Msg] = {}

    def __call__(self, path: DocPath) -> Msg:
        known = self._known.get(path)
        if known is not None:
            return known
        where = None
        # Not below the document itself ("Dokumentet" is no prefix), nor below a KF level,
        # whose label takes the next part as its goal's index.
        if len(path) > 1 and isinstance(path[-1], str) and path[-2] not in _KF_LEVELS:
            where = child_label(self(path[:-1]), path[-1])
        elif len(path) > 2 and isinstance(path[-1], int):
            where = self._item(path)
        if where is None:
            where = label(self._data, path)
        self._known[path] = where
        return where

    def _item(self, path: DocPath) -> Msg | None:
        """The label of a list item (an activity, a row) from the label of the place that
        holds its list, when it only adds the item's name; None otherwise."""
        key, owner = path[-2], path[:-2]
        if key not in _ITEMS or owner[-1] in _KF_LEVELS:
            return None
        if key in _BELOW_COMMITTEE and len(owner) > 1 and owner[-2] == "nämndmål":
            return None
        idx = path[-1]
        assert isinstance(idx, int) and isinstance(key, str)
        name = _item_name(_walk(self._data, path))
        s, e = _ITEMS[key]
        above = self(owner)
        if name:
            return Msg(f"{above.sv}{SEP}{s} »{name}«", f"{above.en}{SEP}{e} »{name}«")
        return Msg(f"{above.sv}{SEP}{s} {idx + 1}", f"{above.en}{SEP}{e} {idx + 1}")


def _walk(data: Any, path: DocPath) -> Any:
    """The value at ``path`` as ``label`` walks to it (a text key into a mapping, an index
    into a list), or None."""
    cur = data
    for part in path:
        if isinstance(cur, dict) and isinstance(part, str):
            cur = cur.get(part)
        elif isinstance(cur, list) and isinstance(part, int) and part < len(cur):
            cur = cur[part]
        else:
            return None
    return cur
