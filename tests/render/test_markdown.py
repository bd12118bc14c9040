"""Markdown in the seeds' export style: deterministic, tables and icons as exported."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from checker.render import build_document, load_report, render_report, render_report_file
from checker.render.document import ACTIVITY_MARKS, STATUS_ICONS

from .conftest import (
    ALL_REPORTS,
    ROUND2,
    SAMPLES,
    SEED_TEXTS,
    Rendered,
    activities,
    indicators,
    report_id,
    statuses,
)


@pytest.mark.parametrize("path", ALL_REPORTS, ids=report_id)
def test_markdown_is_deterministic(path: Path, rendered: Rendered) -> None:
    first = rendered(path, "md")
    again = render_report(copy.deepcopy(load_report(path)), "md")
    assert first == again
    assert render_report_file(path, "md") == first
    assert first.endswith(b"\n") and not first.endswith(b"\n\n")


@pytest.mark.parametrize("path", ALL_REPORTS, ids=report_id)
def test_tables_are_tab_separated_with_a_cell_for_every_column(path: Path) -> None:
    doc = build_document(load_report(path))
    markdown = render_report(load_report(path), "md").decode()
    offset = 0
    for table in doc.tables():  # in document order
        header = "\t".join(table.columns)
        offset = markdown.index(header, offset)
        block = markdown[offset:].split("\n\n", 1)[0].split("\n")
        offset += len(header)
        assert len(block) == 1 + len(table.rows)
        assert {line.count("\t") for line in block} == {len(table.columns) - 1}


@pytest.mark.parametrize("path", ALL_REPORTS, ids=report_id)
def test_icons_as_the_export_shows_them(path: Path, rendered: Rendered) -> None:
    data = load_report(path)
    lines = rendered(path, "md").decode().split("\n")
    for status in statuses(data):
        expected = f"{STATUS_ICONS[status]} {status}" if status in STATUS_ICONS else status
        if status == "Ingen":
            expected = "— Ingen"
        assert expected in lines
    for ind in indicators(data):
        if ind.get("könsuppdelad") is True:
            assert any(line.startswith(f"♀ {ind['namn']}\t") for line in lines)
        elif isinstance(ind.get("namn"), str) and ind.get("könsuppdelad") is None:
            assert any(line.startswith(f"{ind['namn']}\t") for line in lines)
    acts = list(activities(data))
    # a plan's activity table has no status column unless an activity has a status
    mark_column = data["rapport"].get("typ") != "VP" or any(a.get("status") for a in acts)
    for act in acts:
        mark = ACTIVITY_MARKS.get(str(act.get("status")), "")
        if act.get("status") is None or mark:
            lead = f"{mark}\t" if mark_column else ""
            assert any(line.startswith(f"{lead}{act['aktivitet']}\t") for line in lines)


@pytest.mark.parametrize("path", ALL_REPORTS, ids=report_id)
def test_each_goal_level_has_one_marker_line_per_goal(path: Path, rendered: Rendered) -> None:
    """The importer finds goals by these lines: one line per goal, none from free text."""
    data = load_report(path)
    lines = rendered(path, "md").decode().split("\n")

    def count(prefix: str) -> int:
        return sum(line.startswith(prefix) for line in lines)

    directions = [d for d in data.get("inriktningsmål") or [] if isinstance(d, dict)]
    areas = [a for d in directions for a in d.get("verksamhetsområdesmål") or []]
    committees = [c for a in areas for c in a.get("nämndmål") or []]

    def below(goals: list[dict[str, object]], key: str) -> list[dict[str, object]]:
        found = []
        for goal in goals:
            for child in goal.get(key) or []:  # type: ignore[attr-defined]
                found.append(child)
        return found

    departments = below(committees, "avdelningsmål")
    units = below(committees, "enhetsmål") + below(departments, "enhetsmål")
    assert count("### **KF:s inriktningsmål:") == len(directions)
    assert count("### **KF:s mål för verksamhetsområdet:") == len(areas)
    assert count("Nämndmål: ") == len(committees)
    assert count("**Avdelningsmål:** ") == len(departments)
    assert count("**Enhetsmål:** ") == len(units)


_KF = re.compile(
    r"KF:s (?:inriktningsmål|mål för verksamhetsområdet):\**\s*(?:\n+\W*)?(\d+(?:\.\d+)?)\.?\s"
)


def _kf_sequence(text: str) -> list[str]:
    # the export's table of contents (dot leaders, page numbers, a pipe table) is not the body
    toc = re.compile(r"\.\.\.\.\.|\||\t\d+\s*$")
    body = [line for line in text.split("\n") if not toc.search(line)]
    return _KF.findall("\n".join(body))


SEED_PAIRS = [
    (seed, next(SEED_TEXTS.glob(f"{seed.name[:3]}_*.txt"), None))
    for seed in SAMPLES
    if seed.parent.name == "seeds"
]


@pytest.mark.parametrize(
    "seed,text",
    [p for p in SEED_PAIRS if p[1] is not None] or [pytest.param(None, None, id="no-seed-exports")],
    ids=lambda p: getattr(p, "stem", ""),
)
@pytest.mark.usefixtures("seed_exports")
def test_goal_headings_follow_the_seed_export_in_order(seed: Path, text: Path) -> None:
    exported = _kf_sequence(text.read_text(encoding="utf-8"))
    if not exported:
        pytest.skip(f"{text.name} does not name its goals on one line")
    markdown = render_report(load_report(seed), "md").decode()
    assert _kf_sequence(markdown) == exported


_SECTIONS = (
    "Sammanfattande analys",
    "Inledning",
    "Uppföljning av Kommunfullmäktiges inriktningsmål",
    "Uppföljning av ekonomi",
    "Redovisning av ekonomi",
    "Systematiskt kvalitetsarbete",
)


@pytest.mark.parametrize(
    "seed,text",
    [p for p in SEED_PAIRS if p[1] is not None] or [pytest.param(None, None, id="no-seed-exports")],
    ids=lambda p: getattr(p, "stem", ""),
)
@pytest.mark.usefixtures("seed_exports")
def test_main_sections_in_the_seed_export_order(seed: Path, text: Path) -> None:
    def order(document: str) -> list[str]:
        found = []
        for name in _SECTIONS:
            match = re.search(rf"^#+ (?:\*\*)?{re.escape(name)}\b", document, re.MULTILINE)
            if match:
                found.append((match.start(), name))
        return [name for _, name in sorted(found)]

    exported = order(text.read_text(encoding="utf-8"))
    rendered = order(render_report(load_report(seed), "md").decode())
    assert [n for n in rendered if n in exported] == exported


def test_round_two_additions_are_rendered() -> None:
    (path,) = [p for p in ROUND2 if "runda2" in p.name]
    markdown = render_report(load_report(path), "md").decode()
    lines = markdown.split("\n")
    assert "**Avdelningsmål:** *1.4.1.1 Äldre med hemtjänst får insatser av god kvalitet*" in lines
    assert "[okänd: statusikonen saknas i exporten]" in lines
    assert any(line.startswith("[okänd: ✓ eller ! saknas i exporten]\t") for line in lines)
    assert any(line.startswith("[okänd: ♀-markeringen") for line in lines)
    # nested headings one level deeper each time
    assert "### Kvalitets- och utvecklingsarbete" in lines
    assert "#### Egenkontroller" in lines
    assert "##### Dokumentation" in lines
    assert "#### Externa granskningar" in lines
    # the group labels as the report writes them, the default where it writes none
    assert any(line.startswith("Återkoppling till den klagande\t") for line in lines)
    assert any(
        line.startswith("Vad gällde klagomålet, synpunkten eller avvikelsen?\t") for line in lines
    )
    assert "*[rad 412]* Sida 14 av 15" in lines
    assert "*[sida 15, rad 519]* Bilaga 2 saknas i exporten" in lines


def test_values_are_shown_as_written_never_corrected(tmp_path: Path) -> None:
    report = tmp_path / "rapport.yaml"
    report.write_text(
        "rapport: {typ: VB, år: 2023, enhet: Enheten}\n"
        "inriktningsmål:\n"
        "  - nummer: '3'\n"
        "    titel: Ekonomi\n"
        "    verksamhetsområdesmål:\n"
        "      - nummer: '3.1'\n"
        "        titel: Budget\n"
        "        indikatorer:\n"
        "          - {namn: Sjukfrånvaro, utfall: 9.50, årsmål: '9 %', period: VB 2023}\n"
        "        nämndmål:\n"
        "          - titel: Nämndmålet\n"
        "            enhetsmål:\n"
        "              - titel: Målet\n"
        "                status: Uppfylles helt\n"
        "                aktiviteter:\n"
        "                  - {aktivitet: Skyddsrond, status: Klart, startdatum: 2023-1-5,"
        " slutdatum: 2023-12-31}\n"
        "ekonomi:\n"
        "  resultaträkning:\n"
        "    intäkter: [{rad: Taxor och avgiter, utfall: 1.820milj kr, budget: '32 400',"
        " avvikelse: '+-3 204'}]\n",
        encoding="utf-8",
    )
    lines = render_report_file(report, "md").decode().split("\n")
    assert "Uppfylles helt" in lines  # no icon, no correction
    assert "Sjukfrånvaro\t9.50\t\t\t\t9 %\t\tVB 2023" in lines  # 9.50, not 9.5
    assert "Klart\tSkyddsrond\t2023-1-5\t2023-12-31\t" in lines
    assert "Taxor och avgiter\t1.820milj kr\t32 400\t+-3 204" in lines
