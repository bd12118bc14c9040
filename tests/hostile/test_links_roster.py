"""One rule for links, whichever command reads; the roster is never a report nor a way out.

``import``, ``render`` and ``new --från`` refuse a symbolic link out of the
folder of the file given, exactly as ``check`` reports it (RK105), and never
read its target. The roster file inside the checked tree is not checked, nor
fixed, as a report; a roster folder that leaves the tree through a link is a
Swedish error before anything is checked.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from checker.render import load_report, render_report
from checker.run.files import OUTSIDE_LINK

from .conftest import CLEAN, run, snapshot, tree

SECRET = "HEMLIG-TEXT-UTANFÖR"


def _outside(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A folder ``inne`` and, outside it, an export and a report holding a secret."""
    inside = tmp_path / "inne"
    inside.mkdir()
    away = tmp_path / "ute"
    away.mkdir()
    export = away / "export.md"
    text = render_report(load_report(CLEAN), "md").decode("utf-8")
    export.write_text(text.replace("Boendestödet Västra", SECRET), encoding="utf-8")
    report = away / "vb.yaml"
    report.write_text(
        CLEAN.read_text(encoding="utf-8").replace("Boendestödet Västra", SECRET),
        encoding="utf-8",
    )
    return inside, export, report


def _links(inside: Path, target: Path, suffix: str) -> list[Path]:
    """Ways out: absolute, relative with .., and a link to a link that leaves."""
    absolute = inside / f"absolut{suffix}"
    absolute.symlink_to(target)
    relative = inside / f"relativ{suffix}"
    relative.symlink_to(os.path.relpath(target, inside))
    chain = inside / f"kedja{suffix}"
    chain.symlink_to(absolute.name)
    return [absolute, relative, chain]


def test_import_refuses_a_link_out_as_check_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inside, export, _ = _outside(tmp_path)
    links = _links(inside, export, ".md")
    before = snapshot(tmp_path)
    for link in links:
        ran = run(capsys, "check", "--format", "json", str(link))
        found = json.loads(ran.out)["findings"]
        assert [(f["code"], f["message"]) for f in found] == [("RK105", OUTSIDE_LINK.sv)], ran
        for argv in (
            ["import", str(link)],
            ["import", str(link), "-o", str(tmp_path / "ut.yaml")],
            ["import", str(link), "--out-dir", str(inside)],
        ):
            ran = run(capsys, *argv)
            assert ran.code == 2 and OUTSIDE_LINK.sv in ran.err, (argv, ran)
            assert SECRET not in ran.out + ran.err
            assert not (tmp_path / "ut.yaml").exists()
    assert snapshot(tmp_path) == before


def test_import_reads_a_link_inside_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inside, export, _ = _outside(tmp_path)
    (inside / "export.md").write_bytes(export.read_bytes())
    (inside / "länk.md").symlink_to("export.md")
    ran = run(capsys, "import", str(inside / "länk.md"))
    assert ran.code == 0 and SECRET in ran.out, ran


def test_render_and_new_refuse_a_link_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inside, _, report = _outside(tmp_path)
    links = _links(inside, report, ".yaml")
    before = snapshot(tmp_path)
    for link in links:
        ran = run(capsys, "render", str(link), "--format", "md")
        assert ran.code == 2 and OUTSIDE_LINK.sv in ran.err and SECRET not in ran.out, ran
        ran = run(capsys, "new", "--typ", "T1", "--år", "2024", "--enhet", "X", "--från", str(link))
        assert ran.code == 2 and OUTSIDE_LINK.sv in ran.err and SECRET not in ran.out, ran
    assert snapshot(tmp_path) == before


# -- the roster -------------------------------------------------------------------------

ROSTER = """\
år: 2024
enheter:
  - enhet: Boendestödet Västra
    mapp: {folder}
    rapporter: [VB]
"""


@pytest.mark.parametrize("name", ["enhetslista.yaml", "under/lista.yml"])
def test_the_roster_inside_the_tree_is_not_checked_or_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    folder = tree(tmp_path, 1)
    roster = folder / name
    roster.parent.mkdir(exist_ok=True)
    # a roster a report check would flag (unknown keys, a close typo "enhet"→"enheter")
    roster.write_text(ROSTER.format(folder="enhet"), encoding="utf-8")
    (folder / "länk-till-listan.yaml").symlink_to(roster)
    listed = roster.read_bytes()
    ran = run(
        capsys,
        "check",
        "--format",
        "json",
        "--roster",
        str(roster),
        "--date",
        "2024-06-01",
        str(folder),
    )
    files = {f["file"] for f in json.loads(ran.out)["findings"]}
    assert files == {str(folder / "fel.yaml")}, ran  # the roster and its link are no reports
    ran = run(capsys, "check", "--show-files", "--roster", str(roster), str(folder))
    checked, _, skipped = ran.out.partition("\nHoppade över:\n")
    assert checked.split() == [str(folder / n) for n in ("fel.yaml", "vb-0.yaml")], ran
    assert str(roster.name) in skipped  # listed as skipped, with the reason
    ran = run(
        capsys, "check", "--fix", "--roster", str(roster), "--date", "2024-06-01", str(folder)
    )
    assert ran.code in (0, 1) and "Rättade 1 anmärkning i 1 fil" in ran.out, ran
    assert roster.read_bytes() == listed
    db, dash = tmp_path / "h.sqlite", tmp_path / "d.html"
    ran = run(
        capsys,
        "nightly",
        str(folder),
        "--roster",
        str(roster),
        "--date",
        "2024-06-01",
        "--no-cache",
        "--jobs",
        "1",
        "--db",
        str(db),
        "--dashboard",
        str(dash),
    )
    assert ran.code == 0, ran
    page = (tmp_path / "anmarkningar.html").read_text(encoding="utf-8")
    assert "vb-0.yaml" in page or "Boendestödet" in page
    assert roster.name not in page and "länk-till-listan" not in page
    assert roster.read_bytes() == listed


@pytest.mark.parametrize("folder", ["ute", "ute/under", "inne/ute"])
def test_a_roster_folder_that_links_out_of_the_tree_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    reports = tree(tmp_path, 1)
    away = tmp_path / "någon-annanstans"
    (away / "under").mkdir(parents=True)
    (reports / "inne").mkdir()
    (reports / ("inne/ute" if folder == "inne/ute" else "ute")).symlink_to(away)
    roster = tmp_path / "lista.yaml"
    roster.write_text(ROSTER.format(folder=folder), encoding="utf-8")
    before = snapshot(tmp_path)
    for argv in (
        ["check", str(reports)],
        [
            "nightly",
            str(reports),
            "--no-cache",
            "--db",
            str(tmp_path / "h.sqlite"),
            "--dashboard",
            str(tmp_path / "d.html"),
        ],
    ):
        ran = run(capsys, *argv, "--roster", str(roster), "--date", "2025-06-01")
        assert ran.code == 2, ran
        assert f"mappen {folder}" in ran.err and "leder ut ur trädet" in ran.err, ran
        assert "lista.yaml rad" in ran.err, ran
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "h.sqlite").exists()


def test_a_roster_folder_linked_inside_the_tree_is_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = tree(tmp_path, 1)
    (reports / "enhet").mkdir()
    (reports / "genväg").symlink_to("enhet")
    roster = tmp_path / "lista.yaml"
    roster.write_text(ROSTER.format(folder="genväg"), encoding="utf-8")
    ran = run(capsys, "check", str(reports), "--roster", str(roster), "--date", "2025-06-01")
    assert ran.code == 1 and "leder ut" not in ran.err, ran
