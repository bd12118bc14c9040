"""Benchmarks: one command, figures as medians of several runs, ratios measured in the same run.

    .venv/bin/python bench/run.py [--files 2000] [--repeat 5] [--nightly-files 20000] [--quick]

Measures, on a generated corpus derived from sample_reports/ (varied
content, thousands of files):

- floor: a bare PyYAML CSafeLoader parse of every file (one process);
- the full check in one process, and with all cores;
- a warm-cache re-run (nothing changed);
- single-file latency of `rapportkoll check FILE` against check-jsonschema
  and yamllint on the same file (the hooks authors already run);
- peak memory (the child's VmHWM) of `rapportkoll check` over 100 and over
  10,000 reports, writing the JSON and SARIF outputs;
- the whole check with and without 50 data rules (rule files, docs/regler.md);
- the nightly run over a tree of 2,000 and of 20,000 reports (`--nightly-files`):
  cold, warm, and with 1 % of the reports changed, with how time and memory grow
  (at 2,000 the 1 % night's share of a cold night is the median of three pairs).

The checker's modules are compiled first, as an installed package has them.

Each figure is printed with its target; the exit code is 0 whatever the
figures (benchmarks inform, they do not gate CI).
"""

from __future__ import annotations

import argparse
import compileall
import copy
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import make_corpus  # noqa: E402
from checker.engine.core import Engine  # noqa: E402
from checker.engine.settings import Settings  # noqa: E402
from checker.run.batch import check_paths  # noqa: E402
from checker.run.cache import SafeCache as Cache  # noqa: E402

SAMPLES = ROOT / "sample_reports"
BIN = Path(sys.executable).parent


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bare_parse(paths: list[Path]) -> None:
    for p in paths:
        yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)


def full_check(
    folder: Path, jobs: int, cache: Cache | None = None, engine: Engine | None = None
) -> int:
    engine = engine or Engine(Settings())
    return len(check_paths(engine, [str(folder)], jobs=jobs, cache=cache).findings)


def cli_latency(cmd: list[str], repeat: int) -> float | None:
    if shutil.which(cmd[0]) is None and not Path(cmd[0]).exists():
        return None
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


# VmHWM is this process's own peak. ru_maxrss is not: on Linux it keeps the high-water
# mark of the process that forked it (here the benchmark itself, holding its corpora).
# The whole command, as a user runs it: text on stdout, JSON and SARIF written.
_RSS = """
import os, resource, sys
sys.path.insert(0, {root!r})
from checker.cli import main
sys.stdout = open(os.devnull, "w")
main(["check", {folder!r}, "--output", "json=" + {out!r} + "/out.json",
      "--output", "sarif=" + {out!r} + "/out.sarif"] + {extra!r})
try:
    with open("/proc/self/status") as fh:
        print(next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:")), file=sys.stderr)
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def peak_rss_mib(folder: Path, extra: list[str] | None = None) -> float:
    """Peak memory of ``rapportkoll check FOLDER`` writing JSON and SARIF (the child's VmHWM)."""
    out = folder.parent / f"{folder.name}-out"
    out.mkdir(exist_ok=True)
    script = _RSS.format(root=str(ROOT), folder=str(folder), out=str(out), extra=extra or [])
    err = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stderr
    return int(err.strip().splitlines()[-1]) / 1024


_NIGHTLY = """
import os, sys, time
sys.path.insert(0, {root!r})
from checker.cli import main
sys.stdout = open(os.devnull, "w")
t = time.perf_counter()
rc = main(["nightly", {tree!r}, "--db", {db!r}, "--cache-dir", {cache!r},
           "--dashboard", {dash!r}, "--jobs", {jobs!r}])
took = time.perf_counter() - t
with open("/proc/self/status") as fh:
    hwm = next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:"))
import resource  # the largest child: a worker, or the process that writes the findings page
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(rc, took, hwm, children, file=sys.stderr)
"""


def nightly_once(tree: Path, state: Path, jobs: int) -> tuple[float, float, float]:
    """One ``rapportkoll nightly`` in a fresh process: (seconds, peak MiB of the run's
    process, peak MiB of its largest child)."""
    script = _NIGHTLY.format(
        root=str(ROOT),
        tree=str(tree),
        db=str(state / "history.sqlite"),
        cache=str(state / "cache"),
        dash=str(state / "dashboard.html"),
        jobs=str(jobs),
    )
    env = {**os.environ, "RAPPORTKOLL_CACHE_KEY": str(state / "cache.key")}
    # what the bench wrote before (a tree, a copied state, the last night's files) on disk
    # first: a night started a day after the last pays for no one else's writes
    os.sync()
    err = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    ).stderr
    rc, took, hwm, child = err.strip().splitlines()[-1].split()
    if rc not in ("0", "2"):
        raise RuntimeError(f"nightly failed ({rc}): {err[-500:]}")
    return float(took), int(hwm) / 1024, int(child) / 1024


def change_some(tree: Path, share: float, seed: int = 4) -> list[Path]:
    """Edit ``share`` of the reports (a figure changed), as a night's worth of edits."""
    paths = sorted(tree.rglob("*.yaml"))
    picked = random.Random(seed).sample(paths, max(1, round(len(paths) * share)))
    for p in picked:
        p.write_text(p.read_text(encoding="utf-8") + "# ändrad\n", encoding="utf-8")
    return picked


def memory_figures(work: Path, files: int) -> None:
    """Peak memory of a check writing JSON and SARIF, at 100, a fifth of ``files`` and ``files``."""
    print("\npeak memory (VmHWM of `rapportkoll check DIR --output json=… --output sarif=…`)")
    sizes = [100, max(200, files // 5), files]
    peaks = []
    for i, n in enumerate(sizes):
        folder = work / f"m{n}"
        make_corpus(folder, n, seed=2 + i)
        peaks.append(peak_rss_mib(folder))
        shutil.rmtree(folder, ignore_errors=True)
    small, mid, big = peaks
    row("100 reports", f"{small:.0f} MiB")
    row(f"{sizes[1]} reports", f"{mid:.0f} MiB", f"{mid / small:.2f}× of 100")
    row(
        f"{files} reports",
        f"{big:.0f} MiB",
        f"{big / small:.2f}× of 100, target ≤ 1.2×",
        big / small <= 1.2,
    )
    if big / small > 1.2:
        per_report = (big - mid) * 1024 / (files - sizes[1])
        gap(
            f"{mid - small:.1f} MiB more from 100 to {sizes[1]} reports (caches filling),"
            f" then {per_report:.2f} KiB a report from {sizes[1]} to {files} (what the run"
            " keeps per report until its end)",
            "keep nothing per report in memory: the run rules' reports read back from the"
            " spool as they are needed",
        )


# A small tree's cold night takes under half a minute: its 1 % night's share is the median
# of this many pairs, each a cold night and the 1 % night run one after the other (on
# this 2-core host one night's time moves by a quarter within minutes). The 1 % night of
# a pair is the median of ``NIGHT_AFTERS`` such nights, each from the same state (a copy).
NIGHT_PAIRS = 3
NIGHT_AFTERS = 3


def changed_night(
    tree: Path, state: Path, jobs: int, cold: float, pairs: int, afters_each: int = 1
) -> tuple[float, float, float]:
    """The night after the tree's edit, from ``state`` (cold, then warm): its share of a
    cold night's time, the median of ``pairs`` pairs (each after the first: a cold night
    on a fresh state; then the same night from ``state`` as it was, the median of
    ``afters_each`` of them); the cold and 1 % nights' median times."""
    before = state.with_name(state.name + "-before")
    shutil.copytree(state, before)

    def after() -> float:
        times = []
        for _ in range(afters_each):
            shutil.rmtree(state)
            shutil.copytree(before, state)
            times.append(nightly_once(tree, state, jobs)[0])
        return statistics.median(times)

    colds, afters = [cold], [after()]
    for i in range(1, pairs):
        fresh = state.with_name(f"{state.name}-cold{i}")
        fresh.mkdir()
        colds.append(nightly_once(tree, fresh, jobs)[0])
        shutil.rmtree(fresh, ignore_errors=True)
        afters.append(after())
    shutil.rmtree(before, ignore_errors=True)
    share = statistics.median(a / c for a, c in zip(afters, colds, strict=True))
    return share, statistics.median(colds), statistics.median(afters)


def nightly_scale(work: Path, sizes: list[int], jobs: int) -> None:
    """The nightly run on generated trees: cold, warm, 1 % changed; growth between sizes."""
    print(f"\nnightly run at city scale ({jobs} processes; time and peak memory per run)")
    figures: dict[int, tuple[float, float, float, float]] = {}
    for n in sizes:
        tree = work / f"nightly{n}"
        make_corpus(tree, n, seed=5)
        state = work / f"nightly{n}-state"
        state.mkdir()
        cold, mem, child = nightly_once(tree, state, jobs)
        warm, _, _ = nightly_once(tree, state, jobs)
        edited = change_some(tree, 0.01)
        changed = len(edited)
        pairs = NIGHT_PAIRS if n <= 5000 else 1
        share, cold, after = changed_night(tree, state, jobs, cold, pairs, NIGHT_AFTERS)
        t = time.perf_counter()
        check_paths(Engine(Settings()), [str(p) for p in edited], jobs=jobs)
        only_changed = time.perf_counter() - t
        figures[n] = (cold, warm, after, mem)
        row(f"{n} reports, cold", f"{cold:.1f} s", f"{n / cold / jobs:.0f} reports/s/core")
        row(f"{n} reports, warm (nothing changed)", f"{warm:.1f} s", f"{warm / cold * 100:.1f} %")
        row(
            f"{n} reports, {changed} changed (1 %)",
            f"{after:.1f} s",
            f"{share * 100:.1f} % of cold, target ≤ 5 %",
            share <= 0.05,
        )
        if share > 0.05:
            gap(
                f"checking the {changed} changed reports alone takes {only_changed:.1f} s"
                f" ({only_changed / cold * 100:.1f} % of cold); the other"
                f" {max(0.0, after - only_changed):.1f} s are the night's work over every"
                " report: finding the unchanged ones, the history's run, the dashboard and"
                " the findings page",
                "done: an unchanged report costs a stat and a look in the memo (served in the"
                " run's own process, its extracts read only when a run rule reads them, its"
                " kept bytes left where they lie), the changed ones checked by the workers"
                " meanwhile, no cyclic garbage collection in the run's process (the pages'"
                " templates let go of what they showed), an unchanged unit's part of both"
                " pages copied as bytes, the findings page written by a process of its own"
                " beside the dashboard while the run is small (under 160 MiB: that process"
                " copies most of the run's memory), the run rules reading each report's"
                " header from memory and no lone report's extracts, the files after a"
                " checked one served while it is awaited, a stored section filled by one"
                " format, the pages' kept parts read whole once under one MAC (beside the"
                " run's other work) and copied as bytes to both pages, the page's process"
                " begun before the run's end is stored, the page laid out once (its process"
                " inherits the layout and the pack, copied by the kernel), a changed report"
                " whose only faults are unknown keys judged without pydantic's import,"
                " the findings page synced to disk beside the dashboard, the history's"
                " whole-file check beside the start-up, the layout by runs of a file's"
                " findings and one lstat a file, RK403's one walk over the headers, a served"
                " report's lines read where the memo keeps them and its header without"
                " unpacking its extracts, the history's sums beside the memo's save, the"
                " kept parts packed in the order a night reads them and read ahead by the"
                " MiB, the page's reads of every finding made by map in C, the pages' bytes"
                " written by a thread of their own, the excerpt lines begun by the layout,"
                " the pack taken once every file is in, a served report not looked at again"
                " by the layout (docs/dev/performance.md, rounds 9 to 20); left per report:"
                " each stored"
                " part of both pages read (the pages"
                " are ~12 and ~8 KB a report), each section's key hashed, the layout and"
                " bars over every unit, all excerpt lines gzipped anew when one changed,"
                " the memo read and written whole, each served report's kept bytes read and"
                " matched; next: the excerpt lines packed in chunks kept by their key (the"
                " page's bytes change), the memo's outlines kept as columns, the memo"
                " written as a change to the last one, an unchanged stretch of units kept"
                " as one part",
            )
        row(f"{n} reports, peak memory (cold)", f"{mem:.0f} MiB", "target < 400 MiB", mem < 400)
        row(
            f"{n} reports, peak of its largest child (cold)",
            f"{child:.0f} MiB",
            "a worker or the findings page's process; shares the run's pages until written",
        )
        shutil.rmtree(tree, ignore_errors=True)
        shutil.rmtree(state, ignore_errors=True)
    if len(sizes) >= 2:
        small, big = sizes[0], sizes[-1]
        k = big / small
        for i, what in enumerate(["cold", "warm", "1 % changed", "peak memory"]):
            grow = figures[big][i] / figures[small][i]
            if i != 0:
                row(
                    f"{what}: {big} against {small} reports",
                    f"{grow:.2f}×",
                    f"{k:.0f}× the reports",
                )
                continue
            linear = grow <= k * 1.1  # within a tenth of proportional
            row(
                f"{what}: {big} against {small} reports",
                f"{grow:.2f}×",
                f"target ≤ {k * 1.1:.0f}× (linear within 10 %)",
                linear,
            )
            if not linear:
                gap(
                    f"{what} grows {grow / k:.2f}× faster than the reports: the per-night"
                    " work over every finding (both pages rendered whole, every finding"
                    " stored and read back) is the part that grows, see the 1 % cause above",
                    "the same as for 1 % changed: that work proportional to what changed",
                )


# -- reader and start-up (issue 15): CPU time, ratios measured in the same run -----------


def cpu_medians(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, list[float]]:
    """Process CPU time of each function, interleaved so that load on a shared machine
    falls on all of them alike; each list holds one figure per round."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            t = time.process_time()
            fn()
            times[name].append(time.process_time() - t)
    return times


def ratio(times: dict[str, list[float]], name: str, base: str) -> float:
    """The median over rounds of the ratio within each round (steadier than two medians)."""
    return statistics.median(a / b for a, b in zip(times[name], times[base], strict=True))


def child_cpu(cmd: list[str], repeat: int, env: dict[str, str] | None = None) -> list[float] | None:
    """User + system CPU seconds of each run of ``cmd`` (the child's own rusage)."""
    if shutil.which(cmd[0]) is None and not Path(cmd[0]).exists():
        return None
    import resource

    out = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, capture_output=True, check=False, env=env)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return out


def read_all(paths: list[Path], read: Callable[[str], object]) -> None:
    """Read every file and keep none, as a check does (a list of all 2,000 documents
    would make the garbage collector walk a growing heap: 0.96× instead of 0.7×)."""
    for p in paths:
        read(str(p))


def command_figures(corpus: Path, paths: list[Path], repeat: int) -> None:
    """`rapportkoll check DIR` as a user runs it (all cores, text on stdout), wall time,
    against the bare parse of the same files in the same rounds."""
    cmd = [str(BIN / "rapportkoll"), "check", str(corpus), "--jobs", "0"]
    ratios, walls = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        bare_parse(paths)
        floor = time.perf_counter() - t
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - t)
        ratios.append(walls[-1] / floor)
    r = statistics.median(ratios)
    row(
        f"rapportkoll check DIR ({len(paths)} reports, all cores)",
        f"{statistics.median(walls):.2f} s",
        f"{r:.2f}× the bare parse (wall, same rounds), target ≤ 1.5×",
        r <= 1.5,
    )
    if r > 1.5:
        gap(
            "the check's CPU per part is broken down under 'reader and whole check' below;"
            " with all cores the command's wall time is about that CPU over the cores",
            "see there",
        )


def reader_figures(paths: list[Path], corpus: Path, engine: Engine, repeat: int) -> None:
    """The reader alone and the whole check (RK1-RK7, one process) against the bare parse."""
    from checker.read.loader import read_file

    times = cpu_medians(
        {
            "bare": lambda: bare_parse(paths),
            "reader": lambda: read_all(paths, read_file),
            "check": lambda: full_check(corpus, 1, engine=engine),
        },
        repeat,
    )
    print("\nreader and whole check, CPU time of this process, ratios within each round")
    row("bare CSafeLoader parse (floor)", f"{statistics.median(times['bare']):.2f} s")
    r = ratio(times, "reader", "bare")
    row(
        "reader alone (read_file)",
        f"{statistics.median(times['reader']):.2f} s",
        f"{r:.2f}× floor, target ≤ 1.15×",
        r <= 1.15,
    )
    r = ratio(times, "check", "bare")
    row(
        "whole check, 1 process",
        f"{statistics.median(times['check']):.2f} s",
        f"{r:.2f}× floor (the command's target is above, with all cores)",
    )
    if r > 1.5:
        floor = statistics.median(times["bare"])
        parts = check_breakdown(paths, engine)
        rules = sorted(
            ((k, v) for k, v in parts.items() if k.startswith("RK")), key=lambda kv: -kv[1]
        )
        top = ", ".join(f"{k} {v / floor:.2f}×" for k, v in rules[:5])
        gap(
            f"per part, × floor: reading {parts['read'] / floor:.2f}×, validation"
            f" (the report model) {parts['model'] / floor:.2f}×, rules"
            f" {sum(v for _, v in rules) / floor:.2f}× (the most: {top}), turning"
            f" verdicts into findings (place, label, fix edits, extracts)"
            f" {parts['findings'] / floor:.2f}×",
            "the rules' part here runs after the whole check, with the sentence caches warm, so"
            " 'findings' also holds what those caches save; done: each file's text made in its"
            " worker, each report's texts walked once, number readings cached per text"
            " (docs/dev/performance.md, round 9); by instruction count reading is ~23 % of a"
            " check, two thirds of it libyaml and PyYAML making events, no rule above ~4 %;"
            " next: the reader's per-event step in a compiled extension over libyaml's event"
            " stream, and the generated validator's error messages so that no worker imports"
            " pydantic",
        )


def check_breakdown(paths: list[Path], engine: Engine) -> dict[str, float]:
    """CPU seconds of each part of ``Engine.check_file`` over ``paths``: reading, the model,
    each rule's check, and the rest (findings placed, labelled and given their fix edits)."""
    from checker.engine.context import ReportContext
    from checker.read.sources import read_source
    from checker.read.validate import build_model

    parts: dict[str, float] = {"read": 0.0, "model": 0.0, "whole": 0.0}
    clock = time.process_time
    for p in paths:
        t = clock()
        engine.check_file(str(p))
        parts["whole"] += clock() - t
        t = clock()
        doc = read_source(str(p), engine.settings.limits)
        parts["read"] += clock() - t
        t = clock()
        model = build_model(doc)
        parts["model"] += clock() - t
        if model is None:
            continue
        ctx = ReportContext(doc.file, doc, model, engine.refdata)
        for rule in engine.rules.values():
            if rule.check is None:
                continue
            t = clock()
            for _ in rule.check(ctx):
                pass
            parts[rule.code] = parts.get(rule.code, 0.0) + clock() - t
    spent = sum(v for k, v in parts.items() if k != "whole")
    parts["findings"] = max(0.0, parts.pop("whole") - spent)
    return parts


def startup_figures(repeat: int) -> None:
    """A one-file check's CPU time against yamllint and check-jsonschema on the same file."""
    import compileall

    # As installed by pip (pre-commit, a venv): bytecode exists. Without this, a tree
    # run with PYTHONDONTWRITEBYTECODE compiles every module on every run.
    for package in ("checker", "rules"):
        compileall.compile_dir(str(ROOT / package), quiet=1)
    sample = str(SAMPLES / "clean" / "vb-2024-boendestodet.yaml")
    schema = str(ROOT / "schemas" / "report.schema.json")
    py = sys.executable
    cmds = {
        "ours": [str(BIN / "rapportkoll"), "check", sample],
        "yamllint": [str(BIN / "yamllint"), sample],
        "cjs": [str(BIN / "check-jsonschema"), "--schemafile", schema, sample],
        "import": [py, "-c", "import checker.cli"],
        "python": [py, "-c", "pass"],
        "yaml": [py, "-c", "import yaml"],
        "engine": [
            py,
            "-c",
            "import checker.cli; from checker.engine.core import Engine; Engine()",
        ],
    }
    # A cache folder of this run's own: the plugin list is cached there after the first
    # run, as on an author's machine (a shared one is rewritten by every other venv's run,
    # and each rewrite costs the next check a scan of every installed distribution).
    cache = tempfile.mkdtemp(prefix="rapportkoll-bench-cache-")
    env = {**os.environ, "XDG_CACHE_HOME": cache}
    subprocess.run(cmds["ours"], capture_output=True, check=False, env=env)
    # Interleaved, one run of each command per round: load from other work on a shared
    # machine falls on every command alike.
    runs: dict[str, list[float] | None] = {name: [] for name in cmds}
    for _ in range(repeat):
        for name, cmd in cmds.items():
            got = runs[name]
            if got is not None:
                one = child_cpu(cmd, 1, env)
                runs[name] = None if one is None else got + one
    shutil.rmtree(cache, ignore_errors=True)
    print("\none-file check, CPU time (user + system) of the child, medians")
    ours = runs["ours"]
    for name, label in (
        ("python", "python -c pass"),
        ("import", "import checker.cli"),
        ("ours", "rapportkoll check FILE"),
        ("cjs", "check-jsonschema --schemafile FILE"),
        ("yamllint", "yamllint FILE"),
    ):
        figures = runs[name]
        if figures is None:
            row(label, "not installed (pip install -e '.[bench]')")
            continue
        value = f"{statistics.median(figures) * 1000:.0f} ms"
        if name == "yamllint" and ours is not None:
            r = statistics.median(a / b for a, b in zip(ours, figures, strict=True))
            row(label, value, f"rapportkoll {r:.2f}×, target ≤ 1.0×", r <= 1.0)
            if r > 1.0:
                startup_gap(runs, figures)
        elif name == "cjs" and ours is not None:
            r = statistics.median(a / b for a, b in zip(ours, figures, strict=True))
            row(label, value, f"rapportkoll {r:.2f}×")
        else:
            row(label, value)


def startup_gap(runs: dict[str, list[float] | None], yamllint: list[float]) -> None:
    """Where a one-file check's CPU goes, from the child processes measured above."""

    def ms(name: str) -> float:
        figures = runs[name]
        return statistics.median(figures) * 1000 if figures else 0.0

    python, yaml_import = ms("python"), ms("yaml")
    imports, engine, ours = ms("import"), ms("engine"), ms("ours")
    # No pydantic on this path: the report is validated by the generated
    # checker.read.fastmodel, the configuration and reference data by their plain
    # declarations (checker.engine.plainmodel); tests/test_startup.py pins it.
    gap(
        f"yamllint {statistics.median(yamllint) * 1000:.0f} ms in all; ours: the interpreter"
        f" {python:.0f} ms, importing PyYAML {yaml_import - python:.0f} ms (yamllint pays it"
        f" too), our other modules {imports - yaml_import:.0f} ms (the standard library's"
        " typing, and inspect with dis, ast and tokenize for pluggy and the plain models:"
        " ≈ 7 ms; of ours checker.swedish, findings and rule the most, ≈ 1–1.4 ms each),"
        f" Engine() (rule modules, reference data)"
        f" {engine - imports:.0f} ms, the check and its output {ours - engine:.0f} ms",
        "the reference data, read by the located reader on every run (≈ 6 ms for 32 KB:"
        " 4 ms its per-event loop, which the reader's step in C cuts); the spool's pickle"
        " for a one-file run (≈ 2 ms with array); the two dataclasses left (findings.Edit,"
        " which the cache's schema validates as one, and rule.Doc, whose test holds it to"
        " one: ≈ 1.5 ms with the dataclasses module); the long-lived `rapportkoll server`"
        " already serves editors without start-up",
    )


# -- rule files (issue 24): 50 data rules on top of the built-in rules ---------------------


def data_rule_file(folder: Path, count: int = 50) -> Path:
    """``count`` rules made from the shipped rule files (docs/regler/), each with its own code:
    the mix a district would write (sections, sums, counts, mentions, patterns)."""
    shipped = []
    for name in ("inbyggda.yaml", "stadsdel.yaml"):
        shipped += yaml.safe_load((ROOT / "docs" / "regler" / name).read_text("utf-8"))["regler"]
    rules = []
    for i in range(count):
        rule = copy.deepcopy(shipped[i % len(shipped)])
        rule["kod"] = f"BA{100 + i}"
        rule["namn"] = f"{rule['namn']}-{i}"
        rules.append(rule)
    path = folder / "regler-bench.yaml"
    path.write_text(yaml.safe_dump({"regler": rules}, allow_unicode=True), encoding="utf-8")
    return path


def data_rule_figures(work: Path, corpus: Path, paths: list[Path], repeat: int) -> None:
    """The whole check (1 process) with and without 50 data rules, interleaved in one run."""
    from rules.data_rules import load_pack

    rule_file = data_rule_file(work)
    plain = Engine(Settings())
    with_rules = Engine(Settings(plugins=[load_pack([str(rule_file)])]))
    assert len(with_rules.rules) == len(plain.rules) + 50
    times = cpu_medians(
        {
            "without": lambda: full_check(corpus, 1, engine=plain),
            "with": lambda: full_check(corpus, 1, engine=with_rules),
        },
        repeat,
    )
    found = full_check(corpus, 1, engine=with_rules) - full_check(corpus, 1, engine=plain)
    added = ratio(times, "with", "without")
    print(f"\nrule files: 50 data rules over {len(paths)} reports (CPU, 1 process, same run)")
    row("check without data rules", f"{statistics.median(times['without']):.2f} s")
    row("check with 50 data rules", f"{statistics.median(times['with']):.2f} s")
    row(
        "added by the data rules",
        f"{(added - 1) * 100:+.1f} %",
        f"target ≤ +20 % ({found} findings of theirs)",
        added <= 1.2,
    )
    if added > 1.2:
        gap("the selectors and checks of the data rules, per report", "profile data_rules")


# Every figure printed with a target, for the summary at the end of the run.
TARGETS: list[tuple[str, str, str, bool]] = []


def row(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
    mark = "" if ok is None else ("  OK" if ok else "  MISSED")
    print(f"  {name:<46} {value:>18}   {target}{mark}")
    if ok is not None:
        TARGETS.append((name, value, target, ok))


def summary() -> None:
    """Each target of this run once more, with its figure: the page to read first."""
    if not TARGETS:
        return
    print("\ntargets, as measured above")
    for name, value, target, ok in TARGETS:
        print(f"  {'OK    ' if ok else 'MISSED'} {name:<46} {value:>12}   {target}")


def gap(cause: str, next_step: str) -> None:
    """Under a missed target: its cause as measured in this run, and the next step."""
    print(f"    cause (measured above): {cause}")
    print(f"    next step: {next_step}")


def compiled() -> None:
    """The checker's modules compiled ahead, as an installed package has them: the runs
    measure the code, not the compiling of a module edited since its last run (a shell
    with PYTHONDONTWRITEBYTECODE set never writes them, and compiles them in every run)."""
    for package in ("checker", "rules"):
        compileall.compile_dir(ROOT / package, quiet=1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--memory-files", type=int, default=10_000)
    ap.add_argument(
        "--nightly-files",
        type=int,
        default=20_000,
        help="the large tree of the nightly figures (0: none); the small one is a tenth",
    )
    ap.add_argument("--quick", action="store_true", help="small corpus, fewer repeats")
    ap.add_argument(
        "--only",
        choices=["reader", "startup", "memory", "nightly", "datarules"],
        help="only these figures (reader, start-up, peak memory, or the nightly run's scale)",
    )
    args = ap.parse_args()
    if args.quick:
        args.files, args.repeat, args.memory_files, args.nightly_files = 300, 3, 1000, 1000
    cores = os.cpu_count() or 1
    compiled()
    work = Path(tempfile.mkdtemp(prefix="rapportkoll-bench-"))
    try:
        print(
            f"machine: {cores} cores, Python {sys.version.split()[0]},"
            f" {os.uname().machine}; corpus: {args.files} files; medians of {args.repeat}"
        )
        if args.only == "startup":
            startup_figures(max(args.repeat, 7))
            return 0
        if args.only == "memory":
            memory_figures(work, args.memory_files)
            return 0
        if args.only == "nightly":
            nightly_scale(work, [args.nightly_files // 10, args.nightly_files], cores)
            return 0
        corpus = work / "corpus"
        paths = make_corpus(corpus, args.files)
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(f"corpus: {len(paths)} files, {size:.1f} MB\n")

        engine = Engine(Settings())
        if args.only == "reader":
            reader_figures(paths, corpus, engine, args.repeat)
            return 0
        if args.only == "datarules":
            data_rule_figures(work, corpus, paths, args.repeat)
            return 0
        floor = median_time(lambda: bare_parse(paths), args.repeat)
        single = median_time(lambda: full_check(corpus, 1, engine=engine), args.repeat)
        multi = median_time(lambda: full_check(corpus, cores, engine=engine), args.repeat)
        cache_dir = work / "cache"
        cold = median_time(
            lambda: (
                shutil.rmtree(cache_dir, ignore_errors=True),
                full_check(corpus, 1, Cache(cache_dir, engine.fingerprint()), engine),
            ),
            max(1, args.repeat // 2),
        )
        full_check(corpus, 1, Cache(cache_dir, engine.fingerprint()), engine)
        warm = median_time(
            lambda: full_check(corpus, 1, Cache(cache_dir, engine.fingerprint()), engine),
            args.repeat,
        )

        print("throughput")
        row("bare CSafeLoader parse (floor)", f"{floor:.2f} s")
        row("full check, 1 process (in process)", f"{single:.2f} s", f"{single / floor:.2f}× floor")
        command_figures(corpus, paths, args.repeat)
        row(
            f"full check, {cores} processes",
            f"{multi:.2f} s",
            f"{single / multi:.2f}× faster than 1, target ≥ 1.7×",
            single / multi >= 1.7,
        )
        row("cold run filling the cache, 1 process", f"{cold:.2f} s")
        row(
            "warm re-run (cache, nothing changed)",
            f"{warm:.2f} s",
            f"{warm / cold * 100:.1f} % of cold, target ≤ 10 %",
            warm / cold <= 0.10,
        )
        per_file = single / len(paths) * 1000
        row("per file, 1 process", f"{per_file:.2f} ms")

        print("\nsingle-file latency (pre-commit), whole command")
        sample = SAMPLES / "clean" / "vb-2024-boendestodet.yaml"
        ours = cli_latency([str(BIN / "rapportkoll"), "check", str(sample)], args.repeat)
        schema = str(ROOT / "schemas" / "report.schema.json")
        cjs = cli_latency(
            [str(BIN / "check-jsonschema"), "--schemafile", schema, str(sample)], args.repeat
        )
        ylint = cli_latency([str(BIN / "yamllint"), str(sample)], args.repeat)
        row("rapportkoll check FILE", f"{ours * 1000:.0f} ms" if ours else "n/a")
        if cjs:
            row(
                "check-jsonschema --schemafile FILE",
                f"{cjs * 1000:.0f} ms",
                f"rapportkoll {ours / cjs:.2f}×, target ≤ 1.0×" if ours else "",
                (ours / cjs <= 1.0) if ours else None,
            )
        else:
            row("check-jsonschema", "not installed (pip install check-jsonschema)")
        if ylint:
            row(
                "yamllint FILE",
                f"{ylint * 1000:.0f} ms",
                f"rapportkoll {ours / ylint:.2f}×" if ours else "",
            )
        else:
            row("yamllint", "not installed (pip install yamllint)")

        reader_figures(paths, corpus, engine, args.repeat)
        data_rule_figures(work, corpus, paths, args.repeat)
        startup_figures(max(args.repeat, 7))

        memory_figures(work, args.memory_files)
        if args.nightly_files:
            nightly_scale(work, [args.nightly_files // 10, args.nightly_files], cores)
    finally:
        summary()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
