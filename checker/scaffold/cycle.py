"""The city's report cycle: the report types, and the report each is written from.

Apart from ``checker.scaffold.build`` so that declaring the ``new`` subcommand (on
every start of the command line) does not import the skeleton builder and the
importer behind it.
"""

from __future__ import annotations

TYPES = ("VP", "T1", "T2", "VB")
# The report each type is written from in the city's cycle.
PREVIOUS = {"T1": "VP", "T2": "T1", "VB": "T2"}
# The header fields ``new`` copies from the earlier report (``build._header``).
CARRIED_NAMES = ("nämnd", "dokumenttyp", "handläggare", "telefon")
