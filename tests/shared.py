"""The seed exports and the plain specimen, which live beside the repository in ``../shared``.

They are real reports the project may read but not hold. A user's clone has no
``../shared``: tests that need it skip, naming the folder and what it holds. CI sets
``RAPPORTKOLL_REQUIRE_SEEDS=1``, and then a missing folder fails instead of skipping,
so those tests always run there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SEED_EXPORTS = SHARED / "seeds"
PLAIN_EXPORTS = SHARED / "plain"

WHAT = {
    SEED_EXPORTS: "the four real reports as the city's table-keeping export (seeds/*.txt)",
    PLAIN_EXPORTS: "the specimen of the plain export (plain/vb-2024-boendestodet.txt)",
}


def seeds_required() -> bool:
    return os.environ.get("RAPPORTKOLL_REQUIRE_SEEDS", "") not in ("", "0")


def missing_reason(folder: Path) -> str:
    return (
        f"{folder} is absent: it holds {WHAT.get(folder, 'test data kept outside the repository')}"
    )


def need(folder: Path, pattern: str = "*") -> list[Path]:
    """The files of ``folder`` matching ``pattern``; skip (or fail under CI) when there are none."""
    found = sorted(folder.glob(pattern)) if folder.is_dir() else []
    if not found:
        if seeds_required():
            pytest.fail(missing_reason(folder) + " (RAPPORTKOLL_REQUIRE_SEEDS=1)", pytrace=False)
        pytest.skip(missing_reason(folder))
    return found


def available(folder: Path, pattern: str = "*") -> list[Path]:
    """For parametrising at collection: the files, or ``[]`` (never raises at import time)."""
    return sorted(folder.glob(pattern)) if folder.is_dir() else []
