"""Tests that need ``../shared`` skip in a user's clone and fail under CI when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.shared import need


def test_an_absent_folder_skips_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RAPPORTKOLL_REQUIRE_SEEDS", raising=False)
    absent = tmp_path / "seeds"
    with pytest.raises(pytest.skip.Exception, match=str(absent)):
        need(absent, "*.txt")


def test_an_absent_folder_fails_when_ci_requires_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORTKOLL_REQUIRE_SEEDS", "1")
    with pytest.raises(pytest.fail.Exception, match="RAPPORTKOLL_REQUIRE_SEEDS"):
        need(tmp_path / "seeds", "*.txt")


def test_present_files_are_returned_in_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.yaml"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in need(tmp_path, "*.txt")] == ["a.txt", "b.txt"]
