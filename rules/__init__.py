"""The built-in rules of rapportkoll, one module per family (RK1–RK6).

Each module is a plugin registered through the ``rapportkoll`` entry-point
group, exactly as a third-party rule pack would be. Reference data that
quality staff edit lives in ``rules/data``.
"""
