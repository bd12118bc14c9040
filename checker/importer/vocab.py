"""What the importer knows about the domain: headings, columns, row names, icons.

The importer recognises a report by its vocabulary rather than by its layout:
the section headings of the templates, the column headings of the tables, the
standard rows of the income statement (read from ``rules/data/budget.yaml``,
the same file the budget rules use) and the complaint categories of the ILS
template.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

import yaml

from checker.fields import (
    COMMITTEE_GOAL_SECTIONS,
    COMPLAINT_ROW_LABELS,
    DEPARTMENT_GOAL_SECTIONS,
    GOAL_SECTIONS,
    UNIT_GOAL_SECTIONS,
)

# The template's complaint group labels are part of what the importer reads.
from checker.fields import COMPLAINT_GROUP_LABELS as COMPLAINT_GROUP_LABELS

# Icons the ILS export puts before statuses, activities and indicator names.
GOAL_ICONS = "●◆○■▲▼►◼◇"
DASHES = "—–"
DONE = "✓✔"
NOT_DONE = "!"
FEMALE = "♀"

ACTIVITY_DONE = "klar"
ACTIVITY_NOT_DONE = "avvikelse"

LOST_ACTIVITY = "statusikonen (✓ eller !) kan ha fallit bort i exporten"
LOST_FEMALE = "♀-markeringen kan ha fallit bort i exporten"

# A value the document says it lost: "[okänd: statusikonen saknas i exporten]".
UNKNOWN_RE = re.compile(r"^\[okänd(?::\s*([^\]]*))?\]\s*(.*)$", re.DOTALL)
# "Ej tillämpligt: <skäl>": a section the report marks as not applicable.
NOT_APPLICABLE_RE = re.compile(r"^Ej tillämpligt:\s*(.*)$", re.DOTALL)
# An unplaced text as a document shows it: "[sida 3, rad 12] <text>".
UNPLACED_RE = re.compile(
    r"^\[(?:sida (\d+))?(?:,\s*)?(?:rad (\d+)(?:[–-](?P<last>\d+))?)?\]\s*(.*)$", re.DOTALL
)
CAPTION_UNIT_RE = re.compile(r"^Beloppen anges i\s+(.+?)\.?$")

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEAR_RE = re.compile(r"\b(20\d{2})\b")


def norm(text: str) -> str:
    """A heading as compared: NFC, case-folded, one space, no trailing dots or colons."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\s\u00a0]+", " ", text).strip()
    text = re.sub(r"[\s.:]+$", "", text)
    text = re.sub(r"\s*[-–—]\s*", " - ", text)
    return text.casefold()


# Section headings; the value is the section's key in the importer.
SECTION_HEADINGS: dict[str, str] = {
    "sammanfattande analys": "summary",
    "inledning": "introduction",
    "uppföljning av kommunfullmäktiges inriktningsmål": "goals",
    "uppföljning av ekonomi": "economy",
    "redovisning av ekonomi": "economy",
    "analys av resultaträkning - uppföljning av driftbudget": "economy.analys",
    "investeringar": "economy.investeringar",
    "medel för lokaländamål": "economy.lokaländamål",
    "systematiskt kvalitetsarbete": "quality",
    "redovisning av synpunkter och klagomål": "complaints",
    "övrigt": "other",
    "innehållsförteckning": "toc",
    "text som inte kunde placeras": "unplaced",
}

# Headings of a goal's own fields, with the key they fill.
GOAL_FIELD_HEADINGS: dict[str, str] = {
    **{norm(section.heading): key for key, section in GOAL_SECTIONS.items()},
    "arbetsätt": "arbetssätt",  # a typo the template's users make (seed 003)
}

GOAL_FIELDS: dict[str, tuple[str, ...]] = {
    "direction": (),
    "area": (),
    "committee": COMMITTEE_GOAL_SECTIONS,
    "department": DEPARTMENT_GOAL_SECTIONS,
    "unit": UNIT_GOAL_SECTIONS,
}

DIRECTION_RE = re.compile(r"^KF:s inriktningsmål\s*:\s*(?:(\d+)\.?\s+(.+))?$")
AREA_RE = re.compile(r"^KF:s mål för verksamhetsområdet\s*:\s*(?:(\d+\.\d+)\.?\s+(.+))?$")
COMMITTEE_RE = re.compile(r"^Nämndmål\s*:\s*(.*)$")
UNIT_RE = re.compile(r"^Enhetsmål\s*:\s*(.*)$")
DEPARTMENT_RE = re.compile(r"^Avdelningsmål\s*:\s*(.*)$")
BARE_DIRECTION_RE = re.compile(r"^(\d)\.\s+(\S.*)$")
BARE_AREA_RE = re.compile(r"^(\d\.\d+)\.?\s+(\S.*)$")
GOAL_NUMBER_RE = re.compile(r"^(\d+(?:\.\s?\d+)+\.?)\s+(\S.*)$")
# Each goal level's heading, outermost level first (the order of GOAL_FIELDS).
GOAL_HEADING_RE: dict[str, re.Pattern[str]] = {
    "direction": DIRECTION_RE,
    "area": AREA_RE,
    "committee": COMMITTEE_RE,
    "department": DEPARTMENT_RE,
    "unit": UNIT_RE,
}

STATUS_RE = re.compile(
    r"^(?:ingen|uppfyll\w*\s+(?:helt|delvis|inte|ej)|(?:helt|delvis|ej|inte)\s+"
    r"(?:uppfyll\w*|uppnå\w*)|uppfyllt|uppnått|ej uppnått|delvis)$",
    re.IGNORECASE,
)

TOC_LEADER_RE = re.compile(r"\.{4,}\s*\d*\s*$")


def _keyed(*pairs: tuple[str, str]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, key) pairs with each pattern compiled, tried in this order."""
    return tuple((re.compile(pattern), key) for pattern, key in pairs)


# Indicator table columns: (pattern on the normalised heading, key).
INDICATOR_COLUMNS = _keyed(
    (r"^indikator$", "namn"),
    (r"män", "utfall_män"),
    (r"kvinn", "utfall_kvinnor"),
    (r"(vb|t1|t2|tertial)\s*\d{4}|\d{4}.*utfall|utfall.*\d{4}", "utfall_föregående"),
    (r"^(periodens )?utfall$", "utfall"),
    (r"^progno", "prognos_helår"),
    (r"^kf:s", "kf_årsmål"),
    (r"^(å|a)rsmål", "årsmål"),
    (r"^periodicitet$", "periodicitet"),
    (r"^period$", "period"),
)

ACTIVITY_COLUMNS = _keyed(
    (r"^aktivitet$", "aktivitet"),
    (r"^startdatum$", "startdatum"),
    (r"^slutdatum$", "slutdatum"),
    (r"^(avvikelse|awikelse)$", "avvikelse"),
)

COMPLAINT_COLUMNS = _keyed(
    (r"^uppdelning$", "grupp"),
    (r"^klagomål/", "kategori"),
    (r"t1$", "t1"),
    (r"t2$", "t2"),
    (r"utfall vb$", "vb"),
    (r"^totalt", "totalt"),
    (r"^sammanfattning", "sammanfattning"),
)

# Complaint groups: (pattern on the normalised group label, key).
COMPLAINT_GROUPS = _keyed(
    (r"^beröm", "beröm"),
    (r"^från vem", "från_vem"),
    (r"^vad gällde", "vad_gällde"),
    (r"^varav", "lex"),
    (r"^återkoppling", "återkoppling"),
    (r"^åtgärder", "åtgärder"),
)

COMPLAINT_CATEGORIES: dict[str, tuple[str, ...]] = {
    "beröm": (COMPLAINT_ROW_LABELS["beröm"],),
    "från_vem": (
        "Annan (t.ex. okänd)",
        "Brukare/patient",
        "Medarbetare/verksamhet inom förvaltningen",
        "Närstående (anhörig, god man, etc.)",
        "Samverkanspart (ex annan förvaltning, Region Stockholm, Polis)",
    ),
    "vad_gällde": (
        "Annat (ange vad i rapporteringsvyn)",
        "Bemanning (Kontinuitet, vikarieanskaffning)",
        "Bemötande",
        "Beslut (missnöje, avsaknad av beslut, ej kommunicerat etc.)",
        "Brister i information (utebliven info, obegriplig info, etc.)",
        "Brister i rutiner/utförande av insats eller verksamhet",
        "Fråga/idé",
        "Fysisk inne- eller utemiljö (ej städad, avsaknad av material etc.)",
        "Hantering av personuppgifter",
        "Klagomål som gäller hälso- och sjukvård",
        "Kompetens",
        "Mat och måltider",
        "Teknik, verksamhetssystem och IT-relaterade frågor",
        "Tillgänglighet (öppettider, telefontider, fysisk miljö)",
        "Utebliven/försenad insats eller aktivitet",
    ),
    "lex": (COMPLAINT_ROW_LABELS["lex_maria"], COMPLAINT_ROW_LABELS["lex_sarah"]),
    "återkoppling": (COMPLAINT_ROW_LABELS["återkoppling"],),
    "åtgärder": (COMPLAINT_ROW_LABELS["åtgärder"],),
}

BUDGET_GROUP_WORDS = {"intäkter": "intäkter", "kostnader": "kostnader"}
BUDGET_SUMS = {
    "summa intäkter": "summa_intäkter",
    "summa kostnader": "summa_kostnader",
    "summa netto": "summa_netto",
}


@functools.cache
def budget_rows() -> dict[str, tuple[str, ...]]:
    """The standard income-statement rows from the rules' reference data."""
    rows: dict[str, tuple[str, ...]] = {"intäkter": (), "kostnader": ()}
    try:
        text = (resources.files("rules") / "data" / "budget.yaml").read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, ModuleNotFoundError, yaml.YAMLError):  # pragma: no cover - shipped with rules
        return rows
    if isinstance(data, dict):
        for key in rows:
            value = data.get(key)
            if isinstance(value, list):
                rows[key] = tuple(str(v) for v in value)
    return rows


def similar(a: str, b: str) -> float:
    """Similarity of two labels, 0..1 (difflib ratio on normalised text)."""
    import difflib

    return difflib.SequenceMatcher(None, norm(a), norm(b)).ratio()


def budget_group_of(label: str) -> str | None:
    """intäkter or kostnader for a label close to a standard row, else None."""
    best: tuple[float, str | None] = (0.0, None)
    for group, names in budget_rows().items():
        for name in names:
            score = similar(label, name)
            if score > best[0]:
                best = (score, group)
    return best[1] if best[0] >= 0.8 else None


def match_column(heading: str, columns: tuple[tuple[re.Pattern[str], str], ...]) -> str | None:
    key = norm(heading)
    for pattern, name in columns:
        if pattern.search(key):
            return name
    return None
