"""Class 7 of issue 9: no control character from a report or a file name reaches a terminal."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest

from checker.nightly.runner import ProgressBar
from checker.outputs.terminal import visible

from .conftest import CLEAN, run

# What a terminal would act on: C0 but tab/newline (checked apart), DEL, C1, bidi controls.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE = "\x1b[2J\x1b]0;pwnd\x07\x1b]8;;http://x\x1b\\\u202egnp.exe\u2066\x9b31m\r"


def test_visible_escapes_like_git() -> None:
    assert visible("a\x1b[31mb") == "a\\x1b[31mb"
    assert visible("x\u202ey") == "x\\u202ey"
    assert visible("rad\nrad") == "rad\\nrad"
    assert visible("\x07\x9b\x7f") == "\\x07\\x9b\\x7f"
    assert visible("bad\udcffname") == "bad\\xffname"
    assert visible("Åsa – ♀ 9,5 %") == "Åsa – ♀ 9,5 %"  # ordinary text untouched
    assert not RAW.search(visible(HOSTILE))


def _hostile_report(folder: Path, name: str) -> Path:
    text = CLEAN.read_text(encoding="utf-8")
    # JSON's escapes are YAML's: the report holds the characters, written as escapes
    text = text.replace(
        "status: Uppfylls helt", f"status: {json.dumps(f'Uppfylles {HOSTILE} helt')}", 1
    )
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "name", ["vanlig.yaml", "rad\nbyte.yaml", "esc\x1b[31m.yaml", "bidi\u202eLMX.yaml"]
)
def test_text_output_and_errors_show_controls_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    path = _hostile_report(folder, name)
    ran = run(capsys, "check", str(folder))
    assert ran.code == 1, ran
    assert "RK201" in ran.out
    assert not RAW.search(ran.out) and not RAW.search(ran.err)
    assert "\\x1b[2J" in ran.out  # the report's text, visibly
    assert ran.out.count("\n") == len(ran.out.splitlines())  # no line made by a file name
    ran = run(capsys, "check", str(path) + "\x1b[31m-saknas")  # a usage error naming it
    assert ran.code == 2 and "hittar inte" in ran.err and not RAW.search(ran.err), ran


def test_progress_bar_and_nightly_summary_escape_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, "sv")  # type: ignore[arg-type]
    bar(1, 1, "enhet\x1b]0;titel\x07\u202e.yaml")
    drawn = stream.getvalue().replace("\r\x1b[K", "")  # the bar's own redraw sequence
    assert not RAW.search(drawn) and "\\x1b]0;titel\\x07\\u202e" in drawn
    folder = tmp_path / "träd\x1b[31m"
    folder.mkdir()
    _hostile_report(folder, "x\x07.yaml")
    ran = run(
        capsys,
        "nightly",
        str(folder),
        "--no-cache",
        "--db",
        str(tmp_path / "h\x1b.sqlite"),
        "--dashboard",
        str(tmp_path / "d.html"),
    )
    assert ran.code == 0, ran
    assert not RAW.search(ran.out) and not RAW.search(ran.err)
    assert "h\\x1b.sqlite" in ran.out


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "html", "github"])
def test_a_file_name_that_is_not_utf8_works_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    raw_name = os.fsencode(folder) + b"/rapport-\xff\xfe.yaml"
    text = CLEAN.read_text(encoding="utf-8").replace("Uppfylls helt", "Uppfylles helt", 1)
    with open(raw_name, "wb") as fh:
        fh.write(text.encode())
    out = tmp_path / f"ut.{fmt}"
    ran = run(capsys, "check", "--format", fmt, "--output", f"{fmt}={out}", str(folder))
    assert ran.code == 1, ran
    written = out.read_bytes().decode("utf-8")  # valid UTF-8
    assert "rapport-\\xff\\xfe.yaml" in written.replace("\\\\", "\\")
    assert ran.out == written or fmt == "text"
    if fmt in ("json", "sarif"):
        json.loads(written)
    if fmt == "junit":
        import xml.etree.ElementTree as ET

        ET.fromstring(written)


def test_usage_errors_quote_values_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    ran = run(capsys, "check", "--format", "\x1b]0;titel\x07", "x.yaml")
    assert ran.code == 2 and "\\x1b]0;titel\\x07" in ran.err and not RAW.search(ran.err), ran
    ran = run(capsys, "check", "--select", "RK\x1b[2J", "x.yaml")
    assert ran.code == 2 and not RAW.search(ran.err), ran
