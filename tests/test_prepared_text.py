"""A file's text made where it is checked (``Prepared``) is the text the run's process made.

A run writing one format that renders a file alone (text) has each outcome prepared
where it is checked: suppressions and the enabled rules applied, counted and rendered.
The run's process then writes that text, unless a run rule adds a finding to the file
(RK403 on Solsidan's year report), when the file's findings are made again there.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.findings import Finding
from checker.outputs import FormatOptions
from checker.outputs.text import TextFormatter
from checker.results import Prepared, Totals
from checker.run import pipeline
from checker.run.batch import paths_source
from tests.conftest import ROOT, SAMPLES, cli

DEFECTS = SAMPLES / "defects" / "vb-2024-typiska-fel.yaml"


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples, the hostile corpus and a report with a used and an unused suppression."""
    root = tmp_path_factory.mktemp("prepared") / "rapporter"
    shutil.copytree(SAMPLES / "defects", root / "defects")
    shutil.copytree(SAMPLES / "clean", root / "clean")
    shutil.copytree(ROOT / "tests" / "hostile" / "corpus", root / "hostile")
    lines = DEFECTS.read_text(encoding="utf-8").splitlines()
    assert lines[40].endswith("status: Uppfylles helt") and lines[3] == "  typ: VB"
    lines[40] += "  # rapportkoll: ignore[RK201] statusen rättas i nästa version"
    lines[3] += "  # rapportkoll: ignore[RK302] inget att dölja här"
    (root / "undantag.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


class _Kinds:
    """A sink that notes what kind of findings each file came as, reading none of them."""

    def __init__(self) -> None:
        self.kinds: dict[str, str] = {}

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None:
        self.kinds[Path(file).name] = type(findings).__name__


def _run(
    tree: Path, jobs: int, options: FormatOptions, prepared: bool
) -> tuple[str, list[Finding], dict[str, str]]:
    """The text of a run over ``tree``, every finding (read by a sink) and their kinds."""
    engine = Engine(Settings())
    out = io.StringIO()
    outputs = pipeline.Outputs()
    outputs.show(TextFormatter(out, options))
    prepare = outputs.prepare(engine) if prepared else None
    assert prepare is not None or not prepared
    kinds, held = _Kinds(), pipeline.Collect()
    outputs.start()
    source = paths_source(engine, [str(tree)], jobs, prepare=prepare)
    totals = pipeline.run(engine, source, [kinds, outputs, held])
    outputs.stop(totals)
    return out.getvalue(), held.findings, kinds.kinds


@pytest.mark.parametrize(
    ("jobs", "lang", "colour"), [(1, "sv", False), (2, "sv", False), (2, "en", True)]
)
def test_prepared_text_and_findings_are_the_ones_made_at_the_end(
    tree: Path, jobs: int, lang: str, colour: bool
) -> None:
    options = FormatOptions(lang, (), colour)
    text, findings, kinds = _run(tree, jobs, options, prepared=True)
    plain_text, plain_findings, plain_kinds = _run(tree, jobs, options, prepared=False)
    assert text == plain_text
    assert findings == plain_findings  # a sink that reads them gets them made
    assert set(plain_kinds.values()) == {"list"}
    assert kinds["vb-2024-solsidan.yaml"] == "list"  # RK403 added at the end: made there
    assert kinds["undantag.yaml"] == kinds["vb-2024-typiska-fel.yaml"] == "Prepared"
    assert sum(k == "Prepared" for k in kinds.values()) >= len(kinds) - 1
    codes = {f.code for f in findings if f.file.endswith("undantag.yaml")}
    assert "RK201" not in codes and "RK002" in codes  # one suppression used, one not
    assert "RK403" in {f.code for f in findings}
    assert ("\x1b[" in text) == colour


def test_a_prepared_findings_count_without_making_them(tree: Path) -> None:
    """The totals count a prepared file by its tally; the text writes the text made for it."""
    engine = Engine(Settings())
    outputs = pipeline.Outputs()
    out = io.StringIO()
    formatter = TextFormatter(out, FormatOptions())
    outputs.show(formatter)
    prepare = outputs.prepare(engine)
    assert prepare is not None
    findings = engine.check_bytes(DEFECTS.read_bytes(), "a.yaml").findings
    n, tally, key, text = prepare("a.yaml", findings, [])
    made = Prepared(b"", n, tally, key, text)  # no outcome to make them from: never read
    totals = Totals()
    totals.count(made)
    plain = Totals()
    plain.count(sorted(findings, key=Finding.sort_key))
    assert (totals.counts, totals.with_findings, totals.safe_fixes) == (
        plain.counts,
        plain.with_findings,
        plain.safe_fixes,
    )
    formatter.handle_file("a.yaml", made)
    assert out.getvalue() == text and text.startswith("a.yaml\n")
    made.make = lambda: sorted(findings, key=Finding.sort_key)
    english = io.StringIO()
    other = TextFormatter(english, FormatOptions("en"))  # made for another key: its own text
    other.handle_file("a.yaml", made)
    assert english.getvalue() == other.block("a.yaml", made.made()) != text


def test_only_a_run_of_one_format_that_renders_a_file_alone_is_prepared(tmp_path: Path) -> None:
    engine = Engine(Settings())
    options = FormatOptions()
    one = pipeline.Outputs()
    one.show(TextFormatter(io.StringIO(), options))
    assert one.prepare(engine) is not None
    two = pipeline.Outputs()
    two.show(TextFormatter(io.StringIO(), options))
    two.open("json", str(tmp_path / "out.json"), options)
    assert two.prepare(engine) is None
    try:
        json = pipeline.Outputs()
        json.open("json", str(tmp_path / "only.json"), options)
        assert json.prepare(engine) is None
    finally:
        two.discard()
        json.discard()


def test_the_command_line_writes_the_same_text_prepared_or_not(tree: Path) -> None:
    """``check`` alone prepares; with a second format (``--output``) it does not."""
    for extra in ([], ["-q", "--lang", "en"]):
        runs = []
        for more in ([], ["--output", "json=out.json"]):
            args = ["check", str(tree), "--no-config", "--jobs", "2", *extra, *more]
            proc = cli(*args, cwd=tree.parent)
            runs.append((proc.stdout, proc.stderr, proc.returncode))
        assert runs[0] == runs[1]
        assert runs[0][2] == 1 and "RK403" in runs[0][0]
