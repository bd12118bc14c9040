"""RK3 indicators beyond the documented examples: edge cases, each named failing or passing."""

from __future__ import annotations

from string import Template

import pytest

from tests.rules import check

# One indicator, written on line 7 as a flow mapping.
INDICATOR = Template(
    """
    rapport: {typ: $typ, år: 2023, enhet: Enheten}
    inriktningsmål:
      - nummer: "3"
        verksamhetsområdesmål:
          - nummer: "3.4"
            indikatorer:
              - {namn: Indikatorn, $fields}
    """
)


def indicator(fields: str, typ: str = "VB") -> str:
    return INDICATOR.substitute(fields=fields, typ=typ)


def test_rk301_failing_one_side_missing_passing_with_reason() -> None:
    bad = indicator('könsuppdelad: true, utfall: "9 %", utfall_män: "8 %"')
    (f,) = check(bad, expect=[("RK301", 7)])
    assert "kvinnor" in f.message.sv
    ok = indicator('könsuppdelad: true, utfall: "9 %", förklaring: Färre än fem kvinnor')
    check(ok, expect=[], codes=["RK301"])


def test_rk302_failing_rate_outside_passing_within_rounding() -> None:
    bad = indicator(
        'könsuppdelad: true, utfall: "9,5 %", utfall_män: "7,0 %", utfall_kvinnor: "9,0 %"'
    )
    check(bad, expect=[("RK302", 7)])
    ok = indicator(
        'könsuppdelad: true, utfall: "9,05 %", utfall_män: "7,0 %", utfall_kvinnor: "9,0 %"'
    )
    check(ok, expect=[], codes=["RK302"])


def test_rk302_failing_count_message_in_swedish_figures() -> None:
    bad = indicator(
        "namn: Antal besök, könsuppdelad: true, utfall: 1500 st, utfall_män: 1000 st,"
        ' utfall_kvinnor: "600,5 st"'
    ).replace("namn: Indikatorn, ", "")
    (f,) = check(bad, expect=[("RK302", 7)])
    assert "män (1 000 st) + kvinnor (600,5 st) = 1 600,5, men totalen är 1 500 st." in f.message.sv


def test_rk303_failing_unit_mismatch_passing_pdf_line_break() -> None:
    found = check(indicator('utfall: "9,5 %", årsmål: "9 dagar"'), expect=[("RK303", 7)])
    assert any("utfallet är i" in f.message.sv for f in found)
    ok = indicator('utfall: "9,5 %", årsmål: "9 %", kf_årsmål: "Tas fram av nämnd/s tyrelse"')
    check(ok, expect=[], codes=["RK303"])
    check(indicator('utfall: 3, årsmål: "Max 10 personer"'), expect=[], codes=["RK303"])


@pytest.mark.parametrize(
    "value",
    [
        "9" * 400,  # a 400-digit integer
        "-" + "9" * 400,
        f'"{"9" * 400} %"',  # as text with a unit
        '"1 000 000 000 000 000"',  # 16 digits: beyond what a float holds exactly
        ".inf",
        "-.inf",
        ".nan",
        "1.0e+999",  # a float literal that overflows
        '"Max 1e400"',  # not a number at all, after a known prefix
        f'"Max {"9" * 400} personer"',
    ],
)
def test_rk303_failing_numbers_that_cannot_be_computed_with(value: str) -> None:
    (f,) = check(indicator(f'utfall: {value}, årsmål: "9 %"'), expect=[("RK303", 7)])
    assert "kan inte läsas" in f.message.sv


@pytest.mark.parametrize("value", ['"999 999 999 999 999"', "999999999999999", '"-0,5 %"'])
def test_rk303_passing_large_but_readable_numbers(value: str) -> None:
    check(indicator(f"utfall: {value}"), expect=[], codes=["RK303"])


def test_rk303_failing_out_of_range_says_why() -> None:
    (f,) = check(indicator(f"utfall: {'9' * 400}"), expect=[("RK303", 7)])
    assert f.message.sv.endswith(
        "kan inte läsas: talet är oändligt, odefinierat eller har fler än 15 siffror före"
        " decimaltecknet."
    )


def test_rk3_huge_numbers_reach_no_other_rule() -> None:
    """RK302, RK207 and the rest compare figures: an unreadable one is left to RK303."""
    huge = "9" * 400
    text = indicator(
        f"könsuppdelad: true, utfall: {huge}, utfall_män: {huge}, utfall_kvinnor: 1, årsmål: {huge}"
    )
    check(text, expect=[("RK303", 7)] * 3, codes=["RK301", "RK302", "RK305"])


def test_rk304_failing_wrong_type_passing_plain_year() -> None:
    check(indicator('utfall: 1, period: "T2 2023"'), expect=[("RK304", 7)])
    check(indicator("utfall: 1, period: 2023"), expect=[], codes=["RK304"])


def test_rk305_failing_only_in_vb() -> None:
    check(indicator("årsmål: 90"), expect=[("RK305", 7)])
    check(indicator("årsmål: 90", typ="T2"), expect=[], codes=["RK305"])


# -- RK305: only indicators the unit owns ------------------------------------------------

# An indicator at $level (KF goal, nämndmål or enhetsmål) in a VB.
OWNED = {
    "kf": """
        rapport: {typ: VB, år: 2020, enhet: Beställarenheten äldre}
        inriktningsmål:
          - nummer: "2"
            verksamhetsområdesmål:
              - nummer: "2.5"
                indikatorer:
                  - {namn: $name, årsmål: $target, kf_årsmål: $kf}
        """,
    "enhetsmål": """
        rapport: {typ: VB, år: 2020, enhet: Beställarenheten äldre}
        inriktningsmål:
          - nummer: "2"
            verksamhetsområdesmål:
              - nummer: "2.5"
                nämndmål:
                  - titel: Nämndmålet
                    enhetsmål:
                      - titel: Enhetsmålet
                        status: Uppfylls helt
                        indikatorer:
                          - {namn: $name, årsmål: $target, kf_årsmål: $kf}
        """,
}


@pytest.mark.parametrize(
    ("name", "target", "kf"),
    [
        ("Totalt köpt energi i stadens verksamheter", '"3,3 GWh"', '"1945 GWh"'),  # city-wide
        ("Andel inköpta ekologiska måltider", '"60 %"', '"55 %"'),  # city-wide
        ("Antal tillhandahållna platser för feriejobb", '"360 st"', "Tas fram av nämnd"),
        ("Andel nöjda brukare", '"90 %"', '"90 %"'),  # KF's target copied: not the unit's own
    ],
)
def test_rk305_passing_indicators_the_unit_does_not_own(name: str, target: str, kf: str) -> None:
    text = Template(OWNED["kf"]).substitute(name=name, target=target, kf=kf)
    check(text, expect=[], codes=["RK305"])


def test_rk305_failing_kf_level_indicator_with_the_units_own_target() -> None:
    text = Template(OWNED["kf"]).substitute(
        name="Andel nöjda brukare", target='"95 %"', kf='"90 %"'
    )
    check(text, expect=[("RK305", 7)])


def test_rk305_failing_city_wide_indicator_under_the_units_own_goal() -> None:
    text = Template(OWNED["enhetsmål"]).substitute(
        name="Totalt köpt energi i stadens verksamheter", target='"3,3 GWh"', kf='"1945 GWh"'
    )
    check(text, expect=[("RK305", 12)])


def test_rk303_procent_is_the_same_unit_as_percent() -> None:
    check(indicator('utfall: "9,5 procent", årsmål: "9 %"'), expect=[], codes=["RK303"])
