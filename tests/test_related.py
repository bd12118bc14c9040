"""One defect, one finding: a finding's further places (RK207's missed indicators) in
every format that shows places – SARIF ``relatedLocations``, indented text lines, JSON –
and through the cache, with the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import cli

# A goal "Uppfylls helt" whose two indicators (outcomes on lines 7 and 8) miss their targets.
REPORT = """\
rapport: {typ: VB, år: 2023, enhet: Enheten}
inriktningsmål:
  - nummer: "3"
    verksamhetsområdesmål:
      - nummer: "3.4"
        indikatorer:
          - {namn: Aktivt Medskapandeindex, utfall: "69", årsmål: "81"}
          - {namn: Sjukfrånvaro, utfall: "9,5 %", årsmål: "9 %"}
        nämndmål:
          - titel: Attraktiv arbetsgivare
            enhetsmål:
              - titel: God arbetsmiljö
                status: Uppfylls helt
"""


def _report(tmp_path: Path) -> Path:
    path = tmp_path / "rapport.yaml"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_text_shows_each_related_place_indented_under_the_finding(tmp_path: Path) -> None:
    proc = cli("check", "--select", "RK207", str(_report(tmp_path)))
    lines = proc.stdout.splitlines()
    (head,) = [i for i, line in enumerate(lines) if "RK207" in line]
    assert ":13:" in lines[head] and "Aktivt Medskapandeindex" in lines[head]
    below = [
        line
        for line in lines[head + 1 :]
        if line.startswith("      7:") or line.startswith("      8:")
    ]
    assert [line.split(":")[0].strip() for line in below] == ["7", "8"]
    assert "69 mot målet 81" in below[0] and "lägre är bättre" in below[1]


def test_sarif_related_locations_and_json_related(tmp_path: Path) -> None:
    path = _report(tmp_path)
    sarif = json.loads(cli("check", "--select", "RK207", "--format", "sarif", str(path)).stdout)
    (result,) = sarif["runs"][0]["results"]
    related = result["relatedLocations"]
    assert [r["physicalLocation"]["region"]["startLine"] for r in related] == [7, 8]
    assert [r["id"] for r in related] == [1, 2]
    assert related[0]["logicalLocations"][0]["fullyQualifiedName"].endswith("/indikatorer/0/utfall")
    data = json.loads(cli("check", "--select", "RK207", "--format", "json", str(path)).stdout)
    (finding,) = data["findings"]
    assert [r["line"] for r in finding["related"]] == [7, 8]


def test_related_places_survive_the_cache(tmp_path: Path) -> None:
    path, cache = _report(tmp_path), tmp_path / "cache"
    runs = [
        cli("check", "--select", "RK207", "--format", "json", "--cache-dir", str(cache), str(path))
        for _ in range(2)
    ]
    first, second = (json.loads(p.stdout)["findings"][0]["related"] for p in runs)
    assert first == second and len(first) == 2
