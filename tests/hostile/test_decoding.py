"""What a file's bytes decode to: never a whole file of mojibake, never a refused UTF-16 export.

A text export that is UTF-8 but for a stray Latin-1 byte keeps every other
å, ä and ö, and the line with the stray byte is named (a warning in ``check``,
on stderr in ``import``). A text export in UTF-16 or UTF-32 with a byte order
mark, or UTF-8 with one, is read as the same text. A YAML report is UTF-8 or
an RK105 that names the line. No input is changed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.render import load_report, render_report

from .conftest import CLEAN, run, snapshot

MOJIBAKE = ("Ã", "Â", "\ufffd")


@pytest.fixture
def export_text() -> str:
    """The clean sample as the city's document in Markdown: an export `import` reads."""
    return render_report(load_report(CLEAN), "md").decode("utf-8")


def _line_of(text: str, words: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if words in line)


def _stray(text: str, words: str, stray: bytes = b" \xf6vrigt \x96") -> bytes:
    """``text`` as UTF-8 with Latin-1 bytes appended to the first line holding ``words``."""
    lines = text.encode("utf-8").split(b"\n")
    n = _line_of(text, words) - 1
    lines[n] += stray
    return b"\n".join(lines)


def _imported(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str, str]:
    ran = run(capsys, "import", str(path))
    return ran.code, ran.out, ran.err


@pytest.mark.parametrize(
    "words",
    ["Budgeten visar", "Alla medarbetare har gått", "Genomförandeplanerna"],
)
def test_one_latin1_byte_names_its_line_and_leaves_the_rest_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], export_text: str, words: str
) -> None:
    source = tmp_path / "export.md"
    source.write_bytes(_stray(export_text, words))
    line = _line_of(export_text, words)
    clean = tmp_path / "ren.md"
    clean.write_text(export_text, encoding="utf-8")
    before = snapshot(tmp_path)
    code, out, err = _imported(capsys, source)
    assert code == 0, err
    assert f"export.md:{line}:" in err and f"Rad {line} " in err and "Windows-1252" in err, err
    assert not any(m in out for m in MOJIBAKE), out
    assert "övrigt –" in out  # the stray bytes themselves read as Latin-1/Windows-1252
    _, reference, _ = _imported(capsys, clean)
    assert out.count("ö") == reference.count("ö") + 1  # every other ö as it was
    ran = run(capsys, "check", "--format", "json", str(source))
    warnings = [f for f in json.loads(ran.out)["findings"] if "Windows-1252" in f["message"]]
    assert [(f["code"], f["severity"], f["line"]) for f in warnings] == [
        ("RK105", "warning", line)
    ], ran
    assert snapshot(tmp_path) == before


def test_many_lines_not_utf8_are_named_and_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], export_text: str
) -> None:
    """A whole Windows-1252 export: read as such, every such line accounted for."""
    source = tmp_path / "ansi.md"
    raw = export_text.encode("cp1252", errors="replace")  # the icons (✓) become "?"
    source.write_bytes(raw)
    odd = [n for n, ln in enumerate(raw.split(b"\n"), 1) if any(b > 127 for b in ln)]
    assert len(odd) > 5
    code, out, err = _imported(capsys, source)
    assert code == 0, err
    assert f"Raderna {', '.join(map(str, odd[:5]))} och {len(odd) - 5} till" in err, err
    assert not any(m in out for m in MOJIBAKE)
    assert "Boendestödet Västra" in out


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8"])
def test_unicode_exports_with_a_bom_are_read_as_their_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], export_text: str, encoding: str
) -> None:
    bom = "\ufeff".encode(encoding)
    source = tmp_path / "unicode.md"
    source.write_bytes(bom + export_text.encode(encoding))
    reference = tmp_path / "utf8.md"
    reference.write_text(export_text, encoding="utf-8")
    before = snapshot(tmp_path)
    code, out, err = _imported(capsys, source)
    assert code == 0 and "binär" not in err, err
    _, expected, _ = _imported(capsys, reference)
    assert out.replace("unicode.md", "X") == expected.replace("utf8.md", "X")
    ran = run(capsys, "check", "--format", "json", str(source))
    assert ran.code in (0, 1), ran
    codes = [f["code"] for f in json.loads(ran.out)["findings"]]
    ref = run(capsys, "check", "--format", "json", str(reference))
    assert codes == [f["code"] for f in json.loads(ref.out)["findings"]]
    assert snapshot(tmp_path) == before


def test_utf16_without_a_bom_or_broken_is_refused_in_swedish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], export_text: str
) -> None:
    bare = tmp_path / "utan-bom.md"
    bare.write_bytes(export_text.encode("utf-16-le"))
    code, out, err = _imported(capsys, bare)
    assert code == 2 and out == "" and "byte order mark" in err, err
    broken = tmp_path / "trasig.md"
    body = export_text.encode("utf-16-le")
    cut = len(export_text.split("\n")[0].encode("utf-16-le")) + 2  # after line 1's break
    broken.write_bytes(b"\xff\xfe" + body[:cut] + b"\x00\xd8" + body[cut:])  # a lone surrogate
    code, out, err = _imported(capsys, broken)
    assert code == 2 and out == "" and "rad 2 är inte giltig UTF-16" in err, err


@pytest.mark.parametrize("where", ["rapport:", "  enhet:", "sammanfattande_analys:"])
def test_a_yaml_report_with_a_latin1_byte_names_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    text = CLEAN.read_text(encoding="utf-8")
    line = _line_of(text, where)
    path = tmp_path / "vb.yaml"
    path.write_bytes(_stray(text, where, b" # \xe5r"))
    before = snapshot(tmp_path)
    ran = run(capsys, "check", "--format", "json", str(path))
    assert ran.code == 1, ran
    found = [f for f in json.loads(ran.out)["findings"] if f["code"] == "RK105"]
    assert [f["line"] for f in found] == [line] and "UTF-8" in found[0]["message"], found
    ran = run(capsys, "render", str(path), "--format", "md")
    assert ran.code == 2 and "UTF-8" in ran.err and ran.out == "", ran
    assert snapshot(tmp_path) == before
