"""The pages' kept parts, packed into one file: trusted no more than a loose part.

Once enough parts have gathered, the store packs the used ones into one file with an
index of where each lies (``checker.nightly.sections``). Each part keeps its MAC, and the
index only says where to read: a part changed in the pack, an index entry moved to
another part (of the same page or the other), or a damaged pack is a miss, never text
shown; a link or a pipe in place of the pack is neither followed nor written through.
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
from checker.outputs import html
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


def _index(pack: Path) -> tuple[bytes, int, dict[str, tuple[int, int]]]:
    """The pack's bytes, where its index starts, and the index (name → offset, length)."""
    raw = pack.read_bytes()
    start, length = (int(n) for n in raw[-32:].split())
    entries = {}
    for line in raw[start : start + length].decode("ascii").splitlines():
        name, offset, size = line.split(" ")
        entries[name] = (int(offset), int(size))
    return raw, start, entries


def _with_index(raw: bytes, start: int, entries: dict[str, tuple[int, int]]) -> bytes:
    index = b"".join(b"%s %d %d\n" % (n.encode(), o, s) for n, (o, s) in entries.items())
    return raw[:start] + index + b"%020d %010d\n" % (start, len(index))


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


def test_a_part_changed_in_the_pack_is_a_miss(tmp_path: Path) -> None:
    _packed(tmp_path)
    pack = tmp_path / PACK
    raw = pack.read_bytes()
    pack.write_bytes(raw.replace("två".encode(), "TVÅ".encode(), 1))  # same length
    store = SectionStore(tmp_path, SECRET)
    assert store.get(KEYS[1], SECTION) is None
    assert store.get(KEYS[0], SECTION) == "<details>ett</details>"  # the others still sound


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
    assert store.get(KEYS[1], SECTION) == "<details>två</details>"


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[:-5],  # cut short
        lambda raw: raw[:-32] + b"x" * 32,  # no trailer
        lambda raw: raw[:-32] + b"%020d %010d\n" % (0, 10),  # an index before the parts
        lambda raw: raw[:-32] + b"-%019d %010d\n" % (1, 10),
        lambda raw: raw[:-32] + b"%020d %010d\n" % (30, 9_999_999_999),
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
    store.put(KEYS[0], "<details>ett</details>", SECTION)  # a loose part still works
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


def _written(store: SectionStore, entries: dict[bytes, bytes]) -> list[str]:
    """``entries`` kept as a packing keeps them (each key ending a chunk when it starts with
    a zero byte); the chunks' keys, in order."""
    last, made = html._Entries(store), html._Entries(store)
    for key, entry in entries.items():
        made.add(key, entry, last)
    made.done(last)
    listed = store.get_bytes(html._ENTRIES_KEY, ENTRIES)
    assert listed is not None
    return [line.split(b" ")[0].decode() for line in listed.splitlines()]


def _read(store: SectionStore, keys: list[bytes]) -> list[bytes | None]:
    entries = html._Entries(store)
    return [None if (e := entries.get(k)) is None else bytes(e) for k in keys]


def test_excerpt_entries_that_do_not_add_up_are_none(tmp_path: Path) -> None:
    store = SectionStore(tmp_path, SECRET)
    one, two, three = b"00" + b"1" * 62, b"a2" * 32, b"b3" * 32  # one ends its chunk
    entries = {one: b'{"n":3,"l":{"1":"a"}}', two: '{"n":1,"l":{"1":"två"}}'.encode()}
    entries[three] = b'{"n":2,"l":{}}'
    first, second = _written(store, entries)
    assert _read(store, [one, two, three, b"c4" * 32]) == [*entries.values(), None]
    good = store.get_bytes(second, ENTRIES)
    assert good is not None
    for bad in (
        good[:-1],  # an entry cut short
        good + b"x",  # bytes no entry holds
        b"3" + good[1:],  # more entries counted than the list has
        b"-1\n",
        b"",
        b"\0" * 80,
    ):
        store.put(second, bad, ENTRIES)  # under a valid MAC, as if the code were wrong
        assert _read(store, [one, two, three]) == [entries[one], None, None], bad
    store.put(second, good, ENTRIES)
    listed = store.get_bytes(html._ENTRIES_KEY, ENTRIES)
    assert listed is not None
    for bad in (
        listed.replace(b"a2" * 32, b"zz" * 32),  # a key that is no hex
        listed.replace(b"a2" * 32, b"a2" * 31),  # cut short
        listed.replace(second.encode(), b"x" * 64),
        listed.replace(b" ", b"", 1),
    ):
        store.put(html._ENTRIES_KEY, bad, ENTRIES)
        assert None in _read(store, [one, two, three]), bad
    store.put(html._ENTRIES_KEY, listed, ENTRIES)
    # a chunk damaged on disk (its MAC no longer holds): those entries are made anew, and
    # the next packing writes the chunk again rather than keep it
    (chunk,) = (p for p in tmp_path.iterdir() if second in p.name)
    chunk.write_bytes(chunk.read_bytes().replace(b"tv", b"TV"))
    assert _read(store, [one, two, three]) == [entries[one], None, None]
    assert _written(store, entries) == [first, second]
    assert _read(store, [one, two, three]) == list(entries.values())


def test_the_newest_excerpt_entries_are_read_loose_before_packed(tmp_path: Path) -> None:
    store = SectionStore(tmp_path, SECRET, pack_from=1)
    store.put(html._ENTRIES_KEY, b"old", ENTRIES)
    store.prune()
    assert sorted(os.listdir(tmp_path)) == [PACK]
    store = SectionStore(tmp_path, SECRET)
    assert store.get_bytes(html._ENTRIES_KEY, ENTRIES) == b"old"
    store.put(html._ENTRIES_KEY, b"new", ENTRIES)  # the next night's, loose beside the pack
    assert SectionStore(tmp_path, SECRET).get_bytes(html._ENTRIES_KEY, ENTRIES) == b"new"
    (loose,) = (p for p in tmp_path.iterdir() if p.name != PACK)
    loose.write_bytes(loose.read_bytes()[:-3] + b"EVL")  # damaged: the packed one, sound
    assert SectionStore(tmp_path, SECRET).get_bytes(html._ENTRIES_KEY, ENTRIES) == b"old"
