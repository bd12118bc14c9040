"""Classes 6 and 8 of issue 9: no typo switches a rule off; no traceback reaches the user."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import CLEAN, run, snapshot, tree


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--select", "RK2O"], ["RK2O", "menade du RK20?"]),
        (["--select", "RK9"], ["okänd regelkod 'RK9'", "familjerna är RK0, RK1"]),
        (["--ignore", "RK2,RK3O1"], ["--ignore", "RK3O1", "RK301"]),
        (["--ignore", ""], ["--ignore", "tom kod"]),
        (["--ignore", "RK1,"], ["--ignore", "tom kod"]),
        (["--select", "RK1", "--extend-select", "RK8"], ["--extend-select", "RK8"]),
        (["--select", "rk20x"], ["RK20X"]),
    ],
)
def test_unknown_codes_on_the_command_line_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: list[str]
) -> None:
    folder = tree(tmp_path, 1)
    before = snapshot(tmp_path)
    ran = run(capsys, "check", *args, str(folder))
    assert ran.code == 2, ran
    for word in words:
        assert word.lower() in ran.err.lower(), (word, ran)
    assert ran.out == "" and snapshot(tmp_path) == before
    nightly = run(capsys, "nightly", str(folder), "--no-cache", *args)
    assert nightly.code == 2 and words[0].lower() in nightly.err.lower(), nightly


def test_extend_select_adds_to_the_selection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tree(tmp_path, 0)
    only_rk1 = run(capsys, "check", "--format", "json", "--select", "RK1", str(folder))
    assert json.loads(only_rk1.out)["findings"] == []
    both = run(
        capsys,
        "check",
        "--format",
        "json",
        "--select",
        "RK1",
        "--extend-select",
        "RK2",
        str(folder),
    )
    assert [f["code"] for f in json.loads(both.out)["findings"]] == ["RK201"]


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ('ignore = [""]\n', ["ignore", "tom kod"]),
        ('select = ["RK2O"]\n', ["RK20"]),
        ('extend-select = ["RK99"]\n', ["RK99"]),
        ('[per-file-ignores]\n"*.yaml" = ["RK2 01"]\n', ["per-file-ignores"]),
        ('reference-data = "saknas"\n', ["reference-data", "finns inte"]),
        ('reference-data = "rapportkoll.toml"\n', ["reference-data", "ingen mapp"]),
        ("jobs = 100000\n", ["jobs"]),
    ],
)
def test_configuration_typos_are_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, words: list[str]
) -> None:
    folder = tree(tmp_path, 0)
    (tmp_path / "rapportkoll.toml").write_text(config, encoding="utf-8")
    ran = run(capsys, "check", str(folder))
    assert ran.code == 2, ran
    assert "rapportkoll.toml" in ran.err
    for word in words:
        assert word in ran.err, (word, ran)


def test_a_pyproject_with_our_section_but_broken_toml_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tree(tmp_path, 0)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.rapportkoll]\nignore = ["RK2"\n', encoding="utf-8")
    ran = run(capsys, "check", str(folder))
    assert ran.code == 2 and "pyproject.toml" in ran.err and "TOML" in ran.err, ran
    # someone else's broken pyproject.toml without our section is not ours to judge
    pyproject.write_text("[tool.black\nline-length = 3\n", encoding="utf-8")
    assert run(capsys, "check", str(folder)).code == 1


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"format": 1}', ['"findings"']),
        (b'{"format": 1, "findings": [{"count": 1}]}', ["fingerprint"]),
        (b'{"format": 1, "findings": [{"fingerprint": "a", "count": "2"}]}', ["count"]),
        (b'{"format": 1, "findings": [{"fingerprint": "a", "count": Infinity}]}', ["Infinity"]),
        (b'{"format": 1, "findings": [{"fingerprint": "a", "count": 1e400}]}', ["count"]),
        (b'{"format": 1, "findings": [{"fingerprint": "a", "count": true}]}', ["count"]),
        (b'{"format": 1, "findings": {"a": 1}}', ['"findings"']),
        (b'{"format": 2, "findings": []}', ["format"]),
        (b"[" * 100_000, ["nästlad"]),
        (b"\xff\xfe", ["UTF-8"]),
        (b"", ["JSON"]),
    ],
)
def test_malformed_baselines_are_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, words: list[str]
) -> None:
    folder = tree(tmp_path, 0)
    base = tmp_path / "baslinje.json"
    base.write_bytes(content)
    before = snapshot(tmp_path)
    ran = run(capsys, "check", "--baseline", str(base), str(folder))
    assert ran.code == 2 and "kan inte läsa baslinjen" in ran.err, ran
    for word in words:
        assert word in ran.err, (word, ran)
    assert snapshot(tmp_path) == before


def test_a_huge_or_odd_baseline_file_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tree(tmp_path, 0)
    huge = tmp_path / "stor.json"
    with huge.open("wb") as fh:
        fh.truncate(65 * 1024 * 1024)  # sparse: no time spent writing it
    for base, word in [
        (huge, "större än"),
        (tmp_path, "mapp"),
        (tmp_path / "saknas.json", "finns inte"),
        (Path("/dev/zero"), "enhetsfil"),
    ]:
        ran = run(capsys, "check", "--baseline", str(base), str(folder))
        assert ran.code == 2 and word in ran.err, (base, ran)


@pytest.mark.parametrize(
    ("where", "word"),
    # a missing folder is made (as -o makes it); a file in its way, or a folder, is refused
    [("fil.txt/b.json", "ingen mapp"), ("fil.txt/under/b.json", "ingen mapp"), (".", "mapp")],
)
def test_a_baseline_written_where_no_file_can_be_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str, word: str
) -> None:
    folder = tree(tmp_path, 0)
    (tmp_path / "fil.txt").write_text("x", encoding="utf-8")
    target = tmp_path / where
    ran = run(capsys, "check", "--baseline", str(target), "--write-baseline", str(folder))
    assert ran.code == 2 and word in ran.err, ran


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--jobs", "-3"],
        ["check", "--jobs", "99999999999999999999999"],
        ["check", "-j", "1e9"],
        ["nightly", "--jobs", "-1"],
        ["nightly", "--jobs", "100000"],
        ["nightly", "--trend", "10" * 30],
        ["nightly", "--trend", "0"],
        ["nightly", "--trend", "-5"],
    ],
)
def test_out_of_range_numbers_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    folder = tree(tmp_path, 0)
    ran = run(capsys, *args, str(folder))
    assert ran.code == 2, ran
    assert "ska vara ett heltal från" in ran.err, ran


def test_a_single_file_with_an_odd_name_after_double_dash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After ``--`` every argument is a file: ``-`` is a file named "-", not stdin."""
    monkeypatch.chdir(tmp_path)
    text = CLEAN.read_text(encoding="utf-8").replace("Uppfylls helt", "Uppfylles helt", 1)
    for name in ("-", "--select=RK000.yaml", "--output=json=x.yaml"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    before = snapshot(tmp_path)
    ran = run(capsys, "check", "--", "-", "--select=RK000.yaml", "--output=json=x.yaml")
    assert ran.code == 1, ran
    assert ran.out.count("RK201") == 3 and "-:" in ran.out, ran
    assert snapshot(tmp_path) == before and not (tmp_path / "x.yaml").exists()
