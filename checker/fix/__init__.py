"""``check --fix``, ``--unsafe-fixes`` and ``--diff``: findings' fixes applied to files.

Fixes are data on the findings (``Finding.fix``: byte edits of the file as
stored, computed by ``checker.engine.edits``). Fixing a file is done in rounds,
as ruff does: check, apply every fix that overlaps no other, check again,
until nothing is left to fix or ``MAX_ROUNDS`` is reached; an unsafe fix
(a recomputed figure) waits for the round after the other figures of its
table are fixed. A round whose
result the reader cannot read as well as before is dropped. A file is
written (atomically, owner, mode and extended attributes kept) only when its
bytes changed and are still those that were read just before the rename; a
read-only or hard-linked file, exports and linked files are never written.
``--diff`` writes nothing and prints what ``--fix`` would change.
"""

from __future__ import annotations

import difflib
import os
import stat
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from checker.engine.core import Engine
from checker.findings import Edit, Finding, Msg
from checker.outputs.terminal import visible
from checker.read.loader import Problem, read_report_bytes
from checker.read.safeio import os_error, write_atomically
from checker.read.sources import is_export, limits_for
from checker.run.files import Walk, candidates
from checker.run.pipeline import collect, given

MAX_ROUNDS = 100  # as ruff: a bound, never reached by a report that converges
_UNREADABLE = ("RK104", "RK105")


@dataclass
class FileFix:
    """One file: its bytes before and after fixing, and the findings whose fix was applied."""

    path: str
    display: str
    before: bytes
    after: bytes
    fixed: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.after != self.before


@dataclass
class FixRun:
    files: list[FileFix] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # links and exports named: never written

    @property
    def fixed(self) -> int:
        return sum(len(f.fixed) for f in self.files)


def applies(f: Finding, unsafe: bool) -> bool:
    """Whether ``--fix`` applies this finding's fix (an unsafe one only with --unsafe-fixes)."""
    return f.fix is not None and bool(f.fix.edits) and (f.fix.safe or unsafe)


def _overlap(a: Edit, b: Edit) -> bool:
    return (a.start_byte < b.end_byte and b.start_byte < a.end_byte) or a.start_byte == b.start_byte


def choose(findings: Iterable[Finding], unsafe: bool) -> list[Finding]:
    """The fixes of one round: in file order, each skipped if it overlaps one already taken
    (it is tried again on the next round's text)."""
    taken: list[Edit] = []
    chosen: list[Finding] = []
    recomputed: set[str] = set()
    targets: set[tuple[str, tuple[str, ...]]] = set()
    fixable = [f for f in findings if applies(f, unsafe)]
    for f in sorted(fixable, key=lambda f: min(e.start_byte for e in f.fix.edits)):  # type: ignore[union-attr]
        assert f.fix is not None
        if any(_overlap(e, t) for e in f.fix.edits for t in taken):
            continue
        same = (f.path.rpartition("/")[0], tuple(e.text for e in f.fix.edits))
        if same in targets:
            # Two fixes writing the same text into one mapping (two misspelt keys that
            # both mean "analys") would make a duplicate key: one per round, and the
            # next round's check decides whether the other is still a fix.
            continue
        if not f.fix.safe:
            # An unsafe fix recomputes a figure from others in its table (a deviation from
            # its row, a sum from its rows): one per table and round, so that it is computed
            # from figures already fixed, never from ones fixed in the same round.
            table = "/".join(f.path.split("/")[:3])
            if table in recomputed:
                continue
            recomputed.add(table)
        chosen.append(f)
        taken.extend(f.fix.edits)
        targets.add(same)
    return chosen


def apply_edits(raw: bytes, edits: Iterable[Edit]) -> bytes:
    """``raw`` with non-overlapping ``edits`` made; ValueError if they overlap or fall outside."""
    out = bytearray()
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start_byte, e.end_byte)):
        if e.start_byte < pos or e.end_byte < e.start_byte or e.end_byte > len(raw):
            raise ValueError(f"edit {e.start_byte}-{e.end_byte} overlaps or falls outside")
        out += raw[pos : e.start_byte]
        out += e.text.encode("utf-8")
        pos = e.end_byte
    out += raw[pos:]
    return bytes(out)


def _check(engine: Engine, raw: bytes, display: str) -> list[Finding]:
    result = collect(engine, given([engine.check_bytes(raw, display)]))
    return [f for f in result.findings if f.file == display]


def _harder_to_read(before: Sequence[Finding], after: Sequence[Finding]) -> bool:
    """Whether a round made the file harder to read: more of any reading finding (a
    duplicate key is an RK105, however many RK104 typos went away to make it)."""
    was = Counter(f.code for f in before if f.code in _UNREADABLE)
    now = Counter(f.code for f in after if f.code in _UNREADABLE)
    return any(now[code] > was[code] for code in now)


def fix_bytes(
    engine: Engine, raw: bytes, display: str, unsafe: bool
) -> tuple[bytes, list[Finding]]:
    """``raw`` with every fix applied in rounds, and the findings that were fixed."""
    current, findings = raw, _check(engine, raw, display)
    fixed: list[Finding] = []
    for _ in range(MAX_ROUNDS):
        chosen = choose(findings, unsafe)
        if not chosen:
            break
        try:
            candidate = apply_edits(current, [e for f in chosen for e in f.fix.edits])  # type: ignore[union-attr]
        except ValueError:
            break
        after = _check(engine, candidate, display)
        if _harder_to_read(findings, after):
            break  # the fixes would make the file harder to read: keep the last good text
        current, findings = candidate, after
        fixed.extend(chosen)
    return current, fixed


def fix_paths(
    engine: Engine,
    paths: Sequence[str],
    *,
    unsafe: bool,
    write: bool,
    exports: bool = False,
    skip: Sequence[str | None] = (),
) -> FixRun:
    """Fix every YAML report under ``paths`` (not those in ``skip``: the roster); write
    the changed ones when ``write``."""
    run = FixRun()
    for c in candidates(
        [p for p in paths if p != "-"], exports, Walk.of(engine.settings).with_never(*skip)
    ):
        if c.refusal is not None:
            continue  # the check run reports it
        if c.link or os.path.islink(c.path):
            run.skipped.append(f"{c.display} är en länk och rättas inte; rätta filen den pekar på")
            continue
        if is_export(c.display):
            run.skipped.append(f"{c.display} är en export och rättas inte; rätta rapportens YAML")
            continue
        raw = read_report_bytes(c.path, limits_for(c.display, engine.settings.limits), False)
        if isinstance(raw, Problem):
            continue  # the check run reports it (RK105)
        after, fixed = fix_bytes(engine, raw, c.display, unsafe)
        item = FileFix(c.path, c.display, raw, after, fixed)
        run.files.append(item)
        if write and item.changed:
            error = _write(item)
            if error is not None:
                run.errors.append(error)
                item.fixed = []
    return run


class _NotWritten(Exception):
    """The fixed file is not put in place; the message says why (Swedish)."""


def _protected(item: FileFix, st: os.stat_result) -> str | None:
    """Why what the operating system protects in ``item``'s file forbids rewriting it."""
    if not stat.S_ISREG(st.st_mode):
        return f"{item.display} är ingen vanlig fil och rättas inte"
    if not st.st_mode & 0o222 or not os.access(item.path, os.W_OK):
        return (
            f"{item.display} är skrivskyddad och rättas inte; ta bort skrivskyddet om filen"
            " ska rättas"
        )
    if st.st_nlink > 1:
        # A fixed file replaces the old one (a new file, renamed over it): the other names
        # would keep the old text. Writing in place instead could leave half a file.
        return (
            f"{item.display} har {st.st_nlink} hårda länkar och rättas inte: den rättade filen"
            " skulle bara gälla det här namnet. Rätta för hand (--diff visar rättelsen)"
        )
    return None


def _keep_attributes(path: str, st: os.stat_result, tmp: str) -> None:
    """Give the fixed file ``tmp`` the owner, group, mode and extended attributes (ACLs
    among them) of the file it replaces; ``_NotWritten`` when one cannot be kept."""
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            raise _NotWritten(
                "filens ägare eller grupp kan inte behållas (den rättade filen skulle bli"
                " din); rätta den som dess ägare"
            ) from None
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    try:
        names = os.listxattr(path, follow_symlinks=False) if hasattr(os, "listxattr") else []
    except OSError:
        names = []  # a file system (or a system) without extended attributes
    for name in names:
        try:
            value = os.getxattr(path, name, follow_symlinks=False)
            try:
                if os.getxattr(tmp, name) == value:
                    continue
            except OSError:
                pass
            os.setxattr(tmp, name, value)
        except OSError:
            raise _NotWritten(
                f"filens utökade attribut {name} (t.ex. en ACL) kan inte behållas"
            ) from None


def _write(item: FileFix) -> str | None:
    """Write the fixed bytes unless the file changed since it was read; the error, if any.

    The new file gets the old one's owner, mode and extended attributes (ACLs) before
    it is renamed over it, and the file is read and compared again just before the
    rename: an editor's save in between is never overwritten (docs/fix.md says what
    window remains)."""
    changed = f"{item.display} ändrades under körningen och har inte rättats"
    try:
        st = os.lstat(item.path)
        why = _protected(item, st)
        if why is not None:
            return why
        if read_report_bytes(item.path, follow=False) != item.before:
            return changed

        def settle(tmp: str) -> None:
            _keep_attributes(item.path, st, tmp)
            now = os.lstat(item.path)
            same = (now.st_dev, now.st_ino, now.st_nlink) == (st.st_dev, st.st_ino, 1)
            if not same or read_report_bytes(item.path, follow=False) != item.before:
                raise _NotWritten("")

        write_atomically(item.path, item.after, before_replace=settle)
    except _NotWritten as exc:
        return f"{item.display} har inte rättats: {exc}" if str(exc) else changed
    except OSError as exc:
        return f"kan inte skriva {item.display}: {os_error(exc).sv}"
    return None


def unified_diff(item: FileFix) -> str:
    """The change to one file as a unified diff, named as the run names it (as ruff does)."""
    before = item.before.decode("utf-8", "surrogateescape").splitlines(keepends=True)
    after = item.after.decode("utf-8", "surrogateescape").splitlines(keepends=True)
    name = item.display.replace(os.sep, "/")
    lines = []
    for line in difflib.unified_diff(before, after, name, name):
        lines.append(line)
        if not line.endswith("\n"):
            lines.append("\n\\ No newline at end of file\n")
    return "".join(lines)


def _count(n: int, lang: str, what: str = "finding") -> str:
    words = {
        "finding": (("anmärkning", "anmärkningar"), ("finding", "findings")),
        "file": (("fil", "filer"), ("file", "files")),
    }[what][lang == "en"]
    return f"{n} {words[n != 1]}"


def _say(text: Msg, lang: str, stream: TextIO) -> None:
    stream.write(visible(text.get(lang)) + "\n")


def run_diff(
    engine: Engine,
    paths: Sequence[str],
    unsafe: bool,
    exports: bool,
    lang: str,
    skip: Sequence[str | None] = (),
) -> int:
    """``check --diff``: print what ``--fix`` would change; 1 if anything, else 0."""
    run = fix_paths(engine, paths, unsafe=unsafe, write=False, exports=exports, skip=skip)
    for note in run.skipped:
        sys.stderr.write(f"rapportkoll: {visible(note)}\n")
    diffs = [unified_diff(f) for f in run.files if f.changed]
    sys.stdout.write("".join(diffs))
    n = run.fixed
    _say(Msg(f"Skulle rätta {_count(n, 'sv')}.", f"Would fix {_count(n, 'en')}."), lang, sys.stderr)
    return 1 if diffs else 0


def run_fix(
    engine: Engine,
    paths: Sequence[str],
    unsafe: bool,
    exports: bool,
    skip: Sequence[str | None] = (),
) -> FixRun:
    """``check --fix``: fix and write; the check that follows reports what remains."""
    run = fix_paths(engine, paths, unsafe=unsafe, write=True, exports=exports, skip=skip)
    for message in [*run.skipped, *run.errors]:
        sys.stderr.write(f"rapportkoll: {visible(message)}\n")
    return run


def fixed_line(run: FixRun, remaining: int, lang: str) -> str:
    """The line after the findings: how many were fixed and how many remain."""
    n = run.fixed
    files = sum(1 for f in run.files if f.fixed)
    if lang == "en":
        return f"Fixed {_count(n, 'en')} in {_count(files, 'en', 'file')}; {remaining} remaining."
    return f"Rättade {_count(n, 'sv')} i {_count(files, 'sv', 'file')}; {remaining} återstår."
