"""``--fix`` and what the operating system protects.

A read-only file is refused, a hard-linked one too (a new file would split the
link); the owner, group, mode and extended attributes (ACLs) of a fixed file
are those it had; a save by an editor between the run's read and its rename is
never overwritten, whether it writes in place or renames, and a pipe put there
is never replaced. Each refusal is Swedish, exit 2, and the file is as it was.
"""

from __future__ import annotations

import os
import stat
import struct
from pathlib import Path

import pytest

import checker.fix as fix

from .conftest import run, snapshot, tree

WRONG, RIGHT = "Uppfylles helt", "Uppfylls helt"  # the RK201 a safe fix corrects in fel.yaml


def _fixable(tmp_path: Path) -> Path:
    path = tree(tmp_path, 0) / "fel.yaml"
    assert WRONG in path.read_text(encoding="utf-8")
    return path


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o440, 0o555])
@pytest.mark.parametrize("flags", [["--fix"], ["--fix", "--unsafe-fixes"]])
def test_a_read_only_file_is_never_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mode: int, flags: list[str]
) -> None:
    path = _fixable(tmp_path)
    path.chmod(mode)
    before, st = snapshot(tmp_path), os.stat(path)
    ran = run(capsys, "check", *flags, str(path.parent))
    assert ran.code == 2, ran
    assert "fel.yaml är skrivskyddad och rättas inte" in ran.err, ran
    assert snapshot(tmp_path) == before
    now = os.stat(path)
    assert (now.st_ino, now.st_mode) == (st.st_ino, st.st_mode)


def test_a_read_only_file_beside_a_writable_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The refusal is per file: the writable one is fixed."""
    path = _fixable(tmp_path)
    other = path.with_name("andra.yaml")
    other.write_bytes(path.read_bytes())
    path.chmod(0o444)
    ran = run(capsys, "check", "--fix", str(path.parent))
    assert ran.code == 2 and "skrivskyddad" in ran.err, ran
    assert WRONG in path.read_text(encoding="utf-8")
    assert RIGHT in other.read_text(encoding="utf-8") and WRONG not in other.read_text("utf-8")


@pytest.mark.parametrize("where", ["same-folder", "outside", "two-more"])
def test_a_hard_linked_file_is_refused_and_the_link_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    path = _fixable(tmp_path)
    others = {
        "same-folder": [path.with_name("kopia.yml.bak")],
        "outside": [tmp_path / "arkiv.yaml"],
        "two-more": [tmp_path / "a.yaml", tmp_path / "b.yaml"],
    }[where]
    for other in others:
        os.link(path, other)
    before, ino = snapshot(tmp_path), os.stat(path).st_ino
    ran = run(capsys, "check", "--fix", str(path))
    assert ran.code == 2, ran
    assert f"har {len(others) + 1} hårda länkar och rättas inte" in ran.err, ran
    assert snapshot(tmp_path) == before
    assert all(os.stat(p).st_ino == ino for p in [path, *others])


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o2660])
def test_the_mode_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str], mode: int) -> None:
    path = _fixable(tmp_path)
    path.chmod(mode)
    ran = run(capsys, "check", "--fix", str(path))
    assert ran.code in (0, 1) and "Rättade 1 anmärkning" in ran.out, ran
    assert WRONG not in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(path).st_mode) == mode


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
@pytest.mark.parametrize("owner", [(65534, 65534), (65534, 0), (0, 65534), (12345, 54321)])
def test_the_owner_and_group_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], owner: tuple[int, int]
) -> None:
    path = _fixable(tmp_path)
    os.chown(path, *owner)
    ran = run(capsys, "check", "--fix", str(path))
    assert ran.code in (0, 1) and "Rättade 1 anmärkning" in ran.out, ran
    st = os.stat(path)
    assert (st.st_uid, st.st_gid) == owner
    assert WRONG not in path.read_text(encoding="utf-8")


def _acl(*entries: tuple[int, int, int]) -> bytes:
    """A POSIX ACL as the kernel stores it in ``system.posix_acl_access``."""
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *e) for e in entries)


ANY = 0xFFFFFFFF
ACL = _acl((1, 6, ANY), (2, 6, 65534), (4, 4, ANY), (8, 4, 65534), (0x10, 6, ANY), (0x20, 4, ANY))


@pytest.mark.parametrize(
    "attributes",
    [
        {"user.rapportkoll.note": b"granskad"},
        {"system.posix_acl_access": ACL},
        {"system.posix_acl_access": ACL, "user.a": b"1", "user.b": b"\x00\xff"},
    ],
)
def test_extended_attributes_and_acls_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], attributes: dict[str, bytes]
) -> None:
    path = _fixable(tmp_path)
    try:
        for name, value in attributes.items():
            os.setxattr(path, name, value)
    except OSError as exc:
        pytest.skip(f"this file system keeps no such attribute: {exc}")
    mode = stat.S_IMODE(os.stat(path).st_mode)
    ran = run(capsys, "check", "--fix", str(path))
    assert ran.code in (0, 1) and "Rättade 1 anmärkning" in ran.out, ran
    assert WRONG not in path.read_text(encoding="utf-8")
    for name, value in attributes.items():
        assert os.getxattr(path, name) == value, name
    assert stat.S_IMODE(os.stat(path).st_mode) == mode


# -- an editor's save while the run fixes --------------------------------------------


def _in_the_window(monkeypatch: pytest.MonkeyPatch, act: object) -> None:
    """Run ``act(path)`` at the last moment before the rename: after the fixed file is
    written and its attributes set, as an editor's save could land."""
    keep = fix._keep_attributes

    def late(path: str, st: os.stat_result, tmp: str) -> None:
        keep(path, st, tmp)
        act(path)  # type: ignore[operator]

    monkeypatch.setattr(fix, "_keep_attributes", late)


def _save_in_place(path: str) -> None:
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("# sparad i editorn\n")


def _save_by_rename(path: str) -> None:
    new = path + ".swp"
    Path(new).write_text(Path(path).read_text(encoding="utf-8") + "# sparad\n", "utf-8")
    os.replace(new, path)


def _same_bytes_new_file(path: str) -> None:
    new = path + ".swp"
    Path(new).write_bytes(Path(path).read_bytes())
    os.replace(new, path)


def _pipe(path: str) -> None:
    os.unlink(path)
    os.mkfifo(path)


@pytest.mark.parametrize(
    "act", [_save_in_place, _save_by_rename, _same_bytes_new_file, _pipe], ids=lambda f: f.__name__
)
def test_a_save_between_the_read_and_the_rename_is_never_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, act: object
) -> None:
    path = _fixable(tmp_path)
    _in_the_window(monkeypatch, act)
    ran = run(capsys, "check", "--fix", str(path))
    assert ran.code == 2, ran
    assert "ändrades under körningen och har inte rättats" in ran.err, ran
    if act is _pipe:
        assert stat.S_ISFIFO(os.lstat(path).st_mode)
    else:
        text = path.read_text(encoding="utf-8")
        assert WRONG in text  # the editor's file, not the run's fix
        if act is not _same_bytes_new_file:
            assert "sparad" in text
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []
