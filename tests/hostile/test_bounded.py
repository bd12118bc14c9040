"""Class 9 and 10 of issue 9: bounded output; suppressions only in comments; OS errors in Swedish."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from checker.read.safeio import os_error

from .conftest import CLEAN, run, snapshot

MB = "Å" * 1_000_000


def _repeating_report(folder: Path) -> Path:
    """A report whose one-megabyte status is repeated (YAML alias) in every unit goal."""
    text = CLEAN.read_text(encoding="utf-8")
    first = text.index("status: Uppfylls helt")
    text = (
        text[:first]
        + f'status: &stor "{MB}"'
        + text[first + len("status: Uppfylls helt") :].replace(
            "status: Uppfylls helt", "status: *stor"
        )
    )
    path = folder / "stor.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_megabyte_quoted_in_every_finding_makes_no_huge_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    _repeating_report(folder)
    html = tmp_path / "r.html"
    ran = run(capsys, "check", "--format", "json", "--output", f"html={html}", str(folder))
    assert ran.code == 1, ran
    findings = json.loads(ran.out)["findings"]
    quoting = [f for f in findings if f["code"] == "RK201"]
    assert len(quoting) >= 3
    for f in quoting:
        assert len(f["messages"]["sv"]) < 2500 and "…" in f["messages"]["sv"]
    assert len(ran.out) < 200_000
    assert html.stat().st_size < 1_000_000  # without the caps: several MB per finding


def test_the_history_grows_by_little_however_long_the_quoted_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    _repeating_report(folder)
    db = tmp_path / "h.sqlite"
    sizes = []
    for _ in range(2):
        ran = run(
            capsys,
            "nightly",
            str(folder),
            "--no-cache",
            "--db",
            str(db),
            "--dashboard",
            str(tmp_path / "d.html"),
        )
        assert ran.code == 0, ran
        sizes.append(db.stat().st_size)
    assert sizes[1] - sizes[0] < 200_000
    assert (tmp_path / "d.html").stat().st_size < 1_000_000


@pytest.mark.parametrize(
    "line",
    [
        'status: "Uppfylles helt # rapportkoll: ignore[RK201] i ett värde"',
        "status: 'Uppfylles helt # rapportkoll: ignore[RK201] i ett värde'",
        'status: "Uppfylles helt # rapportkoll: ignore[RK201] x"  # vanlig kommentar',
    ],
)
def test_a_suppression_inside_a_quoted_value_suppresses_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    text = CLEAN.read_text(encoding="utf-8").replace("status: Uppfylls helt", line, 1)
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    ran = run(capsys, "check", "--format", "json", str(path))
    assert ran.code == 1, ran
    assert [f["code"] for f in json.loads(ran.out)["findings"]] == ["RK201"]


def test_a_real_comment_after_a_quoted_lookalike_still_suppresses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = (
        'status: "Uppfylles helt # rapportkoll: ignore[RK1] nej"'
        "  # rapportkoll: ignore[RK201] stavningen kommer från nämndens mall"
    )
    text = CLEAN.read_text(encoding="utf-8").replace("status: Uppfylls helt", line, 1)
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    ran = run(capsys, "check", "--format", "json", str(path))
    assert ran.code == 0 and json.loads(ran.out)["findings"] == [], ran


def test_os_errors_in_findings_are_swedish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "borta.yaml").symlink_to("saknas.yaml")  # inside the tree, but gone
    (folder / "slinga.yaml").symlink_to("slinga.yaml")
    before = snapshot(tmp_path)
    ran = run(capsys, "check", "--format", "json", str(folder))
    messages = {Path(f["file"]).name: f["messages"] for f in json.loads(ran.out)["findings"]}
    assert messages["borta.yaml"]["sv"] == "Filen kunde inte läsas: Filen finns inte."
    assert "symboliska länkar" in messages["slinga.yaml"]["sv"]
    assert "No such file" not in ran.out and "Too many levels" not in messages["slinga.yaml"]["sv"]
    assert snapshot(tmp_path) == before


def test_one_errno_mapping() -> None:
    assert os_error(PermissionError(errno.EACCES, "Permission denied")).sv == "Åtkomst nekad"
    assert os_error(FileNotFoundError(errno.ENOENT, "x")).sv == "Filen finns inte"
    assert os_error(OSError(errno.ENOSPC, "x")).sv.startswith("Det finns inget utrymme")
    assert os_error(OSError(errno.EPIPE, "x")).sv == "Systemfel EPIPE"
