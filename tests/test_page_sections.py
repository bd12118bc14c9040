"""The findings page's unit sections, kept between nights: an unchanged unit's section is
rendered once and reused, and a stored section is trusted only under the cache's key. The
same for the page's packed excerpt lines.

Real nightly runs (in this process, so that the renders can be counted) over a copy of
the sample reports, with a real cache folder, history and key file.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import shutil
from pathlib import Path

import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.findings import Severity
from checker.nightly import runner
from checker.nightly.sections import EXCERPTS, FOLDER, SECTION
from checker.outputs import html
from checker.results import Result
from tests.conftest import SAMPLES

_DATE = re.compile(rb"\d{4}-\d\d-\d\d \d\d:\d\d")


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The key (committee and unit anchor) of every unit section rendered, in order."""
    done: list[str] = []
    render = html._Units._render

    def counted(self: html._Units, g: html._Group, *args: object) -> object:
        done.append(g.key)
        return render(self, g, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(html._Units, "_render", counted)
    return done


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RAPPORTKOLL_CACHE_KEY", str(tmp_path / "state" / "cache.key"))
    root = tmp_path / "rapporter"
    shutil.copytree(SAMPLES, root)
    return root


def _night(tree: Path, state: Path, cache: bool = True, jobs: int = 1) -> bytes:
    """One nightly run; its findings page with the minute it was made masked."""
    state.mkdir(exist_ok=True)
    runner.run(
        Engine(Settings()),
        str(tree),
        str(state / "historik.sqlite"),
        str(state / "cache") if cache else None,
        str(state / "dashboard.html"),
        jobs=jobs,
    )
    return _DATE.sub(b"DATE", (state / "anmarkningar.html").read_bytes())


def _stored(state: Path) -> list[Path]:
    """The findings page's sections kept (the dashboard's parts share the folder)."""
    return sorted((state / "cache" / FOLDER).glob(f"{SECTION}-*.html"))


def _units(page: bytes) -> list[str]:
    return re.findall(r'<details class="unit" id="(u-[0-9a-f]+)"', page.decode("utf-8"))


def test_an_unchanged_units_section_is_rendered_once(tree: Path, renders: list[str]) -> None:
    state = tree.parent / "state"
    first = _night(tree, state)
    units = _units(first)
    assert len(units) >= 5 and sorted(renders) == sorted(units)
    assert len(_stored(state)) == len(units)

    renders.clear()
    assert _night(tree, state) == first
    assert renders == []  # nothing changed: every section reused

    # One unit's report changes (a finding more): only that unit is rendered again.
    report = tree / "defects" / "solsidan" / "t1-2024-solsidan.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("status: Ingen", "status: Inget", 1), encoding="utf-8")
    third = _night(tree, state)
    assert third != first and len(renders) == 1
    assert "Solsidan" in third.decode("utf-8").split(f'id="{renders[0]}"')[1].split("</details>")[0]
    # the page is the one a run without any stored section makes
    assert third == _night(tree, tree.parent / "fresh", cache=False)
    # the changed unit's old section is gone, the new one kept
    assert len(_stored(state)) == len(units)


def test_a_tampered_stored_section_is_never_shown(tree: Path, renders: list[str]) -> None:
    """Whoever can write the cache folder, but not the key file, cannot change the page."""
    state = tree.parent / "state"
    first = _night(tree, state)
    stored = _stored(state)
    assert len(stored) >= 5
    forged, copied, remade, linked = stored[:4]
    # 1. the text changed, its MAC left as it was
    raw = forged.read_bytes()
    head, body = raw[:87], raw[87:]
    assert b"<details" in body  # after its holes' places (``html._open``)
    forged.write_bytes(head + re.sub(rb'class="uname">[^<]*', b'class="uname">FORFALSKAD', body))
    # 2. another unit's valid section under this unit's key
    copied.write_bytes(stored[4].read_bytes())
    # 3. a new text with a MAC made with another key
    text = b"<p>FORFALSKAD</p>"
    key = remade.stem.removeprefix(f"{SECTION}-").encode()
    mac = hmac.new(b"x" * 32, b"section\0" + key + b"\0" + text, hashlib.sha256)
    remade.write_bytes(head[: 87 - 65] + mac.hexdigest().encode() + b"\n" + text)
    # 4. a link to a valid section instead of the file
    target = linked.with_name("elsewhere")
    linked.rename(target)
    linked.symlink_to(target)

    renders.clear()
    second = _night(tree, state)
    assert b"FORFALSKAD" not in second
    assert second == first
    assert len(renders) == 4  # each doubtful section rendered again, none shown
    renders.clear()
    assert _night(tree, state) == first and renders == []  # and stored again, sound


@pytest.fixture
def packs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many files' excerpt lines each packing of them packed, in order."""
    done: list[int] = []
    pack = html._packed_lines

    def counted(
        lay: html.Layout, index: dict[str, int], hits: list[list[int]], *rest: object
    ) -> str:
        done.append(len(index))
        return pack(lay, index, hits, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(html, "_packed_lines", counted)
    return done


def _excerpted(page: bytes) -> tuple[str, int]:
    """A finding's file (as the page names it) and line, which the page's excerpts show."""
    found = re.search(
        rb'<li class="finding[^>]* data-f="\d+" data-l="(\d+)"[^>]*>.*?<span class="loc">([^<:]+):',
        page,
    )
    assert found is not None
    return found[2].decode("utf-8"), int(found[1])


def _excerpt_texts(page: bytes) -> list[str]:
    data = re.search(rb'<script type="application/json" id="rk-data">(.*?)</script>', page)
    assert data is not None
    packed = html.unpack(json.loads(data[1])["lines"])
    assert isinstance(packed, list)
    return [text for entry in packed for text in entry["l"].values()]


def _change_excerpted_line(tree: Path, page: bytes) -> tuple[Path, int]:
    """A line that an excerpt on ``page`` shows, changed in its report; the report and line."""
    name, line = _excerpted(page)
    report = tree / name
    lines = report.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].rstrip("\n") + "  # ÄNDRAD RAD\n"
    report.write_text("".join(lines), encoding="utf-8")
    return report, line


def test_the_excerpt_lines_are_packed_once_per_content(tree: Path, packs: list[int]) -> None:
    state = tree.parent / "state"
    first = _night(tree, state)
    assert len(packs) == 1 and packs[0] >= 5
    packs.clear()
    assert _night(tree, state) == first and packs == []  # nothing changed: reused

    # a line an excerpt shows changes: the lines are packed anew and show it
    _change_excerpted_line(tree, first)
    changed = _night(tree, state)
    assert len(packs) == 1
    assert any(text.endswith("# ÄNDRAD RAD") for text in _excerpt_texts(changed))
    assert changed == _night(tree, tree.parent / "fresh", cache=False)

    # stored lines that were tampered with are never shown: packed anew
    (kept,) = (state / "cache" / FOLDER).glob(f"{EXCERPTS}-*.html")
    kept.write_bytes(kept.read_bytes()[:-8] + b"AAAAAAAA")
    packs.clear()
    assert _night(tree, state) == changed and len(packs) == 1
    packs.clear()
    assert _night(tree, state) == changed and packs == []


def test_only_a_changed_files_excerpt_entry_is_made_again(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A night where one report's excerpt lines changed reads and packs that report's lines
    only; the other files' entries come from the last packing, and the page is the one a
    run without any stored part makes."""
    made: list[list[int]] = []
    kept = html._kept_lines

    def counted(lines: object, hits: list[int]) -> dict[str, str]:
        made.append(list(hits))
        return kept(lines, hits)  # type: ignore[arg-type]

    monkeypatch.setattr(html, "_kept_lines", counted)
    state = tree.parent / "state"
    first = _night(tree, state)
    files = len(made)
    assert files >= 5
    assert _night(tree, state) == first  # nothing changed: the entries kept, none read
    made.clear()
    report, line = _change_excerpted_line(tree, first)
    changed = _night(tree, state)
    assert len(made) == 1 and line in made[0]
    assert any(text.endswith("# ÄNDRAD RAD") for text in _excerpt_texts(changed))
    made.clear()
    assert changed == _night(tree, tree.parent / "fresh", cache=False)
    assert len(made) == files  # without a store every file's entry is made
    # a night later another report changes: the entries kept unread last night still serve
    made.clear()
    other = next(p for p in sorted(tree.rglob("*.yaml")) if p != report)
    other.write_text(other.read_text(encoding="utf-8") + "# ändrad\n", encoding="utf-8")
    again = _night(tree, state)
    assert len(made) <= 1
    made.clear()
    assert again == _night(tree, tree.parent / "fresh2", cache=False)


def test_each_findings_place_in_its_file_is_the_same_held_or_spooled() -> None:
    """A section's key names each finding by its file and its place among that file's
    findings: the run's spooled findings and findings held whole give the same places."""
    from checker.nightly.pagefindings import PageFindings
    from checker.run.batch import check_paths

    result = check_paths(Engine(Settings()), [str(SAMPLES)])
    by_file: dict[str, list[int]] = {}
    for i, f in enumerate(result.findings):
        by_file.setdefault(f.file, []).append(i)
    assert len(result.findings) > 20 and any(len(v) > 3 for v in by_file.values())
    expected = [by_file[f.file].index(i) for i, f in enumerate(result.findings)]
    assert list(html.Held(result.findings).places()) == expected
    spooled = PageFindings([])
    try:
        for file, indexes in by_file.items():  # files in the order the run hands them on
            spooled.handle_file(file, [result.findings[i] for i in indexes])
        order = [i for indexes in by_file.values() for i in indexes]
        assert list(spooled.places()) == [expected[i] for i in order]
    finally:
        spooled.close()


def test_a_failure_packing_the_excerpt_lines_fails_the_page_and_ends_its_thread(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The excerpt lines are packed by a thread of their own while the page renders: what
    goes wrong there fails the night as it did in line, the last page stays, and the thread
    is over once the run is."""
    import threading

    state = tree.parent / "state"
    first = _night(tree, state)
    _change_excerpted_line(tree, first)

    def broken(*args: object) -> str:
        raise RuntimeError("minnets rader för filen har fel form; kör om")

    monkeypatch.setattr(html, "_packed_lines", broken)
    before = threading.active_count()
    with pytest.raises(RuntimeError, match="fel form"):
        _night(tree, state)
    assert threading.active_count() == before
    assert _DATE.sub(b"DATE", (state / "anmarkningar.html").read_bytes()) == first


def test_a_stored_section_is_filled_by_its_holes_places_and_refused_when_it_does_not_fit() -> None:
    """A section is stored as a format of its text (``%`` kept as it is) and where each of
    its holes takes its value; values that do not fit it, or a part of another shape, are no
    section (the unit is rendered anew)."""
    from checker.outputs.html import _filled, _open

    raw = b"<p>50 % av <#i0> (<#o0>, <#f0>) och <#i1> (<#o1>) den <#D></p>"
    stored = _open(raw, 2)
    values = [b"7", b"8", b"1", b"2", b"3", b"", b"2026-12-07"]  # i0 i1 o0 o1 f0 f1 D
    assert _filled(stored, values) == b"<p>50 % av 7 (1, 3) och 8 (2) den 2026-12-07</p>"
    assert _filled(stored, values[:-1]) is None  # a finding fewer than it was made for
    assert _filled(stored, [b"1"] * 10) is None  # values for three findings, not two
    for other in (b"", b"<p>inga h\xc3\xa5l</p>", b"2 5\n\x00\x00", stored[:-3] + b"%d</p>"):
        assert _filled(other, values) is None


def test_the_layout_puts_each_finding_in_its_unit_and_an_rk106_in_the_unit_it_names(
    tmp_path: Path,
) -> None:
    """A file's findings go to its unit as one run; a run that holds an RK106 naming its
    unit is gone through finding by finding (``placed``), the others in it staying put."""
    a, b, c = (str(tmp_path / name) for name in ("a.yaml", "b.yaml", "c.yaml"))
    units = {a: "Enhet A", b: "Enhet B", c: "Enhet C"}
    err, warn = Severity.ERROR, Severity.WARNING
    rows = [
        (a, 3, err, "RK101"),
        (a, 5, warn, "RK201"),
        (b, 1, err, "RK106"),  # names Enhet C
        (b, 2, warn, "RK201"),
        (b, 1, err, "RK106"),  # names a unit no file has
        (c, 7, warn, "RK301"),
        (a, 9, err, "RK101"),  # a's findings again, after others
    ]
    outlines = [html.Outline(f, line, 1, s, code, "namn") for f, line, s, code in rows]
    placed = {id(outlines[2]): "enhet  c", id(outlines[4]): "Enhet D"}
    result = Result(files=[a, b, c], units=units, roots=[str(tmp_path)])
    lay = html.layout(result, None, placed, {}, html.Listed(outlines))
    items = {g.label: g.items for g in lay.units.values()}
    assert items == {"Enhet A": [0, 1, 6], "Enhet B": [3], "Enhet C": [2, 5], "Enhet D": [4]}
    assert [lay.units[k].label for k in lay.of_finding] == [
        "Enhet A", "Enhet A", "Enhet C", "Enhet B", "Enhet D", "Enhet C", "Enhet A"
    ]  # fmt: skip
    counts = {g.label: (g.counts[err], g.counts[warn], g.missing) for g in lay.units.values()}
    assert counts == {
        "Enhet A": (2, 1, False),
        "Enhet B": (0, 1, False),
        "Enhet C": (1, 1, True),
        "Enhet D": (1, 0, True),
    }
