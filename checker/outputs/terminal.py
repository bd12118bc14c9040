"""Text that is safe to write to a terminal: one helper for every terminal output.

``visible`` (``checker.escape``, a leaf module the importer and the scaffold use
too) writes every character a terminal acts on or that hides text as an escape
a person can read, as git and ruff do: ``\\x1b``, ``\\n``, ``\\u202e``.
"""

from __future__ import annotations

from checker.escape import visible

__all__ = ["visible"]
