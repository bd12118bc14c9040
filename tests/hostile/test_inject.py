"""What a name or a text can inject: YAML through a file's name, hidden characters through
``new``'s names, markup through ``render --format md``.

Each class has several members (line breaks of every kind, controls, direction and
invisible characters, undecodable bytes, raw HTML, link and image syntax); each test
asserts the exit code, the message, no traceback, that no input changed and that
what was written reads back as exactly the intended report.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.importer import import_bytes, import_text
from checker.importer.emit import dump
from checker.read.loader import read_text
from checker.render import load_report, render_report

from .conftest import CLEAN, run, snapshot

# What ends a line in YAML 1.1 or in an editor, controls, what hides or reorders text.
NAME_CHARACTERS = [
    "\n",
    "\r",
    "\r\n",
    "\x85",
    "\u2028",
    "\u2029",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1e",
    "\x1b[31m",
    "\x7f",
    "\x9b",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "\u00ad",
    "\ufeff",
    "\ufffe",
    "\U000e0041",
]
# Text after the break that would be YAML of the report if the comment ended there.
INJECTED = "rapport: {typ: VP, år: 1999, enhet: Injicerad}"
RAW = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufffe\uffff"
    "\U000e0000-\U000e007f]"
)


def _export() -> bytes:
    """A real export: the clean sample rendered in the city's marked-up style."""
    return render_report(load_report(CLEAN), "md")


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0]


def _reads_as(text: str, data: dict[str, Any]) -> None:
    """The YAML reads as ``data`` with PyYAML and with the checker's own reader, and its
    first line is the only comment before the data."""
    assert yaml.safe_load(text) == data
    doc = read_text(text, "x.yaml")
    assert doc.data == data and not [p for p in doc.problems if p.code == "RK105"], doc.problems
    assert text.split("\n")[1].startswith("rapport:"), text[:300]


@pytest.mark.parametrize("char", NAME_CHARACTERS, ids=[ascii(c) for c in NAME_CHARACTERS])
def test_import_a_name_cannot_end_the_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], char: str
) -> None:
    name = f"vb{char}{INJECTED}.md"
    source = tmp_path / "in" / name.replace("/", "_")
    source.parent.mkdir()
    source.write_bytes(_export())
    expected = import_bytes(source.read_bytes(), "vb.md").data
    before = snapshot(source.parent)
    ran = run(capsys, "import", str(source))
    assert ran.code == 0, ran
    first = _first_line(ran.out)
    assert first.startswith("# Importerad av rapportkoll från vb") and "Injicerad" in first
    assert not RAW.search(first), repr(first)
    _reads_as(ran.out, expected)
    out = tmp_path / "ut.yaml"
    ran = run(capsys, "import", str(source), "-o", str(out))
    assert ran.code == 0, ran
    _reads_as(out.read_text(encoding="utf-8"), expected)
    assert snapshot(source.parent) == before


def test_import_a_name_cannot_write_a_suppression_or_undecodable_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    export = _export()
    expected = import_bytes(export, "vb.md").data
    names = [
        "vb #rapportkoll: ignore[RK101] döljer.md",
        "#rapportkoll:ignore[RK1] x.md",
        os.fsdecode(b"vb-\xff\xfe-latin1.md"),  # bytes that are no UTF-8 (surrogates)
    ]
    for name in names:
        source = folder / name
        source.write_bytes(export)
        before = snapshot(folder)
        ran = run(capsys, "import", str(source))
        assert ran.code == 0, ran
        first = _first_line(ran.out)
        assert "#rapportkoll" not in first.replace(" ", "")[1:], first
        assert "\\x23rapportkoll" in first or "\\xff\\xfe" in first, first
        _reads_as(ran.out, expected)
        assert snapshot(folder) == before


@pytest.mark.parametrize(
    "value", ["a\u2028b", "a\x85b", "a\u2029b", "rad 1\nrad\u2028 2", "\ufeffa\x01"]
)
def test_the_yaml_writer_escapes_what_readers_would_fold(value: str) -> None:
    """A value with NEL, LS or PS is written escaped: no reader folds or splits it."""
    data = {"rapport": {"typ": "VB", "år": 2024, "enhet": value}, "övrigt": {"text": value}}
    _reads_as(dump(data, f"vb{value}.md"), data)


# -- new ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "name", "what"),
    [
        ("--enhet", "Enhet \u202egnp.exe", "vänder textens riktning (U+202E"),
        ("--enhet", "Enhet \u2067x\u2069", "vänder textens riktning (U+2067"),
        ("--enhet", "Enhet\u200fX", "vänder textens riktning (U+200F"),
        ("--enhet", "Enhet\u200bX", "formateringstecken (U+200B"),
        ("--enhet", "Enhet\u00adX", "formateringstecken (U+00AD"),
        ("--enhet", "Enhet\U000e0041X", "formateringstecken (U+E0041"),
        ("--enhet", "Enhet\x1b[31m", "styrtecken (U+001B"),
        ("--enhet", "Enhet\x85X", "styrtecken (U+0085"),
        ("--enhet", "Enhet\ufffeX", "inte får stå i en rapport (U+FFFE"),
        ("--nämnd", "Nämnd \u202dX", "vänder textens riktning (U+202D"),
        ("--nämnd", "Nämnd\u2060X", "formateringstecken (U+2060"),
        ("--enhet", os.fsdecode(b"Enhet \xff"), "en byte som inte är UTF-8"),
    ],
)
def test_new_refuses_hidden_characters_in_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, name: str, what: str
) -> None:
    target = tmp_path / "ny.yaml"
    args = ["new", "--typ", "VP", "--år", "2025", "-o", str(target), option, name]
    if option != "--enhet":
        args += ["--enhet", "Enheten"]
    ran = run(capsys, *args)
    assert ran.code == 2, ran
    assert "namnet innehåller" in ran.err and what in ran.err, ran
    assert not RAW.search(ran.err.replace("\n", "")), repr(ran.err)
    assert not target.exists()


T1 = ("new", "--typ", "T1", "--år", "2025", "--enhet", "E")


@pytest.mark.parametrize("char", ["\n", "\r\n", "\u2028", "\u2029", "\t"])
def test_new_a_line_break_in_a_name_is_a_space(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], char: str
) -> None:
    target = tmp_path / "ny.yaml"
    unit = f"Enhet{char}{INJECTED}"
    ran = run(capsys, "new", "--typ", "VP", "--år", "2025", "--enhet", unit, "-o", str(target))
    assert ran.code == 0, ran
    text = target.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["rapport"]["enhet"] == f"Enhet {INJECTED}"
    assert data["rapport"]["år"] == 2025 and data["rapport"]["typ"] == "VP"
    assert read_text(text, "ny.yaml").data == data
    assert not RAW.search(text.replace("\n", ""))


@pytest.mark.parametrize(
    "char", ["\n", "\u2028", "\x85", "\u202e", "#rapportkoll: ignore[RK101] x "]
)
def test_new_the_earlier_reports_name_cannot_end_the_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], char: str
) -> None:
    vp = tmp_path / "vp.yaml"
    assert (
        run(capsys, "new", "--typ", "VP", "--år", "2025", "--enhet", "E", "-o", str(vp)).code == 0
    )
    source = tmp_path / f"vp{char}{INJECTED}.yaml".replace("/", "_")
    os.rename(vp, source)
    before = snapshot(tmp_path)
    target = tmp_path / "ut" / "t1.yaml"
    target.parent.mkdir()
    ran = run(capsys, *T1, "--från", str(source), "-o", str(target))
    assert ran.code == 0, ran
    text = target.read_text(encoding="utf-8")
    comments = [line for line in text.split("\n") if line.startswith("#")]
    assert len(comments) == 4 and "Injicerad" in comments[1], comments
    assert not RAW.search(comments[1]) and "#rapportkoll" not in comments[1][1:]
    data = yaml.safe_load(text)
    assert data["rapport"]["typ"] == "T1" and data["rapport"]["år"] == 2025
    assert read_text(text, "t1.yaml").data == data
    snapshot_after = snapshot(tmp_path)
    snapshot_after.pop(str(target))
    assert snapshot_after == before


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("handläggare", "Anna \u202eLindqvist"),
        ("nämnd", "Nämnden\u200b"),
        ("telefon", "08-123\u2066 45"),
    ],
)
def test_new_refuses_hidden_characters_it_would_carry_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, value: str
) -> None:
    vp = tmp_path / "vp.yaml"
    assert (
        run(capsys, "new", "--typ", "VP", "--år", "2025", "--enhet", "E", "-o", str(vp)).code == 0
    )
    data = yaml.safe_load(vp.read_text(encoding="utf-8"))
    data["rapport"][key] = value
    vp.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = snapshot(tmp_path)
    target = tmp_path / "t1.yaml"
    ran = run(capsys, *T1, "--från", str(vp), "-o", str(target))
    assert ran.code == 2, ran
    line = 1 + [
        ln.strip().split(":")[0] for ln in vp.read_text(encoding="utf-8").split("\n")
    ].index(key)
    assert f"{vp}:{line}: rapport.{key} innehåller" in ran.err, ran
    assert not target.exists()
    assert snapshot(tmp_path) == before


# -- render --format md ---------------------------------------------------------------

HOSTILE_TEXTS = [
    "<svg onload=alert(1)>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- dold kommentar -->",
    "<javascript:alert(1)>",
    "[klicka här](javascript:alert(1))",
    "![bild](javascript:alert(1))",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "\\<svg onload=alert(1)>",  # a backslash that would undo an escape
    "[a\\](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _hostile_report(tmp_path: Path, text: str) -> Path:
    data = yaml.safe_load(CLEAN.read_text(encoding="utf-8"))
    data["rapport"]["enhet"] = _one_line(text)
    data["rapport"]["handläggare"] = _one_line(text)
    data["sammanfattande_analys"]["text"] = text
    data["sammanfattande_analys"]["avsnitt"][0]["rubrik"] = _one_line(text)
    goal = data["inriktningsmål"][0]["verksamhetsområdesmål"][0]["nämndmål"][0]
    goal["titel"] = _one_line(text)
    goal["enhetsmål"][0]["status"] = _one_line(text)
    goal["enhetsmål"][0]["indikatorer"][0]["namn"] = text
    goal["enhetsmål"][0]["indikatorer"][0]["utfall"] = {"okänd": text}
    goal["aktiviteter"][0]["aktivitet"] = text
    data["ej_placerat"] = [{"rad": _one_line(text), "text": text}]
    path = tmp_path / "elak.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# CommonMark: raw HTML and autolinks start at a "<", links, images and link reference
# definitions at a "[", unless a backslash escapes it (an odd number of backslashes).
_UNESCAPED = re.compile(r"(?<!\\)(?:\\\\)*([<\[\]])")
# The renderer's own markup: line breaks in cells, and its brackets around a value.
_OWN = re.compile(r"<br>|\[(?=okänd|sida |rad )|\](?=\s|$|\*)")


def _unescaped_markup(markdown: str) -> list[str]:
    found = []
    for line in markdown.split("\n"):
        for m in _UNESCAPED.finditer(line):
            start = m.start(1)
            if not _OWN.match(line, start):
                found.append(line[max(0, start - 20) : start + 30])
    return found


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_render_md_escapes_html_and_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    report = _hostile_report(tmp_path, text)
    before = snapshot(tmp_path)
    out = tmp_path / "ut" / "r.md"
    out.parent.mkdir()
    ran = run(capsys, "render", "--format", "md", "-o", str(out), str(report))
    assert ran.code == 0, ran
    markdown = out.read_text(encoding="utf-8")
    assert not _unescaped_markup(markdown), _unescaped_markup(markdown)[:5]
    for word in ("svg onload", "script", "javascript:alert(1)"):
        if word in text:
            assert word in markdown  # shown as text, not dropped
    after = snapshot(tmp_path)
    after.pop(str(out))
    assert after == before
    # The importer reads the escapes back: the text is the report's, character for character.
    imported = import_text(markdown, "r.md").data
    assert imported["rapport"]["enhet"] == _one_line(text)
    assert _one_line(imported["sammanfattande_analys"]["text"]) == _one_line(text)


def test_render_md_keeps_ordinary_text_and_its_own_markup() -> None:
    markdown = render_report(load_report(CLEAN), "md").decode("utf-8")
    assert "\\" not in markdown  # nothing to escape in an ordinary report
    data = load_report(CLEAN)
    data["rapport"]["enhet"] = "Årsta & Östberga <Syd>"
    goal = data["inriktningsmål"][0]["verksamhetsområdesmål"][0]["nämndmål"][0]
    goal["enhetsmål"][0]["indikatorer"][0]["utfall"] = {"okänd": "källan <saknas>"}
    markdown = render_report(data, "md").decode("utf-8")
    assert "**Årsta & Östberga \\<Syd>**" in markdown
    assert "[okänd: källan \\<saknas>]" in markdown
    assert import_text(markdown, "r.md").data["rapport"]["enhet"] == "Årsta & Östberga <Syd>"


def test_render_to_a_terminal_shows_controls_escaped(tmp_path: Path) -> None:
    """Markdown and HTML written to a terminal (no -o) cannot drive it; to a pipe or a
    file they are the document as it is."""
    import pty
    import subprocess
    import sys

    report = _hostile_report(tmp_path, "Text\x1b]0;titel\x07\x1b[2J\u202eslut\rÖver")
    for fmt in ("md", "html"):
        leader, follower = pty.openpty()
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "checker.cli", "render", "--format", fmt, str(report)],
                stdout=follower,
                stderr=subprocess.PIPE,
                cwd=CLEAN.parent.parent.parent,
            )
            os.close(follower)
            shown = b""
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # the terminal's other end closed: all is read
                    break
                if not chunk:
                    break
                shown += chunk
            assert proc.wait(timeout=120) == 0
            assert proc.stderr is not None and b"Traceback" not in proc.stderr.read()
            proc.stderr.close()
        finally:
            os.close(leader)
        text = shown.decode("utf-8")
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text, fmt
        for escaped in ("Text\\x1b", "titel\\x07\\x1b", "\\u202eslut\\rÖver"):
            assert escaped in text, (fmt, escaped, text[:300])
    piped = subprocess.run(
        [sys.executable, "-m", "checker.cli", "render", "--format", "md", str(report)],
        capture_output=True,
        timeout=120,
    )
    assert piped.returncode == 0 and b"Text\x1b\\]0;titel\x07" in piped.stdout  # as written
