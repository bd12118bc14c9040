"""``rapportkoll import`` and ``render`` from the command line, and ``check`` on exports.

Real files on disk, the real command in a subprocess: what an author or a
quality auditor types.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, cli
from tests.shared import SEED_EXPORTS, need
from tests.test_formats import excerpt_lines

CLEAN_VB = SAMPLES / "clean" / "vb-2024-boendestodet.yaml"


@pytest.fixture
def seed_000() -> Path:
    """Seed 000, the real VB 2023 as the city's table-keeping export."""
    return need(SEED_EXPORTS, "000_*.txt")[0]


def findings(*args: str) -> list[dict[str, object]]:
    proc = cli("check", "--format", "json", *args)
    assert proc.returncode in (0, 1), proc.stderr
    return list(json.loads(proc.stdout)["findings"])


def test_import_then_check_as_in_the_issue(tmp_path: Path, seed_000: Path) -> None:
    """`rapportkoll import SEED > x.yaml && rapportkoll check x.yaml` works."""
    proc = cli("import", str(seed_000))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# Importerad av rapportkoll från 000_71c621948808a4a9.txt")
    target = tmp_path / "x.yaml"
    target.write_text(proc.stdout, encoding="utf-8")
    from_yaml = findings(str(target))
    from_export = findings(str(seed_000))
    assert from_yaml, "the real report has real defects"

    def what(fs: list[dict[str, object]]) -> list[tuple[object, ...]]:
        return sorted((f["code"], f["message"], f["label"]) for f in fs)

    # the same findings whether the export is imported first or checked directly ...
    assert what(from_yaml) == what(from_export)
    # ... but checked directly, every finding points at a line of the export itself
    lines = seed_000.read_text(encoding="utf-8").splitlines()
    for f in from_export:
        assert f["file"] == str(seed_000)
        assert 1 <= int(str(f["line"])) <= len(lines)


def test_import_writes_says_so_and_never_overwrites_without_force(
    tmp_path: Path, seed_000: Path
) -> None:
    target = tmp_path / "r.yaml"
    first = cli("import", str(seed_000), "-o", str(target))
    assert first.returncode == 0 and "skrev" in first.stderr and target.is_file()
    target.write_text("egen text\n", encoding="utf-8")
    again = cli("import", str(seed_000), "-o", str(target))
    assert again.returncode == 2 and "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "egen text\n"
    forced = cli("import", str(seed_000), "-o", str(target), "--force")
    assert forced.returncode == 0 and target.read_text(encoding="utf-8").startswith("# Importerad")


def test_import_never_writes_onto_its_source_even_with_force(
    tmp_path: Path, seed_000: Path
) -> None:
    source = tmp_path / "export.txt"
    shutil.copy(seed_000, source)
    before = source.read_bytes()
    proc = cli("import", str(source), "-o", str(source), "--force")
    assert proc.returncode == 2 and "vägrar" in proc.stderr
    assert source.read_bytes() == before


def test_import_several_sources_into_a_folder(tmp_path: Path) -> None:
    sources = need(SEED_EXPORTS, "*.txt")[:2]
    assert cli("import", *map(str, sources)).returncode == 2  # several need --out-dir
    proc = cli("import", *map(str, sources), "--out-dir", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    written = sorted(p.name for p in tmp_path.glob("*.yaml"))
    assert written == [s.stem + ".yaml" for s in sources]


def _blank_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path))
    page.rect(100, 100, 200, 200)  # a drawing, no text layer: what a scanner gives
    page.showPage()
    page.save()


BAD_INPUTS: dict[str, bytes | None] = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 8,
    "not-a-report.txt": "Inköpslista\n\nmjölk\nbröd\nsmör\n".encode(),
    "truncated.txt": None,  # the first 1,500 bytes of seed 000
}


@pytest.mark.parametrize("name", [*BAD_INPUTS, "scanned.pdf"])
def test_bad_input_to_import_is_a_clear_message(tmp_path: Path, name: str) -> None:
    source = tmp_path / name
    if name.endswith(".pdf"):
        _blank_pdf(source)
    else:
        data = BAD_INPUTS[name]
        source.write_bytes(
            need(SEED_EXPORTS, "000_*.txt")[0].read_bytes()[:1500] if data is None else data
        )
    target = tmp_path / "out.yaml"
    proc = cli("import", str(source), "-o", str(target))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and name in proc.stderr
    assert not target.exists()
    # and `check` on the same export is an RK105 finding with the same reason, never a crash
    data = json.loads(cli("check", "--format", "json", str(source)).stdout)
    assert [f["code"] for f in data["findings"]] == ["RK105"]
    assert "kunde inte importeras" in data["findings"][0]["message"]


def test_a_walk_takes_exports_only_when_asked(tmp_path: Path, seed_000: Path) -> None:
    shutil.copy(seed_000, tmp_path / "enheten.txt")
    (tmp_path / "README.md").write_text("# Våra rapporter\n\nLäs mig.\n", encoding="utf-8")
    shutil.copy(CLEAN_VB, tmp_path / "vb.yaml")
    plain = json.loads(cli("check", "--format", "json", str(tmp_path)).stdout)
    assert [Path(f).name for f in plain["files"]] == ["vb.yaml"]
    asked = json.loads(cli("check", "--format", "json", "--include-exports", str(tmp_path)).stdout)
    names = sorted(Path(f).name for f in asked["files"])
    assert names == ["README.md", "enheten.txt", "vb.yaml"]
    # a README is not a report: one clear RK105, not a pile of missing sections
    readme = [f for f in asked["findings"] if f["file"].endswith("README.md")]
    assert [f["code"] for f in readme] == ["RK105"]


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "docx"])
def test_render_writes_the_document(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"vb.{fmt}"
    proc = cli("render", str(CLEAN_VB), "--format", fmt, "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    assert "skrev" in proc.stderr
    data = target.read_bytes()
    magic = {"pdf": b"%PDF-", "docx": b"PK\x03\x04", "html": b"<!DOCTYPE", "md": b""}[fmt]
    assert data.startswith(magic) and len(data) > 1000


def test_render_never_writes_onto_the_report(tmp_path: Path) -> None:
    report = tmp_path / "vb.yaml"
    shutil.copy(CLEAN_VB, report)
    before = report.read_bytes()
    proc = cli("render", str(report), "--format", "md", "-o", str(report), "--force")
    assert proc.returncode == 2 and report.read_bytes() == before


def test_render_refuses_what_the_reader_refuses(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 9)]
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = cli("render", str(bomb), "--format", "md")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "kan inte läsas som rapport" in proc.stderr


def test_the_html_page_shows_the_exports_own_lines(tmp_path: Path, seed_000: Path) -> None:
    """Quality staff see the lines of the submitted document around each finding."""
    page = tmp_path / "granskning.html"
    proc = cli("check", str(seed_000), "--output", f"html={page}")
    assert proc.returncode == 1, proc.stderr
    text = page.read_text(encoding="utf-8")
    shown = [line.replace("\t", " ") for f in excerpt_lines(text) for line in f["l"].values()]
    # the RK301 finding on "Sjukfrånvaro ♀" shows that row of the export, not YAML
    assert any("Sjukfrånvaro ♀ 9,5 %" in line for line in shown), shown
    assert not any("utfall: " in line for line in shown)  # no YAML excerpt for an export
