"""The dashboard's parts kept in the cache: the same page, and no markup from the cache folder.

Each unit's findings on the dashboard are rendered once per content and kept in the cache
folder under the cache's HMAC, in the store the findings page keeps its sections in. A page
made from kept parts is the page made without them, byte for byte (times aside), over
nights that change, delete and add reports; a kept part that was changed, or copied to
another part's name or to a part of the other page, is not used.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from checker.nightly.sections import DASHBOARD, FOLDER, SECTION, SectionStore
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


def _parts(cache: Path) -> list[Path]:
    """The dashboard's kept parts (the findings page's sections share their folder)."""
    return sorted((cache / FOLDER).glob(f"{DASHBOARD}-*.html"))


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
        shutil.rmtree(tmp_path / "cache2" / FOLDER, ignore_errors=True)
        assert kept == _night(capsys, tmp_path, tree, "made", *made), night
        assert _parts(tmp_path / "cache"), night  # the parts are there to be kept
        # and both pages' parts stay: neither page's run removed the other's
        assert list((tmp_path / "cache" / FOLDER).glob(f"{SECTION}-*.html")), night
    english = _night(capsys, tmp_path, tree, "kept", *cache, "--lang", "en")
    shutil.rmtree(tmp_path / "cache2" / FOLDER, ignore_errors=True)
    assert english == _night(capsys, tmp_path, tree, "made", *made, "--lang", "en")


def _kept(tmp_path: Path) -> tuple[str, str]:
    """The side that keeps parts: its cache."""
    return ("--cache-dir", str(tmp_path / "cache"))


def _made(capsys: object, tmp_path: Path, tree: Path) -> str:
    """The night's page with the same cache of outcomes and no part kept."""
    shutil.rmtree(tmp_path / "cache2" / FOLDER, ignore_errors=True)
    return _night(capsys, tmp_path, tree, "made", "--cache-dir", str(tmp_path / "cache2"))


def _first_nights(tmp_path: Path, capsys: object) -> tuple[Path, list[Path]]:
    """The samples' first night on both sides; the tree and the kept parts."""
    tree = tmp_path / "rapporter"
    shutil.copytree(SAMPLES, tree)
    _night(capsys, tmp_path, tree, "kept", *_kept(tmp_path))
    _made(capsys, tmp_path, tree)
    return tree, _parts(tmp_path / "cache")


def test_a_changed_or_moved_part_is_not_used(tmp_path: Path, capsys: object) -> None:
    tree, pieces = _first_nights(tmp_path, capsys)
    assert len(pieces) >= 2
    # a part's text changed, its MAC left; another part copied over a second one's name;
    # a sound section of the findings page copied over a third one's
    magic, mac, body = pieces[0].read_bytes().split(b"\n", 2)
    assert body.startswith(b"<details")
    body = body.replace(b"<details", EVIL.encode() + b"<details", 1)
    pieces[0].write_bytes(magic + b"\n" + mac + b"\n" + body)
    shutil.copy(pieces[2], pieces[1])
    section = sorted((tmp_path / "cache" / FOLDER).glob(f"{SECTION}-*.html"))[0]
    shutil.copy(section, pieces[3])
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


def test_a_part_of_one_page_is_never_one_of_the_other(tmp_path: Path) -> None:
    """The MAC covers the part's kind: a part copied under the other page's name with the
    same key is a miss, both ways."""
    store = SectionStore(tmp_path / FOLDER, b"k" * 32)
    key = "ab" * 32
    store.put(key, "<details>the findings page's</details>", SECTION)
    store.prune()  # a loose file at the night's end
    store = SectionStore(tmp_path / FOLDER, b"k" * 32)
    assert store.get(key, SECTION) == "<details>the findings page's</details>"
    folder = tmp_path / FOLDER
    shutil.copy(folder / f"{SECTION}-{key}.html", folder / f"{DASHBOARD}-{key}.html")
    assert store.get(key, DASHBOARD) is None
    store.put(key, "<details>the dashboard's</details>", DASHBOARD)
    store.prune()
    store = SectionStore(tmp_path / FOLDER, b"k" * 32)
    shutil.copy(folder / f"{DASHBOARD}-{key}.html", folder / f"{SECTION}-{key}.html")
    assert store.get(key, SECTION) is None
    assert store.get(key, DASHBOARD) == "<details>the dashboard's</details>"
