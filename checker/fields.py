"""The report format's goal sections and complaints table, known in one place.

The model declares these keys, the importer reads the headings, the emitter
orders the keys, fidelity compares them and the renderer writes the headings.
A leaf: it imports nothing of the project, so that the importer (which must
not import the reader) and the reader can both import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class GoalSection:
    """A goal's free-text section: its heading in the templates and its schema text."""

    heading: str
    description: str


# Every goal section, key → section, in the format's order.
GOAL_SECTIONS: Mapping[str, GoalSection] = {
    "beskrivning": GoalSection("Beskrivning", "Beskrivning."),
    "förväntat_resultat": GoalSection("Förväntat resultat", "Förväntat resultat."),
    "analys": GoalSection("Analys", "Analys av måluppfyllelsen."),
    "arbetssätt": GoalSection("Arbetssätt", "Arbetssätt (plan)."),
    "resursanvändning": GoalSection("Resursanvändning", "Resursanvändning (plan)."),
    "uppföljning": GoalSection("Uppföljning", "Uppföljning (plan)."),
    "utveckling": GoalSection("Utveckling", "Utveckling (plan)."),
}

# The sections each goal level holds; KF's inriktningsmål and verksamhetsområdesmål hold none.
COMMITTEE_GOAL_SECTIONS: tuple[str, ...] = ("beskrivning", "förväntat_resultat")
UNIT_GOAL_SECTIONS: tuple[str, ...] = (
    "förväntat_resultat",
    "analys",
    "arbetssätt",
    "resursanvändning",
    "uppföljning",
    "utveckling",
)
DEPARTMENT_GOAL_SECTIONS: tuple[str, ...] = ("beskrivning", *UNIT_GOAL_SECTIONS)

# The activity table's column headings as the ILS template writes them.
ACTIVITY_COLUMN_HEADINGS: tuple[str, ...] = ("Aktivitet", "Startdatum", "Slutdatum", "Avvikelse")

# The complaints table's column headings as the ILS template writes them, by the key
# each column fills ("grupp" is the group label, not a key of a row).
COMPLAINT_COLUMN_HEADINGS: Mapping[str, str] = {
    "grupp": "Uppdelning",
    "kategori": "Klagomål/synpunkter/kategorier",
    "t1": "Utfall T1",
    "t2": "Utfall T2",
    "vb": "Utfall VB",
    "totalt": "Totalt ack. Utfall",
    "sammanfattning": "Sammanfattning och planerade åtgärder",
}

# The complaints table's groups, key → the template's label.
COMPLAINT_GROUP_LABELS: Mapping[str, str] = {
    "beröm": "Beröm",
    "från_vem": "Från vem har klagomål, synpunkt eller avvikelser inkommit?",
    "vad_gällde": "Vad gällde klagomålet, synpunkten eller avvikelser?",
    "lex": "Varav antal avvikelser som lett till (ej incidenter som rapporteras i IA)",
    "återkoppling": "Återkoppling",
    "åtgärder": "Åtgärder",
}

# The template's fixed rows, key → the category it names.
COMPLAINT_ROW_LABELS: Mapping[str, str] = {
    "beröm": "Antal beröm",
    "lex_maria": "Lex Maria",
    "lex_sarah": "Lex Sarah",
    "återkoppling": "Antal klagomål där återkoppling har lämnats",
    "åtgärder": "Antal klagomål där åtgärder vidtagits",
}
