"""RK5 budget: the income statement's deviations, sums and row labels."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from checker.plugin import (
    BudgetRow,
    Doc,
    DocPath,
    FixIntent,
    Msg,
    Record,
    ReportContext,
    Severity,
    Violation,
    family,
    format_number,
    is_placeholder,
    nfc,
    norm_unit,
    norm_words,
    parse_amount,
    renumber,
    rule,
    set_value,
)
from rules.amounts import amount, large_net_deviation, statement
from rules.assessment import assessed, assessed_goals
from rules.presence import is_empty
from rules.refmodels import BudgetChart, budget_chart, vocabularies

BASE: DocPath = ("ekonomi", "resultaträkning")


class Line(Record):
    """One income-statement row with its kind and amounts (tkr), None when unreadable."""

    _fields = ("path", "row", "kind")

    def __init__(self, path: DocPath, row: BudgetRow, kind: str) -> None:
        self.path = path
        self.row = row
        self.kind = kind  # "revenue" or "cost" (net behaves as a cost)

    def amount(self, column: str) -> float | None:
        return amount(getattr(self.row, column))

    @property
    def label(self) -> str:
        return self.row.label or "(rad utan namn)"


# Other units an amount is written in, and how many tkr one of them is.
_OTHER_UNITS = {
    "kr": 0.001,
    "kronor": 0.001,
    "mkr": 1000.0,
    "mnkr": 1000.0,
    "miljkr": 1000.0,
    "miljonerkronor": 1000.0,
    "milj": 1000.0,
    "mn": 1000.0,
}


def in_other_unit(raw: object) -> tuple[str, float] | None:
    """(unit as written, the amount in tkr) for an amount in kr or mkr; None otherwise."""
    q = parse_amount(raw)
    if q is None or not q.unit:
        return None
    factor = _OTHER_UNITS.get(norm_unit(q.unit).rstrip("."))
    if factor is None:
        return None
    return q.unit, q.value * factor


def lines(ctx: ReportContext) -> Iterator[Line]:
    st = statement(ctx)
    if st is None:
        return
    for i, row in enumerate(st.revenue or []):
        yield Line((*BASE, "intäkter", i), row, "revenue")
    if st.total_revenue is not None:
        yield Line((*BASE, "summa_intäkter"), st.total_revenue, "revenue")
    for i, row in enumerate(st.costs or []):
        yield Line((*BASE, "kostnader", i), row, "cost")
    if st.total_costs is not None:
        yield Line((*BASE, "summa_kostnader"), st.total_costs, "cost")
    if st.net is not None:
        yield Line((*BASE, "summa_netto"), st.net, "cost")


def expected_deviation(line: Line) -> float | None:
    outcome, budget = line.amount("outcome"), line.amount("budget")
    if outcome is None or budget is None:
        return None
    return outcome - budget if line.kind == "revenue" else budget - outcome


_KIND = {
    "revenue": ("intäktsrad (utfall - budget)", "revenue row (outcome - budget)"),
    "cost": ("kostnadsrad (budget - utfall)", "cost row (budget - outcome)"),
}


def _kind_text(line: Line) -> tuple[str, str]:
    if line.path[-1] == "summa_netto":
        return "summa netto (budget - utfall)", "net total (budget - outcome)"
    return _KIND[line.kind]


def _formula(text: str) -> str:
    return text[text.index("(") + 1 : text.index(")")]


def _amount_fix(path: DocPath, raw: object, value: float, what: Msg) -> FixIntent | None:
    """Unsafe: the amount recomputed, written as the author wrote amounts. Which of the
    figures is wrong is the author's call, so only ``--unsafe-fixes`` applies it."""
    text = renumber(raw, value)
    if text is None:
        return None
    title = Msg(f"{what.sv} = {text}", f"{what.en} = {text}")
    return set_value(path, text, title, unsafe=True)


_DEVIATION = Msg("Räkna om avvikelsen", "Recompute the deviation")


@rule(
    code="RK501",
    name="deviation-sign",
    name_sv="fel-tecken-på-avvikelse",
    severity=Severity.ERROR,
    message=Msg(
        sv='"{row}": avvikelsen {deviation} har fel tecken. För en {rule_sv} ska den vara'
        " {expected}; positiv avvikelse är gynnsam.",
        en='"{row}": the deviation {deviation} has the wrong sign. For a {rule_en} it should be'
        " {expected}; a positive deviation is favourable.",
    ),
    suggestion=Msg(sv="Avvikelse = {suggestion}", en="Deviation = {suggestion}"),
    doc=Doc(
        what=Msg(
            sv="Att avvikelsen har rätt tecken för radens slag: intäkt = utfall - budget, kostnad"
            " och summa netto = budget - utfall.",
            en="That the deviation has the right sign for the row's kind: revenue = outcome -"
            " budget, cost and net total = budget - outcome.",
        ),
        why=Msg(
            sv="Ett omvänt tecken gör ett överskott till ett underskott i nämndens"
            " sammanställning; det är det vanligaste felet när rader kopieras mellan intäkter"
            " och kostnader.",
            en="A flipped sign turns a surplus into a deficit in the committee's summary; it is"
            " the most common error when rows are copied between revenue and costs.",
        ),
        decisions=Msg(
            sv="Ett tecken räknas som omvänt när beloppet stämmer inom toleransen (1 tkr) men"
            " tecknet är det motsatta; annars gäller RK502.",
            en="A sign counts as flipped when the amount agrees within the tolerance (1 tkr) but"
            " the sign is the opposite; otherwise RK502 applies.",
        ),
        fix=Msg(
            sv="Osäker rättning (bara med --fix --unsafe-fixes): avvikelsen räknas om från utfall och budget. Vilken siffra som är fel avgör författaren.",
            en="Unsafe fix (only with --fix --unsafe-fixes): the deviation is recomputed from outcome and budget. Which figure is wrong is the author's call.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            ekonomi:
              analys: Enheten redovisar ett överskott.
              resultaträkning:
                kostnader:
                  - {rad: Personalkostnader, utfall: "33 024", budget: "31 783", avvikelse: "1 241"}
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            ekonomi:
              analys: Enheten redovisar ett överskott.
              resultaträkning:
                kostnader:
                  - {rad: Personalkostnader, utfall: "33 024", budget: "31 783", avvikelse: "-1 241"}
            """,
    ),
)
def deviation_sign(ctx: ReportContext) -> Iterator[Violation]:
    tol = budget_chart(ctx).deviation_tolerance
    for line in lines(ctx):
        dev, exp = line.amount("deviation"), expected_deviation(line)
        if dev is None or exp is None or abs(dev - exp) <= tol:
            continue
        if abs(dev + exp) <= tol and abs(exp) > tol:
            sv, en = _kind_text(line)
            yield deviation_sign.at(
                (*line.path, "avvikelse"),
                fix=_amount_fix((*line.path, "avvikelse"), line.row.deviation, exp, _DEVIATION),
                row=line.label,
                deviation=format_number(dev),
                expected=format_number(exp),
                rule_sv=sv,
                rule_en=en,
                suggestion=format_number(exp),
            )


@rule(
    code="RK502",
    name="deviation-amount",
    name_sv="fel-avvikelsebelopp",
    severity=Severity.ERROR,
    message=Msg(
        sv='"{row}": avvikelsen är {deviation} men {formula_sv} = {expected} (skillnad {diff}'
        " tkr).",
        en='"{row}": the deviation is {deviation} but {formula_en} = {expected} (difference {diff}'
        " tkr).",
    ),
    suggestion=Msg(sv="Avvikelse = {suggestion}", en="Deviation = {suggestion}"),
    doc=Doc(
        what=Msg(
            sv="Att avvikelsen är skillnaden mellan radens utfall och budget, inom 1 tkr för"
            " avrundning.",
            en="That the deviation is the difference between the row's outcome and budget, within"
            " 1 tkr for rounding.",
        ),
        why=Msg(
            sv="Avvikelsen är det nämnden läser först; ett felräknat belopp ger en felaktig bild"
            " av enhetens ekonomi.",
            en="The deviation is what the committee reads first; a miscalculated amount gives a"
            " false picture of the unit's finances.",
        ),
        decisions=Msg(
            sv="Varje belopp avrundas för sig, så 1 tkr skillnad godtas.",
            en="Each amount is rounded on its own, so a 1 tkr difference is accepted.",
        ),
        fix=Msg(
            sv="Osäker rättning (bara med --fix --unsafe-fixes): avvikelsen räknas om från utfall och budget. Vilken siffra som är fel avgör författaren.",
            en="Unsafe fix (only with --fix --unsafe-fixes): the deviation is recomputed from outcome and budget. Which figure is wrong is the author's call.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            ekonomi:
              analys: Enheten redovisar ett överskott.
              resultaträkning:
                intäkter:
                  - {rad: Taxor och avgifter, utfall: "29 196", budget: "32 400", avvikelse: "-3 104"}
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            ekonomi:
              analys: Enheten redovisar ett överskott.
              resultaträkning:
                intäkter:
                  - {rad: Taxor och avgifter, utfall: "29 196", budget: "32 400", avvikelse: "-3 204"}
            """,
    ),
)
def deviation_amount(ctx: ReportContext) -> Iterator[Violation]:
    tol = budget_chart(ctx).deviation_tolerance
    for line in lines(ctx):
        dev, exp = line.amount("deviation"), expected_deviation(line)
        if dev is None or exp is None or abs(dev - exp) <= tol:
            continue
        if abs(dev + exp) <= tol and abs(exp) > tol:
            continue  # a flipped sign: RK501
        sv, en = _kind_text(line)
        yield deviation_amount.at(
            (*line.path, "avvikelse"),
            fix=_amount_fix((*line.path, "avvikelse"), line.row.deviation, exp, _DEVIATION),
            row=line.label,
            deviation=format_number(dev),
            formula_sv=_formula(sv),
            formula_en=_formula(en),
            expected=format_number(exp),
            diff=format_number(abs(dev - exp)),
            suggestion=format_number(exp),
        )


_COLS = [
    ("outcome", "utfall", "outcome"),
    ("budget", "budget", "budget"),
    ("deviation", "avvikelse", "deviation"),
]


@rule(
    code="RK503",
    name="sum-mismatch",
    name_sv="summa-stämmer-inte",
    severity=Severity.ERROR,
    message=Msg(
        sv="{total}, {column_sv}: raderna summerar till {expected} men summan är {actual}"
        " (skillnad {diff} tkr, tolerans {tolerance} tkr).",
        en="{total}, {column_en}: the rows sum to {expected} but the total is {actual} (difference"
        " {diff} tkr, tolerance {tolerance} tkr).",
    ),
    suggestion=Msg(sv="{suggestion}", en="{suggestion}"),
    doc=Doc(
        what=Msg(
            sv="Att Summa intäkter och Summa kostnader är summan av sina rader, och Summa netto ="
            " Summa kostnader - Summa intäkter, i varje kolumn. En summa av n avrundade rader"
            " får skilja n/2 tkr från den avrundade summan.",
            en="That Total revenue and Total costs are the sums of their rows, and Net total ="
            " Total costs - Total revenue, in every column. A sum of n rounded rows may differ"
            " by n/2 tkr from the rounded total.",
        ),
        why=Msg(
            sv="Summorna är det som förs vidare till nämndens bokslut; en summa som inte går ihop"
            " betyder att en rad saknas eller är fel.",
            en="The totals are what is carried to the committee's accounts; a total that does not"
            " add up means a row is missing or wrong.",
        ),
        decisions=Msg(
            sv="Toleransen (0,5 tkr per rad) står i rules/data/budget.yaml. Seed 001 skiljer 1 tkr"
            " på fem kostnadsrader och är därför tyst.",
            en="The tolerance (0.5 tkr per row) is in rules/data/budget.yaml. Seed 001 differs by"
            " 1 tkr over five cost rows and is therefore silent.",
        ),
        fix=Msg(
            sv="Osäker rättning (bara med --fix --unsafe-fixes): summaraden räknas om från raderna (en omräkning per tabell och varv, så att den görs på redan rättade rader).",
            en="Unsafe fix (only with --fix --unsafe-fixes): the total row is recomputed from the rows (one recomputation per table and round, so that it uses rows already fixed).",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            ekonomi:
              analys: Enheten redovisar ett överskott.
              resultaträkning:
                kostnader:
                  - {rad: Personalkostnader, utfall: 100, budget: 100, avvikelse: 0}
                  - {rad: Lokalkostnader, utfall: 50, budget: 50, avvikelse: 0}
                summa_kostnader: {rad: Summa kostnader, utfall: 160, budget: 150, avvikelse: 0}
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            ekonomi:
              analys: Enheten redovisar ett överskott.
              resultaträkning:
                kostnader:
                  - {rad: Personalkostnader, utfall: 100, budget: 100, avvikelse: 0}
                  - {rad: Lokalkostnader, utfall: 50, budget: 50, avvikelse: 0}
                summa_kostnader: {rad: Summa kostnader, utfall: 151, budget: 150, avvikelse: 0}
            """,
    ),
)
def sum_mismatch(ctx: ReportContext) -> Iterator[Violation]:
    st = statement(ctx)
    if st is None:
        return
    per_row = budget_chart(ctx).sum_tolerance_per_row
    groups = [
        ("summa_intäkter", st.total_revenue, st.revenue or [], "Summa intäkter"),
        ("summa_kostnader", st.total_costs, st.costs or [], "Summa kostnader"),
    ]
    for key, total, rows, name in groups:
        if total is None or not rows:
            continue
        for attr, col_sv, col_en in _COLS:
            amounts = [amount(getattr(r, attr)) for r in rows]
            actual = amount(getattr(total, attr))
            if actual is None or None in amounts:
                continue  # RK507 reports the unreadable amount
            expected = sum(a for a in amounts if a is not None)
            tol = per_row * len(rows)
            if abs(expected - actual) > tol + 1e-9:
                yield _sum_violation(
                    key, name, col_sv, col_en, expected, actual, tol, getattr(total, attr)
                )
    if st.net is None or st.total_revenue is None or st.total_costs is None:
        return
    tol = budget_chart(ctx).deviation_tolerance
    for attr, col_sv, col_en in _COLS[:2]:
        net, rev, cost = (
            amount(getattr(r, attr)) for r in (st.net, st.total_revenue, st.total_costs)
        )
        if net is None or rev is None or cost is None:
            continue
        if abs(cost - rev - net) > tol + 1e-9:
            yield _sum_violation(
                "summa_netto",
                "Summa netto",
                col_sv,
                col_en,
                cost - rev,
                net,
                tol,
                getattr(st.net, attr),
            )


def _sum_violation(
    key: str,
    name: str,
    col_sv: str,
    col_en: str,
    expected: float,
    actual: float,
    tol: float,
    raw: object = None,
) -> Violation:
    what = Msg(f"Räkna om {name}, {col_sv}", f"Recompute {name}, {col_en}")
    return sum_mismatch.at(
        (*BASE, key, col_sv),
        fix=_amount_fix((*BASE, key, col_sv), raw, expected, what),
        total=name,
        column_sv=col_sv,
        column_en=col_en,
        expected=format_number(expected),
        actual=format_number(actual),
        diff=format_number(abs(expected - actual)),
        tolerance=format_number(tol),
        suggestion=f"{col_sv} = {format_number(expected)}",
    )


def mentions_deficit(text: str, budget: BudgetChart) -> bool:
    """True when the text states a deficit (not "inget underskott", "vid befarat underskott")."""
    words = re.findall(r"\w+", nfc(text).lower())
    negations = {w.lower() for w in budget.negations}
    for i, word in enumerate(words):
        if any(d in word for d in budget.deficit_words):
            window = words[max(0, i - 3) : i]
            if not negations.intersection(window):
                return True
    return False


def _text_of(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(_text_of(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(_text_of(v) for v in value)
    return ""


@rule(
    code="RK504",
    name="budget-status-contradiction",
    name_sv="målstatus-motsägs-av-budget",
    severity=Severity.WARNING,
    message=Msg(
        sv='Målet under KF {kf} bedöms "Uppfylls helt", men {reason_sv}. Ompröva statusen eller'
        " förklara i analysen.",
        en='The goal under KF {kf} is assessed "Uppfylls helt", but {reason_en}. Reconsider the'
        " status or explain in the analysis.",
    ),
    doc=Doc(
        what=Msg(
            sv='Att ett enhetsmål under ekonomimålet (KF 3.1) inte bedöms "Uppfylls helt" när'
            " nettoavvikelsen är negativ eller när ekonomiavsnittets eller målets analys"
            " konstaterar ett underskott.",
            en='That a unit goal under the economy goal (KF 3.1) is not assessed "Uppfylls helt"'
            " when the net deviation is negative or the economy section's or the goal's"
            " analysis states a deficit.",
        ),
        why=Msg(
            sv="Målet handlar om en budget i balans; en enhet med underskott har inte uppfyllt det"
            " helt, och nämnden behöver se motsägelsen innan rapporten går vidare.",
            en="The goal is about a balanced budget; a unit with a deficit has not fully met it,"
            " and the committee needs to see the contradiction before the report goes on.",
        ),
        decisions=Msg(
            sv="Ordet känns igen i alla böjningar och sammansättningar (underskottet,"
            " budgetunderskott) oavsett skiftläge och radbrytning, men inte efter ord som"
            ' "inget", "undvika" eller "vid befarat" (listan står i rules/data/budget.yaml).'
            " Sammanfattande analysen räknas inte. Ett avdelningsmål under 3.1 bedöms som ett"
            " enhetsmål.",
            en="The word is recognised in every inflection and compound (underskottet,"
            " budgetunderskott) regardless of case and line breaks, but not after words such"
            ' as "inget", "undvika" or "vid befarat" (listed in rules/data/budget.yaml). The'
            " summary analysis does not count. An avdelningsmål under 3.1 is judged like a"
            " unit goal.",
        ),
        failing="""
            rapport: {typ: VB, år: 2021, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.1"
                    nämndmål:
                      - titel: Verksamheten bedrivs inom givna ramar
                        enhetsmål:
                          - titel: Enheten bedriver verksamheten inom givna ekonomiska ramar
                            status: Uppfylls helt
                            analys: |
                              Detta medför att enheten har ett
                              underskott 2021.
            """,
        passing="""
            rapport: {typ: VB, år: 2021, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.1"
                    nämndmål:
                      - titel: Verksamheten bedrivs inom givna ramar
                        enhetsmål:
                          - titel: Enheten bedriver verksamheten inom givna ekonomiska ramar
                            status: Uppfylls delvis
                            analys: |
                              Detta medför att enheten har ett
                              underskott 2021.
            """,
    ),
)
def budget_status_contradiction(ctx: ReportContext) -> Iterator[Violation]:
    if not assessed(ctx):
        return
    vocab = vocabularies(ctx)
    budget = budget_chart(ctx)
    st = statement(ctx)
    net_dev = amount(st.net.deviation) if st is not None and st.net is not None else None
    economy_text = _text_of(ctx.raw(("ekonomi", "analys")))
    for ref in assessed_goals(ctx):
        if ref.kf_number is None or ref.kf_number.rstrip(".") != "3.1":
            continue
        if vocab.goal_status(ref.goal.status) != "Uppfylls helt":
            continue
        if net_dev is not None and net_dev < -budget.deviation_tolerance:
            reason = (
                f"nettoavvikelsen är {format_number(net_dev)} tkr",
                f"the net deviation is {format_number(net_dev)} tkr",
            )
        elif mentions_deficit(_text_of(ctx.raw((*ref.path, "analys"))), budget):
            reason = (
                "målets analys redovisar ett underskott",
                "the goal's analysis reports a deficit",
            )
        elif mentions_deficit(economy_text, budget):
            reason = (
                "ekonomiavsnittets analys redovisar ett underskott",
                "the economy section's analysis reports a deficit",
            )
        else:
            continue
        yield budget_status_contradiction.at(
            (*ref.path, "status"), kf=ref.kf_number, reason_sv=reason[0], reason_en=reason[1]
        )


@rule(
    code="RK505",
    name="unknown-budget-row",
    name_sv="okänd-rad-i-resultaträkning",
    severity=Severity.WARNING,
    message=Msg(
        sv='Raden "{row}" finns inte i stadens resultaträkning.',
        en='The row "{row}" is not in the city\'s chart of accounts.',
    ),
    suggestion=Msg(sv='Menade du "{suggestion}"?', en='Did you mean "{suggestion}"?'),
    doc=Doc(
        what=Msg(
            sv="Att varje rad i resultaträkningen har en benämning ur stadens standardrader"
            " (rules/data/budget.yaml), och att raden står bland rätt slag"
            " (intäkter/kostnader).",
            en="That every income-statement row has a label from the city's standard rows"
            " (rules/data/budget.yaml), and stands among the right kind (revenue/costs).",
        ),
        why=Msg(
            sv="Rader med egna eller felstavade namn kan inte summeras med andra enheters; en"
            " felstavning avslöjar ofta en handskriven tabell.",
            en="Rows with their own or misspelt names cannot be summed with other units'; a"
            " misspelling often reveals a hand-typed table.",
        ),
        decisions=Msg(
            sv="Skiftläge och mellanslag ignoreras. En kostnadsrad bland intäkterna (eller"
            " tvärtom) rapporteras också, eftersom avvikelsens tecken beror på slaget.",
            en="Case and spacing are ignored. A cost row among revenue (or the reverse) is also"
            " reported, since the deviation's sign depends on the kind.",
        ),
        fix=Msg(
            sv='Säker rättning (--fix): en felstavad rad byter namn till den standardrad av rätt slag som den tydligt ligger närmast ("Hysesintäkter" → Hyresintäkter). En rad bland fel slag flyttas inte.',
            en='Safe fix (--fix): a misspelt row is renamed to the standard row of the right kind that it is clearly closest to ("Hysesintäkter" → Hyresintäkter). A row among the wrong kind is not moved.',
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            ekonomi:
              analys: Enheten redovisar ett överskott.
              resultaträkning:
                intäkter:
                  - {rad: Hysesintäkter, utfall: 303, budget: 0, avvikelse: 303}
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            ekonomi:
              analys: Enheten redovisar ett överskott.
              resultaträkning:
                intäkter:
                  - {rad: Hyresintäkter, utfall: 303, budget: 0, avvikelse: 303}
            """,
    ),
)
def unknown_budget_row(ctx: ReportContext) -> Iterator[Violation]:
    budget = budget_chart(ctx)
    revenue = {norm_words(r): r for r in budget.revenue}
    costs = {norm_words(r): r for r in budget.costs}
    st = statement(ctx)
    if st is None:
        return
    for key, rows, own, other in (
        ("intäkter", st.revenue, revenue, costs),
        ("kostnader", st.costs, costs, revenue),
    ):
        for i, row in enumerate(rows or []):
            if is_empty(row.label) or is_placeholder(row.label):
                continue
            label = norm_words(row.label or "")
            if label in own:
                continue
            path = (*BASE, key, i, "rad")
            if label in other:
                yield unknown_budget_row.at(
                    path, row=row.label, suggestion=f"flytta raden till {_other(key)}"
                )
                continue
            close, certain = _closest_rows(
                row.label or "", tuple(own.values()), tuple(other.values())
            )
            yield unknown_budget_row.at(
                path, fix=_row_fix(path, certain), row=row.label, suggestion=close
            )


# Kept per label and chart: a unit misspells the same row in every report it sends.
@lru_cache(maxsize=1024)
def _closest_rows(
    label: str, own: tuple[str, ...], other: tuple[str, ...]
) -> tuple[str, str | None]:
    """The standard row closest to ``label`` ("" when none is close), and the row of the
    right kind that a misspelt label certainly is (None when none is): close (ratio 0.85
    or more) and clearly closer than any other row (by 0.15 or more)."""
    import difflib  # here: only an unknown row asks (≈ 1 ms to import on every run)

    close = difflib.get_close_matches(label, [*own, *other], n=1, cutoff=0.6)
    found = []
    for r in own + other:
        m = difflib.SequenceMatcher(None, label, r)
        # ratio ≤ quick_ratio ≤ real_quick_ratio: a row under 0.69 can neither be the
        # match (0.85) nor come within 0.15 of it, and its ratio is not worked out.
        if m.real_quick_ratio() >= 0.69 and m.quick_ratio() >= 0.69:
            found.append((m.ratio(), r))
    ratios = sorted(found, reverse=True)
    best, row = ratios[0] if ratios else (0.0, "")
    runner_up = ratios[1][0] if len(ratios) > 1 else -1.0
    certain = row if best >= 0.85 and row in own and runner_up <= best - 0.15 else None
    return close[0] if close else "", certain


def _row_fix(path: DocPath, row: str | None) -> FixIntent | None:
    """Safe: the rename of a misspelt label to the standard row it certainly is."""
    if row is None:
        return None
    title = Msg(f'Byt radens namn till "{row}"', f'Rename the row to "{row}"')
    return set_value(path, row, title)


def _other(key: str) -> str:
    return "kostnader" if key == "intäkter" else "intäkter"


@rule(
    code="RK506",
    name="unexplained-deviation",
    name_sv="oförklarad-budgetavvikelse",
    severity=Severity.WARNING,
    message=Msg(
        sv="Nettoavvikelsen är {deviation} tkr ({share} av budgeten), men ekonomiavsnittet har"
        " ingen analys. Förklara vad avvikelsen beror på.",
        en="The net deviation is {deviation} tkr ({share} of the budget), but the economy section"
        " has no analysis. Explain what causes the deviation.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att en nettoavvikelse större än gränsen (standard 1 % av nettobudgeten) förklaras"
            ' i "Analys av resultaträkning".',
            en="That a net deviation beyond the threshold (default 1 % of the net budget) is"
            " explained in the income-statement analysis.",
        ),
        why=Msg(
            sv="En stor avvikelse utan förklaring är just det nämnden och revisorerna frågar om;"
            " analysen är enhetens chans att förklara den.",
            en="A large unexplained deviation is exactly what the committee and the auditors ask"
            " about; the analysis is the unit's chance to explain it.",
        ),
        decisions=Msg(
            sv="Gränsen (förklaringsgräns_andel) står i rules/data/budget.yaml; en avvikelse"
            " på exakt gränsen godtas, och ett underskott bedöms som ett överskott. En"
            " nettobudget på 0 ger ingen andel och bedöms inte, och ett belopp som inte kan"
            " läsas lämnas åt RK507. En analys med bara rubriker räknas som ingen analys."
            " Regeln gäller alla rapporttyper. En brist, en anmärkning: när den här regeln ger"
            " anmärkning äger den det tomma ekonomiavsnittet, och RK102 (tomt avsnitt) och RK706"
            " (ekonomiskt påstående utan siffror) är tysta för det.",
            en="The threshold (förklaringsgräns_andel) is in rules/data/budget.yaml; a"
            " deviation of exactly the threshold is accepted, and a deficit is judged like a"
            " surplus. A net budget of 0 gives no share and is not judged, and an amount that"
            " cannot be read is left to RK507. An analysis of headings only counts as none."
            " The rule applies to every report type. One defect, one finding: when this rule"
            " fires it owns the empty economy section, and RK102 (empty section) and RK706"
            " (economy claim without figures) are silent for it.",
        ),
        failing="""
            rapport: {typ: VB, år: 2020, enhet: Beställarenheten}
            ekonomi:
              analys:
              resultaträkning:
                summa_netto: {rad: Summa netto, utfall: "737 920", budget: "766 900", avvikelse: "28 980"}
            """,
        passing="""
            rapport: {typ: VB, år: 2020, enhet: Beställarenheten}
            ekonomi:
              analys: Färre placeringar på vård- och omsorgsboende under pandemin gav ett överskott.
              resultaträkning:
                summa_netto: {rad: Summa netto, utfall: "737 920", budget: "766 900", avvikelse: "28 980"}
            """,
    ),
)
def unexplained_deviation(ctx: ReportContext) -> Iterator[Violation]:
    found = unexplained_net_deviation(ctx)
    if found is not None:
        dev, share = found
        yield unexplained_deviation.at(
            (*BASE, "summa_netto", "avvikelse"),
            deviation=format_number(dev),
            share=f"{share * 100:.1f} %".replace(".", ","),
        )


def unexplained_net_deviation(ctx: ReportContext) -> tuple[float, float] | None:
    """(net deviation, its share of the budget) when it exceeds the threshold and the
    economy analysis is empty: RK506's finding, which owns the empty analysis then."""
    if not is_empty(ctx.raw(("ekonomi", "analys"))):
        return None
    return large_net_deviation(ctx)


@rule(
    code="RK507",
    name="invalid-amount",
    name_sv="ogiltigt-belopp",
    severity=Severity.ERROR,
    message=Msg(
        sv='"{row}", {column_sv}: "{value}" är inget belopp i tkr.{detail_sv}',
        en='"{row}", {column_en}: "{value}" is not an amount in tkr.{detail_en}',
    ),
    suggestion=Msg(sv="{column_sv} = {suggestion}", en="{column_en} = {suggestion}"),
    doc=Doc(
        what=Msg(
            sv="Att varje belopp i resultaträkningen (utfall, budget och avvikelse, summorna"
            ' inräknade) är ett tal i tkr, som "-3 204" eller "29 196 tkr", eller tomt.',
            en="That every amount of the income statement (outcome, budget and deviation,"
            ' totals included) is a number in tkr, such as "-3 204" or "29 196 tkr", or blank.',
        ),
        why=Msg(
            sv="Ett belopp som inte kan läsas kan inte kontrolleras: avvikelsen, summorna och"
            " kravet på förklaring (RK501–RK506) hoppar över det, och felet skulle annars"
            " inte synas alls.",
            en="An amount that cannot be read cannot be checked: the deviation, the totals and"
            " the call for an explanation (RK501–RK506) skip it, and the error would"
            " otherwise not show at all.",
        ),
        decisions=Msg(
            sv='Enheten får bara vara tkr eller utelämnas: "32 mnkr" skulle annars läsas som'
            " 32 tkr. Ett belopp i kr eller mnkr ger en anmärkning om enheten, med beloppet"
            " omräknat till tkr som förslag, och används inte av RK501–RK506 (en omräkning"
            " från avrundade mnkr skulle ge felaktiga förslag på avvikelsen). Svenska"
            ' skrivsätt godtas: tunt eller hårt mellanslag som tusentalsavgränsare, "29.196"'
            ' (punkt före grupper om tre siffror i en tabell i hela tkr), "3 204-" och'
            ' "(3 204)" för negativa belopp. Ett tal som är oändligt (.inf), odefinierat'
            " (.nan) eller har fler än 15 siffror före decimaltecknet räknas som oläsligt."
            " En tom cell godtas.",
            en='The unit may only be tkr, or left out: "32 mnkr" would otherwise be read as'
            " 32 tkr. An amount in kr or mnkr gives a finding about the unit, with the amount"
            " converted to tkr as the suggestion, and is not used by RK501–RK506 (converting"
            " rounded mnkr would give wrong suggestions for the deviation). Swedish styles are"
            ' accepted: a thin or no-break space as thousands separator, "29.196" (a dot'
            ' before groups of three digits in a table of whole tkr), "3 204-" and "(3 204)"'
            " for negatives. A number that is infinite (.inf), undefined (.nan) or has more"
            " than 15 digits before the decimal sign counts as unreadable. A blank cell is"
            " accepted.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            ekonomi:
              analys: Enheten redovisar ett underskott på taxor och avgifter.
              resultaträkning:
                intäkter:
                  - rad: Taxor och avgifter
                    utfall: "29 196"
                    budget: ca 32 mnkr
                    avvikelse: "-3 204"
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            ekonomi:
              analys: Enheten redovisar ett underskott på taxor och avgifter.
              resultaträkning:
                intäkter:
                  - rad: Taxor och avgifter
                    utfall: "29 196"
                    budget: "32 400"
                    avvikelse: "-3 204"
            """,
    ),
)
def invalid_amount(ctx: ReportContext) -> Iterator[Violation]:
    for line in lines(ctx):
        for attr, col_sv, col_en in _COLS:
            raw = getattr(line.row, attr)
            if is_empty(raw) or is_placeholder(raw) or amount(raw) is not None:
                continue
            other = in_other_unit(raw)
            if other is not None:
                unit, tkr = other
                shown = format_number(tkr, 3)
                detail = (
                    f" Beloppet är skrivet i {unit}, men resultaträkningen är i tkr: i tkr är"
                    f" det {shown}. Skriv om det i tkr; det kontrolleras inte förrän dess.",
                    f" The amount is written in {unit}, but the income statement is in tkr: in"
                    f" tkr it is {shown}. Write it in tkr; it is not checked until then.",
                )
                suggestion: str | None = shown
            else:
                detail = (
                    ' Skriv beloppet med siffror, t.ex. "-3 204", eller lämna cellen tom.',
                    ' Write the amount in figures, e.g. "-3 204", or leave the cell blank.',
                )
                suggestion = None
            yield invalid_amount.at(
                (*line.path, col_sv),
                row=line.label,
                column_sv=col_sv,
                column_en=col_en,
                value=raw,
                detail_sv=detail[0],
                detail_en=detail[1],
                suggestion=suggestion,
            )


rapportkoll_rules = family(__name__)
