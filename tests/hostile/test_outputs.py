"""Class 1 of issue 9: no output is ever written onto an input; outputs are atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.run.output import write_atomically

from .conftest import run, snapshot, tree

REFUSED = "vägrar skriva"


@pytest.mark.parametrize(
    "target",
    [
        "{tree}/fel.yaml",  # the report checked
        "{tree}/./fel.yaml",  # another spelling of it
        "{tree}/../rapporter/vb-0.yaml",
        "{tree}/ny.yaml",  # a new report-shaped file in the checked tree
        "{tree}/under/ny.yml",
    ],
)
def test_output_onto_a_report_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    folder = tree(tmp_path)
    (folder / "under").mkdir()
    before = snapshot(tmp_path)
    ran = run(capsys, "check", str(folder), "--output", "json=" + target.format(tree=folder))
    assert ran.code == 2, ran
    assert REFUSED in ran.err and "--output" in ran.err, ran
    assert snapshot(tmp_path) == before


def test_links_and_hard_links_to_an_input_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tree(tmp_path)
    out = tmp_path / "ut"
    out.mkdir()
    (out / "länk.json").symlink_to(folder / "fel.yaml")
    os.link(folder / "vb-0.yaml", out / "hård.html")
    config = tmp_path / "rapportkoll.toml"
    config.write_text('lang = "sv"\n', encoding="utf-8")
    before = snapshot(tmp_path)
    for target, what in [
        (out / "länk.json", "rapport"),
        (out / "hård.html", "rapport"),
        (config, "konfigurationsfilen"),
    ]:
        ran = run(capsys, "check", str(folder), "--output", f"html={target}")
        assert ran.code == 2 and REFUSED in ran.err and what in ran.err, ran
    # an explicit file given as input, whatever its suffix
    notes = tmp_path / "anteckning.txt"
    notes.write_text("rapport: {}\n", encoding="utf-8")
    before = snapshot(tmp_path)
    ran = run(capsys, "check", str(notes), "--output", f"sarif={notes}")
    assert ran.code == 2 and REFUSED in ran.err, ran
    assert snapshot(tmp_path) == before


def test_a_link_to_any_yaml_file_of_the_tree_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The guard does not read the tree's files to tell reports from other YAML: no
    # YAML file of the checked tree is ever written over, through any name.
    folder = tree(tmp_path)
    (folder / "docker-compose.yml").write_text("services: {}\n", encoding="utf-8")
    out = tmp_path / "ut"
    out.mkdir()
    os.link(folder / "docker-compose.yml", out / "hård.json")
    before = snapshot(tmp_path)
    ran = run(capsys, "check", str(folder), "--output", f"json={out / 'hård.json'}")
    assert ran.code == 2 and REFUSED in ran.err and "YAML-fil" in ran.err, ran
    assert snapshot(tmp_path) == before


def test_a_yaml_file_of_the_tree_reached_through_a_linked_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The guard resolves each folder of the tree once: a target named through a link to
    # one of them, or a tree file that is itself a link out of its folder, is still found.
    folder = tree(tmp_path)
    (folder / "under").mkdir()
    (folder / "under" / "inställningar.yml").write_text("a: 1\n", encoding="utf-8")
    outside = tmp_path / "ut"
    outside.mkdir()
    (outside / "mål.json").write_text("{}", encoding="utf-8")
    (folder / "under" / "pekare.yaml").symlink_to(outside / "mål.json")
    (tmp_path / "genväg").symlink_to(folder / "under")
    before = snapshot(tmp_path)
    for target in (tmp_path / "genväg" / "inställningar.yml", outside / "mål.json"):
        ran = run(capsys, "check", str(folder), "--output", f"json={target}")
        assert ran.code == 2 and REFUSED in ran.err, (target, ran)
    assert snapshot(tmp_path) == before


def test_an_output_named_as_a_report_of_the_tree_but_another_file_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The guard looks closer only at the tree's files named as a target: a file of the
    # same name elsewhere is another file (one name, its own inode), written as asked.
    folder = tree(tmp_path)
    out = tmp_path / "ut"
    out.mkdir()
    (out / "vb-0.yaml").write_text("gammal\n", encoding="utf-8")
    inputs = snapshot(folder)
    ran = run(capsys, "check", str(folder), "--output", f"json={out / 'vb-0.yaml'}")
    assert ran.code == 1 and REFUSED not in ran.err, ran
    assert (out / "vb-0.yaml").read_text(encoding="utf-8").lstrip().startswith("{")
    assert snapshot(folder) == inputs
    # the same file under a second name (a hard link) is still refused
    (out / "vb-0.yaml").unlink()
    os.link(folder / "vb-0.yaml", out / "vb-0.yaml")
    ran = run(capsys, "check", str(folder), "--output", f"json={out / 'vb-0.yaml'}")
    assert ran.code == 2 and REFUSED in ran.err, ran
    assert snapshot(folder) == inputs


def test_an_export_the_check_reads_is_never_written_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # With --include-exports the city's exports in the folder are inputs like its YAML.
    folder = tree(tmp_path)
    export = folder / "vb-export.txt"
    export.write_text("Verksamhetsberättelse 2024\n", encoding="utf-8")
    (tmp_path / "genväg").symlink_to(folder)
    before = snapshot(tmp_path)
    for target in (export, tmp_path / "genväg" / "vb-export.txt"):
        ran = run(capsys, "check", str(folder), "--include-exports", "--output", f"json={target}")
        assert ran.code == 2 and REFUSED in ran.err and "export" in ran.err, (target, ran)
    assert snapshot(tmp_path) == before
    # without the option the text file is no input, and may be an output
    ran = run(capsys, "check", str(folder), "--output", f"json={export}")
    assert REFUSED not in ran.err, ran


def test_write_baseline_onto_an_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tree(tmp_path)
    before = snapshot(tmp_path)
    for target in (folder / "fel.yaml", folder / "baslinje.yaml"):
        ran = run(capsys, "check", str(folder), "--baseline", str(target), "--write-baseline")
        assert ran.code == 2 and REFUSED in ran.err and "--write-baseline" in ran.err, ran
    assert snapshot(tmp_path) == before


def test_two_outputs_to_one_file_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tree(tmp_path)
    target = tmp_path / "ut.txt"
    ran = run(
        capsys, "check", str(folder), "--output", f"json={target}", "--output", f"html={target}"
    )
    assert ran.code == 2 and "samma fil" in ran.err, ran
    assert not target.exists()


def test_nightly_dashboard_and_db_onto_inputs_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tree(tmp_path)
    (tmp_path / "länk.html").symlink_to(folder / "vb-1.yaml")
    before = snapshot(tmp_path)
    cases = [
        ("--dashboard", str(folder / "fel.yaml")),
        ("--dashboard", str(tmp_path / "länk.html")),
        ("--db", str(folder / "vb-0.yaml")),
        ("--db", str(folder / "historik.yml")),
    ]
    for option, target in cases:
        args = {"--db": str(tmp_path / "h.sqlite"), "--dashboard": str(tmp_path / "d.html")}
        args[option] = target
        ran = run(
            capsys,
            "nightly",
            str(folder),
            "--no-cache",
            "--jobs",
            "1",
            "--db",
            args["--db"],
            "--dashboard",
            args["--dashboard"],
        )
        assert ran.code == 2 and REFUSED in ran.err and option in ran.err, (option, ran)
    # the dashboard can never be the history database either
    db = tmp_path / "h.sqlite"
    ran = run(capsys, "nightly", str(folder), "--no-cache", "--db", str(db), "--dashboard", str(db))
    assert ran.code == 2 and "historikdatabasen" in ran.err, ran
    assert snapshot(tmp_path) == before


def test_outputs_are_written_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "rapport.html"
    target.write_text("den gamla sidan", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomically(target, "x" * 100_000)
    assert target.read_text(encoding="utf-8") == "den gamla sidan"  # never half a file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.html"]  # no temp left
    monkeypatch.undo()
    write_atomically(target, "ny")
    assert target.read_text(encoding="utf-8") == "ny"


def test_an_output_replaces_a_link_instead_of_writing_through_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tree(tmp_path)
    elsewhere = tmp_path / "annat.txt"
    elsewhere.write_text("orört", encoding="utf-8")
    (tmp_path / "ut.json").symlink_to(elsewhere)
    ran = run(
        capsys, "check", str(folder / "vb-0.yaml"), "--output", f"json={tmp_path / 'ut.json'}"
    )
    assert ran.code == 0, ran
    assert elsewhere.read_text(encoding="utf-8") == "orört"
    assert not (tmp_path / "ut.json").is_symlink()


def test_output_into_a_missing_folder_or_onto_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tree(tmp_path)
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    for target, words in [
        (tmp_path / "fil" / "saknas" / "ut.json", "ingen mapp"),  # missing folders are made
        (tmp_path, "är en mapp"),
        (folder / "vb-0.yaml" / "ut.json", "ingen mapp"),
    ]:
        ran = run(capsys, "check", str(folder), "--output", f"json={target}")
        assert ran.code == 2 and words in ran.err, ran


def test_an_output_onto_a_device_is_refused_and_the_device_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only a regular file or a new name is an output: ``/dev/null`` stays a device
    (the stream on standard output is ``--format``)."""
    folder = tree(tmp_path, 1)
    before = os.stat("/dev/null")
    ran = run(capsys, "check", str(folder), "--output", "json=/dev/null")
    assert ran.code == 2 and "ingen vanlig fil" in ran.err, ran
    with pytest.raises(OSError, match="ingen vanlig fil"):
        write_atomically("/dev/null", "x")
    after = os.stat("/dev/null")
    assert Path("/dev/null").is_char_device()
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
