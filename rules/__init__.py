"""The built-in rules of rapportkoll, one module per family (RK1–RK7).

Each module declares its rules with ``@rule`` and collects them with
``rapportkoll_rules = family(__name__)``; the engine registers every family
in code (``checker.engine.plugins.DEFAULT_PLUGINS``). Reference data that
quality staff edit lives in ``rules/data``.

Every module here imports of ``checker`` only its public API, ``checker.plugin``,
as a third-party pack does. No family imports another: what several use lives
in a module of its own (``presence``, ``assessment``, ``amounts``,
``text_evidence``, ``refmodels``). ``tests/test_architecture.py`` holds both.
"""
