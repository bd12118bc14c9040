"""``checker.budget.run_bounded``: work in a child that is always stopped, whatever it does."""

from __future__ import annotations

import os
import threading
import time

import pytest

from checker.budget import Budget, OverBudget, Stopped, run_bounded, stop_all

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the budget needs fork")

MiB = 1024 * 1024
SMALL = Budget(1.0, 128 * MiB, 1 * MiB, 3.0)


def _spin() -> None:
    while True:
        pass


def _nap() -> None:
    time.sleep(60)


def _eat() -> bytes:
    return b"x" * (1024 * MiB)


def _grow() -> list[bytes]:
    kept = []
    while True:
        kept.append(b"y" * MiB)


def _say_a_lot() -> str:
    return "z" * (4 * MiB)


def _fail() -> None:
    raise ValueError("ett fel i barnet")


def _die() -> None:
    os._exit(3)


def test_a_value_and_an_exception_come_back() -> None:
    assert run_bounded(sum, [1, 2, 3], budget=SMALL) == 6
    with pytest.raises(ValueError, match="ett fel i barnet"):
        run_bounded(_fail, budget=SMALL)


@pytest.mark.parametrize(
    ("work", "kind"),
    [(_spin, "time"), (_nap, "time"), (_eat, "memory"), (_grow, "memory"), (_say_a_lot, "output")],
)
def test_work_over_the_budget_is_stopped(work: object, kind: str) -> None:
    started = time.monotonic()
    with pytest.raises(OverBudget) as caught:
        run_bounded(work, budget=SMALL)  # type: ignore[arg-type]
    assert caught.value.kind == kind
    # CPU time 1 s; wall time stretched at most 3 times on a busy machine
    assert time.monotonic() - started < SMALL.seconds * SMALL.stretch + 3


def test_a_child_that_dies_is_a_crash() -> None:
    with pytest.raises(OverBudget) as caught:
        run_bounded(_die, budget=SMALL)
    assert caught.value.kind == "crash"


def test_stop_all_stops_children_of_every_thread() -> None:
    outcomes: list[BaseException] = []

    def wait() -> None:
        try:
            run_bounded(_nap, budget=Budget(60.0, 128 * MiB, MiB))
        except BaseException as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=wait) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    stop_all()
    for thread in threads:
        thread.join(20)
    assert time.monotonic() - started < 5
    assert len(outcomes) == 3
    assert all(isinstance(o, Stopped) and o.why == "stop" for o in outcomes), outcomes
