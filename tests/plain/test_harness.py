"""The parity harness itself: how fields and findings are compared (holds without a reader)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.plain.parity import as_exported, compare_findings, differences, feature_of
from tests.plain.writer import load

ROOT = Path(__file__).resolve().parents[2]


def f(code: str, label: str) -> dict[str, Any]:
    return {"code": code, "label": label, "file": "x.yaml"}


ACT = "KF 3.4 › Nämndmål »Attraktiv arbetsgivare« › Aktivitet »Öva planen«"


def test_equal_findings_compare_equal() -> None:
    same = [f("RK201", "KF 1.3 › status"), f("RK402", "Lex Maria › Totalt")]
    assert compare_findings(same, list(reversed(same))) == []


def test_a_missing_or_extra_finding_is_named_with_its_feature() -> None:
    out = compare_findings([f("RK402", "Systematiskt kvalitetsarbete › klagomål › Lex Maria")], [])
    assert len(out) == 1 and "RK402" in out[0] and "complaints" in out[0]
    out = compare_findings([], [f("RK108", "Text som inte placerats, källans rad »12«")])
    assert len(out) == 1 and "unplaced text" in out[0]


def test_a_finding_on_a_lost_icon_may_become_rk107_on_the_same_object() -> None:
    on_yaml = [f("RK206", f"{ACT} › avvikelse")]
    assert compare_findings(on_yaml, [f("RK107", f"{ACT} › status")]) == []
    # ... but not an RK107 elsewhere, and not for a finding no icon decides.
    assert compare_findings(on_yaml, [f("RK107", "KF 1.3 › Aktivitet »Annan« › status")])
    assert compare_findings([f("RK603", f"{ACT} › startdatum")], [f("RK107", f"{ACT} › status")])


def test_yaml_only_and_cross_report_findings_are_left_out() -> None:
    assert (
        compare_findings([f("RK104", "Rapporthuvud › anlys"), f("RK403", "Lex Sarah › T2")], [])
        == []
    )
    assert compare_findings([], [f("RK107", f"{ACT} › status")]) == []


def test_rk108_compares_without_its_source_line() -> None:
    a = [f("RK108", "Text som inte placerats, källans rad »42«")]
    b = [f("RK108", "Text som inte placerats, källans rad »97«")]
    assert compare_findings(a, b) == []


def test_fields_compare_as_a_subset_with_null_for_empty_or_unknown() -> None:
    expected = {"a": {"b": "9 000 st", "c": None}, "d": [{"e": 1}], "s": {"okänd": "x"}}
    assert (
        differences(
            expected, {"a": {"b": "9  000\nst", "z": 1}, "d": [{"e": "1"}], "s": {"okänd": "y"}}
        )
        == []
    )
    assert (
        differences(
            expected,
            {"a": {"b": "9 000 st", "c": {"okänd": "?"}}, "d": [{"e": 1}], "s": {"okänd": ""}},
        )
        == []
    )
    diffs = differences(expected, {"a": {"b": "9 000", "c": "4"}, "d": [], "s": "Klar"})
    assert len(diffs) == 4


def test_empty_complaint_rows_count_as_absent() -> None:
    expected = {"från_vem": [{"kategori": "Brukare/patient", "t1": 1}]}
    got = {
        "från_vem": [
            {"kategori": "Annan (t.ex. okänd)"},
            {"kategori": "Brukare/patient", "t1": "1"},
        ]
    }
    assert differences(expected, got) == []


def test_as_exported_makes_lost_icons_unknown_and_empty_cells_expected_empty() -> None:
    report = load(ROOT / "sample_reports" / "clean" / "vb-2024-boendestodet.yaml")
    exp = as_exported(report)
    act = exp["inriktningsmål"][0]["verksamhetsområdesmål"][0]["nämndmål"][0]["aktiviteter"][0]
    assert "okänd" in act["status"] and act["avvikelse"] is None
    ind = exp["inriktningsmål"][0]["verksamhetsområdesmål"][0]["nämndmål"][0]["enhetsmål"][0][
        "indikatorer"
    ][0]
    assert "könsuppdelad" not in ind and ind["kf_årsmål"] is None
    assert exp["ej_placerat"] is None
    assert feature_of("RK301", "KF 3.4 › Indikator »Sjukfrånvaro« › utfall_män").startswith(
        "indicator"
    )
