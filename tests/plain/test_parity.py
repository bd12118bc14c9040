"""The reader of the plain export against the writer: fixtures, the specimen, parity.

The importer is used through its public
entry only: ``rapportkoll import`` and ``rapportkoll check`` in a subprocess.

Parity runs every sample report through a fixed, seeded subset of the writer's layouts
(``PARITY_SEED``, ``PARITY_COUNT``); ``tools/plain_corpus.py`` writes the whole sweep.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.plain.parity import (
    as_exported,
    by_report,
    check_json,
    compare_findings,
    differences,
    import_plain,
    place,
)
from tests.plain.writer import SPECIMEN, Variation, dump, load, variations, vary, write_plain
from tests.shared import PLAIN_EXPORTS, need

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURES = HERE / "fixtures"
SAMPLES = sorted((ROOT / "sample_reports").rglob("*.yaml"))
CLEAN_VB = ROOT / "sample_reports" / "clean" / "vb-2024-boendestodet.yaml"

# The layouts CI checks: the specimen's and a few seeded ones (about a minute in all).
PARITY_SEED = 2024
PARITY_COUNT = 6
LAYOUTS: list[Variation] = [SPECIMEN, *variations(PARITY_SEED, PARITY_COUNT)]


def _describe(v: Variation) -> str:
    breaks = ", ".join(f"{b.kind}#{b.index}/{b.style}" for b in v.breaks) or "none forced"
    return (
        f"layout {v.name}: text width {v.text_width:.1f}, name width {v.name_width:.1f},"
        f" value width {v.value_width:.1f}, {v.page_lines or 'no'} lines a page, breaks {breaks},"
        f" ♀ {'kept' if v.female_sign else 'lost'}, cells emptied: {v.blank_seed is not None},"
        f" group labels {v.group_label_at}"
    )


# --- fixtures, one per feature ----------------------------------------------------------

FIXTURE_NAMES = sorted(p.name.removesuffix(".txt") for p in FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("feature", FIXTURE_NAMES)
def test_fixture_imports_to_its_fields(feature: str, tmp_path: Path) -> None:
    expected = yaml.safe_load((FIXTURES / f"{feature}.expected.yaml").read_text(encoding="utf-8"))
    got = import_plain(FIXTURES / f"{feature}.txt", tmp_path / f"{feature}.yaml")
    diffs = differences(expected, got)
    assert not diffs, f"feature {feature}:\n" + "\n".join(diffs)


# --- the specimen -------------------------------------------------------------------------


def test_specimen_imports_as_the_sample_says(tmp_path: Path) -> None:
    (specimen,) = need(PLAIN_EXPORTS, "vb-2024-boendestodet.txt")
    got = import_plain(specimen, tmp_path / "specimen.yaml")
    diffs = differences(as_exported(load(CLEAN_VB)), got)
    assert not diffs, "the specimen, field for field:\n" + "\n".join(diffs)


def test_specimen_checks_clean_like_the_sample() -> None:
    (specimen,) = need(PLAIN_EXPORTS, "vb-2024-boendestodet.txt")
    on_yaml = check_json([CLEAN_VB])
    on_plain = check_json([specimen])
    diffs = compare_findings(on_yaml, on_plain)
    assert not diffs, "the specimen's findings:\n" + "\n".join(diffs)
    # Clean like the sample: nothing but what the lost icons leave unverified.
    assert {code for code, _ in map(place, on_plain)} <= {"RK107"}


# --- parity -------------------------------------------------------------------------------


def _corpus(v: Variation, folder: Path) -> tuple[list[Path], list[Path]]:
    """Every sample as the report this layout stands for (YAML) and as its export."""
    folder.mkdir(parents=True, exist_ok=True)
    yamls: list[Path] = []
    plains: list[Path] = []
    for path in SAMPLES:
        report = vary(load(path), v)
        # Dumped without its comments: suppression comments exist only in YAML.
        (folder / "yaml").mkdir(exist_ok=True)
        (folder / "plain").mkdir(exist_ok=True)
        y = folder / "yaml" / f"{path.stem}.yaml"
        t = folder / "plain" / f"{path.stem}.txt"
        y.write_text(dump(report), encoding="utf-8")
        t.write_text(write_plain(report, v), encoding="utf-8")
        yamls.append(y)
        plains.append(t)
    return yamls, plains


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda v: v.name)
def test_parity_of_findings(layout: Variation, tmp_path: Path) -> None:
    yamls, plains = _corpus(layout, tmp_path)
    on_yaml = by_report(check_json(yamls))
    on_plain = by_report(check_json(plains))
    problems: list[str] = []
    for path in SAMPLES:
        diffs = compare_findings(on_yaml.get(path.stem, []), on_plain.get(path.stem, []))
        problems += [f"{path.relative_to(ROOT)}: {d}" for d in diffs]

    # Cross-report findings (RK403) compare on the set: the same, report by report.
    def carry(findings: dict[str, list[dict[str, Any]]]) -> set[tuple[str, str, str]]:
        return {
            (stem, *place(f)) for stem, fs in findings.items() for f in fs if f["code"] == "RK403"
        }

    for stem, code, label in sorted(carry(on_yaml) ^ carry(on_plain)):
        side = "YAML" if (stem, code, label) in carry(on_yaml) else "export"
        problems.append(f"{stem}: {code} at {label} only on the {side} side (the set of reports)")
    assert not problems, _describe(layout) + "\n" + "\n".join(problems)
