"""The PDF in the city's layout, read back from real PDFs on disk.

The city's tables have fixed columns and header words, names wrap in a narrow
column, a table that crosses a page repeats its header row, the cover sets
Handläggare and Till as two columns, and every page after the cover has the
running head "<enhet>, Verksamhetsberättelse 7(31)". Each test renders a real
PDF (the sample reports, or a long report made here so that a table crosses a
page) and reads it back with pdfplumber (tables, words with their positions,
lines), pypdf and pdfminer.six, the ways staff and readers get a PDF's text.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.render import LayoutOptions, build_document, load_report, render_report
from checker.render.document import COMPLAINT_COLUMNS

from .city_pdf import EXTRACTS, ROOT, extract_lines, extract_reading_order, read_corpus

pdfplumber = pytest.importorskip("pdfplumber", reason="the import extra is not installed")
pypdf = pytest.importorskip("pypdf", reason="the render extra is not installed")
try:
    import weasyprint  # type: ignore[import-untyped]  # noqa: F401
except (ImportError, OSError) as error:  # OSError: Pango is missing
    pytest.skip(f"WeasyPrint cannot run here: {error}", allow_module_level=True)

CLEAN_VB = ROOT / "sample_reports" / "clean" / "vb-2024-boendestodet.yaml"
CLEAN_VP = ROOT / "sample_reports" / "clean" / "vp-2025-boendestodet.yaml"
TOOL = ROOT / "tools" / "city_pdf_corpus.py"

Words = list[dict[str, Any]]


# ----------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The clean sample VB through the corpus tool, as a user runs it."""
    folder = tmp_path_factory.mktemp("city-corpus")
    proc = subprocess.run(
        [sys.executable, str(TOOL), str(folder), "--only", "clean/vb-", "--jobs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return folder


@pytest.fixture(scope="module")
def vb_pdf(corpus: Path) -> Path:
    return corpus / "clean--vb-2024-boendestodet.pdf"


def _long_names_report() -> dict[str, Any]:
    """Enough indicators, with long names and analyses, that the table crosses pages."""
    rows = []
    for i in range(36):
        row: dict[str, Any] = {
            "namn": f"Mätning {i}: andel brukare med en aktuell genomförandeplan som "
            "de själva har varit med och tagit fram",
            "utfall": f"{50 + i} %",
            "utfall_föregående": f"{i} %",
            "årsmål": "öka",
            "kf_årsmål": "Tas fram av nämnd",
            "period": "VB 2024",
            "analys": "Mätningen görs varje tertial och följs upp på APT.",
        }
        if i == 3:
            row["prognos_helår"] = "99 %"  # the older templates' column
        rows.append(row)
    return {
        "rapport": {
            "typ": "VB",
            "år": 2024,
            "enhet": "Enheten Exempelgården",
            "nämnd": "Exempelstadens stadsdelsnämnd",
            "dnr": "EX 2024/1",
            "handläggare": "Anna Exempel",
        },
        "inriktningsmål": [
            {
                "nummer": "1",
                "titel": "Ett Stockholm som håller samman",
                "verksamhetsområdesmål": [
                    {"nummer": "1.3", "titel": "Stöd och omsorg", "indikatorer": rows}
                ],
            }
        ],
    }


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("long") / "long.pdf"
    path.write_bytes(render_report(_long_names_report(), "pdf", LayoutOptions()))
    return path


# ------------------------------------------------------------------ helpers


def _rows(pdf: Path) -> Iterator[tuple[int, list[str]]]:
    """Every table row pdfplumber finds by the ruling lines, with its page number. A cell
    that another spans (and the grid of another table on the page) is None: left out."""
    with pdfplumber.open(str(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            for table in page.extract_tables():
                for row in table:
                    yield number, [c for c in row if c is not None]


def _heading(cell: str | None) -> str:
    """A header cell's text as one line: its wrapped words joined, "män/ pojkar" as the
    city writes it ("män/pojkar")."""
    return re.sub(r"/ ", "/", re.sub(r"\s+", " ", cell or "")).strip()


def _headers(pdf: Path, *first: str) -> list[tuple[int, list[str]]]:
    """The header rows that start with the cells ``first``, as one-line headings."""
    found = []
    for number, row in _rows(pdf):
        cells = [_heading(c) for c in row]
        if cells[: len(first)] == list(first):
            found.append((number, cells))
    return found


def _complaint_rows(pdf: Path) -> list[tuple[int, list[str]]]:
    """The complaints table's rows after its header, up to the next text outside it."""
    rows = list(_rows(pdf))
    start = next(i for i, (_, row) in enumerate(rows) if row[:1] == ["Uppdelning"])
    out = []
    for number, row in rows[start + 1 :]:
        if len(row) < len(COMPLAINT_COLUMNS) - 1:
            break
        if _heading(row[0]) != "Uppdelning":  # the header repeated after a page break
            out.append((number, row))
    return out


def _words(pdf: Path) -> list[Words]:
    with pdfplumber.open(str(pdf)) as document:
        return [page.extract_words(x_tolerance=1.5, y_tolerance=2) for page in document.pages]


def _line_of(words: Words, word: dict[str, Any]) -> Words:
    return sorted(
        (w for w in words if abs(float(w["top"]) - float(word["top"])) <= 2),
        key=lambda w: float(w["x0"]),
    )


def _first(words: Words, text: str) -> dict[str, Any]:
    return next(w for w in words if w["text"] == text)


# -------------------------------------------------------- columns and words


def test_indicator_table_has_the_city_columns_and_header_words(vb_pdf: Path) -> None:
    data = load_report(CLEAN_VB)
    previous = f"Utfall VB {data['rapport']['år'] - 1}"
    headers = _headers(vb_pdf, "Indikator")
    assert len(headers) >= 2  # two goals with indicators in the sample
    for _, header in headers:
        assert header == [
            "Indikator",
            "Periodens utfall",
            "Utfall män/pojkar",
            "Utfall kvinnor/flickor",
            previous,
            "Årsmål",
            "KF:s årsmål",
            "Period",
        ]


def test_activity_budget_and_complaints_tables_have_the_city_columns(vb_pdf: Path) -> None:
    activities = _headers(vb_pdf, "", "Aktivitet")
    assert activities and all(
        h == ["", "Aktivitet", "Startdatum", "Slutdatum", "Avvikelse"] for _, h in activities
    )
    statement = load_report(CLEAN_VB)["ekonomi"]["resultaträkning"]
    budget = [h for _, h in _headers(vb_pdf, "", statement["utfall_rubrik"])]
    assert budget and all(
        h == ["", statement["utfall_rubrik"], "Budget", "Avvikelse"] for h in budget
    )
    text = extract_lines(vb_pdf)
    assert f"Beloppen anges i {statement['enhet']}" in text
    complaints = _headers(vb_pdf, "Uppdelning")
    assert len(complaints) == 1
    assert complaints[0][1] == [_heading(c) for c in COMPLAINT_COLUMNS]
    assert complaints[0][1][2:6] == ["Utfall T1", "Utfall T2", "Utfall VB", "Totalt ack. Utfall"]


def test_plan_and_older_template_columns(tmp_path: Path, long_pdf: Path) -> None:
    vp = tmp_path / "vp.pdf"
    vp.write_bytes(render_report(load_report(CLEAN_VP), "pdf", LayoutOptions()))
    year = load_report(CLEAN_VP)["rapport"]["år"]
    plan = _headers(vp, "Indikator")
    assert plan and all(
        h == ["Indikator", "Årsmål", f"KF:s årsmål år {year}", "Periodicitet"] for _, h in plan
    )
    # a column of the older templates appears where a row has a value for it
    older = _headers(long_pdf, "Indikator")
    assert older and all("Prognos helår" in h for _, h in older)
    assert older[0][1].index("Prognos helår") == older[0][1].index("Årsmål") - 1


# ------------------------------------------------ page breaks and wrapping


def test_header_row_is_repeated_after_every_page_break(long_pdf: Path) -> None:
    headers = _headers(long_pdf, "Indikator")
    pages = sorted({number for number, _ in headers})
    assert len(pages) >= 3, "the long table should cross at least two page breaks"
    assert all(header == headers[0][1] for _, header in headers)
    # every page the table continues on starts it with the header row, before any row
    with pdfplumber.open(str(long_pdf)) as document:
        for number in pages:
            words = document.pages[number - 1].extract_words()
            header_top = min(float(w["top"]) for w in words if w["text"] == "Indikator")
            rows = [float(w["top"]) for w in words if w["text"] == "Mätning"]
            assert rows and header_top < min(rows)
    # and in reading order (pdfminer.six), each of those pages holds the header's words
    pages_text = extract_reading_order(long_pdf).split("\f")
    for number in pages:
        lines = [line.strip() for line in pages_text[number - 1].splitlines()]
        assert {"Indikator", "män/", "pojkar", "kvinnor/", "flickor"} <= set(lines)


def test_long_names_wrap_in_the_narrow_name_column(long_pdf: Path) -> None:
    data = _long_names_report()
    rows = data["inriktningsmål"][0]["verksamhetsområdesmål"][0]["indikatorer"]
    pages = _words(long_pdf)
    with pdfplumber.open(str(long_pdf)) as document:
        width = float(document.pages[0].width)
    checked = 0
    for words in pages:
        heads = [w for w in words if w["text"] == "Indikator"]
        if not heads:
            continue
        # the name column ends where the next heading (Periodens utfall) begins
        value_column = float(_line_of(words, heads[0])[1]["x0"])
        for row in rows:
            outcome = next((w for w in words if w["text"] == row["utfall"].split()[0]), None)
            if outcome is None:
                continue
            # the name's first line stands on the outcome's line, in the name column
            line = _line_of(words, outcome)
            name_words = [w for w in line if float(w["x1"]) <= value_column]
            first_line = " ".join(w["text"] for w in name_words)
            assert row["namn"].startswith(first_line) and first_line != row["namn"]
            checked += 1
    assert checked >= len(rows) // 2
    assert value_column < width * 0.4  # a narrow name column, as the city's


def test_a_row_reads_as_its_cells_joined_by_single_spaces(vb_pdf: Path) -> None:
    """pdfplumber's lines: a row's first line is its name's first line and its values,
    one space apart, the empty cells gone; by word positions the empty cell keeps its
    room (pdfplumber's layout mode)."""
    row = load_report(CLEAN_VB)["inriktningsmål"][0]["verksamhetsområdesmål"][0]["nämndmål"][0][
        "enhetsmål"
    ][0]["indikatorer"][0]
    keys = (
        "utfall",
        "utfall_män",
        "utfall_kvinnor",
        "utfall_föregående",
        "årsmål",
        "kf_årsmål",
        "period",
    )
    values = [str(row[k]) for k in keys if row.get(k)]
    assert len(values) < len(keys), "the sample row has an empty cell"
    lines = extract_lines(vb_pdf).splitlines()
    line = next(line for line in lines if " ".join(values) in line)
    name_part = line[: line.index(" ".join(values))].strip()
    assert name_part and ("♀ " + row["namn"]).startswith(name_part)
    assert line.endswith(" ".join(values))
    # by word positions (pdfplumber's layout mode) the empty KF:s årsmål cell keeps its
    # room: the gap across it is wider than every gap between two filled cells
    layout = next(
        line for line in extract_lines(vb_pdf, layout=True).splitlines() if line_has(line, values)
    )
    gaps, at = [], layout.index(values[0]) + len(values[0])
    for value in values[1:]:
        start = layout.index(value, at)
        gaps.append(start - at)
        at = start + len(value)
    across = [k for k in keys if row.get(k)].index("årsmål")  # the gap after årsmål
    assert gaps[across] == max(gaps) and gaps[across] > 2 * max(gaps[:across])


def line_has(line: str, values: list[str]) -> bool:
    return all(v in line for v in values)


# ------------------------------------------------------ cover and running heads


def test_cover_sets_handlaggare_and_till_as_two_columns(vb_pdf: Path) -> None:
    header = load_report(CLEAN_VB)["rapport"]
    words = _words(vb_pdf)[0]
    author, to = _first(words, "Handläggare"), _first(words, "Till")
    assert abs(float(author["top"]) - float(to["top"])) < 1  # side by side
    with pdfplumber.open(str(vb_pdf)) as document:
        page = document.pages[0]
        left, right = float(author["x0"]), float(page.width) - left_margin(page)
    assert float(to["x0"]) - left == pytest.approx((right - left) / 2, abs=12)
    name = _first(words, header["handläggare"].split()[0])
    committee = _first(words, header["nämnd"].split()[0])
    assert float(name["top"]) > float(author["top"]) and abs(float(name["x0"]) - left) < 1
    assert float(committee["top"]) == pytest.approx(float(name["top"]), abs=1)
    assert abs(float(committee["x0"]) - float(to["x0"])) < 1


def left_margin(page: Any) -> float:
    return min(float(w["x0"]) for w in page.extract_words())


@pytest.mark.parametrize("which", ["sample", "long"])
def test_running_head_names_unit_type_and_page_from_the_second_page(
    which: str, vb_pdf: Path, long_pdf: Path
) -> None:
    pdf = vb_pdf if which == "sample" else long_pdf
    data = load_report(CLEAN_VB) if which == "sample" else _long_names_report()
    doc = build_document(data)
    assert doc.running_head == f"{data['rapport']['enhet']}, Verksamhetsberättelse"
    pages = _words(pdf)
    total = len(pages)
    assert total >= 2
    for number, words in enumerate(pages, start=1):
        top = min(float(w["top"]) for w in words)
        head = " ".join(w["text"] for w in _line_of(words, {"top": top}))
        if number == 1:
            assert not head.endswith(f"1({total})")  # the cover has no running head
        else:
            assert head == f"{doc.running_head} {number}({total})"
    # pypdf reads it too, as one line
    texts = [p.extract_text() or "" for p in pypdf.PdfReader(str(pdf)).pages]
    assert all(f"{doc.running_head} {n}({total})" in t for n, t in enumerate(texts[1:], 2))


# ---------------------------------------------------- complaints, as the city sets them


def test_group_labels_span_their_rows_in_the_city_layout(vb_pdf: Path) -> None:
    # a label cell spanning several rows: the rows under it have one cell fewer
    widths = {len(row) for _, row in _complaint_rows(vb_pdf)}
    assert widths == {len(COMPLAINT_COLUMNS), len(COMPLAINT_COLUMNS) - 1}
    data = load_report(CLEAN_VB)["kvalitetsarbete"]["klagomål"]
    first, second = (r["kategori"] for r in data["från_vem"][:2])
    words = _words(vb_pdf)
    page = next(w for w in words if any(x["text"] == "inkommit?" for x in w))
    # the label's last line stands beside the group's second row, not above it
    assert float(_first(page, "inkommit?")["top"]) > float(_first(page, second.split()[0])["top"])
    assert _first(page, first.split()[0])  # and the first row is there too


def test_the_default_layout_keeps_labels_in_the_groups_first_row(tmp_path: Path) -> None:
    pdf = tmp_path / "vb.pdf"
    pdf.write_bytes(render_report(load_report(CLEAN_VB), "pdf", LayoutOptions()))
    assert {len(row) for _, row in _complaint_rows(pdf)} == {len(COMPLAINT_COLUMNS)}


# ------------------------------------------------------------- the corpus


def test_corpus_holds_each_pdf_and_its_extracts(corpus: Path) -> None:
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["extracts"] == list(EXTRACTS)
    (case,) = manifest["cases"]
    assert case["reference"] == "sample_reports/clean/vb-2024-boendestodet.yaml"
    assert case["layout"] == {"spanning_group_labels": True}
    pdf = corpus / f"{case['name']}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert len(pypdf.PdfReader(str(pdf)).pages) == case["pages"]
    for extract in EXTRACTS:
        assert (corpus / f"{case['name']}.{extract}").stat().st_size > 0
    (read,) = read_corpus(corpus)
    assert (read.name, read.reference, read.pages) == (
        case["name"],
        case["reference"],
        case["pages"],
    )
    assert read.text(corpus, "lines.txt").startswith("Stockholms stad")
    words = json.loads((corpus / f"{case['name']}.words.json").read_text(encoding="utf-8"))
    assert len(words) == case["pages"]
    assert {"text", "x0", "x1", "top", "bottom", "fontname", "size"} <= set(words[2][0])
    # reading order (pdfminer.six): the header row split word by word over several
    # lines, and the form feeds that end the pages
    reading = (corpus / f"{case['name']}.pdfminer.txt").read_text(encoding="utf-8")
    assert reading.count("\f") == case["pages"]
    lines = [line.strip() for line in reading.splitlines()]
    at = lines.index("män/")
    assert lines[at - 1 : at + 2] == ["Utfall", "män/", "pojkar"]
    assert lines[lines.index("Periodens") + 1] == "utfall"


def test_corpus_tool_says_when_no_sample_matches(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(TOOL), str(tmp_path / "out"), "--only", "ingen-sådan-rapport"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "inga exempelrapporter" in proc.stderr
    assert not (tmp_path / "out").exists()
