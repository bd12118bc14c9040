"""Configuration, inline suppressions and the baseline, as a user meets them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import cli

BAD_VB = """rapport: {{typ: VB, år: 2023, enhet: E, datum: 2024-01-01, handläggare: H, dnr: D}}
sammanfattande_analys: Året har präglats av …
inriktningsmål:
  - nummer: "3"
    verksamhetsområdesmål:
      - nummer: "3.4"
        indikatorer:
          - namn: Sjukfrånvaro
            könsuppdelad: true
            utfall: "9,5 %"{comment}
ekonomi: {{analys: Överskott på 120 tkr.}}
kvalitetsarbete: {{text: x, klagomål: {{lex_sarah: {{t1: 1, totalt: 2}}}}}}
"""


def report(tmp_path: Path, comment: str = "", name: str = "r.yaml") -> Path:
    path = tmp_path / name
    path.write_text(BAD_VB.format(comment=comment), encoding="utf-8")
    return path


def codes_of(proc) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(f["code"] for f in json.loads(proc.stdout)["findings"])


def test_pyproject_section_is_found_upwards(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.rapportkoll]\nignore = ["RK4"]\n'
        'fail-on = "warning"\n\n[tool.rapportkoll.severity]\nRK301 = "warning"\n'
    )
    sub = tmp_path / "enheter" / "a"
    sub.mkdir(parents=True)
    path = report(sub)
    proc = cli("check", "--format", "json", str(path))
    data = json.loads(proc.stdout)
    assert [f["code"] for f in data["findings"]] == ["RK301"]
    assert data["findings"][0]["severity"] == "warning"
    assert proc.returncode == 1  # fail-on = warning


def test_rapportkoll_toml_select_and_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / "rapportkoll.toml").write_text(
        'select = ["RK3", "RK4"]\n\n[per-file-ignores]\n"arkiv/*.yaml" = ["RK401"]\n'
    )
    (tmp_path / "arkiv").mkdir()
    now = report(tmp_path)
    old = report(tmp_path / "arkiv")
    assert codes_of(cli("check", "--format", "json", str(now))) == ["RK301", "RK401"]
    assert codes_of(cli("check", "--format", "json", str(old))) == ["RK301"]


def test_command_line_overrides_configuration(tmp_path: Path) -> None:
    (tmp_path / "rapportkoll.toml").write_text('select = ["RK4"]\n')
    path = report(tmp_path)
    assert codes_of(cli("check", "--format", "json", "--select", "RK3", str(path))) == ["RK301"]
    assert codes_of(
        cli("check", "--format", "json", "--no-config", "--select", "RK3,RK4", str(path))
    ) == ["RK301", "RK401"]


def test_wrong_key_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.rapportkoll]\nselect = ["RK1"]\nignor = ["RK2"]\n'
    )
    proc = cli("check", str(report(tmp_path)))
    assert proc.returncode == 2
    assert f"{tmp_path / 'pyproject.toml'}:6:" in proc.stderr and "ignor" in proc.stderr


def test_wrong_value_and_unknown_code(tmp_path: Path) -> None:
    cfg = tmp_path / "rapportkoll.toml"
    cfg.write_text('fail-on = "fatal"\n')
    proc = cli("check", str(report(tmp_path)))
    assert proc.returncode == 2 and f"{cfg}:1:" in proc.stderr and "fatal" in proc.stderr
    cfg.write_text('ignore = ["RK2"]\n\n[severity]\nRK999 = "info"\n')
    proc = cli("check", str(report(tmp_path)))
    assert proc.returncode == 2 and f"{cfg}:4:" in proc.stderr and "RK999" in proc.stderr


def test_suppression_with_reason_silences_that_line(tmp_path: Path) -> None:
    path = report(
        tmp_path, "  # rapportkoll: ignore[RK301] för få medarbetare för att redovisa per kön"
    )
    assert codes_of(cli("check", "--format", "json", str(path))) == ["RK401"]


def test_suppression_needs_a_reason(tmp_path: Path) -> None:
    path = report(tmp_path, "  # rapportkoll: ignore[RK301]")
    data = json.loads(cli("check", "--format", "json", str(path)).stdout)
    found = {f["code"]: f for f in data["findings"]}
    assert set(found) == {"RK001", "RK301", "RK401"}
    assert found["RK001"]["line"] == 10 and "skäl" in found["RK001"]["message"]


def test_suppression_that_suppresses_nothing_is_reported(tmp_path: Path) -> None:
    path = report(tmp_path, "  # rapportkoll: ignore[RK302] gammalt undantag")
    data = json.loads(cli("check", "--format", "json", str(path)).stdout)
    unused = [f for f in data["findings"] if f["code"] == "RK002"]
    assert [(f["line"], f["severity"]) for f in unused] == [(10, "warning")]
    # ... but not when the rule it names did not run
    data = json.loads(cli("check", "--format", "json", "--select", "RK4", str(path)).stdout)
    assert [f["code"] for f in data["findings"]] == ["RK401"]


def test_suppression_with_unknown_code(tmp_path: Path) -> None:
    path = report(tmp_path, "  # rapportkoll: ignore[RK999] fel kod")
    data = json.loads(cli("check", "--format", "json", str(path)).stdout)
    assert any(f["code"] == "RK001" and "RK999" in f["message"] for f in data["findings"])


def test_baseline_fails_only_on_new_findings_and_survives_line_shifts(tmp_path: Path) -> None:
    path = report(tmp_path)
    base = tmp_path / "baslinje.json"
    proc = cli("check", "--baseline", str(base), "--write-baseline", str(path))
    assert proc.returncode == 0 and base.exists()
    assert cli("check", "--baseline", str(base), str(path)).returncode == 0
    # unrelated edit that shifts every line: still nothing new
    text = path.read_text(encoding="utf-8")
    path.write_text(
        "# En ny kommentar\n\n" + text.replace("Året har", "Året 2023 har"), encoding="utf-8"
    )
    proc = cli("check", "--format", "json", "--baseline", str(base), str(path))
    assert proc.returncode == 0 and json.loads(proc.stdout)["findings"] == []
    assert "2 anmärkningar finns i baslinjen" in proc.stderr
    # a new problem is reported
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "sammanfattande_analys: Året", "sammanfattande_analys:\n  txt: Året"
        ),
        encoding="utf-8",
    )
    proc = cli("check", "--format", "json", "--baseline", str(base), str(path))
    # one typo, one finding: the misspelt key is not also an empty section
    assert proc.returncode == 1 and codes_of(proc) == ["RK104"]


def test_baseline_from_another_directory(tmp_path: Path) -> None:
    path = report(tmp_path)
    base = tmp_path / "baslinje.json"
    cli("check", "--baseline", str(base), "--write-baseline", "r.yaml", cwd=tmp_path)
    assert cli("check", "--baseline", str(base), str(path)).returncode == 0


def test_an_unknown_key_suggests_the_nearest(tmp_path: Path) -> None:
    cfg = tmp_path / "rapportkoll.toml"
    cfg.write_text('select = ["RK1"]\nfail_on = "fatal"\nfailon = "warning"\n', encoding="utf-8")
    proc = cli("check", str(report(tmp_path)))
    # the misspelt key is named first, though the value before it is wrong too
    assert proc.returncode == 2 and f"{cfg}:3: fel i failon:" in proc.stderr, proc.stderr
    assert 'okänd nyckel "failon"; menade du fail-on?' in proc.stderr
    assert "Tillåtna nycklar: select, extend-select" in proc.stderr


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('select = "RK1"\n', 1, "ska vara en lista"),
        ('fail-on = "fatal"\n', 1, 'ska vara en av "error", "warning" eller "info"'),
        ("jobs = 0\n", 1, "ska vara minst 1, inte 0"),
        ('jobs = "två"\n', 1, "ska vara ett heltal"),
        ("lang = 3\n", 1, 'ska vara en av "sv" eller "en", inte 3'),
        ("severity = 3\n", 1, "ska vara en tabell"),
        ('ignore = ["RK1"\n', 1, "kan inte läsas som TOML: en lista saknar sin avslutande ]"),
        ('select ["RK1"]\n', 1, "efter en nyckel väntas ="),
        ("zzz = 1\n", 1, 'okänd nyckel "zzz". Tillåtna nycklar'),
    ],
)
def test_configuration_errors_are_all_swedish(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    cfg = tmp_path / "rapportkoll.toml"
    cfg.write_text(text, encoding="utf-8")
    proc = cli("check", str(report(tmp_path)))
    assert proc.returncode == 2 and f"{cfg}:{line}:" in proc.stderr and words in proc.stderr
    english = re.compile(r"\b(should|Input|Expected|valid|value|or|line|column|at|the)\b")
    assert not english.search(proc.stderr.replace(str(cfg), "")), proc.stderr
