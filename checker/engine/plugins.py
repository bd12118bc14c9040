"""Plugins: the built-in rule families, registered in code, and third-party packs.

The built-in families are listed here and registered directly, as datasette
does with its ``DEFAULT_PLUGINS``: a missing one is an error, never a
silently smaller catalogue. Entry points of the ``rapportkoll`` group are
for third-party rule packs only.
"""

from __future__ import annotations

import importlib
import importlib.metadata
from collections.abc import Sequence

import pluggy

from checker.engine import hookspecs

# Imported by name (not statically) so that the engine does not depend on the rules.
DEFAULT_PLUGINS = (
    "rules.reference",
    "rules.rk1_structure",
    "rules.rk2_statuses",
    "rules.rk3_indicators",
    "rules.rk4_complaints",
    "rules.rk5_budget",
    "rules.rk6_references",
    "rules.rk7_text",
)


def plugin_manager(
    extra: Sequence[object] = (), defaults: Sequence[str] = DEFAULT_PLUGINS
) -> tuple[pluggy.PluginManager, list[str]]:
    """The built-in families, every installed pack, then ``extra``; and what failed to load.

    A built-in family that cannot be imported raises: the installation is broken.
    A third-party pack that fails is reported (as an RK000 finding) and skipped.
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for name in defaults:
        pm.register(importlib.import_module(name), name=name)
    failures: list[str] = []
    for ep in sorted(
        importlib.metadata.entry_points(group=hookspecs.PROJECT), key=lambda e: e.name
    ):
        if pm.get_plugin(ep.name) is not None or ep.value in defaults:
            continue
        try:
            pm.register(ep.load(), name=ep.name)
        except Exception as exc:  # a broken plugin must not stop the run
            failures.append(f"{ep.name} ({ep.value}): {type(exc).__name__}: {exc}")
    for plugin in extra:
        pm.register(plugin)
    return pm, failures
