"""Outputs never replace what is not theirs: only a regular file or a new name is an output.

Every option that writes a file is pointed at a character device, a named pipe,
a socket, a folder and links to them; each is refused with the same Swedish
words (``checker.run.output.output_problem``), exit 2, and what was there is
still there, the same file. ``import --out-dir`` never writes two sources to
one file, and a fix never renames a key onto one its mapping already has.
"""

from __future__ import annotations

import json
import os
import socket
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from checker.render import load_report, render_report
from tests.conftest import cli

from .conftest import CLEAN, run, snapshot, tree

RULE = "ingen vanlig fil"  # the output rule's words for a device, pipe, socket or link to one
FOLDER = "är en mapp"


def _export(tmp_path: Path) -> Path:
    """A text export of the clean sample (the city's document as Markdown), outside the tree."""
    source = tmp_path / "källor" / "vb-export.md"
    source.parent.mkdir()
    source.write_bytes(render_report(load_report(CLEAN), "md"))
    return source


def _identity(path: str) -> tuple[int, int, int, int]:
    st = os.lstat(path)
    return st.st_mode, st.st_ino, st.st_rdev, st.st_size


@pytest.fixture
def obstacles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Things no output may replace, by name: each kind, and a link to each."""
    place = tmp_path / "hinder"
    place.mkdir()
    fifo = place / "pipe.json"
    os.mkfifo(fifo)
    monkeypatch.chdir(place)  # a socket's path must be short: bind it by its relative name
    sock = socket.socket(socket.AF_UNIX)
    sock.bind("sock.json")
    folder = place / "mapp.json"
    folder.mkdir()
    for name, target in (("länk-null", "/dev/null"), ("länk-pipe", fifo), ("länk-mapp", folder)):
        (place / f"{name}.json").symlink_to(target)
    try:
        yield {
            "device": "/dev/null",
            "fifo": str(fifo),
            "socket": str(place / "sock.json"),
            "folder": str(folder),
            "link-device": str(place / "länk-null.json"),
            "link-fifo": str(place / "länk-pipe.json"),
            "link-folder": str(place / "länk-mapp.json"),
        }
    finally:
        sock.close()


# Each command that writes a file, as the argv that writes ``target``.
def _commands(folder: Path, export: Path) -> dict[str, Callable[[str], list[str]]]:
    report = str(folder / "vb-0.yaml")
    db, dash = str(folder.parent / "h.sqlite"), str(folder.parent / "d.html")
    nightly = ["nightly", str(folder), "--no-cache", "--jobs", "1"]
    return {
        "check --output": lambda t: ["check", str(folder), "--output", f"json={t}"],
        "check --write-baseline": lambda t: [
            "check",
            str(folder),
            "--baseline",
            t,
            "--write-baseline",
        ],
        "import -o": lambda t: ["import", str(export), "-o", t, "--force"],
        "render -o": lambda t: ["render", report, "--format", "md", "-o", t, "--force"],
        "new -o": lambda t: ["new", "--typ", "VP", "--år", "2025", "--enhet", "X", "-o", t],
        "new -o --force": lambda t: [
            "new",
            "--typ",
            "VP",
            "--år",
            "2025",
            "--enhet",
            "X",
            "-o",
            t,
            "--force",
        ],
        "schema -o": lambda t: ["schema", "-o", t],
        "nightly --db": lambda t: [*nightly, "--db", t, "--dashboard", dash],
        "nightly --dashboard": lambda t: [*nightly, "--db", db, "--dashboard", t],
        "nightly --findings": lambda t: [
            *nightly,
            "--db",
            db,
            "--dashboard",
            dash,
            "--findings",
            t,
        ],
    }


COMMANDS = [
    "check --output",
    "check --write-baseline",
    "import -o",
    "render -o",
    "new -o",
    "new -o --force",
    "schema -o",
    "nightly --db",
    "nightly --dashboard",
    "nightly --findings",
]
KINDS = ["device", "fifo", "socket", "folder", "link-device", "link-fifo", "link-folder"]


@pytest.mark.parametrize("command", COMMANDS)
def test_no_output_replaces_a_device_pipe_socket_folder_or_a_link_to_one(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    obstacles: dict[str, str],
    command: str,
) -> None:
    folder = tree(tmp_path)
    argv = _commands(folder, _export(tmp_path))[command]
    before = snapshot(tmp_path)
    for kind in KINDS:
        target = obstacles[kind]
        was = _identity(target)
        ran = run(capsys, *argv(target))
        assert ran.code == 2, (kind, ran)
        words = FOLDER if kind == "folder" else RULE
        assert words in ran.err and target in ran.err, (kind, ran)
        assert _identity(target) == was, kind  # the same device, pipe, socket, folder or link
    assert Path("/dev/null").is_char_device()
    assert snapshot(tmp_path) == before  # no input changed, nothing written anywhere
    assert not (tmp_path / "h.sqlite").exists() and not (tmp_path / "d.html").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_regular_file_and_a_new_name_are_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """The rule's other side: the same commands write a new name, and (with --force where
    the command asks for it) replace a regular file."""
    folder = tree(tmp_path, 1)
    (folder / "fel.yaml").unlink()
    argv = _commands(folder, _export(tmp_path))[command]
    out = tmp_path / "ut"
    out.mkdir()
    new = out / "ny.json"
    ran = run(capsys, *argv(str(new)))
    assert ran.code in (0, 1), ran
    assert new.is_file() and new.stat().st_size > 0
    if command == "new -o":
        return  # without --force an existing file is kept (below, --force)
    old = out / "gammal.json"
    old.write_text("{}", encoding="utf-8")
    if command in ("schema -o", "nightly --db"):  # these replace only their own kind of file
        old.write_bytes(new.read_bytes())
    ran = run(capsys, *argv(str(old)))
    assert ran.code in (0, 1), ran
    assert old.is_file() and not old.is_symlink() and old.stat().st_size > 2


def test_pipes_never_block_a_run_in_a_real_process(tmp_path: Path) -> None:
    """In a real process, a named pipe with no reader as every kind of output: refused at
    once (the run would block forever on opening it)."""
    folder = tree(tmp_path, 1)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    export = _export(tmp_path)
    before = snapshot(tmp_path)
    for command in ("check --output", "import -o", "render -o", "nightly --dashboard"):
        proc = cli(*_commands(folder, export)[command](str(fifo)))
        assert proc.returncode == 2, (command, proc.stderr)
        assert RULE in proc.stderr and "Traceback" not in proc.stderr, (command, proc.stderr)
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert snapshot(tmp_path) == before


def test_an_output_that_becomes_a_pipe_while_written_is_not_replaced(tmp_path: Path) -> None:
    """The rule is checked again just before the rename: a pipe put at the target while
    the output was being written stays."""
    from checker.read.safeio import write_atomically

    target = tmp_path / "ut.json"

    def swap(tmp: str) -> None:
        os.mkfifo(target)

    with pytest.raises(OSError, match=RULE):
        write_atomically(target, "{}", before_replace=swap)
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ut.json"]  # no temporary left


# -- import --out-dir: never two sources into one file ---------------------------------


@pytest.mark.parametrize(
    "names",
    [
        ("a/x.md", "b/x.md"),  # one name in two folders
        ("a/x.md", "a/x.txt"),  # one stem, two kinds
        ("a/x.md", "a/x.md"),  # the same source twice
        ("a/Rapport.md", "b/rapport.md"),  # one file on a case-insensitive disk
        ("a/x.md", "a/y.md", "b/y.txt"),  # the clash is not the first pair
    ],
)
@pytest.mark.parametrize("force", [False, True])
def test_import_out_dir_never_writes_two_sources_to_one_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], names: tuple[str, ...], force: bool
) -> None:
    export = _export(tmp_path)
    sources = []
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        if not path.exists():
            text = export.read_text(encoding="utf-8").replace("Boendestödet", path.stem, 1)
            path.write_text(text, encoding="utf-8")
        sources.append(str(path))
    out = tmp_path / "ut"
    out.mkdir()
    (out / "x.yaml").write_text("tidigare: import\n", encoding="utf-8")
    before = snapshot(tmp_path)
    ran = run(capsys, "import", *sources, "--out-dir", str(out), *(["--force"] if force else []))
    assert ran.code == 2, ran
    assert "skulle båda skrivas till" in ran.err, ran
    assert snapshot(tmp_path) == before  # nothing written: no source is lost


@pytest.mark.parametrize("kind", ["fifo", "link-device", "folder", "socket"])
def test_import_out_dir_never_replaces_what_is_at_a_sources_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """In ``--out-dir`` the file a source would become is held to the same rule; the other
    sources are still imported."""
    export = _export(tmp_path)
    out = tmp_path / "ut"
    out.mkdir()
    monkeypatch.chdir(out)
    blocked = out / "blockerad.yaml"
    sock = socket.socket(socket.AF_UNIX)
    try:
        if kind == "fifo":
            os.mkfifo(blocked)
        elif kind == "link-device":
            blocked.symlink_to("/dev/null")
        elif kind == "folder":
            blocked.mkdir()
        else:
            sock.bind(blocked.name)
        source = tmp_path / "källor" / "blockerad.md"
        source.write_bytes(export.read_bytes())
        was = _identity(str(blocked))
        ran = run(capsys, "import", str(source), str(export), "--out-dir", str(out), "--force")
    finally:
        sock.close()
    assert ran.code == 2, ran
    assert (FOLDER if kind == "folder" else RULE) in ran.err, ran
    assert _identity(str(blocked)) == was
    assert (out / "vb-export.yaml").is_file()  # the other source was written


def test_import_out_dir_with_distinct_names_writes_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = _export(tmp_path)
    (tmp_path / "a").mkdir()
    for name in ("x.md", "y.md"):
        (tmp_path / "a" / name).write_bytes(export.read_bytes())
    out = tmp_path / "ut"
    out.mkdir()
    ran = run(
        capsys, "import", str(tmp_path / "a/x.md"), str(tmp_path / "a/y.md"), "--out-dir", str(out)
    )
    assert ran.code == 0, ran
    assert sorted(p.name for p in out.iterdir()) == ["x.yaml", "y.yaml"]


# -- a fix never renames a key onto one its mapping has ---------------------------------

GOAL_ANALYSIS = "                analys: Sjukfrånvaron har minskat och medarbetarindex ökat.\n"


def _report(tmp_path: Path, replacement: str) -> Path:
    text = CLEAN.read_text(encoding="utf-8")
    assert GOAL_ANALYSIS in text
    path = tmp_path / "rapporter" / "vb.yaml"
    path.parent.mkdir()
    path.write_text(text.replace(GOAL_ANALYSIS, replacement, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "lines",
    [
        GOAL_ANALYSIS + "                anlys: Extra text.\n",  # after the key it would become
        "                anlys: Extra text.\n" + GOAL_ANALYSIS,  # before it
        GOAL_ANALYSIS + '                "anlys": Extra text.\n',  # a quoted typo
        "                'analys': Redan här.\n                analyss: Extra text.\n",
    ],
)
def test_a_rename_onto_an_existing_key_is_never_a_safe_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lines: str
) -> None:
    path = _report(tmp_path, lines)
    before = path.read_bytes()
    ran = run(capsys, "check", "--format", "json", str(path))
    typos = [f for f in json.loads(ran.out)["findings"] if f["code"] == "RK104"]
    assert len(typos) == 1, ran
    assert typos[0]["fix"] is None  # not offered, safe or unsafe; the suggestion stays
    assert "analys" in typos[0]["suggestion"], typos[0]
    for flags in (["--fix"], ["--fix", "--unsafe-fixes"]):
        ran = run(capsys, "check", *flags, str(path))
        assert ran.code == 1 and "RK104" in ran.out, ran
        assert path.read_bytes() == before  # no duplicate key written
    ran = run(capsys, "check", "--diff", str(path))
    assert ran.code == 0 and ran.out == "", ran


def test_two_typos_of_one_key_are_fixed_into_one_key_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _report(
        tmp_path,
        "                anlys: Sjukfrånvaron har minskat.\n                analyss: Extra text.\n",
    )
    ran = run(capsys, "check", "--fix", str(path))
    assert ran.code == 1, ran
    text = path.read_text(encoding="utf-8")
    assert "                analys: Sjukfrånvaron har minskat.\n" in text
    assert "                analyss: Extra text.\n" in text  # left for the author
    ran = run(capsys, "check", "--format", "json", str(path))
    codes = [f["code"] for f in json.loads(ran.out)["findings"]]
    assert codes == ["RK104"], ran  # the typo left, and no duplicate key (RK105)
