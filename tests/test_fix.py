"""``check --fix``, ``--unsafe-fixes`` and ``--diff``: fixes change only what they must."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from checker.engine.core import Engine
from checker.findings import Edit, Finding
from checker.fix import _check, apply_edits, choose, fix_bytes
from checker.rule import renumber
from checker.run.batch import check_paths
from checker.run.cache import SafeCache
from tests.conftest import ROOT, cli
from tests.test_formats import sarif_schema, validate_sarif  # noqa: F401  (a fixture)

SAMPLES = sorted((ROOT / "sample_reports").rglob("*.yaml"))
SEED_002 = ROOT / "sample_reports" / "seeds" / "002-vb-2021-stod-och-aktivitetsenheten.yaml"
CLEAN_VB = ROOT / "sample_reports" / "clean" / "vb-2024-boendestodet.yaml"

# One planted defect per fix kind in a clean report: (code, safe, before, after).
PLANTS = [
    ("RK201", True, "status: Uppfylls delvis", "status: Delvis uppfyllt"),
    (
        "RK602",
        True,
        "titel: Stockholms ekonomi är stark, hållbar och lägger grunden för en jämlik välfärd",
        "titel: Stockholms ekonomi är stark",
    ),
    (
        "RK104",
        True,
        "\n  analys: |\n    Enheten redovisar",
        "\n  analyss: |\n    Enheten redovisar",
    ),
    ("RK505", True, "{rad: Personalkostnader,", "{rad: Personalkotnader,"),
    (
        "RK402",
        True,
        "{kategori: Brukare/patient, t1: 1, t2: 1, totalt: 2 st}",
        "{kategori: Brukare/patient, t1: 1, t2: 1, totalt: 3 st}",
    ),
    ("RK502", False, 'budget: "1 200", avvikelse: 10}', 'budget: "1 200", avvikelse: 12}'),
    (
        "RK503",
        False,
        'summa_netto: {rad: Summa netto, utfall: "4 540"',
        'summa_netto: {rad: Summa netto, utfall: "4 560"',
    ),
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def planted(kinds: Sequence[str] | None = None) -> str:
    text = CLEAN_VB.read_text(encoding="utf-8")
    for code, _, before, after in PLANTS:
        if kinds is None or code in kinds:
            assert text.count(before) == 1, before
            text = text.replace(before, after)
    return text


def outside_unchanged(before: bytes, after: bytes, edits: Sequence[Edit]) -> None:
    """Every byte outside the edits' spans is the same, in order, and nothing else moved."""
    shift = 0
    pos = 0
    for e in sorted(edits, key=lambda e: e.start_byte):
        assert before[pos : e.start_byte] == after[pos + shift : e.start_byte + shift]
        new = e.text.encode("utf-8")
        assert after[e.start_byte + shift : e.start_byte + shift + len(new)] == new
        shift += len(new) - (e.end_byte - e.start_byte)
        pos = e.end_byte
    assert before[pos:] == after[pos + shift :]
    assert len(after) == len(before) + shift


def key(f: Finding) -> tuple[str, str]:
    return (f.code, f.path)


def fix_in_rounds(
    engine: Engine, raw: bytes, display: str, unsafe: bool
) -> tuple[bytes, list[Finding]]:
    """Fix as --fix does, checking after every round that only the edited spans changed."""
    current, findings = raw, _check(engine, raw, display)
    fixed: list[Finding] = []
    for _ in range(100):
        chosen = choose(findings, unsafe)
        if not chosen:
            break
        edits = [e for f in chosen for e in f.fix.edits]  # type: ignore[union-attr]
        after = apply_edits(current, edits)
        outside_unchanged(current, after, edits)
        current, findings = after, _check(engine, after, display)
        fixed += chosen
    return current, fixed


# -- seed 002 ---------------------------------------------------------------------
def test_fix_on_seed_002_fixes_both_statuses_and_nothing_else(tmp_path: Path) -> None:
    copy = tmp_path / SEED_002.name
    shutil.copyfile(SEED_002, copy)
    before = copy.read_bytes()
    _, doc = _json(copy)
    fixes = [f for f in doc["findings"] if f["fix"] and f["fix"]["applicability"] == "safe"]
    assert [f["code"] for f in fixes] == ["RK201", "RK201"]
    proc = cli("check", "--fix", str(copy))
    assert "Rättade 2 anmärkningar i 1 fil" in proc.stdout, proc.stdout + proc.stderr
    assert "RK201" not in proc.stdout
    after = copy.read_bytes()
    edits = [Edit(**e) for f in fixes for e in f["fix"]["edits"]]
    for e in edits:
        assert before[e.start_byte : e.end_byte] == b"Uppfylles helt"
        assert e.text == "Uppfylls helt"
    outside_unchanged(before, after, edits)
    assert after.count(b"status: Uppfylls helt") == before.count(b"status: Uppfylls helt") + 2
    _, again = _json(copy)
    assert {(f["code"], f["path"]) for f in again["findings"]} == {
        (f["code"], f["path"]) for f in doc["findings"] if f["code"] != "RK201"
    }


def _json(path: Path, *args: str) -> tuple[int, dict[str, Any]]:
    proc = cli("check", "--format", "json", *args, str(path))
    return proc.returncode, json.loads(proc.stdout)


# -- every sample report ----------------------------------------------------------
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_fix_on_every_sample(engine: Engine, sample: Path) -> None:
    raw = sample.read_bytes()
    display = sample.name
    before = _check(engine, raw, display)
    after_raw, fixed = fix_in_rounds(engine, raw, display, unsafe=True)
    assert (after_raw, [key(f) for f in fixed]) == (lambda r: (r[0], [key(f) for f in r[1]]))(
        fix_bytes(engine, raw, display, unsafe=True)
    )
    after = _check(engine, after_raw, display)
    assert not {key(f) for f in fixed} & {key(f) for f in after}, "a fixed finding remains"
    assert {key(f) for f in after} <= {key(f) for f in before}, "a fix made a new finding"
    assert not [f for f in after if f.fix is not None and f.fix.edits], "a fix was left"


def test_planted_defects_show_every_fix_kind(engine: Engine) -> None:
    raw = planted().encode()
    findings = _check(engine, raw, "planted.yaml")
    kinds = {f.code: f.fix.safe for f in findings if f.fix is not None}
    assert kinds == {code: safe for code, safe, _, _ in PLANTS}
    # Safe fixes alone: the unsafe ones stay, every safe one is gone.
    safe_raw, fixed = fix_in_rounds(engine, raw, "planted.yaml", unsafe=False)
    assert {f.code for f in fixed} == {c for c, safe, _, _ in PLANTS if safe}
    left = {f.code for f in _check(engine, safe_raw, "planted.yaml")}
    assert left >= {"RK502", "RK503"} and not left & {c for c, s, _, _ in PLANTS if s}
    # Every fix: the report is as clean as it was before the defects were planted.
    all_raw, _ = fix_in_rounds(engine, raw, "planted.yaml", unsafe=True)
    assert _check(engine, all_raw, "planted.yaml") == []
    assert all_raw == CLEAN_VB.read_bytes()


def test_each_fix_kind_alone(engine: Engine) -> None:
    for code, safe, _, _ in PLANTS:
        raw = planted([code]).encode()
        (finding,) = [f for f in _check(engine, raw, "p.yaml") if f.code == code]
        assert finding.fix is not None and finding.fix.safe is safe, code
        fixed, _ = fix_in_rounds(engine, raw, "p.yaml", unsafe=True)
        assert fixed == CLEAN_VB.read_bytes(), code


# -- --diff, --fix, --unsafe-fixes on the command line ------------------------------
def test_diff_writes_nothing_and_patch_gives_the_fixed_file(tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_text(planted(), encoding="utf-8")
    before = report.read_bytes()
    stamp = os.stat(report).st_mtime_ns
    proc = cli("check", "--diff", "r.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert report.read_bytes() == before and os.stat(report).st_mtime_ns == stamp
    assert proc.stdout.startswith("--- r.yaml\n+++ r.yaml\n@@ ")
    assert (
        "-                status: Delvis uppfyllt\n+                status: Uppfylls delvis\n"
        in (proc.stdout)
    )
    assert "avvikelse: 10}" not in proc.stdout  # unsafe: not without --unsafe-fixes
    assert "Skulle rätta 5 anmärkningar." in proc.stderr
    unsafe = cli("check", "--diff", "--unsafe-fixes", "r.yaml", cwd=tmp_path)
    assert "+      - {rad: Lokalkostnader" in unsafe.stdout
    patched = tmp_path / "patched"
    patched.mkdir()
    shutil.copyfile(report, patched / "r.yaml")
    subprocess.run(["patch", "-s", "-p0"], input=unsafe.stdout, text=True, cwd=patched, check=True)
    assert (patched / "r.yaml").read_bytes() == CLEAN_VB.read_bytes()
    assert report.read_bytes() == before
    clean = cli("check", "--diff", str(patched / "r.yaml"))
    assert (clean.returncode, clean.stdout) == (0, "")


def test_fix_and_unsafe_fixes_write_and_report_what_remains(tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_text(planted(), encoding="utf-8")
    os.chmod(report, 0o600)
    proc = cli("check", "--fix", str(report))
    assert proc.returncode == 1
    assert "Rättade 5 anmärkningar i 1 fil; 4 återstår." in proc.stdout
    assert {"RK502", "RK503"} <= set(proc.stdout.split()) and "RK201" not in proc.stdout
    assert "[*] 4 kan rättas med --fix --unsafe-fixes." in proc.stdout
    assert os.stat(report).st_mode & 0o777 == 0o600
    proc = cli("check", "--fix", "--unsafe-fixes", "--lang", "en", str(report))
    assert proc.returncode == 0, proc.stdout
    assert "Fixed 2 findings in 1 file; 0 remaining." in proc.stdout
    assert report.read_bytes() == CLEAN_VB.read_bytes()
    stamp = os.stat(report).st_mtime_ns
    proc = cli("check", "--fix", str(report))
    assert "Rättade 0 anmärkningar i 0 filer; 0 återstår." in proc.stdout
    assert os.stat(report).st_mtime_ns == stamp  # nothing changed: nothing written


def test_text_marks_fixable_findings(tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_text(planted(["RK201", "RK502"]), encoding="utf-8")
    proc = cli("check", str(report))
    assert ": RK201 [*] fel Statusen" in proc.stdout
    assert ": RK502 fel " in proc.stdout  # unsafe: no marker
    assert proc.stdout.rstrip().endswith("[*] 1 kan rättas med --fix (2 till med --unsafe-fixes).")


def test_exports_are_never_fixed(tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_text(planted(["RK201", "RK402"]), encoding="utf-8")
    export = tmp_path / "r.md"
    cli("render", "--format", "md", "-o", str(export), str(report))
    before = export.read_bytes()
    _, doc = _json(export)
    assert "RK201" in {f["code"] for f in doc["findings"]}
    assert all(f["fix"] is None for f in doc["findings"])
    proc = cli("check", "--fix", "--unsafe-fixes", str(export))
    assert export.read_bytes() == before
    assert "Rättade 0 anmärkningar" in proc.stdout


# -- fixes as data ----------------------------------------------------------------
def test_json_fixes_apply_to_the_file_as_stored(tmp_path: Path) -> None:
    # CRLF line ends and a BOM: offsets are of the bytes on disk, lines and columns as editors count.
    text = planted(["RK201", "RK104"]).replace("\n", "\r\n")
    report = tmp_path / "r.yaml"
    report.write_bytes(b"\xef\xbb\xbf" + text.encode())
    raw = report.read_bytes()
    _, doc = _json(report)
    fixes = [f["fix"] for f in doc["findings"] if f["fix"]]
    assert {f["title"] for f in fixes} == {
        'Ändra statusen till "Uppfylls delvis"',
        'Byt nyckeln till "analys"',
    }
    edits = [Edit(**e) for f in fixes for e in f["edits"]]
    fixed = apply_edits(raw, edits)
    assert (
        fixed
        == b"\xef\xbb\xbf" + CLEAN_VB.read_text(encoding="utf-8").replace("\n", "\r\n").encode()
    )
    lines = raw.decode("utf-8-sig").split("\r\n")
    for e in edits:
        chars = raw.decode("utf-8-sig")
        assert (
            chars[e.start_char - 0 : e.end_char]
            == lines[e.line - 1][e.column - 1 : e.end_column - 1]
        )
    cli("check", "--fix", str(report))
    assert report.read_bytes() == fixed


def test_sarif_carries_fixes_and_validates(
    tmp_path: Path,
    sarif_schema: dict[str, Any],  # noqa: F811
) -> None:
    report = tmp_path / "r.yaml"
    report.write_text(planted(), encoding="utf-8")
    proc = cli("check", "--format", "sarif", str(report))
    doc = json.loads(proc.stdout)
    validate_sarif(doc, sarif_schema)
    results = doc["runs"][0]["results"]
    fixes = {r["ruleId"]: r["fixes"][0] for r in results if "fixes" in r}
    assert set(fixes) == {code for code, _, _, _ in PLANTS}
    status = fixes["RK201"]
    (change,) = status["artifactChanges"]
    (replacement,) = change["replacements"]
    assert replacement["insertedContent"] == {"text": "Uppfylls delvis"}
    region = replacement["deletedRegion"]
    line = report.read_text(encoding="utf-8").split("\n")[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "Delvis uppfyllt"
    assert fixes["RK502"]["properties"] == {"applicability": "unsafe"}


# -- what is never fixed ----------------------------------------------------------
GOAL = """\
rapport: {{typ: VB, år: 2023, enhet: Enheten}}
inriktningsmål:
  - nummer: "3"
    verksamhetsområdesmål:
      - nummer: "3.4"
        nämndmål:
          - titel: Attraktiv arbetsgivare
            enhetsmål:
              - titel: God arbetsmiljö
                status: {status}
"""


@pytest.mark.parametrize(
    ("status", "fixed"),
    [
        ("Uppfylles helt", "Uppfylls helt"),
        ("'Uppfylles helt'  # a comment stays", "'Uppfylls helt'  # a comment stays"),
        ('"Uppfylles helt"', '"Uppfylls helt"'),
        ("Delvis uppfyllt", "Uppfylls delvis"),
        ("|\n                  Uppfylles helt", None),  # a block scalar
        ("&a Uppfylles helt", None),  # an anchor
        ("!!str Uppfylles helt", None),  # a tag
        ("Uppfylles\n                  helt", None),  # two lines
        ("Upfyls dlevis", None),  # only the spelling decides: a suggestion, not a fix
    ],
)
def test_status_fix_respects_the_scalar(engine: Engine, status: str, fixed: str | None) -> None:
    raw = GOAL.format(status=status).encode()
    after, done = fix_bytes(engine, raw, "g.yaml", unsafe=True)
    if fixed is None:
        assert (after, done) == (raw, [])
    else:
        assert after == GOAL.format(status=fixed).encode()
        assert "RK201" not in {f.code for f in _check(engine, after, "g.yaml")}


AREA = """\
rapport: {{typ: VB, år: 2023, enhet: Enheten}}
inriktningsmål:
  - nummer: "3"
    verksamhetsområdesmål:
      - {{nummer: "3.1", titel: {title}}}
"""
KF_31 = "Stockholms ekonomi är stark, hållbar och lägger grunden för en jämlik välfärd"


def test_a_title_that_plain_flow_text_cannot_hold_is_not_fixed(engine: Engine) -> None:
    # In a flow mapping a comma ends a plain text: writing the title there would break the row.
    raw = AREA.format(title="Stockholm har en budget i balans").encode()
    (finding,) = [f for f in _check(engine, raw, "a.yaml") if f.code == "RK602"]
    assert finding.fix is None
    quoted = AREA.format(title='"Stockholm har en budget i balans"').encode()
    after, _ = fix_bytes(engine, quoted, "a.yaml", unsafe=False)
    assert after == AREA.format(title=f'"{KF_31}"').encode()


def test_every_fixing_rule_documents_its_fix(engine: Engine) -> None:
    fixing = {code for code, _, _, _ in PLANTS} | {"RK401", "RK501"}
    for code in fixing:
        fix = engine.rules[code].doc.fix
        assert fix is not None, code
        safe = code not in ("RK501", "RK502", "RK503")
        assert fix.sv.startswith("Säker rättning" if safe else "Osäker rättning"), code
    assert all(r.doc.fix is None for r in engine.rules.values() if r.code not in fixing)
    proc = cli("rule", "RK201")
    assert "Rättning:\n  Säker rättning (--fix): en status vars betydelse är säker" in proc.stdout
    proc = cli("rule", "RK503", "--lang", "en")
    assert "Fix:\n  Unsafe fix (only with --fix --unsafe-fixes)" in proc.stdout


@pytest.mark.parametrize(
    ("raw", "value", "text"),
    [
        ("6 st", 7, "7 st"),
        (2, 3, "3"),
        ("29 196", 29296, "29 296"),
        ("-3 104", -3204, "-3 204"),
        ("29196 tkr", -1500, "-1500 tkr"),
        ("9,5", 9.75, "9,75"),
        ("3 204-", 1, None),  # a sign after the number: the author's own notation
        ("(3 204)", 1, None),
        ("1 och 2", 3, None),
        (True, 1, None),
        (2, 2.5, None),  # a YAML integer does not become a decimal
    ],
)
def test_renumber_writes_numbers_as_the_author_did(
    raw: object, value: float, text: str | None
) -> None:
    assert renumber(raw, value) == text


def test_cached_and_parallel_outcomes_keep_their_fixes(engine: Engine, tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_text(planted(), encoding="utf-8")
    raw = report.read_bytes()
    fresh = engine.check_bytes(raw, str(report))
    fixable = sum(f.fix is not None for f in fresh.findings)
    assert fixable >= len(PLANTS)
    cache = SafeCache(tmp_path / "cache", "salt", key_file=tmp_path / "state" / "k")
    cache.put(cache.key(raw, str(report)), fresh)
    hit = cache.get(cache.key(raw, str(report)), str(report))
    assert hit is not None and hit.findings == fresh.findings
    (copy := tmp_path / "s.yaml").write_bytes(raw)
    both = check_paths(engine, [str(report), str(copy)], jobs=2)
    assert sum(f.fix is not None for f in both.findings) == 2 * fixable


def test_a_link_named_on_the_command_line_is_not_fixed_and_says_so(tmp_path: Path) -> None:
    target = tmp_path / "rapport.yaml"
    shutil.copyfile(SEED_002, target)
    before = target.read_bytes()
    (tmp_path / "lank.yaml").symlink_to(target)
    proc = cli("check", "--fix", str(tmp_path / "lank.yaml"))
    assert proc.returncode == 1, proc.stderr
    assert "lank.yaml är en länk och rättas inte" in proc.stderr
    assert target.read_bytes() == before and (tmp_path / "lank.yaml").is_symlink()
