"""Every import runs under a budget of time, memory and output, per document.

Small hostile documents (``documents.py``, written at test time) that keep a
reader busy for ever or make it take gigabytes: PDFs whose objects refer to
themselves, whose text lies a billion spaces to the right, whose streams
unpack to a gigabyte, with thousands of pages; Word files with a huge text
part or deeply nested tables. Each goes through the real command line in a
subprocess with a small budget (``RAPPORTKOLL_IMPORT_SECONDS=1``): ``import``
says in Swedish that the document is too large or too complex and exits 2,
``check`` gives RK105, the rest of the run goes on, nothing hangs (the
subprocess has a timeout), no traceback, and no input changes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.budget import (
    ENV_MEMORY,
    ENV_SECONDS,
    IMPORT_SECONDS,
    IMPORT_WALL_STRETCH,
    import_budget,
)

from . import documents as d
from .conftest import CLEAN, snapshot

SECONDS = 1  # the budget the tests run under: CPU time, which a real report needs little of
MEMORY_MIB = 256
BUDGET_ENV = {ENV_SECONDS: str(SECONDS), ENV_MEMORY: str(MEMORY_MIB)}
HANG = 120  # a run that takes this long hangs: the subprocess is stopped and the test fails
# The longest one document may take: its CPU budget, stretched on a busy machine.
LONGEST = SECONDS * IMPORT_WALL_STRETCH + 2
TOO_COMPLEX = "för stort eller för komplext att läsa"

Builder = Callable[[], bytes]

SELF_REFERENCE: dict[str, Builder] = {
    "sidtradet.pdf": lambda: d.pdf_self_reference("pages"),
    "innehallet.pdf": lambda: d.pdf_self_reference("contents"),
    "typsnittet.pdf": lambda: d.pdf_self_reference("font"),
    "paret.pdf": lambda: d.pdf_self_reference("pair"),
}
FAR_TEXT: dict[str, Builder] = {
    "langt-till-hoger.pdf": d.pdf_text_far_right,
    "annu-langre.pdf": lambda: d.pdf_text_far_right(3e11),
    "glest.pdf": d.pdf_text_spaced_apart,
}
DEFLATE: dict[str, Builder] = {
    "nollor.pdf": lambda: d.pdf_deflate_bomb(512 * d.MiB),
    "textoperatorer.pdf": lambda: d.pdf_deflate_bomb_of_spaces(512 * d.MiB),
}
PAGES: dict[str, Builder] = {
    "501-sidor.pdf": lambda: d.pdf_many_pages(501),
    "2000-sidor-sager-en.pdf": lambda: d.pdf_many_pages(2000, claimed=1),
    "5000-sidor.pdf": lambda: d.pdf_many_pages(5000),
}
LARGE_PART: dict[str, Builder] = {
    "49-mib.docx": d.docx_large_part,
    "17-mib.docx": lambda: d.docx_large_part(17 * d.MiB),
    "tatt-packad.docx": d.docx_packed_tight,
}
NESTING: dict[str, Builder] = {
    "nio-nivaer.docx": lambda: d.docx_nested_tables(9),
    "hundra-nivaer.docx": lambda: d.docx_nested_tables(100),
    "tretusen-nivaer.docx": lambda: d.docx_nested_tables(3000),
    "djup-xml.docx": lambda: d.docx_deep_elements(250),
}
CLASSES: dict[str, tuple[dict[str, Builder], str]] = {
    # class: (members, what the message names besides "too large or too complex")
    "self-reference": (SELF_REFERENCE, "tog mer än 1 sekund och stoppades"),
    "far-text": (FAR_TEXT, "stoppades"),
    "deflate": (DEFLATE, "stoppades"),
    "pages": (PAGES, "fler än 500 sidor"),
    "large-part": (LARGE_PART, "word/document.xml"),
    "nesting": (NESTING, "nivåer"),
}


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str, str, float]:
    """The real command in a subprocess under the test budget; a hang fails the test."""
    full_env = {**os.environ, **BUDGET_ENV, **(env or {})}
    full_env.pop("FORCE_COLOR", None)
    started = time.monotonic()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "checker.cli", *args],
            cwd=cwd,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=HANG,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"rapportkoll {' '.join(args)} hung for {HANG} s")
    took = time.monotonic() - started
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr
    return proc.returncode, proc.stdout, proc.stderr, took


def write(folder: Path, members: dict[str, Builder]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, build in members.items():
        path = folder / name
        path.write_bytes(build())
        paths.append(path)
    return paths


def good_export(path: Path) -> Path:
    """A report as the city's marked-up export (our renderer writes it), which imports well."""
    from checker.render import render_report
    from checker.render.reading import load_report_text

    path.write_bytes(render_report(load_report_text(CLEAN.read_text(encoding="utf-8")), "md"))
    return path


@pytest.mark.parametrize("klass", sorted(CLASSES))
def test_import_says_too_complex_and_goes_on(tmp_path: Path, klass: str) -> None:
    members, detail = CLASSES[klass]
    sources = write(tmp_path / "in", members)
    good = good_export(tmp_path / "in" / "bra.md")
    out = tmp_path / "ut"
    out.mkdir()
    before = snapshot(tmp_path / "in")
    args = ["import", "--out-dir", str(out), *map(str, sources), str(good)]
    code, stdout, stderr, took = run(*args, cwd=tmp_path)
    assert code == 2, stderr
    for source in sources:
        line = next((x for x in stderr.splitlines() if f"{source}:" in x), "")
        assert TOO_COMPLEX in line and detail in line, (source.name, stderr)
        assert "Filen är inte ändrad" in line and "exportera rapporten på nytt" in line
        assert not (out / f"{source.stem}.yaml").exists()
    assert f"skrev {out / 'bra.yaml'} från {good}" in stderr, stderr
    assert stdout == ""
    assert snapshot(tmp_path / "in") == before
    # every member stopped within its budget (plus start-up and the good file)
    assert took < len(sources) * LONGEST + 10, took


@pytest.mark.parametrize("klass", sorted(CLASSES))
def test_check_with_exports_gives_rk105_and_checks_the_rest(tmp_path: Path, klass: str) -> None:
    members, detail = CLASSES[klass]
    folder = tmp_path / "rapporter"
    sources = write(folder, members)
    shutil.copy(CLEAN, folder / "ren.yaml")
    good_export(folder / "bra.md")
    before = snapshot(folder)
    args = ["check", "--format", "json", "--include-exports", "--jobs", "2", str(folder)]
    code, stdout, stderr, _ = run(*args, cwd=tmp_path)
    assert code == 1, stderr
    findings = json.loads(stdout)["findings"]
    for source in sources:
        mine = [f for f in findings if f["file"] == str(source)]
        assert [f["code"] for f in mine] == ["RK105"], (source.name, mine)
        message = mine[0]["messages"]["sv"]
        assert TOO_COMPLEX in message and detail in message, message
    assert not any(
        f["code"] == "RK105" for f in findings if f["file"].endswith(("ren.yaml", "bra.md"))
    )
    assert str(folder / "bra.md") in json.loads(stdout)["files"], "the good export was not checked"
    assert snapshot(folder) == before


def test_a_folder_walk_with_every_class_ends_and_reports_each(tmp_path: Path) -> None:
    """One of each class in one folder, checked serially: every one stopped, the run ends."""
    folder = tmp_path / "blandat"
    hostile: list[Path] = []
    for members, _ in CLASSES.values():
        name, build = next(iter(members.items()))
        hostile += write(folder, {name: build})
    shutil.copy(CLEAN, folder / "ren.yaml")
    before = snapshot(folder)
    code, stdout, stderr, took = run("check", "--include-exports", str(folder), cwd=tmp_path)
    assert code == 1, stderr
    for path in hostile:
        assert f"{path}:1:1: RK105 fel" in stdout, (path.name, stdout[-2000:])
    assert stdout.count(TOO_COMPLEX) == len(hostile)
    assert snapshot(folder) == before
    assert took < len(hostile) * LONGEST + 10


def test_english_names_the_same_limit(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(d.pdf_self_reference("contents"))
    code, stdout, _, _ = run(
        "check", "--lang", "en", "--include-exports", str(tmp_path / "x.pdf"), cwd=tmp_path
    )
    assert code == 1
    assert "too large or too complex to read" in stdout and "more than 1 second and" in stdout


def test_a_normal_pdf_imports_within_the_default_budget(tmp_path: Path) -> None:
    """The budget stops what is hostile, not a real report: a PDF of a report imports."""
    pytest.importorskip("pdfplumber")
    pytest.importorskip("weasyprint")
    pdf = tmp_path / "rapport.pdf"
    code, _, stderr, _ = run(
        "render", "--format", "pdf", str(CLEAN), "-o", str(pdf), cwd=tmp_path, env={ENV_SECONDS: ""}
    )
    assert code == 0, stderr
    code, stdout, stderr, _ = run("import", str(pdf), cwd=tmp_path, env={ENV_SECONDS: ""})
    assert code == 0, stderr
    assert "Boendestödet" in stdout


def test_the_budget_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_SECONDS, raising=False)
    monkeypatch.delenv(ENV_MEMORY, raising=False)
    assert import_budget().seconds == IMPORT_SECONDS
    monkeypatch.setenv(ENV_SECONDS, "2,5")  # not a number: the default
    assert import_budget().seconds == IMPORT_SECONDS
    monkeypatch.setenv(ENV_SECONDS, "-1")
    assert import_budget().seconds == IMPORT_SECONDS
    monkeypatch.setenv(ENV_SECONDS, "2.5")
    monkeypatch.setenv(ENV_MEMORY, "300")
    assert import_budget().seconds == 2.5 and import_budget().memory == 300 * d.MiB
