"""Our PDFs in the city's layout, read back by word positions as ``rapportkoll import X.pdf``.

A fixed small subset of ``tools/fidelity.py --city-pdf``: sample reports rendered by
``checker.render`` in the city's layout (group labels of the complaints table set beside
their rows, header rows repeated after a page break), one of them also in a varied layout,
each imported from its PDF bytes and compared field by field with the sample it was
rendered from. Every kind must stay at the figures the reader reached (at least 98 %
precision and recall); a fall names the kind and the differing facts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.importer import import_bytes
from checker.importer.fidelity import KINDS, Score, compare
from checker.render import LayoutOptions, load_report, render_report
from tests.conftest import ROOT
from tests.importer.corpus import RENDER_LAYOUTS
from tests.render.city_pdf import CITY_LAYOUT

pytest.importorskip("pdfplumber")

CASES = [
    # wrapped complaint categories and group labels, Lex Sarah with a summary, gender split
    ("clean/vb-2024-boendestodet.yaml", CITY_LAYOUT),
    # another unit's report: more complaint rows, deviating activities, nested goals
    ("seeds/000-vb-2023-enheten-for-personligt-stod.yaml", CITY_LAYOUT),
    # the same layout in another paper size, type size and column widths
    ("defects/vb-2024-typiska-fel.yaml", {**RENDER_LAYOUTS[1], **CITY_LAYOUT}),
]

# What the reader reaches on this subset, per kind: (precision, recall).
FLOOR = 0.98
TEXT_KINDS = ("textavsnitt", "textinnehåll")


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Score]:
    folder = tmp_path_factory.mktemp("city-pdf")
    total = {kind: Score() for kind in KINDS}
    for relative, layout in CASES:
        sample = ROOT / "sample_reports" / relative
        pdf: Path = folder / (sample.stem + ".pdf")
        options = LayoutOptions(**layout)  # type: ignore[arg-type]
        pdf.write_bytes(render_report(load_report(sample), "pdf", options))
        # the real import path: the bytes of a file named .pdf, read under the import budget
        data = import_bytes(pdf.read_bytes(), pdf.name).data
        reference: dict[str, Any] = yaml.safe_load(sample.read_text(encoding="utf-8"))
        for kind, score in compare(data, reference).scores.items():
            total[kind].add(score)
    return total


@pytest.mark.parametrize("kind", [k for k in KINDS if k not in TEXT_KINDS])
def test_city_pdf_cells_read_by_positions(scores: dict[str, Score], kind: str) -> None:
    score = scores[kind]
    assert score.reference > 0, f"no {kind} facts in the subset: the test measures nothing"
    assert score.precision >= FLOOR and score.recall >= FLOOR, (
        f"{kind}: precision {score.precision:.1%}, recall {score.recall:.1%}\n"
        + "\n".join(f"  only in the sample: {f}" for f in score.only_reference[:20])
        + "\n"
        + "\n".join(f"  only in the import: {f}" for f in score.only_imported[:20])
    )


def test_city_pdf_complaint_columns_read_by_positions(scores: dict[str, Score]) -> None:
    """Every column of the complaints table, the wrapped category and the summary included."""
    score = scores["klagomål"]
    for name in ("kategori", "t1", "t2", "vb", "totalt", "sammanfattning"):
        precision, recall, count = score.field_score(name)
        assert count > 0, f"no {name} cells in the subset"
        assert precision >= FLOOR and recall >= FLOOR, (name, precision, recall)


def test_city_pdf_text_read_by_positions(scores: dict[str, Score]) -> None:
    for kind in TEXT_KINDS:
        score = scores[kind]
        assert score.precision >= 0.97 and score.recall >= 0.97, (kind, score.only_reference[:5])
