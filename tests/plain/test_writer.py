"""The writer of the plain export: the shapes DOMAIN.md names, the specimen, and its variations.

These hold now, before any reader of the plain kind exists: they pin the writer so
that the reader is tuned against a fixed target.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.plain.writer import (
    BLANKABLE,
    BREAK_KINDS,
    SPECIMEN,
    Break,
    Variation,
    build_body,
    cell,
    load,
    paginate,
    table_rows,
    variations,
    vary,
    write_plain,
)
from tests.shared import PLAIN_EXPORTS, need

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_reports").rglob("*.yaml"))
CLEAN_VB = ROOT / "sample_reports" / "clean" / "vb-2024-boendestodet.yaml"


def block(text: str, lines: list[str]) -> bool:
    """Whether ``lines`` stand in ``text`` as consecutive whole lines."""
    have = text.split("\n")
    n = len(lines)
    return any(have[i : i + n] == lines for i in range(len(have) - n + 1))


@pytest.fixture(scope="module")
def specimen_out() -> str:
    return write_plain(load(CLEAN_VB), SPECIMEN)


# Each shape of DOMAIN.md "Round 3: the plain export", with the clean sample VB's own
# values where DOMAIN.md's example values are invented.
SHAPES: dict[str, list[str]] = {
    "status word keeps the space of its lost icon": ["", " Uppfylls helt ", ""],
    "Ingen keeps the space of its lost icon": ["", " Ingen ", ""],
    "a heading wraps, each line with its trailing space": [
        "KF:s mål för verksamhetsområdet: 1.3 Stockholms stad ska ge stöd och omsorg där ",
        "behoven är som störst ",
    ],
    "cover: author and committee merged under Handläggare  Till": [
        "Handläggare  Till ",
        "Anna Lindqvist Hägersten-Älvsjö stadsdelsnämnd ",
        "Telefon: ",
    ],
    "cover ends with start.stockholm": ["start.stockholm "],
    "indicator header split word by word": [
        "    Indikator Periodens ",
        "utfall ",
        "",
        "Utfall ",
        "män/ ",
        "pojkar ",
        "",
        "Utfall ",
        "kvinnor/ ",
        "flickor ",
        "",
        "Utfall VB ",
        "2023 Årsmål KF:s ",
        "",
        "årsmål Period ",
    ],
    "a one-line name, two empty gender cells leave three spaces": [
        "Aktivt Medskapandeindex 82   80 81 83 2024 "
    ],
    "a wrapped name, a blank line, then the values": [
        "Andel brukare som känner ",
        "sig delaktiga ",
        "",
        "92 % 90 % 94 % 88 % 90 %  VB 2024 ",
    ],
    "a cell wraps inside a word, the next cell after the wrap": [
        "Sjukfrånvaro 6,1 % 5,2 % 6,8 % 7,0 % 7 % Tas fram ",
        "av ",
        "nämnd/s",
        "tyrelse ",
        "",
        "VB 2024 ",
    ],
    "activity: header, indented text, blank, dates": [
        "   Aktivitet Startdatum Slutdatum Avvikelse ",
        "",
        "  Utveckla stödet för delaktighet i fritidsaktiviteter ",
        "",
        "2024-01-01 2024-12-31  ",
    ],
    "activity: a deviation note after the dates, wrapped": [
        "2024-02-01 2024-12-31 Försenad på grund av ",
        "chefsbyte; klar i februari ",
        "2025. ",
    ],
    "page break between an activity and its dates, header repeated": [
        "  Öva kontinuitetsplanen ",
        "",
        " ",
        "",
        "  ",
        "",
        "",
        "    Aktivitet Startdatum Slutdatum Avvikelse ",
        "",
        "2024-09-01 2024-10-31  ",
    ],
    "income statement: unit, header, group lines, amounts with spaces": [
        "Beloppen ",
        "anges i tkr ",
        "",
        " Utfall 2024 Budget Avvikelse ",
        "",
        "Intäkter    ",
        "Försäljning av verksamhet 12 400 12 000 400 ",
        "Övriga externa intäkter 150 200 -50 ",
        "Summa intäkter 12 550 12 200 350 ",
        "Kostnader    ",
    ],
    "empty sections keep their headings": [
        "Investeringar ",
        "",
        "Medel för lokaländamål ",
        "",
        "Övrigt ",
    ],
    "complaints: a wrapped row label, an empty row as one space per cell": [
        "Medarbetare/verksamhet inom ",
        "förvaltningen ",
        "",
        "     ",
    ],
    "complaints: an empty one-line row is its label and a space per cell": [
        "Annan (t.ex. okänd)      "
    ],
    "complaints: a row with figures and its unit word": ["Brukare/patient 1 1  2 st  "],
    "complaints: a group label after its rows, then lines of spaces": [
        "  1 1 st  ",
        "",
        "Från vem har ",
        "klagomål, synpunkt ",
        "eller avvikelser ",
        "inkommit? ",
        " ",
        " ",
        " ",
        " ",
        "",
        "Samverkanspart (ex annan ",
    ],
    "complaints: header repeated after a page break inside the table": [
        "Polis) ",
        " Uppdelning Klagomål/synpunkter/kategori",
        "er ",
    ],
    "complaints: the Lex label glued after Lex Maria, Lex Sarah after it": [
        "Lex Maria      Varav antal ",
        "avvikelser som lett ",
        "till (ej incidenter som ",
        "rapporteras i IA) ",
        " ",
        " ",
        " ",
        " ",
        "",
        "Lex Sarah  1  1 st Utredd och ",
        "avslutad. ",
    ],
    "page end: lines of spaces, then a running head": [
        "",
        " ",
        "",
        "  ",
        "",
        "",
        "Boendestödet Västra, Verksamhetsberättelse 5(8) ",
        " ",
        "",
        "KF:s mål för verksamhetsområdet: 3.4 Medarbetare i Stockholm ska ges goda förutsättningar ",
    ],
    "contents: dot leaders and page numbers": [
        "Innehållsförteckning ",
        "Sammanfattande analys .........................................................................3 ",
    ],
}


@pytest.mark.parametrize("feature", sorted(SHAPES))
def test_specimen_layout_shows_each_domain_shape(specimen_out: str, feature: str) -> None:
    assert block(specimen_out, SHAPES[feature]), feature


def test_domain_example_lines_exactly() -> None:
    """The example lines of DOMAIN.md itself, from reports holding its invented values."""
    report: dict[str, Any] = {
        "rapport": {"typ": "T2", "år": 2024, "enhet": "Enheten Exempelgården"},
        "inriktningsmål": [
            {
                "nummer": "1",
                "titel": "Ett Stockholm som håller samman",
                "verksamhetsområdesmål": [
                    {
                        "nummer": "1.3",
                        "titel": "Stockholms stad ska ge stöd och omsorg där behoven är som störst",
                        "indikatorer": [
                            {
                                "namn": "Nöjd-kund-index hemtjänst",
                                "utfall": 81,
                                "utfall_föregående": 78,
                                "föregående_rubrik": "Utfall VB 2022",
                                "årsmål": 80,
                                "kf_årsmål": 80,
                                "period": 2024,
                            },
                            {
                                "namn": "Andel brukare som känner sig trygga (äldreomsorg)",
                                "utfall": "88 %",
                                "föregående_rubrik": "Utfall VB 2022",
                                "årsmål": "86 %",
                                "kf_årsmål": "öka",
                                "period": 2024,
                            },
                        ],
                    }
                ],
            }
        ],
        "kvalitetsarbete": {
            "klagomål": {"lex_sarah": {"kategori": "Lex Sarah", "t2": 3, "vb": 1, "totalt": "4 st"}}
        },
    }
    v = replace(SPECIMEN, breaks=(), indicator_indent=3, lex_unit_gap=True)
    out = write_plain(report, v)
    assert block(out, ["Nöjd-kund-index hemtjänst 81   78 80 80 2024 "])
    assert block(
        out,
        ["Andel brukare som känner ", "sig trygga (äldreomsorg) ", "", "88 %    86 % öka 2024 "],
    )
    assert block(out, ["   Indikator Periodens ", "utfall ", "", "Utfall ", "män/ ", "pojkar "])
    assert block(out, ["Utfall VB ", "2022 Årsmål KF:s ", "", "årsmål Period "])
    assert block(out, ["Lex Sarah  3 1 4  st "])


def test_specimen_file_matches_but_for_page_numbers(specimen_out: str) -> None:
    """The specimen itself, line by line: only page numbers and one trailing space differ.

    The specimen was laid out by hand: its running heads count 7 pages where its breaks
    make 8, its contents page numbers follow that count, and one row ("Antal beröm")
    lost the space of its empty summary cell that every other row keeps.
    """
    (path,) = need(PLAIN_EXPORTS, "vb-2024-boendestodet.txt")
    want = path.read_text(encoding="utf-8").split("\n")
    have = specimen_out.split("\n")
    assert len(have) == len(want)
    numbers = re.compile(r"\d+(?:\(\d+\))? $")
    for n, (a, b) in enumerate(zip(want, have, strict=True), 1):
        if a == b:
            continue
        if a.startswith("Antal beröm"):
            assert b == a + " ", n
        else:
            assert numbers.sub("", a) == numbers.sub("", b), (n, a, b)


# --- determinism and variations -------------------------------------------------------


def test_same_seed_same_export() -> None:
    report = load(SAMPLES[0])
    assert variations(7, 5) == variations(7, 5)
    for v in variations(7, 5):
        assert write_plain(vary(report, v), v) == write_plain(vary(report, v), v)
    assert variations(7, 5) != variations(8, 5)


def test_variations_differ_as_promised() -> None:
    vs = variations(1, 40)
    for attr in ("text_width", "heading_width", "name_width", "value_width", "page_lines"):
        assert len({getattr(v, attr) for v in vs}) > 3, attr
    assert {v.female_sign for v in vs} == {True, False}
    assert {v.blank_seed is None for v in vs} == {True, False}
    assert {v.group_label_at for v in vs} == {"before_last", "middle", "after"}
    kinds = {b.kind for v in vs for b in v.breaks}
    assert kinds == set(BREAK_KINDS)
    assert {b.style for v in vs for b in v.breaks} == {"full", "bare", "none"}


def _starts(report: dict[str, Any], v: Variation) -> list[str]:
    """The kind of place each page of the body starts at (the anchor before it)."""
    body = build_body(report, v)
    pages = paginate(body, v)
    return [str(p.lines[0].anchor) for p in pages[1:]]


@pytest.mark.parametrize("kind", BREAK_KINDS)
def test_forced_breaks_fall_where_asked(kind: str) -> None:
    reports = [load(p) for p in SAMPLES]
    hits = 0
    for report in reports:
        body = build_body(report, SPECIMEN)
        if not any(line.anchor == kind for line in body):
            continue
        v = replace(SPECIMEN, breaks=(Break(kind, 1),), page_lines=0)
        assert kind in _starts(report, v)
        hits += 1
    assert hits, f"no sample has a place of kind {kind}"


def test_breaks_fall_mid_row_between_analys_and_text_and_inside_complaints() -> None:
    """Across the seeded variations the writer's breaks reach every kind of place."""
    seen: Counter[str] = Counter()
    for path in SAMPLES:
        report = load(path)
        for v in variations(5, 6):
            seen.update(_starts(vary(report, v), v))
    for kind in BREAK_KINDS:
        assert seen[kind] > 0, kind


def test_names_fit_and_wrap_across_variations() -> None:
    report = load(CLEAN_VB)
    one_line = wrapped = 0
    for v in variations(2, 20):
        out = write_plain(vary(report, v), v)
        if "\nAndel brukare som känner sig delaktiga " in out:
            one_line += 1
        elif "\nAndel brukare som " in out:
            wrapped += 1
    assert one_line and wrapped


def test_vary_empties_one_cell_in_every_column() -> None:
    report = load(
        ROOT / "sample_reports" / "seeds" / "000-vb-2023-enheten-for-personligt-stod.yaml"
    )
    v = next(v for v in variations(3, 10) if v.blank_seed is not None)
    after = vary(report, v)

    def filled(r: dict[str, Any]) -> Counter[tuple[str, str]]:
        return Counter(
            (kind, col)
            for kind, row in table_rows(r)
            for col in BLANKABLE[kind]
            if cell(row.get(col))
        )

    before_n, after_n = filled(report), filled(after)
    for key, n in before_n.items():
        assert after_n[key] == n - 1, key
    assert vary(report, replace(v, blank_seed=None)) == report


def test_icons_are_lost_and_female_sign_varies() -> None:
    report = load(CLEAN_VB)
    outs = [write_plain(report, v) for v in variations(4, 12)]
    for out in outs:
        assert not set("✓!●◆") & set(out)
    assert any("♀" in out for out in outs) and any("♀" not in out for out in outs)


FEATURE_PATTERNS = {
    "trailing space on text lines": r"\n[^\n ]+[^\n]* \n",
    "lines holding only spaces": r"\n +\n",
    "merged header": r"\nHandläggare  Till \n[^\n]+ \nTelefon:",
    "start.stockholm": r"\nstart\.stockholm \n",
    "contents with dot leaders": r"\nInnehållsförteckning \n(?:[^\n]*\n)*?[^\n]* \.{3,}\d+ \n",
    "running head": r"\nBoendestödet Västra, (?:Verksamhetsberättelse|Tertialrapport \d|Verksamhetsplan) \d+\(\d+\) ",
    "status with a leading space": r"\n (?:Uppfylls helt|Ingen) \n",
    "indicator header": r"Indikator (?:Periodens|Årsmål KF:s) \n",
    "activity header": r"Aktivitet Startdatum Slutdatum",
    "indented activity": r"\n  [^ \n][^\n]* \n\n",
    "activity dates": r"\n\d{4}-\d\d-\d\d \d{4}-\d\d-\d\d ",
}


@pytest.mark.parametrize("path", SAMPLES[:4], ids=lambda p: p.stem)
def test_every_feature_is_in_every_export(path: Path) -> None:
    report = load(path)
    for v in [SPECIMEN, *variations(9, 3)]:
        out = write_plain(report, v)  # every cell kept: emptied ones are tested apart
        for feature, pattern in FEATURE_PATTERNS.items():
            if feature.startswith("status") and report["rapport"]["typ"] == "VP":
                continue
            assert re.search(pattern, out), (path.name, v.name, feature)
        if report.get("kvalitetsarbete", {}).get("klagomål"):
            assert "Uppdelning Klagomål/synpunkter/kategori" in out
            assert re.search(r"\nLex Sarah[^\n]*\n", out)
        if report.get("ekonomi", {}).get("resultaträkning"):
            assert re.search(r"\nIntäkter    \n", out)


def test_every_sample_writes_in_every_variation() -> None:
    for path in SAMPLES:
        report = load(path)
        for v in variations(11, 4):
            out = write_plain(vary(report, v), v)
            assert out.endswith("\n") and "\t" not in out and "**" not in out, (path, v.name)


def test_corpus_tool_writes_exports_truths_and_manifest(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    tool = str(ROOT / "tools" / "plain_corpus.py")
    proc = subprocess.run(
        [sys.executable, tool, str(tmp_path), "--seeds", "2", "--samples", "clean/*.yaml"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest) == 4 * 3  # four clean samples × (the specimen + two seeds)
    for entry in manifest:
        truth = load(tmp_path / entry["truth"])
        v = Variation(
            **{**entry["layout"], "breaks": tuple(Break(**b) for b in entry["layout"]["breaks"])}
        )
        assert (tmp_path / entry["export"]).read_text(encoding="utf-8") == write_plain(truth, v)


def test_pages_never_break_inside_a_wrapped_cell_or_a_table_header() -> None:
    for path in SAMPLES:
        report = load(path)
        for v in variations(6, 4):
            pages = paginate(build_body(vary(report, v), v), v)
            assert len(pages) > 1, (path.name, v.name)
            for page in pages[1:]:
                assert not page.lines[0].keep, (path.name, v.name, page.lines[0].text)
