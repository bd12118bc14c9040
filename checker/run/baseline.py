"""Baseline: record today's findings so that later runs fail only on new ones.

A finding's fingerprint is its code, its file and where it is by name (the
human label, which names goals and rows by title rather than by list
index), plus its message: it survives line shifts and unrelated edits, and
changes when the finding itself changes. Identical fingerprints are counted,
so a second copy of the same problem is still new.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from checker import __version__
from checker.findings import Finding, identity

FORMAT = 1


def fingerprint(f: Finding, root: Path | None = None) -> str:
    """The finding's identity (``findings.identity``), its file relative to ``root``."""
    return identity(f, str(root) if root is not None else None)


def write(path: str | Path, findings: list[Finding]) -> int:
    root = Path(path).parent
    counts = Counter(fingerprint(f, root) for f in findings)
    entries = []
    seen: set[str] = set()
    for f in findings:
        fp = fingerprint(f, root)
        if fp in seen:
            continue
        seen.add(fp)
        entries.append(
            {
                "fingerprint": fp,
                "count": counts[fp],
                "code": f.code,
                "file": f.file,
                "where": f.label.sv,
                "message": f.message.sv,
            }
        )
    data = {"format": FORMAT, "tool": f"rapportkoll {__version__}", "findings": entries}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(findings)


def load(path: str | Path) -> Counter[str]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a rapportkoll baseline (format 1)")
    return Counter({e["fingerprint"]: int(e.get("count", 1)) for e in data["findings"]})


def new_findings(
    findings: list[Finding], known: Counter[str], baseline_path: str | Path
) -> tuple[list[Finding], int]:
    """The findings not in the baseline, and how many were left out."""
    root = Path(baseline_path).parent
    remaining = Counter(known)
    out: list[Finding] = []
    for f in findings:
        fp = fingerprint(f, root)
        if remaining[fp] > 0:
            remaining[fp] -= 1
        else:
            out.append(f)
    return out, len(findings) - len(out)
