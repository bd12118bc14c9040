"""Certain placements of a single-spaced row's values, where the text lost its empty cells.

A row whose cells were joined by single spaces no longer shows which columns were
empty. Some rows can still be placed without guessing, by what the format fixes: the
columns a report type fills and the sums its columns must make. Each rule here places
a row only when exactly one placement satisfies every constraint; otherwise it gives
None and the caller keeps the cells unknown.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from checker.importer.plain import TARGET_RE

# The tertial columns (Utfall T1, T2, VB) a report type's complaints table fills: a T1
# reports the first tertial, a T2 the first two, a VB all three (DOMAIN.md, report types).
TERTIALS_FILLED = {"T1": 1, "T2": 2, "VB": 3}
COUNT_RE = re.compile(r"^\d+$")
TOTAL_RE = re.compile(r"^(\d+) st$")


def complaint_counts(
    counts: Sequence[str], total: str, report_type: str | None
) -> list[str] | None:
    """The T1, T2 and VB cells of a complaints row whose counts (in order) lost their empty
    cells, or None when the text does not tell them. The counts go into the tertial columns
    the report type fills, in order; their sum must be the row's total ("Totalt ack.").
    That sum does not depend on the placement, so the arithmetic rejects a row whose
    figures do not add up, and the report type leaves one placement or several."""
    match = TOTAL_RE.match(total)
    if match is None or not counts or not all(COUNT_RE.match(c) for c in counts):
        return None
    if sum(int(c) for c in counts) != int(match.group(1)):
        return None
    filled = TERTIALS_FILLED.get(report_type or "", 3)
    placements = list(itertools.combinations(range(filled), len(counts)))
    if len(placements) != 1:
        return None
    cells = [""] * 3
    for slot, value in zip(placements[0], counts, strict=True):
        cells[slot] = value
    return cells


# "Tas fram av nämnd/styrelse": the city council leaves the target to the committee or board,
# and says so in its own column, KF:s årsmål. The Årsmål column holds the committee's or
# the unit's target itself, so the phrase never stands there.
OWN_TARGET_RE = re.compile(r"^(?!Tas fram av nämnd)" + TARGET_RE.pattern.removeprefix("^"))
