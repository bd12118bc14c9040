"""Every link between the project's documents leads somewhere.

Markdown links in README.md, CONTRIBUTING.md, docs/ and the READMEs beside the code
(checker/*/README.md) must name a file of the repository (and, with ``#anchor``, one of
its headings, as GitHub makes anchors); every ``docs/...`` path that code, help texts,
schemas, tests or configuration mention must exist. Moving a document without
following its links fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted(
    [
        ROOT / "README.md",
        ROOT / "CONTRIBUTING.md",
        *(ROOT / "docs").rglob("*.md"),
        *(ROOT / "checker").rglob("README.md"),
    ],
)
# where a ``docs/...`` path may be mentioned (relative to the repository's root)
MENTIONING = ("checker", "rules", "schemas", "tests", "bench", "tools", "docs")
MENTIONING_FILES = (
    "README.md",
    "CONTRIBUTING.md",
    "pyproject.toml",
    "Makefile",
    ".pre-commit-hooks.yaml",
)
TEXT_SUFFIXES = {".py", ".md", ".yaml", ".yml", ".json", ".toml", ".j2", ".html", ".txt"}

LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
DOCS_PATH = re.compile(r"(?<![\w/.])docs/[\w./-]*\w")
FENCE = re.compile(r"^(```|~~~)")


def _prose(text: str) -> str:
    """The text without fenced code blocks (their brackets are code, not links)."""
    out, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line.lstrip()):
            fenced = not fenced
        out.append("" if fenced or FENCE.match(line.lstrip()) else line)
    return "\n".join(out)


def _anchors(document: Path) -> set[str]:
    """The anchors GitHub gives the headings of ``document``."""
    anchors: set[str] = set()
    for line in _prose(document.read_text(encoding="utf-8")).splitlines():
        if not line.startswith("#"):
            continue
        title = line.lstrip("#").strip().lower()
        slug = re.sub(r"[^\w\- ]", "", title).replace(" ", "-")
        base, n = slug, 1
        while slug in anchors:
            slug, n = f"{base}-{n}", n + 1
        anchors.add(slug)
    return anchors


def _broken_links(document: Path) -> list[str]:
    broken = []
    text = _prose(document.read_text(encoding="utf-8"))
    for number, line in enumerate(text.splitlines(), 1):
        for target in LINK.findall(line):
            if re.match(r"[a-z]+:", target):  # https:, mailto:
                continue
            path, _, anchor = target.partition("#")
            file = (document.parent / path).resolve() if path else document
            where = f"{document.relative_to(ROOT)}:{number}: {target}"
            if not file.exists():
                broken.append(f"{where} (no such file)")
            elif anchor and file.suffix == ".md" and anchor.lower() not in _anchors(file):
                broken.append(f"{where} (no such heading)")
    return broken


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_of_a_document_leads_to_a_file_and_heading(document: Path) -> None:
    assert document.exists(), f"{document.relative_to(ROOT)} is missing"
    assert not _broken_links(document), "\n".join(_broken_links(document))


def _mentioning_files() -> list[Path]:
    files = [ROOT / name for name in MENTIONING_FILES if (ROOT / name).exists()]
    for folder in MENTIONING:
        files += [
            p
            for p in (ROOT / folder).rglob("*")
            if p.suffix in TEXT_SUFFIXES and p.is_file() and "__pycache__" not in p.parts
        ]
    return sorted(files)


def test_every_docs_path_mentioned_exists() -> None:
    missing = []
    for file in _mentioning_files():
        text = file.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            for mention in DOCS_PATH.findall(line):
                if not (ROOT / mention).exists():
                    missing.append(f"{file.relative_to(ROOT)}:{number}: {mention}")
    assert not missing, "paths under docs/ that do not exist:\n" + "\n".join(missing)


def test_the_docs_index_names_every_document() -> None:
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    named = {(ROOT / "docs" / target.partition("#")[0]).resolve() for target in LINK.findall(index)}
    unnamed = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "docs").rglob("*.md")
        if p.name != "README.md" and p.resolve() not in named
    ]
    assert not unnamed, f"docs/README.md does not list: {unnamed}"
