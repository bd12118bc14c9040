"""`check` on the seed exports themselves equals `check` on their transcriptions.

The four seed texts in ``../shared/seeds`` are read the way ``rapportkoll check``
reads them (``checker.read.sources.read_source`` imports an export in memory,
through the engine and ``check_paths``). Their findings must be the findings on
the hand transcriptions in ``sample_reports/seeds`` (code, message and label;
not the line, which counts in a different file), and every finding on an
export must point at a real line of the export whose text belongs to the
finding: the indicator's row names the indicator, a status finding's line holds
the status, a section finding's line its heading.

Nothing is pinned: both sides are computed live, so a transcription fixed
elsewhere changes the comparison by itself. A difference that stems from a
transcription defect is ``xfail(strict=True)`` with the defect's name
(``TRANSCRIPTION_DEFECTS``): the day the transcription is fixed the test
passes, and strict mode says to remove the mark.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.findings import Finding
from checker.importer import import_source
from checker.importer.items import clean
from checker.importer.vocab import COMPLAINT_GROUP_LABELS
from checker.run.batch import check_paths
from tests.shared import SEED_EXPORTS

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXTS = SEED_EXPORTS
TRANSCRIPTIONS = ROOT / "sample_reports" / "seeds"


def _pairs() -> list[tuple[Path, Path]]:
    out = []
    for text in sorted(SEED_TEXTS.glob("*.txt")):
        found = sorted(TRANSCRIPTIONS.glob(text.name[:3] + "-*.yaml"))
        if found:
            out.append((text, found[0]))
    return out


PAIRS = _pairs()

# Findings that differ because a transcription is not faithful to its source
# (being corrected in sample_reports/seeds by the seeds' engineer).
TRANSCRIPTION_DEFECTS: dict[str, str] = {}  # none left: seed 001's analysis is now as the source

pytestmark = pytest.mark.usefixtures("seed_exports")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Settings())


def findings(engine: Engine, path: Path) -> list[Finding]:
    return check_paths(engine, [str(path)]).findings


def key(f: Finding) -> tuple[str, str, str]:
    return (f.code, f.message.sv, f.label.sv)


def _params() -> list[Any]:
    out = []
    for text, reference in PAIRS:
        defect = TRANSCRIPTION_DEFECTS.get(text.name[:3])
        marks = [pytest.mark.xfail(strict=True, reason=defect)] if defect else []
        out.append(pytest.param(text, reference, id=text.name[:3], marks=marks))
    return out


# RK108 (unplaced text) is compared by the text, not entry by entry: the importer keeps
# each line it cannot place as an entry of its own, with the line in its message, where
# a transcriber may group lines; and a transcription need not list what an import could
# not place. Every word the transcription calls unplaced must be unplaced in the import.
UNPLACED = "RK108"


def _unplaced_words(found: list[Finding]) -> Counter[str]:
    words: Counter[str] = Counter()
    for f in found:
        if f.code == UNPLACED:
            quoted = re.search(r"»(.*)«", f.message.sv)
            words.update((quoted.group(1) if quoted else "").replace("…", " ").split())
    return words


@pytest.mark.parametrize("text,reference", _params())
def test_check_on_the_export_gives_the_findings_of_its_transcription(
    engine: Engine, text: Path, reference: Path
) -> None:
    export_found, yaml_found = findings(engine, text), findings(engine, reference)
    missing = _unplaced_words(yaml_found) - _unplaced_words(export_found)
    # the quoted text is cut at its last whole word: a word cut short is not missing
    assert len(missing) <= sum(1 for f in yaml_found if f.code == UNPLACED), missing
    on_export = Counter(key(f) for f in export_found if f.code != UNPLACED)
    on_yaml = Counter(key(f) for f in yaml_found if f.code != UNPLACED)
    only_export = sorted((on_export - on_yaml).elements())
    only_yaml = sorted((on_yaml - on_export).elements())
    assert not only_export and not only_yaml, (
        "only on the export:\n"
        + "\n".join(map(str, only_export))
        + "\nonly on the transcription:\n"
        + "\n".join(map(str, only_yaml))
    )


# ------------------------------------------------------- the line of a finding

NAME_KEYS = ("namn", "aktivitet", "titel", "rad", "kategori", "rubrik")
HEADINGS = {
    "analys": "Analys",
    "resursanvändning": "Resursanvändning",
    "budget": "Budget",
    "investeringar": "Investeringar",
    "lokaländamål": "lokaländamål",
    "övrigt": "Övrigt",
    "beskrivning": "Beskrivning",
    "förväntat_resultat": "Förväntat resultat",
    "arbetssätt": "Arbet",
    "uppföljning": "Uppföljning",
    "utveckling": "Utveckling",
    "sammanfattande_analys": "Sammanfattande analys",
    "inledning": "Inledning",
    "kvalitetsarbete": "kvalitetsarbete",
}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", clean(text)).strip().casefold()


def _walk(data: Any, pointer: str) -> list[Any]:
    """The values from the root down to the pointer (as far as it exists)."""
    chain = [data]
    for raw in pointer.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        node = chain[-1]
        if isinstance(node, dict) and token in node:
            chain.append(node[token])
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            chain.append(node[int(token)])
        else:
            break
    return chain


def expected_texts(data: dict[str, Any], pointer: str) -> list[str]:
    """Texts one of which the finding's line must hold."""
    chain = _walk(data, pointer)
    keys = [t for t in pointer.split("/")[1:] if not t.isdigit()]
    out: list[str] = []
    value = chain[-1] if len(chain) == len(pointer.split("/")) else None
    if isinstance(value, (str, int, float)) and str(value).strip():
        out.append(str(value).strip().splitlines()[0])
    for node in reversed(chain):
        if isinstance(node, dict):
            out += [str(node[k]) for k in NAME_KEYS if isinstance(node.get(k), (str, int))]
    if keys and keys[0] == "ej_placerat" and isinstance(chain[-1], dict):
        # an unplaced text starts on its line (a section's lines are one entry)
        out.append((str(chain[-1].get("text", "")).splitlines() or [""])[0])
    if keys and keys[-1] in HEADINGS:
        out.append(HEADINGS[keys[-1]])
    if keys and keys[-1] in COMPLAINT_GROUP_LABELS:
        complaints = data.get("kvalitetsarbete", {}).get("klagomål", {})
        labels = complaints.get("grupprubriker") or {}
        out.append(str(labels.get(keys[-1], COMPLAINT_GROUP_LABELS[keys[-1]])))
    return [t for t in out if t.strip()]


def _header_end(lines: list[str]) -> int:
    """The line where the header ends: the first main section or the contents."""
    for number, line in enumerate(lines, start=1):
        if re.search(r"(Innehållsförteckning|Sammanfattande analys|Inledning)\W*$", line):
            return number
    return len(lines)


@pytest.mark.parametrize(
    "text",
    [t for t, _ in PAIRS] or [pytest.param(None, id="no-seed-exports")],
    ids=lambda p: p.name[:3],
)
def test_every_finding_points_at_a_line_of_the_export_that_holds_its_subject(
    engine: Engine, text: Path
) -> None:
    lines = text.read_text(encoding="utf-8").splitlines()
    data = import_source(text).data
    found = findings(engine, text)
    assert found, "the seeds all have findings"
    wrong = [
        f"{f.code} {f.path}: line {f.line} {lines[f.line - 1][:80] if 0 < f.line <= len(lines) else ''!r}"
        for f in found
        if not holds_subject(f, f.line, lines, data)
    ]
    assert not wrong, "\n".join(wrong)


def holds_subject(f: Finding, number: int, lines: list[str], data: dict[str, Any]) -> bool:
    if not 1 <= number <= len(lines):
        return False
    if f.path.startswith("/rapport/"):
        return number <= _header_end(lines)
    line = _norm(lines[number - 1])
    return any(_norm(t)[:25] in line for t in expected_texts(data, f.path))


def test_the_line_check_notices_a_wrong_line(engine: Engine) -> None:
    """Moved one line down, most findings no longer stand on their subject's line."""
    moved = held = 0
    for text, _ in PAIRS:
        lines = text.read_text(encoding="utf-8").splitlines()
        data = import_source(text).data
        for f in findings(engine, text):
            if f.path.startswith("/rapport/"):
                continue
            moved += 1
            held += holds_subject(f, f.line + 2, lines, data)
    assert moved and held <= moved // 4
