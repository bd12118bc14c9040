"""The built-in rules of rapportkoll, one module per family (RK1–RK7).

Each module declares its rules with ``@rule`` and collects them with
``rapportkoll_rules = family(__name__)``; the engine registers every family
in code (``checker.engine.plugins.DEFAULT_PLUGINS``). Reference data that
quality staff edit lives in ``rules/data``.
"""
