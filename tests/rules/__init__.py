"""Tests of the built-in rules, one module per family, and their one helper: ``check``."""

from __future__ import annotations

import tempfile
import textwrap
from collections.abc import Iterable
from pathlib import Path

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.findings import Finding
from checker.run.batch import check_paths

Expected = Iterable[tuple[str, int]]


def check(
    text: str, expect: Expected, *, codes: Iterable[str] = (), name: str = "rapport.yaml"
) -> list[Finding]:
    """Check a YAML report and compare its findings' (code, line) pairs with ``expect``.

    ``text`` is an indented block, dedented here (its first line is line 1).
    Only the codes of interest run and are compared: those in ``expect`` and
    ``codes`` (needed when nothing is expected). The pairs are compared as a
    sorted list, so a finding reported twice counts twice. Returns the
    findings compared, for assertions on their messages.
    """
    want = sorted(expect)
    select = sorted({code for code, _ in want} | set(codes))
    assert select, "name the codes of interest: expect a finding or pass codes="
    content = textwrap.dedent(text).lstrip("\n")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(content, encoding="utf-8")
        result = check_paths(Engine(Settings(select=select)), [str(path)])
        assert path.read_text(encoding="utf-8") == content, "the checker changed its input"
    assert not [f for f in result.findings if f.code == "RK000"], result.findings
    found = [f for f in result.findings if f.code in select]
    got = sorted((f.code, f.line) for f in found)
    assert got == want, [(f.code, f.line, f.message.sv) for f in found]
    return found
