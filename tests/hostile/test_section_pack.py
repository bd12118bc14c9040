"""The pages' kept parts, packed into one file: trusted no more than a loose part.

Once enough parts have gathered, the store packs the used ones into one file with an
index of where each lies (``checker.nightly.sections``), under one MAC over all of it,
checked as the pack is read whole into the run's own copy. A part changed in the pack,
an index entry moved to another part (of the same page or the other), a damaged pack or
one sealed with another key is no pack, never text shown; a pack changed once it was
taken changes nothing the run shows; a link or a pipe in place of the pack is neither
followed nor written through.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from checker.nightly import sections
from checker.nightly.sections import (
    DASHBOARD,
    ENTRIES,
    EXCERPTS,
    FOLDER,
    PACK,
    SECTION,
    SectionStore,
)
from tests.conftest import SAMPLES

from .conftest import run

SECRET = b"k" * 32
KEYS = ["a1" * 32, "b2" * 32, "c3" * 32]
EVIL = b"<script>alert(1)</script>"


def _packed(folder: Path) -> SectionStore:
    """A store whose three parts (two of the findings page, one of the dashboard) were
    packed by a night's prune; a fresh store over them."""
    store = SectionStore(folder, SECRET, pack_from=1)
    store.put(KEYS[0], "<details>ett</details>", SECTION)
    store.put(KEYS[1], "<details>två</details>", SECTION)
    store.put(KEYS[2], "<details>tre</details>", DASHBOARD)
    store.prune()
    assert sorted(os.listdir(folder)) == [PACK]  # the loose parts went into the pack
    return SectionStore(folder, SECRET, pack_from=1)


TRAILER = sections._TRAILER  # where the index lies and the pack's MAC


def _index(pack: Path) -> tuple[bytes, int, dict[str, tuple[int, int]]]:
    """The pack's bytes, where its index starts, and the index (name → offset, length)."""
    raw = pack.read_bytes()
    start, length = (int(n) for n in raw[-TRAILER:].split()[:2])
    entries = {}
    for line in raw[start : start + length].decode("ascii").splitlines():
        name, offset, size = line.split(" ")
        entries[name] = (int(offset), int(size))
    return raw, start, entries


def _with_index(raw: bytes, start: int, entries: dict[str, tuple[int, int]]) -> bytes:
    """The pack with another index, its MAC as it was (no one else holds the key)."""
    index = b"".join(b"%s %d %d\n" % (n.encode(), o, s) for n, (o, s) in entries.items())
    mac = raw[-TRAILER:].split()[2]
    return raw[:start] + index + b"%020d %010d %s\n" % (start, len(index), mac)


def test_packed_parts_are_read_back_and_unused_ones_dropped(tmp_path: Path) -> None:
    store = _packed(tmp_path)
    assert store.get(KEYS[0], SECTION) == "<details>ett</details>"
    assert store.get(KEYS[2], DASHBOARD) == "<details>tre</details>"
    assert store.has(KEYS[1], SECTION) and not store.has(KEYS[2], SECTION)
    assert store.get(KEYS[2], SECTION) is None  # the kind is part of the name and the MAC
    store.put(KEYS[1], "<details>två, ny</details>", DASHBOARD)
    store.prune()  # packed anew: only the parts this night used
    again = SectionStore(tmp_path, SECRET)
    assert _index(tmp_path / PACK)[2].keys() == {
        f"{SECTION}-{KEYS[0]}.html",
        f"{DASHBOARD}-{KEYS[2]}.html",
        f"{DASHBOARD}-{KEYS[1]}.html",
    }
    assert again.get(KEYS[1], DASHBOARD) == "<details>två, ny</details>"
    assert again.get(KEYS[1], SECTION) is None


def test_a_pack_changed_anywhere_is_no_pack(tmp_path: Path) -> None:
    _packed(tmp_path)
    pack = tmp_path / PACK
    raw = pack.read_bytes()
    pack.write_bytes(raw.replace("två".encode(), "TVÅ".encode(), 1))  # same length
    store = SectionStore(tmp_path, SECRET)
    assert [store.get(k, SECTION) for k in KEYS] == [None, None, None]
    assert store.get(KEYS[2], DASHBOARD) is None
    pack.write_bytes(raw)
    assert SectionStore(tmp_path, SECRET).get(KEYS[1], SECTION) == "<details>två</details>"


def test_a_pack_sealed_with_another_key_is_no_pack(tmp_path: Path) -> None:
    _packed(tmp_path)
    store = SectionStore(tmp_path, b"x" * 32)
    assert [store.get(k, SECTION) for k in KEYS] == [None, None, None]
    assert store.get(KEYS[2], DASHBOARD) is None


def test_a_pack_changed_once_taken_changes_nothing_shown(tmp_path: Path) -> None:
    """The pack is read whole once (in a thread of its own, ``prepare``) and the parts come
    from the run's copy: a pack written over in place, or replaced, after that is not read."""
    _packed(tmp_path)
    pack = tmp_path / PACK
    raw = pack.read_bytes()
    store = SectionStore(tmp_path, SECRET)
    store.prepare()
    assert store.get(KEYS[2], DASHBOARD) == "<details>tre</details>"
    with open(pack, "r+b") as fh:  # the same file, written over in place
        fh.write(raw.replace(b"<details>ett", b"<script>ett", 1))
    (tmp_path / "ny.pack").write_bytes(raw.replace(b"<details>tv", b"<script>tv", 1))
    os.replace(tmp_path / "ny.pack", pack)
    assert store.get(KEYS[0], SECTION) == "<details>ett</details>"
    assert store.get(KEYS[1], SECTION) == "<details>två</details>"


def test_a_packed_part_is_not_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under the pack's MAC, checked as it was taken, no part's own MAC is made again; a
    loose part's still is."""
    _packed(tmp_path)
    made: list[str] = []
    mac = SectionStore._mac
    monkeypatch.setattr(
        SectionStore, "_mac", lambda self, k, key, b: made.append(key) or mac(self, k, key, b)
    )
    store = SectionStore(tmp_path, SECRET)
    assert store.get(KEYS[0], SECTION) == "<details>ett</details>"
    assert store.get(KEYS[2], DASHBOARD) == "<details>tre</details>"
    assert made == []
    store.put(KEYS[1], "<details>ny</details>", DASHBOARD)  # this run's own: checked
    assert store.get(KEYS[1], DASHBOARD) == "<details>ny</details>"
    assert made == [KEYS[1], KEYS[1]]  # made as it was put, checked as it was read


def test_the_index_cannot_move_a_part(tmp_path: Path) -> None:
    _packed(tmp_path)
    pack = tmp_path / PACK
    raw, start, entries = _index(pack)
    one, two = f"{SECTION}-{KEYS[0]}.html", f"{SECTION}-{KEYS[1]}.html"
    three = f"{DASHBOARD}-{KEYS[2]}.html"
    # the first section's entry points at the second's part; the dashboard's part is
    # indexed as a section under its own key
    entries[one] = entries[two]
    entries[f"{SECTION}-{KEYS[2]}.html"] = entries[three]
    pack.write_bytes(_with_index(raw, start, entries))
    store = SectionStore(tmp_path, SECRET)
    assert store.get(KEYS[0], SECTION) is None
    assert store.get(KEYS[2], SECTION) is None
    assert store.get(KEYS[1], SECTION) is None  # the index is under the pack's MAC too


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[:-5],  # cut short
        lambda raw: raw[:-TRAILER] + b"x" * TRAILER,  # no trailer
        lambda raw: raw[:-TRAILER] + b"%020d %010d\n" % (0, 10),  # a trailer of version 1
        lambda raw: raw[:-TRAILER] + raw[-TRAILER:].replace(b" ", b"  ", 1)[:TRAILER],
        lambda raw: raw[:-TRAILER] + b"%020d %010d %s\n" % (0, 10, raw[-65:-1]),
        lambda raw: raw[:-TRAILER] + b"-%019d %010d %s\n" % (1, 10, raw[-65:-1]),
        lambda raw: raw[:-TRAILER] + b"%020d %010d %s\n" % (30, 9_999_999_999, raw[-65:-1]),
        lambda raw: raw.replace(b"pack 2\n", b"pack 1\n", 1),  # a pack of version 1
        lambda raw: b"",
        lambda raw: b"\0" * len(raw),
    ],
)
def test_a_damaged_pack_is_no_pack(tmp_path: Path, damage: object) -> None:
    _packed(tmp_path)
    pack = tmp_path / PACK
    pack.write_bytes(damage(pack.read_bytes()))  # type: ignore[operator]
    store = SectionStore(tmp_path, SECRET)
    assert [store.get(k, SECTION) for k in KEYS] == [None, None, None]
    store.put(KEYS[0], "<details>ett</details>", SECTION)
    store.prune()  # one new part: a loose file of its own, which still works
    assert SectionStore(tmp_path, SECRET).get(KEYS[0], SECTION) == "<details>ett</details>"


def test_a_damaged_index_line_is_no_pack(tmp_path: Path) -> None:
    _packed(tmp_path)
    pack = tmp_path / PACK
    raw, start, entries = _index(pack)
    for bad in ((-1, 10), (entries[f"{SECTION}-{KEYS[0]}.html"][0], -3), (1 << 40, 10)):
        entries[f"{SECTION}-{KEYS[0]}.html"] = bad
        pack.write_bytes(_with_index(raw, start, entries))
        assert SectionStore(tmp_path, SECRET).get(KEYS[1], SECTION) is None


def test_a_link_or_pipe_in_place_of_the_pack(tmp_path: Path) -> None:
    folder = tmp_path / "parts"
    _packed(folder)
    outside = tmp_path / "utanför.pack"
    shutil.move(folder / PACK, outside)
    before = outside.read_bytes()
    (folder / PACK).symlink_to(outside)
    store = SectionStore(folder, SECRET, pack_from=1)
    assert store.get(KEYS[0], SECTION) is None  # not followed
    store.put(KEYS[0], "<details>ett</details>", SECTION)
    store.prune()  # the pack written anew replaces the link, never writes through it
    assert outside.read_bytes() == before
    assert not (folder / PACK).is_symlink()
    assert SectionStore(folder, SECRET).get(KEYS[0], SECTION) == "<details>ett</details>"
    (folder / PACK).unlink()
    os.mkfifo(folder / PACK)
    piped = SectionStore(folder, SECRET, pack_from=1)
    assert piped.get(KEYS[0], SECTION) is None  # no hang on the pipe
    piped.put(KEYS[0], "<details>ett</details>", SECTION)
    piped.prune()  # nor is the pipe replaced by a pack
    assert (folder / PACK).is_fifo()


_DATE = re.compile(r"\d{4}-\d\d-\d\d( \d\d:\d\d(:\d\d)?)?( \(#\d+\))?")


def _night(capsys: object, tmp_path: Path, tree: Path, name: str, cache: str) -> tuple[str, str]:
    out = tmp_path / name
    out.mkdir(exist_ok=True)
    argv = ["nightly", str(tree), "--jobs", "1", "--db", str(out / "h.sqlite")]
    argv += ["--dashboard", str(out / "d.html"), "--cache-dir", str(tmp_path / cache)]
    ran = run(capsys, *argv)  # type: ignore[arg-type]
    assert ran.code == 0, ran
    pages = (out / "anmarkningar.html", out / "d.html")
    masked = (_DATE.sub("DATE", p.read_text(encoding="utf-8")) for p in pages)
    findings, dash = (re.sub(r"\d+[,.]\d+ s\b", "N s", t) for t in masked)
    return findings, dash


def test_pages_from_a_forged_pack_are_the_pages_made_without_it(
    tmp_path: Path, capsys: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sections, "PACK_FROM", 1)  # the samples' few parts are packed
    tree = tmp_path / "rapporter"
    shutil.copytree(SAMPLES, tree)
    first = _night(capsys, tmp_path, tree, "kept", "cache")
    assert _night(capsys, tmp_path, tree, "made", "cache2") == first  # both sides' first night
    pack = tmp_path / "cache" / FOLDER / PACK
    assert sorted(os.listdir(pack.parent)) == [PACK]
    raw, start, entries = _index(pack)
    # one part of each kind given a script, its MAC left as it was: a unit's section of
    # each page, the packed excerpt lines and each file's entry in them
    for kind in (SECTION, DASHBOARD, EXCERPTS, ENTRIES):
        name = next(n for n in entries if n.startswith(kind + "-"))
        offset, size = entries[name]
        part = raw[offset : offset + size]
        forged = (
            part.replace(b"<details", EVIL + b"<details", 1)
            if kind in (SECTION, DASHBOARD)
            else part.replace(b'"l":{', b'"l":{"1":"' + EVIL + b'",', 1) + EVIL
        )
        assert forged != part
        raw = raw[:offset] + forged + raw[offset + size :]
        shift = len(forged) - size
        entries = {n: (o + shift if o > offset else o, s) for n, (o, s) in entries.items()}
        entries[name] = (offset, len(forged))
        start += shift
    pack.write_bytes(_with_index(raw, start, entries))
    kept = _night(capsys, tmp_path, tree, "kept", "cache")
    assert EVIL.decode() not in kept[0] + kept[1]
    shutil.rmtree(tmp_path / "cache2" / FOLDER, ignore_errors=True)
    made = _night(capsys, tmp_path, tree, "made", "cache2")
    assert kept == made  # each forged part rendered again, as the side without kept parts
    assert kept[0] == first[0]


def test_an_excerpt_entry_is_trusted_only_under_its_own_key(tmp_path: Path) -> None:
    """Each file's entry of the packed excerpt lines is a part of its own, by the hash of
    what it is made of: copied under another entry's key, or changed, it is a miss."""
    store = SectionStore(tmp_path, SECRET)
    one, two = "a1" * 32, "b2" * 32
    store.put(one, b'{"n":3,"l":{"1":"a"}}', ENTRIES)
    assert store.get_bytes(one, ENTRIES) == b'{"n":3,"l":{"1":"a"}}'
    assert store.get_bytes(one, SECTION) is None and store.get_bytes(two, ENTRIES) is None
    store.prune()
    (part,) = tmp_path.iterdir()
    shutil.copy(part, tmp_path / part.name.replace(one, two))
    assert SectionStore(tmp_path, SECRET).get_bytes(two, ENTRIES) is None
    part.write_bytes(part.read_bytes().replace(b'"a"', b'"' + EVIL + b'"'))
    assert SectionStore(tmp_path, SECRET).get_bytes(one, ENTRIES) is None


def test_new_parts_wait_in_a_nameless_file_until_the_night_ends(tmp_path: Path) -> None:
    """A run's new parts are read back from its own temporary file, which leaves no name in
    the folder; at the end they go into the pack when enough have gathered, else each into
    a loose file; a run that never ends leaves nothing."""
    folder = tmp_path / "sections"
    store = SectionStore(folder, SECRET, pack_from=2)
    store.put(KEYS[0], "<details>ett</details>", SECTION)
    store.put(KEYS[1], b"<details>tv\xc3\xa5</details>", DASHBOARD)
    assert os.listdir(folder) == []  # nothing named yet
    assert store.has(KEYS[0], SECTION) and store.get(KEYS[1], DASHBOARD) == "<details>två</details>"
    assert SectionStore(folder, SECRET).get(KEYS[0], SECTION) is None  # another run sees none
    store.prune()
    assert os.listdir(folder) == [PACK]  # two new parts, two to pack from: one pack
    again = SectionStore(folder, SECRET, pack_from=10)
    assert again.get(KEYS[0], SECTION) == "<details>ett</details>"
    again.put(KEYS[2], "<details>tre</details>", SECTION)  # used: the two, and a new one
    again.get(KEYS[1], DASHBOARD)
    again.prune()  # too few to pack again: the new part is a loose file
    assert sorted(os.listdir(folder)) == sorted([PACK, f"{SECTION}-{KEYS[2]}.html"])
    third = SectionStore(folder, SECRET)
    assert [third.get(k, SECTION) for k in (KEYS[0], KEYS[2])] == [
        "<details>ett</details>",
        "<details>tre</details>",
    ]
    lost = SectionStore(tmp_path / "lost", SECRET)
    lost.put(KEYS[0], "<details>ett</details>", SECTION)
    del lost  # a run that stopped before its end
    assert os.listdir(tmp_path / "lost") == []


def test_a_pack_too_large_to_copy_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pack larger than any night writes, or one whose copy would take half the free
    space left, is no pack: nothing of it is read or copied."""
    _packed(tmp_path)
    size = (tmp_path / PACK).stat().st_size
    read: list[int] = []
    pread = os.pread
    monkeypatch.setattr(sections.os, "pread", lambda fd, n, at: read.append(n) or pread(fd, n, at))
    monkeypatch.setattr(sections, "MAX_PACK", size - 1)
    assert SectionStore(tmp_path, SECRET).get(KEYS[0], SECTION) is None
    assert read == []
    monkeypatch.setattr(sections, "MAX_PACK", size)
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(sections.shutil, "disk_usage", lambda p: usage._replace(free=2 * size - 2))
    assert SectionStore(tmp_path, SECRET).get(KEYS[0], SECTION) is None
    assert read == []
    monkeypatch.setattr(sections.shutil, "disk_usage", lambda p: usage._replace(free=2 * size))
    assert SectionStore(tmp_path, SECRET).get(KEYS[0], SECTION) == "<details>ett</details>"


def test_what_is_plainly_no_pack_is_not_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of zeros, another version's pack or one whose trailer does not fit is no
    pack, known from its first and last bytes: nothing else of it is read or copied."""
    _packed(tmp_path)
    pack = tmp_path / PACK
    raw = pack.read_bytes()
    read: list[int] = []
    pread = os.pread
    monkeypatch.setattr(sections.os, "pread", lambda fd, n, at: read.append(n) or pread(fd, n, at))
    for bad in (
        b"\0" * len(raw),
        raw.replace(b"pack 2\n", b"pack 1\n", 1),
        raw[:-TRAILER] + b"%020d %010d %s\n" % (5, 10, raw[-65:-1]),
    ):
        pack.write_bytes(bad)
        read.clear()
        assert SectionStore(tmp_path, SECRET).get(KEYS[0], SECTION) is None
        assert max(read) <= TRAILER, read  # the trailer and the magic, no piece of the rest


def test_a_pack_the_kernel_cannot_copy_is_copied_by_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the kernel refuses to copy between the two files, the pack is copied by reads
    and writes, and the kernel is not asked again for each piece."""
    _packed(tmp_path)
    asked: list[int] = []

    def refused(*args: object) -> int:
        asked.append(1)
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(sections, "_PIECE", 16)  # many pieces
    monkeypatch.setattr(os, "copy_file_range", refused, raising=False)
    store = SectionStore(tmp_path, SECRET)
    assert store.get(KEYS[1], SECTION) == "<details>två</details>"
    assert store.get(KEYS[2], DASHBOARD) == "<details>tre</details>"
    assert asked == [1]
