"""Plugin that contributes the built-in reference data in ``rules/data``."""

from __future__ import annotations

from pathlib import Path

from checker.plugin import hookimpl

DATA_DIR = Path(__file__).parent / "data"


@hookimpl
def rapportkoll_data_dirs() -> list[str]:
    return [str(DATA_DIR)]
