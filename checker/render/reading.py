"""Reading a report for rendering: every scalar kept as written.

``yaml.safe_load`` turns ``2023-01-01`` into a date and ``9.50`` into 9.5;
the renderer shows values exactly as written, so floats and timestamps stay
the text of the file. Integers and booleans keep their type (``true`` is
the ♀ marker). No tags are constructed (a safe loader).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _AsWrittenLoader(yaml.SafeLoader):
    pass


def _as_written(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    assert isinstance(node, yaml.ScalarNode)
    return loader.construct_scalar(node)


_AsWrittenLoader.add_constructor("tag:yaml.org,2002:float", _as_written)
_AsWrittenLoader.add_constructor("tag:yaml.org,2002:timestamp", _as_written)


def load_report(path: str | Path) -> dict[str, Any]:
    """The report at ``path`` as a mapping (an empty one for an empty file)."""
    with open(path, encoding="utf-8") as handle:
        return load_report_text(handle.read(), str(path))


def load_report_text(text: str, name: str = "rapporten") -> dict[str, Any]:
    """A report's YAML text as a mapping; a SafeLoader subclass: no tags constructed.

    Read the file with ``checker.read`` first when it is untrusted: that reader
    enforces the limits on size, depth and aliases before anything is built.
    """
    data = yaml.load(text, Loader=_AsWrittenLoader)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"{name}: the report is not a mapping")
    return data
