"""Rule files: every check fails and passes on real reports, checked by the real engine."""

from __future__ import annotations

import re
import textwrap
import time
from pathlib import Path

import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.findings import Finding
from checker.run.batch import check_paths
from rules.data_rules import load_pack

RULE = """\
regler:
  - kod: TT101
    namn: testregel
    allvarlighet: varning
    meddelande: "Anmärkning: {{orsak}} (värde {{värde}}, titel {{titel}})."
    vad: Testregeln.
    varför: För testerna.
    plats: {plats}
{extra}    krav:
{krav}
    exempel:
      fel: "rapport: {{typ: VB, år: 2024, enhet: E}}"
      rätt: "rapport: {{typ: VB, år: 2024, enhet: E}}"
"""


def write_rule(tmp_path: Path, plats: str, krav: str, extra: str = "") -> Path:
    path = tmp_path / "regler.yaml"
    body = textwrap.indent(textwrap.dedent(krav).strip("\n"), "      ")
    extra = textwrap.indent(textwrap.dedent(extra).strip("\n"), "    ") + "\n" if extra else ""
    path.write_text(RULE.format(plats=plats, krav=body, extra=extra), encoding="utf-8")
    return path


def run(tmp_path: Path, rule: Path, report: str) -> list[Finding]:
    path = tmp_path / "rapport.yaml"
    path.write_text(textwrap.dedent(report), encoding="utf-8")
    engine = Engine(Settings(plugins=[load_pack([str(rule)])]))
    return [f for f in check_paths(engine, [str(path)]).findings if f.code in ("TT101", "RK000")]


VB = """\
rapport: {typ: VB, år: 2024, enhet: Boendestödet, dnr: HÅ 2024/12}
sammanfattande_analys: Året har varit stabilt.
inriktningsmål:
  - nummer: "1"
    verksamhetsområdesmål:
      - nummer: "1.3"
        titel: Stöd och omsorg
        indikatorer:
          - {namn: Andel brukare med aktuell genomförandeplan, utfall: "92 %", årsmål: "95 %"}
        nämndmål:
          - titel: Självbestämmande
            enhetsmål:
              - titel: Brukarna är delaktiga
                status: Uppfylls helt
                analys: Alla genomförandeplaner följdes upp.
                aktiviteter:
                  - {aktivitet: Se över planerna, status: klar}
                  - {aktivitet: Brukarråd, status: klar}
kvalitetsarbete:
  text: Enheten har inte genomfört någon brandövning. Avvikelser följs upp på APT.
  avsnitt:
    - {rubrik: Hot och våld, text: Inga incidenter med hot har inträffat.}
  klagomål:
    från_vem:
      - {kategori: Brukare, t1: 1, t2: 2, vb: "1", totalt: 4 st}
      - {kategori: Anhörig, t1: 0, t2: 1, vb: 0, totalt: 1}
    vad_gällde:
      - {kategori: Bemötande, t1: 1, t2: 2, vb: 2, totalt: 5}
    lex_sarah: {kategori: Lex Sarah, vb: 1, totalt: 1}
"""

# (plats, krav, om/pekar_på, fails on VB) — each check once failing, once passing.
CASES = [
    ("Rapporten", "finns: [sammanfattande_analys, kvalitetsarbete.klagomål]", "", False),
    ("Rapporten", "finns: [inledning, kvalitetsarbete.klagomål]", "", True),
    ("Rapporten", "finns: [ekonomi.analys]", "", False),  # the parent's absence is its own finding
    ("Rapporthuvud", "ifylld: [dnr, enhet]", "", False),
    ("Rapporthuvud", "ifylld: [handläggare]", "", True),
    ("Enhetsmål", "ifylld: ja", "", False),
    ("Enhetsmål", "{fält: status, en_av: [Uppfylls helt, Uppfylls delvis]}", "", False),
    ("Enhetsmål", "{fält: status, en_av: [Uppfylls delvis, Uppfylls inte]}", "", True),
    ("Rapporthuvud", "{fält: dnr, mönster: '^HÅ \\d{4}/\\d+$'}", "", False),
    ("Rapporthuvud", "{fält: dnr, mönster: '^SN \\d{4}/\\d+$'}", "", True),
    ("KF 1.3 › Indikator", "{fält: utfall, minst: 90}", "", False),
    ("KF 1.3 › Indikator", "{fält: utfall, större_än: årsmål}", "", True),
    ("KF 1.3 › Indikator", "{fält: utfall, mindre_än: årsmål}", "", False),
    ("KF 1.3 › Indikator", '{fält: utfall, högst: "90,5"}', "", True),
    ("KF 1.3 › Indikator", "{fält: utfall, lika_med: 92}", "", False),
    ("KF 1.3 › Indikator", "{fält: utfall, skilt_från: 92}", "", True),
    ("KF 1.3 › Indikator", "{fält: namn, skilt_från: årsmål}", "", False),  # as texts
    ("KF 1.3 › Indikator", "{fält: förklaring, lika_med: analys}", "", False),  # both blank
    ("Från vem", "summa: {av: [t1, t2, vb], lika_med: totalt}", "", False),
    ("Vad gällde", "summa: {av: [t1, t2, vb], lika_med: totalt}", "", False),
    ("Synpunkter och klagomål", "summa: {rader: Från vem, fält: totalt, lika_med: 5}", "", False),
    ("Synpunkter och klagomål", "summa: {rader: Från vem, fält: totalt, lika_med: 6}", "", True),
    ("Enhetsmål", "antal: {av: Aktivitet, minst: 2}", "", False),
    ("Enhetsmål", "antal: {av: Aktivitet, högst: 1}", "", True),
    (
        "KF 1.3",
        "antal: {av: Indikator »andel brukare med aktuell genomförandeplan«, minst: 1}",
        "",
        False,
    ),
    ("KF 1.3", "antal: {av: Indikator med »genomförandeplan saknas«, minst: 1}", "", True),
    ("Kvalitetsarbete", "nämner: [avvikelse]", "", False),  # "Avvikelser": inflected
    ("Kvalitetsarbete", "nämner: [brandövning]", "", True),  # only in a negated sentence
    ("Kvalitetsarbete", "nämner: {ord: [avvikelse, apt], alla: ja}", "", False),
    ("Kvalitetsarbete", "nämner: {ord: [avvikelse, brandskydd*], alla: ja}", "", True),
    ("Kvalitetsarbete", "nämner_inte: [incident]", "", False),  # "Inga incidenter": negated
    ("Kvalitetsarbete", "nämner_inte: [apt]", "", True),
    (
        "Lex Sarah",
        "nämner: {ord: [lex sarah], i: Rapporten › Kvalitetsarbete}",
        "om: {fält: totalt, större_än: 0}",
        True,
    ),
    (
        "Lex Sarah",
        "nämner: {ord: [lex sarah], i: Rapporten › Kvalitetsarbete}",
        "om: {fält: totalt, större_än: 1}",
        False,
    ),
    ("Enhetsmål", "alla: [{ifylld: analys}, {antal: {av: Aktivitet, minst: 2}}]", "", False),
    ("Enhetsmål", "alla: [{ifylld: analys}, {antal: {av: Aktivitet, minst: 3}}]", "", True),
    ("Enhetsmål", "någon_av: [{ifylld: förväntat_resultat}, {ifylld: analys}]", "", False),
    ("Enhetsmål", "någon_av: [{ifylld: förväntat_resultat}, {ifylld: utveckling}]", "", True),
    ("Enhetsmål", "inte: {ifylld: förväntat_resultat}", "", False),
    ("Enhetsmål", "inte: {ifylld: analys}", "", True),
    ("Avsnitt »Hot och våld«", "ifylld: text", "", False),
    ("Avsnitt", "nämner: [incident]", "", True),  # "Inga incidenter": negated
]


@pytest.mark.parametrize(("plats", "krav", "extra", "fails"), CASES)
def test_each_check_fails_and_passes(
    tmp_path: Path, plats: str, krav: str, extra: str, fails: bool
) -> None:
    rule = write_rule(tmp_path, plats, krav, extra)
    found = run(tmp_path, rule, VB)
    assert all(f.code == "TT101" for f in found), found
    assert bool(found) == fails, [f.message.sv for f in found]


def test_a_finding_is_located_labelled_and_explained(tmp_path: Path) -> None:
    rule = write_rule(tmp_path, "Från vem", "summa: {av: [t1, t2, vb], lika_med: totalt}")
    report = VB.replace(
        "{kategori: Anhörig, t1: 0, t2: 1, vb: 0, totalt: 1}",
        "{kategori: Anhörig, t1: 0, t2: 1, vb: 0, totalt: 2}",
    )
    [f] = run(tmp_path, rule, report)
    assert (f.line, f.path) == (26, "/kvalitetsarbete/klagomål/från_vem/1/totalt")
    assert f.label.sv.endswith("Från vem »Anhörig« › Totalt ack.")
    assert f.message.sv == (
        'Anmärkning: summan av t1 + t2 + vb är 1, men "totalt" är 2 (värde 2, titel Anhörig).'
    )
    assert "the sum of t1 + t2 + vb is 1" in f.message.en


def test_a_rule_applies_to_its_report_types_and_years(tmp_path: Path) -> None:
    for gäller, fails in [
        ("gäller: {typ: VB, år: 2024}", True),
        ("gäller: {typ: [VP, T1]}", False),
        ("gäller: {år: {från: 2025}}", False),
        ("gäller: {år: [2023, 2024]}", True),
    ]:
        rule = write_rule(tmp_path, "Rapporten", "finns: inledning", gäller)
        assert bool(run(tmp_path, rule, VB)) == fails, gäller


def test_pekar_på_points_at_the_field(tmp_path: Path) -> None:
    rule = write_rule(
        tmp_path,
        "Lex Sarah",
        "nämner: {ord: [lex sarah], i: Rapporten › Övrigt}",
        "pekar_på: totalt",
    )
    [f] = run(tmp_path, rule, VB)
    assert f.path == "/kvalitetsarbete/klagomål/lex_sarah/totalt"


def test_a_catastrophic_pattern_is_stopped_with_a_message_naming_the_rule(tmp_path: Path) -> None:
    rule = write_rule(tmp_path, "Rapporthuvud", "{fält: enhet, mönster: '^(a|aa)+$'}")
    report = VB.replace("enhet: Boendestödet", "enhet: " + "a" * 60 + "!")
    started = time.monotonic()
    [f] = run(tmp_path, rule, report)
    assert time.monotonic() - started < 10  # the bound is 0.25 s; the rest is the check
    assert f.code == "RK000"
    assert "TT101 (testregel)" in f.message.sv and "stoppades" in f.message.sv


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Enhetsmal", "menade du Enhetsmål?"),
        ("Enhetsmål › Nämndmål", "Nämndmål kan inte stå under enhetsmål"),
        ("Ekonomi › Lex Sarah", "Lex Sarah kan inte stå under ekonomi"),
        ("Nämndmål 1.3", "okänt steg"),
        ("Ekonomi › Indikator", "Indikator står under ett mål"),
        ("Enhetsmål › analys › text › x", "okänt steg 'x' under ett värde"),
        ("KF 1.3 ›› Nämndmål", "steg 2 i platsen är tomt"),
        ("", "platsen är tom"),
    ],
)
def test_a_wrong_place_says_what_to_write(text: str, message: str) -> None:
    from rules.data_rules.selector import SelectorError, parse

    with pytest.raises(SelectorError, match=re.escape(message)):
        parse(text)


def test_places_read_like_labels() -> None:
    from rules.data_rules.selector import parse

    assert parse("Ekonomi › övrigt").fixed == ("ekonomi", "övrigt")  # a field before a section
    assert parse("Rapporten › Övrigt").fixed == ("övrigt",)
    place = parse("KF 1.3 › Nämndmål »Självbestämmande« › Enhetsmål › Aktivitet med »brukarråd«")
    assert [s.what for s in place.steps] == ["goals", "goals", "goals", "items"]
    assert place.steps[0].number == "1.3" and place.steps[3].words == ("brukarråd",)
