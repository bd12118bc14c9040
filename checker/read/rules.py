"""The reader's own rules: a file that cannot be read (RK105), a document off the schema (RK104).

Both are emitted while reading and validating, before any other rule runs;
they are declared here, beside their emitters, like every other rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from checker.findings import Msg, Severity
from checker.rule import Doc, Violation, emitted, rule


@rule(
    code="RK104",
    name="schema",
    name_sv="schemafel",
    severity=Severity.ERROR,
    message=Msg(sv="{message}", en="{message}"),
    doc=Doc(
        what=Msg(
            sv="Att dokumentet följer rapportformatets schema (schemas/report.schema.json):"
            " bara kända nycklar, och rätt sorts värde (text, tal, lista, mappning) i"
            " varje fält.",
            en="That the document follows the report format's schema"
            " (schemas/report.schema.json): only known keys, and the right kind of value"
            " (text, number, list, mapping) in each field.",
        ),
        why=Msg(
            sv='En felstavad nyckel ("anlys:") gör att texten inte läses alls: avsnittet'
            " ser ifyllt ut i filen men saknas för granskaren. Regeln föreslår den närmaste"
            " giltiga nyckeln.",
            en='A misspelt key ("anlys:") means the text is not read at all: the section'
            " looks filled in but is missing for the auditor. The rule suggests the closest"
            " valid key.",
        ),
        decisions=Msg(
            sv="Status, utfall, mål, belopp och antal läses som de är skrivna och"
            " bedöms av reglerna RK2–RK6, inte av schemat. Resten av dokumentet"
            " kontrolleras även när en del bryter mot schemat.",
            en="Status, outcomes, targets, amounts and counts are read as written and"
            " judged by rules RK2–RK6, not by the schema. The rest of the document is"
            " checked even when one part breaks the schema.",
        ),
        fix=Msg(
            sv='Säker rättning (--fix): en okänd nyckel med exakt en närliggande giltig nyckel byter namn till den ("anlys" → analys); värdet står kvar.',
            en='Safe fix (--fix): an unknown key with exactly one close valid key is renamed to it ("anlys" → analys); its value stays.',
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten för personligt stöd}
            sammanfattande_analys:
              txt: Året har präglats av …
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten för personligt stöd}
            sammanfattande_analys:
              text: Året har präglats av …
            """,
    ),
)
def schema(ctx: object) -> Iterable[Violation]:
    """Emitted by ``checker.read.validate`` while the document becomes a model."""
    return emitted()


@rule(
    code="RK105",
    name="unreadable",
    name_sv="oläsbar-fil",
    severity=Severity.ERROR,
    message=Msg(sv="{message}", en="{message}"),
    doc=Doc(
        what=Msg(
            sv="Att filen går att läsa som en rapport: UTF-8, giltig YAML, en mappning"
            " överst, inga dubbla nycklar, inga taggar, och inom gränserna för storlek"
            " (4 MiB), nästling (64 nivåer) och alias (100).",
            en="That the file can be read as a report: UTF-8, valid YAML, a mapping at the"
            " top, no duplicate keys, no tags, and within the limits on size (4 MiB),"
            " nesting (64 levels) and aliases (100).",
        ),
        why=Msg(
            sv="En fil som inte kan läsas kan inte granskas; en dubblerad nyckel gör att en"
            " del av texten tyst försvinner. Gränserna skyddar nattkörningen mot filer som"
            " annars skulle få den att hänga.",
            en="A file that cannot be read cannot be checked; a duplicated key makes part of"
            " the text silently disappear. The limits protect the nightly run from files"
            " that would otherwise stall it.",
        ),
        decisions=Msg(
            sv="BOM ger en varning och CRLF-radslut information; båda läses ändå."
            " Andra problem stoppar kontrollen av just den filen.",
            en="A BOM gives a warning and CRLF line endings an info; both are still"
            " read. Other problems stop the check of that file only.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten för personligt stöd}
            övrigt: Första versionen.
            övrigt: Andra versionen.
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten för personligt stöd}
            övrigt: Den enda versionen.
            """,
    ),
)
def unreadable(ctx: object) -> Iterable[Violation]:
    """Emitted by ``checker.read.loader`` when a file cannot be read as a report."""
    return emitted()
