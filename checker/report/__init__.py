"""Reports: every output format behind one interface (``base.Formatter``), and the dashboard.

The registry names each format's class by module, so that a run imports
only the formats it writes.
"""

from __future__ import annotations

import importlib

from checker.report.base import FormatOptions, Formatter

# format name → (module, class)
FORMATTERS: dict[str, tuple[str, str]] = {
    "text": ("checker.report.text", "TextFormatter"),
    "json": ("checker.report.json", "JsonFormatter"),
    "sarif": ("checker.report.sarif", "SarifFormatter"),
    "junit": ("checker.report.junit", "JunitFormatter"),
    "github": ("checker.report.github", "GithubFormatter"),
    "html": ("checker.report.html", "HtmlFormatter"),
    "xlsx": ("checker.report.xlsx", "XlsxFormatter"),
}
NAMES = list(FORMATTERS)


def formatter_class(name: str) -> type[Formatter]:
    module, cls = FORMATTERS[name]
    found: type[Formatter] = getattr(importlib.import_module(module), cls)
    return found


__all__ = ["FORMATTERS", "NAMES", "FormatOptions", "Formatter", "formatter_class"]
