"""Shared helpers: real files on disk, the real engine, the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.findings import Finding
from checker.run.batch import check_paths

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_reports"
SEEDS = SAMPLES / "seeds"


@pytest.fixture(scope="session")
def seed_exports() -> list[Path]:
    """The real reports as the city's table-keeping export, from ``../shared/seeds``.

    Session-scoped so that it skips (or fails under CI) before any module fixture reads them.
    """
    from tests.shared import SEED_EXPORTS, need

    return need(SEED_EXPORTS, "*.txt")


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine()


CheckFn = Callable[..., list[Finding]]


@pytest.fixture
def check(tmp_path: Path) -> CheckFn:
    """Write text (or bytes) to a real file and check it with the real engine."""

    def run(
        content: str | bytes, select: list[str] | None = None, name: str = "rapport.yaml"
    ) -> list[Finding]:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        before = path.read_bytes()
        result = check_paths(Engine(Settings(select=select or [])), [str(path)])
        assert path.read_bytes() == before, "the checker must never change its input"
        return result.findings

    return run


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "checker.cli", *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        input=input,
    )


def cli_json(*args: str, **kw: Any) -> tuple[int, dict[str, Any]]:
    proc = cli("check", "--format", "json", *args, **kw)
    assert proc.stderr == "" or proc.returncode in (0, 1, 2), proc.stderr
    return proc.returncode, json.loads(proc.stdout)
