"""Rule files through the real command line: loading, every way to get them wrong, and
everything a built-in rule works with (selection, suppressions, baseline, outputs)."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from checker.cli import main

from .conftest import ROOT, cli

DISTRICT = ROOT / "docs" / "regler" / "stadsdel.yaml"
BUILTIN = ROOT / "docs" / "regler" / "inbyggda.yaml"
DISTRICT_REPORTS = ROOT / "tests" / "data_rules" / "stadsdel"

GOOD = """\
regler:
  - kod: HÄ901
    namn: dnr-skrivet
    allvarlighet: varning
    meddelande: "Rapporthuvudet: {orsak}."
    vad: Att huvudet har ett diarienummer.
    varför: Diariet.
    plats: Rapporthuvud
    krav: {ifylld: dnr}
    exempel:
      fel: "rapport: {typ: VB, år: 2024, enhet: E}"
      rätt: "rapport: {typ: VB, år: 2024, enhet: E, dnr: HÅ 2024/1}"
"""
REPORT = "rapport: {typ: VB, år: 2024, enhet: Enheten, handläggare: A, datum: 2025-01-02}\n"


def test_district_rules_fail_and_pass_on_their_reports() -> None:
    proc = cli(
        "check",
        "--format",
        "json",
        "--rule-file",
        str(DISTRICT),
        "--select",
        "HÄ",
        str(DISTRICT_REPORTS / "fel"),
    )
    assert proc.returncode == 1, proc.stderr
    found = {(Path(f["file"]).name, f["code"]) for f in json.loads(proc.stdout)["findings"]}
    assert found == {
        ("vb-2024.yaml", "HÄ101"),
        ("vb-2024.yaml", "HÄ102"),
        ("vb-2024.yaml", "HÄ103"),
        ("vp-2025.yaml", "HÄ102"),
        ("vp-2025.yaml", "HÄ104"),
    }
    proc = cli("check", "--rule-file", str(DISTRICT), str(DISTRICT_REPORTS / "ratt"))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_regler_test_runs_the_examples_of_the_shipped_rule_files() -> None:
    proc = cli("regler", "test", str(DISTRICT), str(BUILTIN))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "18 regler, 36 exempel: alla gör det de ska." in proc.stdout


def test_regler_test_names_the_rule_and_why(tmp_path: Path) -> None:
    bad = tmp_path / "regler.yaml"
    bad.write_text(
        GOOD.replace(
            'rätt: "rapport: {typ: VB, år: 2024, enhet: E, dnr: HÅ 2024/1}"',
            'rätt: "rapport: {typ: VB, år: 2024, enhet: E}"',
        ),
        encoding="utf-8",
    )
    proc = cli("regler", "test", str(bad))
    assert proc.returncode == 1
    assert "FEL  HÄ901 dnr-skrivet" in proc.stdout
    assert re.search(
        r"regler\.yaml:12: exemplet rätt: gav 1 anmärkning av HÄ901, väntade ingen", proc.stdout
    )


def _config(tmp_path: Path, rules: str = GOOD) -> Path:
    (tmp_path / "kvalitet").mkdir()
    (tmp_path / "kvalitet" / "regler.yaml").write_text(rules, encoding="utf-8")
    (tmp_path / "rapportkoll.toml").write_text('rule-files = ["kvalitet"]\n', encoding="utf-8")
    (tmp_path / "rapporter").mkdir()
    report = tmp_path / "rapporter" / "vb.yaml"
    report.write_text(REPORT, encoding="utf-8")
    return report


def test_rule_files_from_the_configuration_work_like_built_in_rules(tmp_path: Path) -> None:
    report = _config(tmp_path)
    proc = cli("check", "rapporter", cwd=tmp_path)
    assert 'HÄ901 varning Rapporthuvudet: "dnr" är inte ifyllt.' in proc.stdout, proc.stderr
    assert cli("check", "--ignore", "HÄ", "rapporter", cwd=tmp_path).stdout.count("HÄ901") == 0
    assert cli("check", "--select", "HÄ9", "rapporter", cwd=tmp_path).stdout.count("HÄ901") == 1
    code = cli("check", "--select", "HÄ90l", "rapporter", cwd=tmp_path)
    assert code.returncode == 2 and "menade du HÄ901?" in code.stderr
    sarif = json.loads(cli("check", "--format", "sarif", "rapporter", cwd=tmp_path).stdout)
    assert "HÄ901" in {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    # the baseline and an inline suppression, as for any rule
    base = tmp_path / "baslinje.json"
    cli("check", "--baseline", str(base), "--write-baseline", "rapporter", cwd=tmp_path)
    assert cli("check", "--baseline", str(base), "rapporter", cwd=tmp_path).returncode == 0
    report.write_text(
        REPORT.rstrip("\n").replace("}", "}  # rapportkoll: ignore[HÄ901] diariet sätter numret")
        + "\n",
        encoding="utf-8",
    )
    assert "HÄ901" not in cli("check", "rapporter", cwd=tmp_path).stdout
    written = cli("check", "--output", "json=kvalitet/regler.yaml", "rapporter", cwd=tmp_path)
    assert written.returncode == 2 and "regelfil" in written.stderr
    assert (tmp_path / "kvalitet" / "regler.yaml").read_text(encoding="utf-8") == GOOD
    shown = cli("check", "--show-settings", "rapporter", cwd=tmp_path).stdout
    assert re.search(r"Regelfiler \(rule-files\): +\S*kvalitet", shown), shown
    # rules and rule CODE list and explain it
    assert "HÄ901  dnr-skrivet" in cli("rules", cwd=tmp_path).stdout
    explained = cli("rule", "HÄ901", cwd=tmp_path).stdout
    assert "Att huvudet har ett diarienummer." in explained and "dnr: HÅ 2024/1" in explained


# (what is wrong, the rule file, what the message must say)
BROKEN = [
    (
        "YAML syntax",
        GOOD.replace("krav: {ifylld: dnr}", "krav: {ifylld: dnr"),
        r"regler\.yaml:\d+:\d+: ",
    ),
    (
        "a python tag",
        GOOD.replace("krav: {ifylld: dnr}", "krav: !!python/object:os.system {}"),
        r"regler\.yaml:9:\d+: Okänd YAML-tagg",
    ),
    ("not a mapping", "- kod: HÄ901\n", r"regelfilen ska vara en mappning"),
    (
        "misspelt rule key",
        GOOD.replace("meddelande:", "meddelnde:"),
        r'regler\.yaml:5:\d+: okänd nyckel "meddelnde" i regeln; menade du meddelande\?',
    ),
    ("missing key", GOOD.replace("    krav: {ifylld: dnr}\n", ""), r'regeln saknar "krav:"'),
    (
        "misspelt check",
        GOOD.replace("{ifylld: dnr}", "{ifyld: dnr}"),
        r'regler\.yaml:9:\d+: okänd kontroll "ifyld"; menade du ifylld\?',
    ),
    (
        "misspelt field",
        GOOD.replace("{ifylld: dnr}", "{ifylld: dnrr}"),
        r'okänt fält "dnrr" under .Rapporthuvud.; menade du dnr\?',
    ),
    (
        "misspelt place",
        GOOD.replace("plats: Rapporthuvud", "plats: Rapporthuvd"),
        r"okänt steg 'Rapporthuvd' under Rapporten; menade du Rapporthuvud\?",
    ),
    ("built-in code", GOOD.replace("HÄ901", "RK901"), r'koden "RK901" hör till de inbyggda'),
    ("bad code", GOOD.replace("HÄ901", "hä-9"), r"stora bokstäver följda av siffror"),
    (
        "bad severity",
        GOOD.replace("allvarlighet: varning", "allvarlighet: varnig"),
        r"menade du varning\?",
    ),
    (
        "unknown placeholder",
        GOOD.replace("{orsak}", "{vrde}"),
        r"okänd platshållare \{vrde\}; menade du värde\?",
    ),
    (
        "bad pattern",
        GOOD.replace("{ifylld: dnr}", "{fält: dnr, mönster: '(HÅ'}"),
        r"mönstret går inte att läsa",
    ),
    (
        "pattern too long",
        GOOD.replace("{ifylld: dnr}", "{fält: dnr, mönster: '" + "a" * 400 + "'}"),
        r"högst 300 tecken",
    ),
    (
        "two checks in one",
        GOOD.replace("{ifylld: dnr}", "{ifylld: dnr, finns: dnr}"),
        r"flera kontroller \(ifylld, finns\)",
    ),
    (
        "unknown report type",
        GOOD.replace("    plats:", "    gäller: {typ: VB2}\n    plats:"),
        r"okänd rapporttyp 'VB2'; menade du VB\?",
    ),
    (
        "missing example",
        GOOD.replace('      rätt: "rapport: {typ: VB, år: 2024, enhet: E, dnr: HÅ 2024/1}"\n', ""),
        r"exempel behöver rätt:",
    ),
    (
        "a field of a plain value",
        GOOD.replace("{ifylld: dnr}", "{ifylld: dnr.text}"),
        r'okänt fält "text"',
    ),
]


@pytest.mark.parametrize(("what", "text", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_rule_file_is_a_swedish_message_and_exit_2_with_nothing_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str, text: str, message: str
) -> None:
    """The command line's own entry point, in this process (one subprocess below)."""
    rules = tmp_path / "regler.yaml"
    rules.write_text(text, encoding="utf-8")
    report = tmp_path / "vb.yaml"
    report.write_text(REPORT, encoding="utf-8")
    code = main(["check", "--format", "json", "--rule-file", str(rules), str(report)])
    out, err = capsys.readouterr()
    assert code == 2, (what, out, err)
    assert out == "", "no report may be checked with half a rule set"
    assert "ingen rapport har kontrollerats" in err
    assert re.search(message, err), err


def test_a_broken_rule_file_through_the_installed_command(tmp_path: Path) -> None:
    rules = tmp_path / "regler.yaml"
    rules.write_text(GOOD.replace("{ifylld: dnr}", "{nämer: brand}"), encoding="utf-8")
    (tmp_path / "vb.yaml").write_text(REPORT, encoding="utf-8")
    proc = cli("check", "--rule-file", str(rules), str(tmp_path / "vb.yaml"))
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr
    assert 'okänd kontroll "nämer"; menade du nämner?' in proc.stderr


def test_problems_in_several_files_are_all_reported_and_codes_must_be_unique(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(
        GOOD.replace("HÄ901", "HÄ902").replace("ifylld", "ifyld"), encoding="utf-8"
    )
    proc = cli("regler", "test", str(tmp_path))
    assert proc.returncode == 2
    assert re.search(r"b\.yaml:2:1: koden HÄ901 finns redan \(.*a\.yaml:2\)", proc.stderr)
    assert "c.yaml:9" in proc.stderr and "ingen rapport har kontrollerats" in proc.stderr
    assert "rapportkoll: regelfilerna har 2 fel" in proc.stderr


def test_a_missing_rule_file_in_the_configuration_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "rapportkoll.toml").write_text('rule-files = ["saknas.yaml"]\n', encoding="utf-8")
    (tmp_path / "vb.yaml").write_text(REPORT, encoding="utf-8")
    proc = cli("check", "vb.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and "saknas.yaml: regelfilen finns inte" in proc.stderr
    assert proc.stdout == ""


def test_the_rule_file_schema_validates_the_shipped_rule_files(tmp_path: Path) -> None:
    proc = cli("schema", "--regler")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in (DISTRICT, BUILTIN):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    wrong = yaml.safe_load(GOOD.replace("meddelande:", "meddelnde:"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong, schema)
    out = tmp_path / "regler.schema.json"
    assert cli("schema", "--regler", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8")) == schema
    # the copy the example rule files name on their first line is current
    shipped = ROOT / "docs" / "regler" / "regler.schema.json"
    assert shipped.read_text(encoding="utf-8") == out.read_text(encoding="utf-8"), (
        "run: rapportkoll schema --regler -o docs/regler/regler.schema.json"
    )


def test_the_readme_section_starts_with_a_rule_file_and_shows_its_run() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n### Writing your own rules\n")
    text = readme[start : readme.index("\n### ", start + 1)]
    first_block = text.split("```")[1]
    assert first_block.startswith("yaml") and "regler:" in first_block
    assert "rapportkoll regler test" in text and "HÄ101" in text
    # the rule shown is the one shipped in docs/regler/stadsdel.yaml
    shown = yaml.safe_load(textwrap.dedent(first_block.removeprefix("yaml")))
    shipped = yaml.safe_load(DISTRICT.read_text(encoding="utf-8"))
    assert shown["regler"][0] == shipped["regler"][0]


def test_the_language_server_and_the_nightly_run_use_the_configured_rule_files(
    tmp_path: Path,
) -> None:
    from checker.lsp.analysis import Checker

    report = _config(tmp_path)
    analysis = Checker().analyse(report.read_text(encoding="utf-8"), str(report), "vb.yaml")
    assert "HÄ901" in {item.finding.code for item in analysis.items}
    assert analysis.config_error is None
    proc = cli("nightly", "rapporter", "--jobs", "1", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "HÄ901" in (tmp_path / "anmarkningar.html").read_text(encoding="utf-8")
    # a broken rule file is the editor's configuration error, not a crash
    (tmp_path / "kvalitet" / "regler.yaml").write_text(GOOD.replace("ifylld", "ifyld"), "utf-8")
    (tmp_path / "rapportkoll.toml").write_text('rule-files = ["kvalitet/"]\n', encoding="utf-8")
    analysis = Checker().analyse(report.read_text(encoding="utf-8"), str(report), "vb.yaml")
    assert analysis.config_error is not None and "menade du ifylld?" in analysis.config_error


def test_regler_test_reports_a_pattern_that_is_stopped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "regler.yaml"
    slow = GOOD.replace("{ifylld: dnr}", "{fält: enhet, mönster: '^(a|aa)+$'}").replace(
        "enhet: E, dnr", "enhet: " + "a" * 50 + "!, dnr"
    )
    rules.write_text(slow, encoding="utf-8")
    assert main(["regler", "test", str(rules)]) == 1
    out = capsys.readouterr().out
    assert "FEL  HÄ901 dnr-skrivet" in out
    assert "regeln HÄ901 (dnr-skrivet)" in out and "stoppades" in out
