"""A nightly run's files in turn, served ones made while the workers check the others
(``checker.run.batch._served_first``)."""

from __future__ import annotations

import time

import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.results import FileOutcome
from checker.run import batch
from checker.run.files import Candidate


class _Known:
    """The files ``served`` knows, made here; notes which were made before ``seen`` grew."""

    def __init__(self, names: set[str], seen: list[str]) -> None:
        self.names, self.seen = names, seen
        self.made: list[tuple[str, int]] = []  # each served file, and how many were handed on

    def knows(self, item: Candidate) -> bool:
        return item.display in self.names

    def outcome(self, item: Candidate) -> FileOutcome | None:
        self.made.append((item.display, len(self.seen)))
        return FileOutcome(item.display, [], [], None, True)


def _slow_check(engine: Engine, item: Candidate, cache: object) -> FileOutcome:
    time.sleep(0.4)  # a worker's first report: its imports
    return FileOutcome(item.display, [])


@pytest.mark.parametrize("jobs", [1, 2])
def test_files_after_a_checked_one_are_served_while_it_is_checked(
    monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(batch, "_check", _slow_check)  # forked workers inherit it
    names = [f"f{i:03d}.yaml" for i in range(200)]
    items = [Candidate(n, n) for n in names]
    checked = {"f000.yaml", "f150.yaml"}
    seen: list[str] = []
    served = _Known(set(names) - checked, seen)
    for outcome in batch._served_first(Engine(Settings()), items, jobs, None, served):  # type: ignore[arg-type]
        seen.append(outcome.file)
    assert seen == names  # in turn, whatever was made first
    before_first = [name for name, handed in served.made if handed == 0]
    if jobs == 1:  # checked here: nothing to wait for, nothing made ahead
        assert before_first == []
    else:  # made while the workers checked f000: every served one up to f150
        assert before_first[:149] == names[1:150]
