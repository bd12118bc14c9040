"""The built-in rules of rapportkoll, one module per family (RK1–RK6).

Each ``rk*.py`` module declares its rules with ``@rule`` and collects them
with ``rapportkoll_rules = family(__name__)``; the engine registers these
modules directly (``checker.engine.plugins.DEFAULT_PLUGINS``), and entry
points are for third-party packs only. ``refmodels`` holds the models of the
reference data that quality staff edit in ``rules/data``; ``reference``
contributes that folder.
"""
