"""Output formats: every format behind one interface (``base.Formatter``), registered by name.

The registry names each format's class by module, so that a run imports
only the formats it writes.
"""

from __future__ import annotations

import importlib

from checker.outputs.base import FormatOptions, Formatter

# format name → (module, class)
FORMATTERS: dict[str, tuple[str, str]] = {
    "text": ("checker.outputs.text", "TextFormatter"),
    "json": ("checker.outputs.json", "JsonFormatter"),
    "sarif": ("checker.outputs.sarif", "SarifFormatter"),
    "junit": ("checker.outputs.junit", "JunitFormatter"),
    "github": ("checker.outputs.github", "GithubFormatter"),
    "html": ("checker.outputs.html", "HtmlFormatter"),
    "xlsx": ("checker.outputs.xlsx", "XlsxFormatter"),
}
NAMES = list(FORMATTERS)


def formatter_class(name: str) -> type[Formatter]:
    module, cls = FORMATTERS[name]
    found: type[Formatter] = getattr(importlib.import_module(module), cls)
    return found


__all__ = ["FORMATTERS", "NAMES", "FormatOptions", "Formatter", "formatter_class"]
