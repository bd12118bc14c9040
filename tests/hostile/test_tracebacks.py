"""Swedish messages, never tracebacks: broken Word files to ``import``, reports that a
format cannot hold to ``render``, numbers Python cannot write, and what ``check``'s
reader accepts, which ``render`` must read alike.

Each test asserts the exit code, the message (naming the file, and the line where
there is one), no traceback, and that no input changed; the command-line runs that
could hang run as a real process with a time limit.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.render import load_report, render_report
from tests.conftest import cli

from .conftest import CLEAN, run, snapshot

# -- import of a broken .docx -----------------------------------------------------------

DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body>" + "<w:p><w:r><w:t>Verksamhetsberättelse 2024</w:t></w:r></w:p>" * 40 + "</w:body>"
    "</w:document>"
).encode()
TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def _docx(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _good() -> bytes:
    return _docx({"[Content_Types].xml": TYPES, "word/document.xml": DOCUMENT})


def _patch_headers(
    raw: bytes, name: bytes, change: Callable[[bytearray, int, bool], None]
) -> bytes:
    """``change`` applied to the local (False) and central (True) header of member ``name``."""
    data = bytearray(raw)
    at = 0
    while (at := data.find(name, at + 1)) > 0:
        if data[at - 30 : at - 26] == b"PK\x03\x04":
            change(data, at - 30, False)
        if data[at - 46 : at - 42] == b"PK\x01\x02":
            change(data, at - 46, True)
    return bytes(data)


def _method(number: int) -> bytes:
    def change(data: bytearray, header: int, central: bool) -> None:
        struct.pack_into("<H", data, header + (10 if central else 8), number)

    return _patch_headers(_good(), b"word/document.xml", change)


def _encrypted() -> bytes:
    def change(data: bytearray, header: int, central: bool) -> None:
        data[header + (8 if central else 6)] |= 1

    return _patch_headers(_good(), b"word/document.xml", change)


def _bad_crc() -> bytes:
    def change(data: bytearray, header: int, central: bool) -> None:
        offset = header + (16 if central else 14)
        struct.pack_into("<I", data, offset, struct.unpack_from("<I", data, offset)[0] ^ 0xFFFF)

    return _patch_headers(_good(), b"word/document.xml", change)


def _damaged_stream(method: int) -> bytes:
    """The member's compressed bytes overwritten in the middle (past the stream's own
    header: LZMA's names the size of its dictionary, a budget's matter, not this one)."""
    raw = bytearray(_docx({"word/document.xml": DOCUMENT}, method))
    start = raw.find(b"word/document.xml") + len("word/document.xml")
    for i in range(start + 16, start + 48):
        raw[i] ^= 0x5A
    return bytes(raw)


BROKEN_DOCX: dict[str, tuple[Callable[[], bytes], str]] = {
    "krypterad": (_encrypted, "är krypterad (skyddad med lösenord)"),
    "metod-99": (lambda: _method(99), "komprimeringsmetod som inte kan läsas (nummer 99)"),
    "metod-implode": (lambda: _method(6), "komprimeringsmetod som inte kan läsas (implode)"),
    "metod-deflate64": (lambda: _method(9), "komprimeringsmetod som inte kan läsas (deflate64)"),
    "metod-ppmd": (lambda: _method(98), "komprimeringsmetod som inte kan läsas (ppmd)"),
    "avkortad": (lambda: _good()[: len(_good()) // 2], "ingen läsbar Word-fil"),
    "fel-crc": (_bad_crc, "ingen läsbar Word-fil"),
    "trasig-deflate": (lambda: _damaged_stream(zipfile.ZIP_DEFLATED), "ingen läsbar Word-fil"),
    "trasig-bzip2": (lambda: _damaged_stream(zipfile.ZIP_BZIP2), "ingen läsbar Word-fil"),
    "trasig-lzma": (lambda: _damaged_stream(zipfile.ZIP_LZMA), "ingen läsbar Word-fil"),
    "utan-dokument": (lambda: _docx({"[Content_Types].xml": TYPES}), "dokumentdelen saknas"),
    "inte-xml": (lambda: _docx({"word/document.xml": b"<w:document><w:body"}), "går inte att läsa"),
    "tom-zip": (lambda: _docx({}), "ingen läsbar Word-fil"),
    "ingen-zip": (lambda: b"Det h\xe4r \xe4r ingen zip-fil alls.\n" * 10, "ingen läsbar Word-fil"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_DOCX))
def test_import_of_a_broken_docx_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    make, said = BROKEN_DOCX[case]
    source = tmp_path / f"{case}.docx"
    source.write_bytes(make())
    before = snapshot(tmp_path)
    ran = run(capsys, "import", str(source))
    assert ran.code == 2, ran
    assert f"{source}: {case}.docx" in ran.err and said in ran.err, ran
    assert ran.out == ""
    assert snapshot(tmp_path) == before


def test_a_broken_docx_stops_only_itself(tmp_path: Path) -> None:
    """All the broken files and one good export in one run, as a process: no hang, the
    good one written, each broken one named."""
    sources = tmp_path / "in"
    sources.mkdir()
    for case, (make, _) in BROKEN_DOCX.items():
        (sources / f"{case}.docx").write_bytes(make())
    (sources / "bra.md").write_bytes(render_report(load_report(CLEAN), "md"))
    out = tmp_path / "ut"
    out.mkdir()
    before = snapshot(sources)
    proc = cli("import", "--out-dir", str(out), *sorted(str(p) for p in sources.iterdir()))
    assert proc.returncode == 2, proc
    assert "Traceback" not in proc.stderr
    for case, (_, said) in BROKEN_DOCX.items():
        assert f"{case}.docx" in proc.stderr and said in proc.stderr, (case, proc.stderr)
    assert sorted(p.name for p in out.iterdir()) == ["bra.yaml"]
    assert snapshot(sources) == before


# -- render: what a format cannot hold ---------------------------------------------------


TOO_LONG_TITLE = "Ö" * 240
# (edits to the clean sample, the text whose line is named, what the message says)
WORD_REFUSALS: dict[str, tuple[list[tuple[str, str]], str, str]] = {
    "styrtecken-handläggare": (
        [("handläggare: Anna Lindqvist", 'handläggare: "Anna\\x01Lindqvist"')],
        "Anna\\x01",
        "rapport.handläggare innehåller tecknet U+0001",
    ),
    "backsteg-enhet": (
        [("enhet: Boendestödet Västra", 'enhet: "Boende\\bstödet"')],
        "Boende\\b",
        "rapport.enhet innehåller tecknet U+0008",
    ),
    "vtab-status": (
        [("status: Uppfylls helt", 'status: "Uppfylls\\vhelt"')],
        "Uppfylls\\v",
        "U+000B",
    ),
    "escape-analys": (
        [("analys: Planen övades i oktober.", 'analys: "Planen\\x1b[31m övades"')],
        "Planen\\x1b",
        "analys innehåller tecknet U+001B",
    ),
    "ickettecken-utfall": (
        [('utfall: "92 %"', 'utfall: "92 \\uFFFE"')],
        "92 \\uFFFE",
        "utfall innehåller tecknet U+FFFE",
    ),
    "lång-enhet": (
        [("enhet: Boendestödet Västra", "enhet: " + "Å" * 300)],
        "Å" * 300,
        "dokumentets ämne blir 300 tecken, och Word rymmer högst 255",
    ),
    "lång-handläggare": (
        [("handläggare: Anna Lindqvist", "handläggare: " + "B" * 256)],
        "B" * 256,
        "dokumentets författare blir 256 tecken",
    ),
    "lång-titel": (  # an own document (no dnr): its title holds the unit's name
        [("  dnr: HÅ 2024/812\n", ""), ("enhet: Boendestödet Västra", "enhet: " + TOO_LONG_TITLE)],
        TOO_LONG_TITLE,
        "rapport.enhet är för lång för en Word-fil: dokumentets titel blir",
    ),
}


def _edited(tmp_path: Path, edits: list[tuple[str, str]], mark: str, name: str) -> tuple[Path, int]:
    text = CLEAN.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, text[: text.index(mark)].count("\n") + 1


@pytest.mark.parametrize("case", sorted(WORD_REFUSALS))
def test_render_docx_refuses_what_word_cannot_hold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    pytest.importorskip("docx", reason="the render extra is not installed")
    edits, mark, said = WORD_REFUSALS[case]
    path, line = _edited(tmp_path, edits, mark, f"{case}.yaml")
    target = tmp_path / "ut" / "rapport.docx"
    target.parent.mkdir()
    before = snapshot(tmp_path)
    ran = run(capsys, "render", "--format", "docx", "-o", str(target), str(path))
    assert ran.code == 2, ran
    assert f"{path}:{line}: kan inte skrivas som docx:" in ran.err, ran
    assert said in ran.err and "välj ett annat format" in ran.err, ran
    assert not target.exists() and snapshot(tmp_path) == before
    for fmt in ("md", "html"):  # what Word cannot hold, these formats show
        ran = run(capsys, "render", "--format", fmt, "-o", str(tmp_path / f"r.{fmt}"), str(path))
        assert ran.code == 0, ran


def test_a_word_refusal_through_the_api_names_the_value() -> None:
    pytest.importorskip("docx", reason="the render extra is not installed")
    from checker.render import RenderError

    data = load_report(CLEAN)
    data["inriktningsmål"][0]["titel"] = "KF\x02"
    with pytest.raises(RenderError) as caught:
        render_report(data, "docx")
    assert caught.value.path == ("inriktningsmål", 0, "titel")
    assert "inriktningsmål[1].titel innehåller tecknet U+0002" in caught.value.message


# -- render: numbers Python cannot write, values the reader keeps ------------------------

# Integers of more digits than Python writes (4300), in four notations YAML 1.1 reads.
BIG_NUMBERS = {
    "årsmål: 81": "årsmål: " + "9" * 5000,  # in a table cell
    "  år: 2024\n": "  år: 2024\n  telefon: 0b" + "1" * 14500 + "\n",
    "  dnr: HÅ 2024/812": "  dnr: 0x" + "f" * 5000,
    "  datum: 2025-02-14": "  datum: 1" + ":59" * 3000,
}


def test_render_every_format_of_numbers_too_long_to_write(tmp_path: Path) -> None:
    text = CLEAN.read_text(encoding="utf-8")
    for old, new in BIG_NUMBERS.items():
        assert old in text
        text = text.replace(old, new, 1)
    report = tmp_path / "in" / "stora-tal.yaml"
    report.parent.mkdir()
    report.write_text(text, encoding="utf-8")
    before = snapshot(report.parent)
    proc = cli("check", "--format", "json", str(report))
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc
    assert "RK000" not in proc.stdout and "kunde inte köras klart" not in proc.stdout
    out = tmp_path / "ut"
    out.mkdir()
    for fmt in ("md", "html", "docx", "pdf"):
        target = out / f"r.{fmt}"
        proc = cli("render", "--format", fmt, "-o", str(target), str(report))
        if fmt in ("docx", "pdf") and "kräver tillägget render" in proc.stderr:
            continue
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, (fmt, proc)
        assert target.stat().st_size > 0
    markdown = (out / "r.md").read_text(encoding="utf-8")
    for value in BIG_NUMBERS.values():
        assert value.split(": ")[-1].strip()[:4000] in markdown  # as written
    assert snapshot(report.parent) == before


# Values and keys that PyYAML's full loaders treat apart (value, merge keys, tags, aliases):
# whatever check's reader makes of each, render reads it alike.
READER_CASES = {
    "lika-med": ("status: Uppfylls helt", "status: ="),
    "merge-värde": ("handläggare: Anna Lindqvist", "handläggare: <<"),
    "merge-nyckel": (
        "  handläggare: Anna Lindqvist",
        "  handläggare: Anna Lindqvist\n  <<: {a: 1}",
    ),
    "merge-alias": (
        "  handläggare: Anna Lindqvist",
        "  handläggare: &namn Anna Lindqvist\n  telefon: *namn\n  <<: *namn",
    ),
    "tagg-str": ('utfall: "92 %"', "utfall: !!str 92"),
    "tagg-float": ('utfall: "92 %"', "utfall: !!float 9.50"),
    "tagg-binary": ('utfall: "92 %"', "utfall: !!binary aGVq"),
    "tagg-python": ('utfall: "92 %"', "utfall: !!python/object/apply:os.system ['true']"),
    "tagg-okänd": ('utfall: "92 %"', "utfall: !vad 1"),
    "sammansatt-nyckel": (
        "  handläggare: Anna Lindqvist",
        "  handläggare: Anna Lindqvist\n  ? [a, b]\n  : c",
    ),
    "dubbel-nyckel": (
        "  handläggare: Anna Lindqvist",
        "  handläggare: Anna Lindqvist\n  handläggare: B",
    ),
    "nan-och-inf": ('utfall: "92 %"', "utfall: .nan\n                    prognos_helår: -.inf"),
    "oktalt-och-ja": ('utfall: "92 %"', "utfall: 0o17\n                    prognos_helår: yes"),
    "felaktigt-datum": ("datum: 2025-02-14", "datum: 2025-13-45"),
    "flera-dokument": ("  handläggare: Anna Lindqvist", "  handläggare: Anna Lindqvist\n---\na: 1"),
}


def _check_reads(capsys: pytest.CaptureFixture[str], path: Path) -> bool:
    """Whether ``check`` reads the file as a report (no RK105 error; a warning or a note
    of RK105, a BOM or CRLF line ends, is read all the same)."""
    ran = run(capsys, "check", "--format", "json", str(path))
    assert ran.code in (0, 1), ran
    findings = json.loads(ran.out)["findings"]
    return not [f for f in findings if f["code"] == "RK105" and f["severity"] == "error"]


@pytest.mark.parametrize("case", sorted(READER_CASES))
def test_render_reads_as_check_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    old, new = READER_CASES[case]
    path, _ = _edited(tmp_path, [(old, new)], new, f"{case}.yaml")
    before = snapshot(tmp_path)
    readable = _check_reads(capsys, path)
    target = tmp_path / "ut" / "r.md"
    target.parent.mkdir()
    ran = run(capsys, "render", "--format", "md", "-o", str(target), str(path))
    if readable:
        assert ran.code == 0, ran
        assert target.read_text(encoding="utf-8").startswith("**Stockholms")
    else:
        assert ran.code == 2, ran
        assert f"{path}:" in ran.err and "kan inte läsas som rapport" in ran.err, ran
        assert not target.exists()
    after = snapshot(tmp_path)
    after.pop(str(target), None)
    assert after == before


def test_render_every_format_of_plain_equals_and_merge_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = _edited(tmp_path, [("status: Uppfylls helt", "status: =")], "=", "lika.yaml")
    text = path.read_text(encoding="utf-8").replace(
        "handläggare: Anna Lindqvist", "handläggare: <<"
    )
    path.write_text(text, encoding="utf-8")
    assert _check_reads(capsys, path)
    for fmt in ("md", "html", "docx", "pdf"):
        target = tmp_path / f"r.{fmt}"
        proc = cli("render", "--format", fmt, "-o", str(target), str(path))
        if fmt in ("docx", "pdf") and "kräver tillägget render" in proc.stderr:
            continue
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, (fmt, proc)
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "\n=\n" in markdown and "<<" in markdown.replace("\\<\\<", "<<")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("crlf.yaml", CLEAN.read_bytes().replace(b"\n", b"\r\n")),
        ("bom.yaml", b"\xef\xbb\xbf" + CLEAN.read_bytes()),
        ("cr.yaml", CLEAN.read_bytes().replace(b"\n", b"\r")),
    ],
)
def test_render_reads_what_check_only_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes
) -> None:
    """A BOM or Windows line ends are a warning or a note from check, never a refusal."""
    path = tmp_path / name
    path.write_bytes(content)
    assert _check_reads(capsys, path)
    ran = run(capsys, "render", "--format", "md", "-o", str(tmp_path / "r.md"), str(path))
    assert ran.code == 0, ran
    clean = render_report(load_report(CLEAN), "md")
    assert (tmp_path / "r.md").read_bytes() == clean
    assert path.read_bytes() == content


@pytest.mark.parametrize("form", ["crlf", "bom"])
def test_new_reads_an_earlier_report_that_check_only_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    vp = tmp_path / "vp.yaml"
    assert (
        run(capsys, "new", "--typ", "VP", "--år", "2025", "--enhet", "E", "-o", str(vp)).code == 0
    )
    raw = vp.read_bytes()
    vp.write_bytes(raw.replace(b"\n", b"\r\n") if form == "crlf" else b"\xef\xbb\xbf" + raw)
    assert _check_reads(capsys, vp)
    before = snapshot(tmp_path)
    target = tmp_path / "ut" / "t1.yaml"
    target.parent.mkdir()
    ran = run(
        capsys,
        "new",
        "--typ",
        "T1",
        "--år",
        "2025",
        "--enhet",
        "E",
        "--från",
        str(vp),
        "-o",
        str(target),
    )
    assert ran.code == 0, ran
    assert "utifrån vp.yaml" in target.read_text(encoding="utf-8")
    after = snapshot(tmp_path)
    after.pop(str(target))
    assert after == before
