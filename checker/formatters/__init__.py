"""Formatters: each turns a ``Result`` into text for one audience or tool."""

from __future__ import annotations

from collections.abc import Callable

from ..engine import Result

Formatter = Callable[[Result, str], str]


def get(name: str) -> Formatter:
    from . import github, html, jsonfmt, junit, sarif, text

    formatters: dict[str, Formatter] = {
        "text": text.render,
        "json": jsonfmt.render,
        "sarif": sarif.render,
        "junit": junit.render,
        "github": github.render,
        "html": html.render,
    }
    return formatters[name]


NAMES = ["text", "json", "sarif", "junit", "github", "html"]
