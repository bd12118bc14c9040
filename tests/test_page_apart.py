"""The findings page written by a forked process while the run's own writes the dashboard
(``runner._PageApart``, ``checker.run.apart``): the same pages as when one process writes
both, its stored sections kept and reused by the next night, and every way the page's
process can fail reported as the run's error, with nothing stored or put in place.

Real nightly runs in this process (so that a page's process is a real fork of it) over a
copy of the sample reports, with a real cache folder, history and key file.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from checker.nightly import runner
from checker.nightly.sections import FOLDER, SECTION
from checker.outputs import html
from checker.run.apart import Apart, ApartFailed
from tests.conftest import SAMPLES
from tests.test_page_sections import _DATE
from tests.test_page_sections import _night as night

T = TypeVar("T")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RAPPORTKOLL_CACHE_KEY", str(tmp_path / "cache.key"))
    # whatever the test process's peak so far (``_room_for_a_page_process``)
    monkeypatch.setattr(runner, "PAGE_APART_BELOW", 1 << 62)
    root = tmp_path / "rapporter"
    shutil.copytree(SAMPLES, root)
    return root


@pytest.fixture
def renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file with a line per unit section rendered, by whichever process renders it."""
    log = tmp_path / "renders.txt"
    log.touch()
    render = html._Units._render

    def counted(self: html._Units, g: html._Group, *args: object) -> object:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {g.key}\n")
        return render(self, g, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(html._Units, "_render", counted)
    return log


def _night(tree: Path, state: Path, jobs: int, cache: bool = True) -> bytes:
    """One nightly run (``test_page_sections``'s); its findings page, its minute masked."""
    return night(tree, state, cache, jobs)


def _dashboard(state: Path) -> bytes:
    return _DATE.sub(b"DATE", (state / "dashboard.html").read_bytes())


def _sections(state: Path) -> set[str]:
    """The names of the findings page's parts kept, loose or packed."""
    folder = state / "cache" / FOLDER
    names = {p.name for p in folder.glob(f"{SECTION}-*.html")}
    pack = folder / "parts.pack"
    if pack.exists():
        names |= set(re.findall(rf"{SECTION}-[0-9a-f]{{64}}\.html", pack.read_text("latin-1")))
    return names


def _rendered(log: Path) -> list[tuple[int, str]]:
    rows = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    log.write_text("", encoding="utf-8")
    return [(int(pid), key) for pid, key in rows]


def test_the_page_written_apart_is_the_page_one_process_writes(tree: Path, renders: Path) -> None:
    alone, apart = tree.parent / "alone", tree.parent / "apart"
    first = _night(tree, alone, jobs=1)
    assert {pid for pid, _ in _rendered(renders)} == {os.getpid()}
    assert _night(tree, apart, jobs=2) == first
    written = _rendered(renders)
    assert len(written) >= 5 and os.getpid() not in {pid for pid, _ in written}
    # the sections the page's process made are kept by the run's store, as one process's
    assert _sections(apart) == _sections(alone) and len(_sections(apart)) == len(written)

    # the next night reuses every one of them
    assert _night(tree, apart, jobs=2) == first
    assert _rendered(renders) == []

    # one unit changes: its section alone is rendered again, and the page is a fresh one's
    report = tree / "defects" / "solsidan" / "t1-2024-solsidan.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("status: Ingen", "status: Inget", 1), encoding="utf-8")
    changed = _night(tree, apart, jobs=2)
    assert len(_rendered(renders)) == 1
    assert changed == _night(tree, tree.parent / "fresh", jobs=1, cache=False) != first
    assert len(_sections(apart)) == len(written)


def _runs(state: Path) -> int:
    with sqlite3.connect(state / "historik.sqlite") as db:
        return int(db.execute("SELECT count(*) FROM runs").fetchone()[0])


def _fails_in_child(monkeypatch: pytest.MonkeyPatch, fail: object) -> None:
    """The page's process fails as ``fail`` says once it has begun the page."""
    write = runner._findings_page

    def failing(*args: object, **kwargs: object) -> None:
        if os.getpid() == parent:
            write(*args, **kwargs)  # type: ignore[arg-type]
        elif fail == "killed":
            os.kill(os.getpid(), signal.SIGKILL)
        elif fail == "disk":
            raise OSError(errno.ENOSPC, "No space left on device")
        else:
            raise ValueError("ett fel i sidans kod")

    parent = os.getpid()
    monkeypatch.setattr(runner, "_findings_page", failing)


@pytest.mark.parametrize(
    ("fail", "said"),
    [
        ("killed", "processen som skrev sidan stoppades av signal 9 (SIGKILL)"),
        ("disk", "kunde inte skriva granskningsrapporten"),
    ],
)
def test_a_page_process_that_fails_is_the_runs_error_and_nothing_is_kept(
    tree: Path, monkeypatch: pytest.MonkeyPatch, fail: str, said: str
) -> None:
    state = tree.parent / "state"
    before = _night(tree, state, jobs=2), _dashboard(state)
    _fails_in_child(monkeypatch, fail)
    with pytest.raises(runner.NightlyError) as caught:
        _night(tree, state, jobs=2)
    assert said in str(caught.value) and "anmarkningar.html" in str(caught.value)
    if fail == "disk":
        assert "inget utrymme kvar" in str(caught.value)  # the errno, described in Swedish
    # the run is not stored, both pages are as they were, no temporary file is left
    assert _runs(state) == 1
    page = _DATE.sub(b"DATE", (state / "anmarkningar.html").read_bytes())
    assert (page, _dashboard(state)) == before
    assert sorted(p.name for p in state.iterdir()) == [
        "anmarkningar.html",
        "cache",
        "dashboard.html",
        "historik.sqlite",
    ]


def test_an_error_in_the_page_process_is_raised_in_the_run(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fails_in_child(monkeypatch, "bug")
    with pytest.raises(ValueError, match="ett fel i sidans kod") as caught:
        _night(tree, tree.parent / "state", jobs=2)
    # with where it happened in the page's process, which a traceback cannot carry
    assert "I processen som skrev sidan" in "".join(caught.value.__notes__)


# -- Apart itself ------------------------------------------------------------------


def test_apart_gives_what_its_work_returned_from_another_process() -> None:
    assert Apart(lambda: (os.getpid(), [1, "två"])).result()[1] == [1, "två"]
    assert Apart(os.getpid).result() != os.getpid()


def test_apart_stop_ends_and_reaps_a_child_still_working(tmp_path: Path) -> None:
    started = tmp_path / "started"

    def work() -> None:
        started.touch()
        time.sleep(60)

    apart = Apart(work)
    pid = apart.pid
    assert pid is not None
    for _ in range(500):
        if started.exists():
            break
        time.sleep(0.01)
    apart.stop()
    with pytest.raises(ChildProcessError):  # reaped: no zombie left
        os.waitpid(pid, os.WNOHANG)
    apart.stop()  # twice is nothing


def test_apart_says_why_a_child_ended_without_an_outcome() -> None:
    with pytest.raises(ApartFailed, match="slutkod 3"):
        Apart(lambda: os._exit(3)).result()


def test_without_a_process_to_be_had_the_page_is_written_here(
    tree: Path, monkeypatch: pytest.MonkeyPatch, renders: Path
) -> None:
    alone = _night(tree, tree.parent / "alone", jobs=1)
    _rendered(renders)

    def no_fork() -> int:
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    state = tree.parent / "state"
    assert _night(tree, state, jobs=2) == alone
    assert {pid for pid, _ in _rendered(renders)} == {os.getpid()}
    assert sorted(p.name for p in state.iterdir()) == [
        "anmarkningar.html",
        "cache",
        "dashboard.html",
        "historik.sqlite",
    ]


def test_a_run_already_large_writes_the_page_in_its_own_process(
    tree: Path, monkeypatch: pytest.MonkeyPatch, renders: Path
) -> None:
    """The page's process copies most of the run's memory: past ``PAGE_APART_BELOW``
    (here, at once) the run keeps to one process and its own memory."""
    alone = _night(tree, tree.parent / "alone", jobs=1)
    _rendered(renders)
    monkeypatch.setattr(runner, "PAGE_APART_BELOW", 0)
    assert _night(tree, tree.parent / "state", jobs=2) == alone
    assert {pid for pid, _ in _rendered(renders)} == {os.getpid()}


def test_a_page_written_here_has_its_excerpt_lines_begun_by_the_layout(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written in the run's own process, the page's excerpt lines are begun as soon as the
    layout knows each file's lines, before it settles units and committees (their gzip
    runs beside the rest of the layout), and once only; a forked page begins its own.
    Either way the page is the same."""
    events: list[tuple[str, int]] = []
    settle, begin, lines = html.settle, html.begin_excerpts, html._excerpt_lines

    def settled(*args: object) -> None:
        events.append(("settle", os.getpid()))
        settle(*args)  # type: ignore[arg-type]

    def begun(*args: object) -> object:
        events.append(("begin", os.getpid()))
        return begin(*args)  # type: ignore[arg-type]

    def made(*args: object) -> object:
        events.append(("lines", os.getpid()))
        return lines(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(html, "settle", settled)
    monkeypatch.setattr(html, "begin_excerpts", begun)
    monkeypatch.setattr(html, "_excerpt_lines", made)
    monkeypatch.setattr(runner, "PAGE_APART_BELOW", 0)
    here = _night(tree, tree.parent / "here", jobs=2)
    me = os.getpid()
    assert events == [("begin", me), ("lines", me), ("settle", me)]
    events.clear()
    monkeypatch.setattr(runner, "PAGE_APART_BELOW", 1 << 62)
    assert _night(tree, tree.parent / "apart", jobs=2) == here
    assert [e for e, _ in events] == ["settle"]  # the page's process made its lines


def test_the_layout_looks_again_only_at_files_the_memo_did_not_serve(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A served report was found by the walk a regular file and no link, and its glimpse
    is all the page reads of it: the layout does not ``lstat`` it again. A changed report,
    or one that became a link, is looked at as before; the page is the same as one made
    without a memo."""
    looked: list[str] = []
    lstat, layout = os.lstat, html.layout
    counting = [False]

    def counted(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if counting[0] and str(path).endswith(".yaml"):
            looked.append(os.path.basename(str(path)))
        return lstat(path, *args, **kwargs)  # type: ignore[arg-type]

    def unlooked(call: Callable[..., T]) -> Callable[..., T]:
        # a file read again for lines its glimpse did not keep is resolved and read
        # (``file_info``): those lstats are the read's, not the layout's look
        def call_unlooked(*args: object, **kwargs: object) -> T:
            was, counting[0] = counting[0], False
            try:
                return call(*args, **kwargs)
            finally:
                counting[0] = was

        return call_unlooked

    served: list[set[str]] = []

    def laid_out(*args: object, **kwargs: object) -> html.Layout:
        plain = kwargs["plain"]  # the files the night says were served
        served.append({os.path.basename(f) for f in plain})  # type: ignore[attr-defined]
        counting[0] = True
        try:
            return layout(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            counting[0] = False

    monkeypatch.setattr(os, "lstat", counted)
    monkeypatch.setattr(os.path, "realpath", unlooked(os.path.realpath))
    monkeypatch.setattr(html, "read_source", unlooked(html.read_source))
    monkeypatch.setattr(html, "layout", laid_out)
    state = tree.parent / "state"
    _night(tree, state, jobs=1)
    reports = sorted(tree.rglob("*.yaml"))
    assert len(looked) >= len(reports)  # the first night: every report looked at
    looked.clear()
    _night(tree, state, jobs=1)
    assert len(served[-1]) >= len(reports) - 2  # nearly all served (not one kept no glimpse)
    assert not set(looked) & served[-1]  # only those the memo did not serve
    changed, linked = reports[0], reports[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "# ändrad\n", encoding="utf-8")
    kept = linked.with_name("kopia-" + linked.name + ".txt")
    linked.rename(kept)
    linked.symlink_to(kept.name)
    looked.clear()
    page = _night(tree, state, jobs=1)
    assert changed.name in looked and linked.name in looked
    assert changed.name not in served[-1] and linked.name not in served[-1]
    assert not set(looked) & served[-1]
    assert page == _night(tree, tree.parent / "fresh", jobs=1, cache=False)
