"""Which files a run checks: the reports under the paths it is given."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

REPORT_SUFFIXES = (".yaml", ".yml")


def discover(paths: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Report files under ``paths`` as (path, display name): YAML files, hidden ones skipped, sorted."""
    seen: set[str] = set()
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found: list[str] = []
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    os.path.join(root, n)
                    for n in names
                    if n.endswith(REPORT_SUFFIXES) and not n.startswith(".")
                )
            candidates = sorted(found)
        else:
            candidates = [given]
        for c in candidates:
            key = os.path.normpath(c)
            if key not in seen:
                seen.add(key)
                yield c, os.path.normpath(c)
