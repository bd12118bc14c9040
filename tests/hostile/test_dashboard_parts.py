"""The dashboard's parts kept in the cache: the same page, and no markup from the cache folder.

Each unit's findings on the dashboard are rendered once per content and kept in the cache
under its HMAC. A page made from kept parts is the page made without them, byte for byte
(times aside), over nights that change, delete and add reports; a kept part that was
changed, or copied to another part's name, is not used.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from tests.conftest import SAMPLES

from .conftest import run

EVIL = "<script>alert(1)</script>"


def _night(capsys: object, tmp_path: Path, tree: Path, name: str, *extra: str) -> str:
    out = tmp_path / name
    out.mkdir(exist_ok=True)
    ran = run(
        capsys,  # type: ignore[arg-type]
        "nightly",
        str(tree),
        "--jobs",
        "1",
        "--db",
        str(out / "h.sqlite"),
        "--dashboard",
        str(out / "d.html"),
        *extra,
    )
    assert ran.code == 0, ran
    return _masked((out / "d.html").read_text(encoding="utf-8"))


def _masked(page: str) -> str:
    """The page without what differs between two runs of the same night: times (and the
    run numbers the chart adds to dates that fall in the same second)."""
    page = re.sub(r"\d{4}-\d\d-\d\d( \d\d:\d\d(:\d\d)?)?( \(#\d+\))?", "DATE", page)
    return re.sub(r"\d+[,.]\d+ s\b", "N s", page)


def test_kept_parts_make_the_page_made_without_them(tmp_path: Path, capsys: object) -> None:
    tree = tmp_path / "rapporter"
    shutil.copytree(SAMPLES, tree)
    cache = ("--cache-dir", str(tmp_path / "cache"))
    reports = sorted(tree.rglob("*.yaml"))
    edits: list[Callable[[], object]] = [
        lambda: None,  # nothing changed: every part kept
        lambda: reports[1].write_text(
            reports[1].read_text(encoding="utf-8").replace("Uppfylls helt", "Uppfylles helt", 1)
            + "# ändrad\n",
            encoding="utf-8",
        ),
        lambda: reports[4].unlink(),
        lambda: shutil.copy(reports[0], tree / "ny.yaml"),
    ]
    # the same cache of outcomes on both sides, and no kept part on the second
    made = ("--cache-dir", str(tmp_path / "cache2"))
    for night, edit in enumerate(edits):
        edit()
        kept = _night(capsys, tmp_path, tree, "kept", *cache)
        shutil.rmtree(tmp_path / "cache2" / "pages", ignore_errors=True)
        assert kept == _night(capsys, tmp_path, tree, "made", *made), night
        pieces = list((tmp_path / "cache" / "pages").glob("*.html"))
        assert pieces, night  # the parts are there to be kept
    english = _night(capsys, tmp_path, tree, "kept", *cache, "--lang", "en")
    shutil.rmtree(tmp_path / "cache2" / "pages", ignore_errors=True)
    assert english == _night(capsys, tmp_path, tree, "made", *made, "--lang", "en")


def _kept(tmp_path: Path) -> tuple[str, str]:
    """The side that keeps parts: its cache."""
    return ("--cache-dir", str(tmp_path / "cache"))


def _made(capsys: object, tmp_path: Path, tree: Path) -> str:
    """The night's page with the same cache of outcomes and no part kept."""
    shutil.rmtree(tmp_path / "cache2" / "pages", ignore_errors=True)
    return _night(capsys, tmp_path, tree, "made", "--cache-dir", str(tmp_path / "cache2"))


def _first_nights(tmp_path: Path, capsys: object) -> tuple[Path, list[Path]]:
    """The samples' first night on both sides; the tree and the kept parts."""
    tree = tmp_path / "rapporter"
    shutil.copytree(SAMPLES, tree)
    _night(capsys, tmp_path, tree, "kept", *_kept(tmp_path))
    _made(capsys, tmp_path, tree)
    return tree, sorted((tmp_path / "cache" / "pages").glob("*.html"))


def test_a_changed_or_moved_part_is_not_used(tmp_path: Path, capsys: object) -> None:
    tree, pieces = _first_nights(tmp_path, capsys)
    assert len(pieces) >= 2
    # a part's text changed, its MAC left; another part copied over a second one's name
    mac, _, body = pieces[0].read_bytes().partition(b"\n")
    pieces[0].write_bytes(mac + b"\n" + body.replace(b"<details", EVIL.encode() + b"<details", 1))
    shutil.copy(pieces[2], pieces[1])
    again = _night(capsys, tmp_path, tree, "kept", *_kept(tmp_path))
    assert EVIL not in again
    assert again == _made(capsys, tmp_path, tree)


def test_a_link_or_pipe_in_place_of_a_part_is_not_written_through(
    tmp_path: Path, capsys: object
) -> None:
    tree, pieces = _first_nights(tmp_path, capsys)
    outside = tmp_path / "utanför.txt"
    outside.write_text("orörd", encoding="utf-8")
    pieces[0].unlink()
    pieces[0].symlink_to(outside)
    pieces[1].unlink()
    os.mkfifo(pieces[1])
    again = _night(capsys, tmp_path, tree, "kept", *_kept(tmp_path))  # no hang on the pipe
    assert outside.read_text(encoding="utf-8") == "orörd"
    assert again == _made(capsys, tmp_path, tree)
