"""RK4 complaints, Lex Sarah and Lex Maria: the table of counts must add up."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence

from checker.plugin import (
    ComplaintRow,
    Complaints,
    Doc,
    DocPath,
    FixIntent,
    Msg,
    Record,
    ReportContext,
    Rule,
    RunReport,
    Severity,
    Violation,
    family,
    format_number,
    is_placeholder,
    norm_words,
    parse_count,
    renumber,
    rule,
    set_value,
)
from rules.presence import is_unknown

COLUMNS = ("t1", "t2", "vb")
# Which tertial columns a report of each type holds.
COLUMNS_OF = {"T1": ("t1",), "T2": ("t1", "t2"), "VB": ("t1", "t2", "vb")}
_GROUP_LABEL = {
    "beröm": "Beröm",
    "från_vem": "Från vem",
    "vad_gällde": "Vad gällde",
    "lex_maria": "Lex Maria",
    "lex_sarah": "Lex Sarah",
    "återkoppling": "Återkoppling",
    "åtgärder": "Åtgärder",
}


class Row(Record):
    _fields = ("group", "path", "row")

    def __init__(self, group: str, path: DocPath, row: ComplaintRow) -> None:
        self.group = group
        self.path = path
        self.row = row

    @property
    def name(self) -> str:
        label = _GROUP_LABEL[self.group]
        if self.row.category and norm_words(self.row.category) != norm_words(label):
            return f"{label}: {self.row.category}"
        return label

    def count(self, column: str) -> float | None:
        value, ok = parse_count(getattr(self.row, column if column != "totalt" else "total"))
        return value if ok else None


def rows(ctx: ReportContext) -> list[Row]:
    """The table's rows, computed once per report."""
    return ctx.memo("complaint_rows", lambda: list(_rows(ctx)))  # type: ignore[no-any-return]


def _rows(ctx: ReportContext) -> Iterator[Row]:
    quality = ctx.report.quality
    table: Complaints | None = quality.complaints if quality else None
    if table is None:
        return
    base: DocPath = ("kvalitetsarbete", "klagomål")
    for group in ("beröm", "lex_maria", "lex_sarah", "återkoppling", "åtgärder"):
        row = getattr(table, _attr(group))
        if row is not None:
            yield Row(group, (*base, group), row)
    for group in ("från_vem", "vad_gällde"):
        for i, row in enumerate(getattr(table, _attr(group)) or []):
            yield Row(group, (*base, group, i), row)


def _attr(group: str) -> str:
    return {
        "beröm": "praise",
        "från_vem": "source",
        "vad_gällde": "subject",
        "lex_maria": "lex_maria",
        "lex_sarah": "lex_sarah",
        "återkoppling": "feedback",
        "åtgärder": "measures",
    }[group]


def _columns(ctx: ReportContext) -> tuple[str, ...]:
    return COLUMNS_OF.get(ctx.type or "VB", COLUMNS)


def _total_mismatches(ctx: ReportContext, lex_sarah: bool) -> Iterator[tuple[Row, float, float]]:
    cols = _columns(ctx)
    for r in rows(ctx):
        if (r.group == "lex_sarah") != lex_sarah:
            continue
        counts = [r.count(c) for c in cols]
        total = r.count("totalt")
        if total is None or any(c is None for c in counts):
            continue  # RK406 reports unreadable counts
        expected = sum(c for c in counts if c is not None)
        if abs(expected - total) > 1e-9:
            yield r, expected, total


# RK401 and RK402 say the same thing about different rows.
_TOTAL_MISMATCH = Msg(
    sv="{row}: {columns} = {expected}, men Totalt ack. är {total}. Rätta summan eller"
    " tertialvärdena.",
    en="{row}: {columns} = {expected}, but the accumulated total is {total}. Correct the total"
    " or the tertial values.",
)
_TOTAL_SUGGESTION = Msg(sv="Totalt ack. = {suggestion}", en="Accumulated total = {suggestion}")


@rule(
    code="RK401",
    name="lex-sarah-total-mismatch",
    name_sv="lex-sarah-summa-stämmer-inte",
    severity=Severity.ERROR,
    message=_TOTAL_MISMATCH,
    suggestion=_TOTAL_SUGGESTION,
    doc=Doc(
        what=Msg(
            sv="Att Lex Sarah-raden går ihop: Utfall T1 + T2 + VB = Totalt ack. (i en T1 bara T1,"
            " i en T2 T1 + T2). En tom cell är noll.",
            en="That the Lex Sarah row adds up: outcome T1 + T2 + VB = accumulated total (in a T1"
            " only T1, in a T2 T1 + T2). A blank cell is zero.",
        ),
        why=Msg(
            sv="Lex Sarah-anmälningar är lagstadgade rapporter om missförhållanden (SoL 14 kap.,"
            " LSS 24 a–g §§). En summa som inte stämmer gör att nämnden redovisar fel antal"
            " till IVO och revisionen.",
            en="Lex Sarah reports are statutory reports of wrongdoing (SoL ch. 14, LSS 24 a–g). A"
            " total that does not add up makes the committee report the wrong number to the"
            " inspectorate and the auditors.",
        ),
        fix=Msg(
            sv='Säker rättning (--fix): Totalt ack. sätts till summan av tertialkolumnerna, skriven som förut ("1 st" → "2 st").',
            en='Safe fix (--fix): the accumulated total is set to the sum of the tertial columns, written as before ("1 st" → "2 st").',
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              text: Enheten följer upp avvikelser.
              klagomål:
                lex_sarah: {kategori: Lex Sarah, t2: 1, vb: 1, totalt: 1 st}
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              text: Enheten följer upp avvikelser.
              klagomål:
                lex_sarah: {kategori: Lex Sarah, t2: 1, vb: 1, totalt: 2 st}
            """,
    ),
)
def lex_sarah_total_mismatch(ctx: ReportContext) -> Iterator[Violation]:
    yield from _mismatches(ctx, lex_sarah_total_mismatch, True)


@rule(
    code="RK402",
    name="complaints-total-mismatch",
    name_sv="klagomålssumma-stämmer-inte",
    severity=Severity.ERROR,
    message=_TOTAL_MISMATCH,
    suggestion=_TOTAL_SUGGESTION,
    doc=Doc(
        what=Msg(
            sv="Att varje annan rad i tabellen över synpunkter och klagomål (Lex Maria inräknad)"
            " går ihop: tertialerna summerar till Totalt ack.",
            en="That every other row of the complaints table (Lex Maria included) adds up: the"
            " tertials sum to the accumulated total.",
        ),
        why=Msg(
            sv="Totalerna används i nämndens sammanställning av klagomål; ett räknefel sprids dit.",
            en="The totals feed the committee's summary of complaints; an arithmetic error spreads"
            " there.",
        ),
        fix=Msg(
            sv='Säker rättning (--fix): Totalt ack. sätts till summan av tertialkolumnerna, skriven som förut ("1 st" → "2 st").',
            en='Safe fix (--fix): the accumulated total is set to the sum of the tertial columns, written as before ("1 st" → "2 st").',
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              text: Enheten följer upp avvikelser.
              klagomål:
                från_vem:
                  - {kategori: Brukare/patient, t1: 1, t2: 2, totalt: 2}
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              text: Enheten följer upp avvikelser.
              klagomål:
                från_vem:
                  - {kategori: Brukare/patient, t1: 1, t2: 2, totalt: 3}
            """,
    ),
)
def complaints_total_mismatch(ctx: ReportContext) -> Iterator[Violation]:
    yield from _mismatches(ctx, complaints_total_mismatch, False)


def _mismatches(ctx: ReportContext, r: Rule, lex_sarah: bool) -> Iterator[Violation]:
    cols = " + ".join(c.upper() for c in _columns(ctx))
    for row, expected, total in _total_mismatches(ctx, lex_sarah):
        yield r.at(
            (*row.path, "totalt"),
            fix=_total_fix((*row.path, "totalt"), row.row.total, expected),
            row=row.name,
            columns=cols,
            expected=format_number(expected),
            total=format_number(total),
            suggestion=format_number(expected),
        )


def _total_fix(path: DocPath, raw: object, expected: float) -> FixIntent | None:
    """Safe: the accumulated total is by definition the sum of the row's tertials."""
    text = renumber(raw, expected)
    if text is None:
        return None
    return set_value(path, text, Msg(f"Totalt ack. = {text}", f"Accumulated total = {text}"))


# Report types in the order they are written during a year.
_ORDER = {"T1": 1, "T2": 2, "VB": 3}


def carry_over_extract(ctx: ReportContext) -> dict[str, dict[str, object]]:
    """Each complaints row's tertial counts, keyed by group and category."""
    out: dict[str, dict[str, object]] = {}
    for r in rows(ctx):
        counts = {}
        ctx.mark(r.path)
        for column in COLUMNS:
            if getattr(r.row, column) is not None:
                ctx.mark((*r.path, column))  # a blank cell is placed at its row
            counts[column] = r.count(column)
        out[f"{r.group}|{norm_words(r.row.category or '')}"] = {
            "name": r.name,
            "path": list(r.path),
            "counts": counts,
        }
    return out


@rule(
    code="RK403",
    name="tertial-carry-over-mismatch",
    name_sv="tertial-skiljer-sig-från-tidigare-rapport",
    severity=Severity.ERROR,
    message=Msg(
        sv="{row}, kolumn {column}: {value} här, men enhetens {earlier} ({earlier_file})"
        " redovisade {earlier_value}. Ett tertial som redan rapporterats ska föras över"
        " oförändrat, eller rättelsen förklaras.",
        en="{row}, column {column}: {value} here, but the unit's {earlier} ({earlier_file})"
        " reported {earlier_value}. A tertial already reported must be carried over unchanged,"
        " or the correction explained.",
    ),
    extract=carry_over_extract,
    doc=Doc(
        what=Msg(
            sv="Att en tertialkolumn i tabellen över synpunkter och klagomål är densamma som"
            " enheten redovisade för det tertialet i sin tidigare rapport samma år (T2:s"
            " T1-kolumn mot T1-rapporten, VB:s T1- och T2-kolumner mot T1 och T2). Kräver att"
            " rapporterna kontrolleras i samma körning.",
            en="That a tertial column of the complaints table equals what the unit reported for"
            " that tertial in its earlier report of the same year (the T2's T1 column against"
            " the T1 report, the VB's T1 and T2 columns against T1 and T2). Needs the reports"
            " in the same run.",
        ),
        why=Msg(
            sv="Ett tertial som ändras i efterhand utan förklaring gör att nämndens"
            " tertialrapporter och verksamhetsberättelse inte går att stämma av mot varandra.",
            en="A tertial that changes afterwards without explanation means the committee's"
            " tertial and annual reports cannot be reconciled.",
        ),
        decisions=Msg(
            sv="Rapporter hör ihop när enhet (utan hänsyn till skiftläge och mellanslag) och år är"
            " desamma. Rader matchas på grupp och kategori.",
            en="Reports belong together when unit (ignoring case and spacing) and year are the"
            " same. Rows are matched on group and category.",
        ),
        failing="""
            # Två filer i samma körning (t1.yaml och vb.yaml):
            rapport: {typ: T1, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              klagomål:
                lex_sarah: {t1: 1, totalt: 1}
            ---
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              klagomål:
                lex_sarah: {t1: 2, totalt: 2}
            """,
        passing="""
            rapport: {typ: T1, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              klagomål:
                lex_sarah: {t1: 1, totalt: 1}
            ---
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              klagomål:
                lex_sarah: {t1: 1, totalt: 1}
            """,
    ),
)
def tertial_carry_over_mismatch(reports: Sequence[RunReport]) -> Iterator[Violation]:
    # One walk over the reports' headers: each one's group (by its hash: a collision only
    # lets a report on) and type, and which types each unit's year has. A report with no
    # other type of report in its group compares with none: it is not read again, nor its
    # extracts (a night of 20,000 reports walks them once, not twice).
    keys, bits = array("q"), array("B")
    types: dict[int, int] = {}
    for rep in reports:
        grouped = _grouped(rep)
        key, bit = (hash(grouped[0]), 1 << _ORDER[grouped[1]]) if grouped else (0, 0)
        keys.append(key)
        bits.append(bit)
        if bit:
            types[key] = types.get(key, 0) | bit
    groups: dict[tuple[str, int], dict[str, RunReport]] = {}
    for i, (key, bit) in enumerate(zip(keys, bits, strict=True)):
        mask = types.get(key, 0) if bit else 0
        if not mask & (mask - 1):
            continue
        rep = reports[i]
        grouped = _grouped(rep)
        if grouped is not None and rep.extracts.get(tertial_carry_over_mismatch.code):
            group, kind = grouped
            groups.setdefault(group, {}).setdefault(kind, rep)
    for by_type in groups.values():
        for later_type, later in by_type.items():
            mine_rows = later.extracts[tertial_carry_over_mismatch.code]
            for earlier_type, earlier in by_type.items():
                if _ORDER[earlier_type] >= _ORDER[later_type]:
                    continue
                theirs_rows = earlier.extracts[tertial_carry_over_mismatch.code]
                for key, mine in mine_rows.items():
                    theirs = theirs_rows.get(key)
                    if theirs is None:
                        continue
                    for column in COLUMNS_OF[earlier_type]:
                        a, b = mine["counts"].get(column), theirs["counts"].get(column)
                        if a is None or b is None or a == b:
                            continue
                        v = tertial_carry_over_mismatch.at(
                            (*tuple(mine["path"]), column),
                            row=mine["name"],
                            column=column.upper(),
                            value=format_number(a),
                            earlier=earlier_type,
                            earlier_file=earlier.file,
                            earlier_value=format_number(b),
                        )
                        v.report = later
                        yield v


def _grouped(rep: RunReport) -> tuple[tuple[str, int], str] | None:
    """RK403's group of a report (its unit without regard to case and spacing, its year)
    and its type, for a T1, T2 or VB; else None."""
    kind = rep.type
    if rep.unit and rep.year is not None and kind is not None and kind in _ORDER:
        return (norm_words(rep.unit), rep.year), kind
    return None


def _group_total(ctx: ReportContext, group: str, column: str) -> float | None:
    """The group's sum in one column (blank is zero); None when a cell is not a count (RK406)."""
    counts = [r.count(column) for r in rows(ctx) if r.group == group]
    if None in counts:
        return None
    return sum(c for c in counts if c is not None)


@rule(
    code="RK404",
    name="feedback-exceeds-complaints",
    name_sv="återkoppling-fler-än-klagomål",
    severity=Severity.WARNING,
    message=Msg(
        sv="{row}: {value} i kolumnen {column}, men bara {received} klagomål och synpunkter inkom"
        " (gruppen Från vem). Kontrollera antalen.",
        en="{row}: {value} in column {column}, but only {received} complaints were received (the"
        " From whom group). Check the counts.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att antalet klagomål med återkoppling eller åtgärder inte är större än antalet som"
            " inkommit (summan av gruppen Från vem), kolumn för kolumn.",
            en="That the number of complaints with feedback or measures does not exceed the number"
            " received (the sum of the From whom group), column by column.",
        ),
        why=Msg(
            sv="Man kan inte ha återkopplat fler klagomål än man fått; ett sådant tal är ett"
            " inmatningsfel.",
            en="One cannot have given feedback on more complaints than were received; such a"
            " figure is an entry error.",
        ),
        decisions=Msg(
            sv="En tom cell är noll, och en grupp Från vem som saknas har tagit emot noll. I en"
            " T1 jämförs bara T1 och Totalt, i en T2 T1, T2 och Totalt. En kolumn där någon"
            " cell inte är ett antal jämförs inte; RK406 rapporterar cellen.",
            en="A blank cell is zero, and a missing From whom group has received zero. In a T1"
            " only T1 and the total are compared, in a T2 T1, T2 and the total. A column where"
            " a cell is not a count is not compared; RK406 reports the cell.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              text: Enheten följer upp avvikelser.
              klagomål:
                från_vem:
                  - {kategori: Brukare/patient, t2: 1, totalt: 1}
                återkoppling: {t2: 3, totalt: 3}
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              text: Enheten följer upp avvikelser.
              klagomål:
                från_vem:
                  - {kategori: Brukare/patient, t2: 3, totalt: 3}
                återkoppling: {t2: 3, totalt: 3}
            """,
    ),
)
def feedback_exceeds_complaints(ctx: ReportContext) -> Iterator[Violation]:
    for r in rows(ctx):
        if r.group not in ("återkoppling", "åtgärder"):
            continue
        for column in (*_columns(ctx), "totalt"):
            value = r.count(column)
            received = _group_total(ctx, "från_vem", column)
            if value is not None and received is not None and value > received:
                yield feedback_exceeds_complaints.at(
                    (*r.path, column),
                    row=r.name,
                    value=format_number(value),
                    column=column.upper() if column != "totalt" else "Totalt",
                    received=format_number(received),
                )


@rule(
    code="RK405",
    name="complaint-groups-disagree",
    name_sv="klagomålsgrupper-skiljer-sig",
    severity=Severity.INFO,
    message=Msg(
        sv="Gruppen Från vem summerar till {source} men Vad gällde till {subject} (kolumn"
        " {column}). Varje klagomål bör räknas en gång i varje grupp.",
        en="The From whom group sums to {source} but Concerning to {subject} (column {column})."
        " Each complaint should be counted once in each group.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att grupperna Från vem och Vad gällde summerar till samma antal.",
            en="That the From whom and Concerning groups sum to the same number.",
        ),
        why=Msg(
            sv="Båda grupperna beskriver samma klagomål; olika summor tyder på ett glömt eller"
            " dubbelräknat klagomål. Det kan ha en förklaring, därför bara information.",
            en="Both groups describe the same complaints; different sums suggest a forgotten or"
            " double-counted complaint. There may be a reason, hence only information.",
        ),
        decisions=Msg(
            sv="Jämförs på Totalt ack.; bara när båda grupperna finns och alla deras celler"
            " är antal (annars gäller RK406).",
            en="Compared on the accumulated total; only when both groups are present and all"
            " their cells are counts (otherwise RK406 applies).",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              text: Enheten följer upp avvikelser.
              klagomål:
                från_vem:
                  - {kategori: Brukare/patient, t2: 2, totalt: 2}
                vad_gällde:
                  - {kategori: Bemötande, t2: 1, totalt: 1}
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              text: Enheten följer upp avvikelser.
              klagomål:
                från_vem:
                  - {kategori: Brukare/patient, t2: 2, totalt: 2}
                vad_gällde:
                  - {kategori: Bemötande, t2: 2, totalt: 2}
            """,
    ),
)
def complaint_groups_disagree(ctx: ReportContext) -> Iterator[Violation]:
    table = ctx.report.quality.complaints if ctx.report.quality else None
    if table is None or not table.source or not table.subject:
        return
    source = _group_total(ctx, "från_vem", "totalt")
    subject = _group_total(ctx, "vad_gällde", "totalt")
    if source is not None and subject is not None and source != subject:
        yield complaint_groups_disagree.at(
            ("kvalitetsarbete", "klagomål", "vad_gällde"),
            source=format_number(source),
            subject=format_number(subject),
            column="Totalt",
        )


@rule(
    code="RK406",
    name="invalid-count",
    name_sv="ogiltigt-antal",
    severity=Severity.ERROR,
    message=Msg(
        sv='{row}, kolumn {column}: "{value}" är inget antal. Skriv ett heltal (0 eller mer),'
        " eller lämna cellen tom för noll.",
        en='{row}, column {column}: "{value}" is not a count. Write a whole number (0 or more), or'
        " leave the cell blank for zero.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att varje cell i tabellen över synpunkter och klagomål är ett heltal som inte är"
            ' negativt ("3" eller "3 st"), eller tom.',
            en='That every cell of the complaints table is a non-negative whole number ("3" or "3'
            ' st"), or blank.',
        ),
        why=Msg(
            sv="Ett antal klagomål kan inte vara negativt eller ett bråktal; ett sådant värde kan"
            " inte summeras och döljer ett inmatningsfel.",
            en="A number of complaints cannot be negative or a fraction; such a value cannot be"
            " summed and hides an entry error.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              text: Enheten följer upp avvikelser.
              klagomål:
                lex_maria: {t1: "1,5", totalt: "1,5"}
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              text: Enheten följer upp avvikelser.
              klagomål:
                lex_maria: {t1: 1, totalt: 1 st}
            """,
    ),
)
def invalid_count(ctx: ReportContext) -> Iterator[Violation]:
    for r in rows(ctx):
        for column in (*COLUMNS, "totalt"):
            raw = getattr(r.row, column if column != "totalt" else "total")
            if is_placeholder(raw) or is_unknown(raw):  # not yet written (RK704), unknown (RK107)
                continue
            value, ok = parse_count(raw)
            if not ok or value is None or value < 0 or not float(value).is_integer():
                yield invalid_count.at(
                    (*r.path, column),
                    row=r.name,
                    column=column.upper() if column != "totalt" else "Totalt",
                    value=raw,
                )


rapportkoll_rules = family(__name__)
