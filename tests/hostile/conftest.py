"""Helpers for the issue-9 tests: the command line in-process, snapshots of inputs."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
CLEAN = ROOT / "sample_reports" / "clean" / "vb-2024-boendestodet.yaml"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No colour, and the cache's key in the test's own state folder."""
    for name in ("FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RAPPORTKOLL_CACHE_KEY", str(tmp_path / "state" / "cache.key"))


class Ran:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"exit {self.code}\n--- stdout\n{self.out[:3000]}\n--- stderr\n{self.err[:3000]}"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Ran:
    """``rapportkoll ARGV`` in this process; an exception fails the test (no traceback path)."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return Ran(code, captured.out, captured.err)


def snapshot(*roots: Path) -> dict[str, str]:
    """Every file under ``roots`` (links not followed) with the digest of its bytes."""
    out: dict[str, str] = {}
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            for name in names:
                p = os.path.join(folder, name)
                if os.path.islink(p):
                    out[p] = "link:" + os.readlink(p)
                elif os.path.isfile(p):
                    with open(p, "rb") as fh:
                        out[p] = hashlib.sha256(fh.read()).hexdigest()
    return out


def tree(tmp_path: Path, n: int = 2) -> Path:
    """A folder with ``n`` copies of a clean report and one with a defect."""
    folder = tmp_path / "rapporter"
    folder.mkdir()
    for i in range(n):
        shutil.copy(CLEAN, folder / f"vb-{i}.yaml")
    text = CLEAN.read_text(encoding="utf-8").replace("Uppfylls helt", "Uppfylles helt", 1)
    (folder / "fel.yaml").write_text(text, encoding="utf-8")
    return folder
