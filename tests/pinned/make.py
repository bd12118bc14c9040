"""Every output the tool writes, over three corpora, for the pinned-output test.

    .venv/bin/python -m tests.pinned.make --update     # rewrite tests/pinned/digests.txt
    .venv/bin/python -m tests.pinned.make --write DIR  # the outputs themselves, to compare

Corpora: sample_reports/, the hostile corpus and a generated corpus (bench/corpus.py,
a fixed seed). Formats: every `check` format in Swedish and English, and the nightly
run's two pages over four nights (cold, warm, one report changed and one deleted,
English). Each run has a fixed date, so that deadlines do not move with the calendar;
what still names the moment of a run (a page's minute, a run's duration) is masked.

Speed work must leave all of this byte-identical; a change of output on purpose
rewrites the digests with ``--update`` and shows in the diff of the commit. The digests
are kept rather than the outputs (12 MB); ``--write`` on both commits shows what changed.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIGESTS = Path(__file__).resolve().parent / "digests.txt"
FORMATS = ["json", "sarif", "junit", "github", "html", "xlsx"]
DATE = "2026-06-15"
GENERATED = 30

# What names the moment of a run rather than its content.
_MOMENT = [
    # the chart's time axis: the day, the minute or the second, whichever tells runs apart
    (re.compile(r'(class="ax date"[^>]*>)[^<]*'), r"\1<when>"),
    (
        re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:\d{2}|Z)?"),
        "<when>",
    ),
    (re.compile(r"\b\d{2}:\d{2}\b"), "<hh:mm>"),
    (re.compile(r"\b\d+(?:[.,]\d+)? s\b"), "<secs> s"),
]


def masked(text: str) -> str:
    for pattern, mark in _MOMENT:
        text = pattern.sub(mark, text)
    return text


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    from tests.conftest import cli

    return cli(*args, cwd=cwd, env={"RAPPORTKOLL_CACHE_KEY": str(cwd / "cache.key")})


def _xlsx_text(data: bytes) -> str:
    """The workbook's members as text: the zip container itself carries no content."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return "".join(
            f"== {name} ==\n{book.read(name).decode('utf-8')}\n" for name in sorted(book.namelist())
        )


def _corpora(work: Path) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from bench.corpus import make_corpus

    shutil.copytree(ROOT / "sample_reports", work / "samples")
    shutil.copytree(ROOT / "tests" / "hostile" / "corpus", work / "hostile")
    make_corpus(work / "generated", GENERATED, seed=3)
    return ["samples", "hostile", "generated"]


def _check_outputs(work: Path, corpus: str, lang: str) -> Iterator[tuple[str, str]]:
    stem = f"{corpus}-{lang}"
    outputs = []
    for fmt in FORMATS:
        outputs += ["--output", f"{fmt}=out/{stem}.{fmt}"]
    (work / "out").mkdir(exist_ok=True)
    proc = _run("check", corpus, "--no-config", "--date", DATE, "--lang", lang, *outputs, cwd=work)
    yield f"{stem}.exit", f"{proc.returncode}\n"
    yield f"{stem}.text", proc.stdout
    yield f"{stem}.stderr", proc.stderr
    for fmt in FORMATS:
        path = work / "out" / f"{stem}.{fmt}"
        if fmt == "xlsx":
            yield f"{stem}.xlsx.txt", _xlsx_text(path.read_bytes())
        else:
            yield f"{stem}.{fmt}", path.read_text(encoding="utf-8")


def _nightly_outputs(work: Path) -> Iterator[tuple[str, str]]:
    tree = work / "nightly"
    shutil.copytree(ROOT / "sample_reports", tree)
    reports = sorted(tree.rglob("*.yaml"))
    (work / "state").mkdir()
    nights = [("cold", "sv"), ("warm", "sv"), ("changed", "sv"), ("english", "en")]
    for night, lang in nights:
        if night == "changed":
            first = reports[0]
            first.write_text(first.read_text(encoding="utf-8") + "# ändrad\n", encoding="utf-8")
            reports[-1].unlink()
        proc = _run(
            "nightly", "nightly", "--db", "state/history.sqlite", "--cache-dir", "state/cache",
            "--dashboard", "state/dashboard.html", "--jobs", "1", "--no-config",
            "--date", DATE, "--lang", lang, cwd=work,
        )  # fmt: skip
        yield f"nightly-{night}.exit", f"{proc.returncode}\n"
        for page in ("dashboard.html", "anmarkningar.html"):
            yield f"nightly-{night}.{page}", (work / "state" / page).read_text(encoding="utf-8")


def produce() -> dict[str, str]:
    """Every pinned output by name, moments masked."""
    with tempfile.TemporaryDirectory(prefix="rapportkoll-pinned-") as tmp:
        work = Path(tmp)
        found: dict[str, str] = {}
        for corpus in _corpora(work):
            for lang in ("sv", "en"):
                found.update(_check_outputs(work, corpus, lang))
        found.update(_nightly_outputs(work))
        return {name: masked(text).replace(tmp, "<work>") for name, text in found.items()}


def digests(outputs: dict[str, str]) -> dict[str, str]:
    return {
        name: hashlib.sha256(text.encode("utf-8")).hexdigest()
        for name, text in sorted(outputs.items())
    }


def read_digests(path: Path = DIGESTS) -> dict[str, str]:
    pairs = (line.split("  ", 1) for line in path.read_text(encoding="utf-8").splitlines())
    return {name: digest for digest, name in pairs}


def write(outputs: dict[str, str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in outputs.items():
        (folder / name).write_text(text, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="rewrite tests/pinned/digests.txt")
    ap.add_argument("--write", metavar="DIR", type=Path, help="write the outputs into DIR")
    args = ap.parse_args()
    outputs = produce()
    if args.write:
        write(outputs, args.write)
    if args.update:
        lines = (f"{digest}  {name}\n" for name, digest in digests(outputs).items())
        DIGESTS.write_text("".join(lines), encoding="utf-8")
    changed = sorted(k for k, v in digests(outputs).items() if read_digests().get(k) != v)
    print(f"{len(outputs)} outputs; differing from {DIGESTS.name}: {changed or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
