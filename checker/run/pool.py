"""Worker processes that share no lock with the parent, and whose death is an outcome.

``ordered`` runs ``work(item)`` for each item in forked worker processes and
yields the results in the items' order. Each worker has a pipe of its own for
tasks and one for results, and nothing else in common with the parent or the
other workers: a worker killed at any moment (by the kernel's OOM killer, an
operator, Ctrl-C's group signal) cannot leave a lock held that another process
then waits on for ever, as ``multiprocessing.Pool``'s shared queues can.

The parent never blocks on a worker: it writes tasks without blocking, reads
results as they come, and waits in ``select`` with a timeout, checking after
each wait which workers have ended. The item a worker was on when it died gets
``lost(item, reason)`` (a Swedish reason), the rest of its tasks go to the
other workers, and a new worker takes its place. On Ctrl-C, an error or an early
stop, the workers get SIGTERM, then SIGKILL after ``GRACE`` seconds, and are
reaped; none is left behind. Workers ignore SIGINT: the parent handles it, once.

A worker serves until its task pipe closes (or the parent is gone) and ends with
``os._exit``, running none of the parent's exit handlers.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import selectors
import signal
import struct
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sized
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Generic, TypeVar

from checker.run.apart import as_child, ended

T = TypeVar("T")
R = TypeVar("R")

GRACE = 2.0  # seconds a stopped worker has to end on SIGTERM before SIGKILL
TICK = 0.5  # seconds between checks of the workers while none has anything to say
# Tasks a worker holds at once: one it is on and one that waits, so that it never idles
# for a round trip, and a slow task holds up little behind it.
DEPTH = 2
_HEADER = struct.Struct("!Q")
_HELD = {signal.SIGINT, signal.SIGTERM}


@dataclass
class _Worker:
    pid: int
    tasks: int  # the parent's end of the worker's task pipe (non-blocking)
    results: int  # the parent's end of its result pipe (non-blocking)
    outgoing: bytearray = field(default_factory=bytearray)
    incoming: bytearray = field(default_factory=bytearray)
    # the tasks handed to it and not yet answered in full: [chunk, next index, end]
    open: deque[list[int]] = field(default_factory=deque)
    eof: bool = False  # its result pipe is closed
    writing: bool = False  # its task pipe is watched for room (tasks wait in outgoing)
    ended: bool = False  # reaped
    status: int | None = None  # its wait status, when known


def _reason(status: int | None) -> str:
    """Why a worker ended, in Swedish, from its wait status."""
    return ended(status, "arbetsprocessen som granskade filen")


def _read_exactly(fd: int, size: int) -> bytes | None:
    """``size`` bytes from the blocking ``fd``; None at its end."""
    data = bytearray()
    while len(data) < size:
        part = os.read(fd, size - len(data))
        if not part:
            return None
        data += part
    return bytes(data)


def _serve(work: Callable[[Any], Any], tasks: int, results: int) -> None:
    """A worker's loop: a task (chunk, start, items) in, one result per item out."""
    with os.fdopen(results, "wb") as out:
        while True:
            header = _read_exactly(tasks, _HEADER.size)
            body = _read_exactly(tasks, _HEADER.unpack(header)[0]) if header else None
            if body is None:
                return  # the parent closed the pipe, or is gone
            chunk, start, items = pickle.loads(body)  # from our own parent
            for index, item in enumerate(items, start):
                try:
                    payload = pickle.dumps(
                        (chunk, index, True, work(item)), pickle.HIGHEST_PROTOCOL
                    )
                except Exception as exc:  # the item's failure, not the worker's
                    failure = f"{type(exc).__name__}: {exc}"
                    payload = pickle.dumps((chunk, index, False, failure))
                out.write(_HEADER.pack(len(payload)))
                out.write(payload)
                out.flush()


def _fork(work: Callable[[Any], Any], others: list[_Worker], mask: Iterable[int]) -> _Worker:
    """A new worker (called with SIGINT and SIGTERM blocked; ``mask`` is the mask before).

    The child ignores SIGINT and takes SIGTERM's default before either can reach
    it, then closes ``others``' pipe ends, so that each pipe has one reader and one
    writer and a worker's end is seen as soon as it happens.
    """
    task_r, task_w = os.pipe()
    result_r, result_w = os.pipe()
    try:
        pid = os.fork()
    except BaseException:
        for fd in (task_r, task_w, result_r, result_w):
            os.close(fd)
        raise
    if pid == 0:  # the worker
        code = 0
        try:
            as_child(mask)
            for fd in [task_w, result_r, *(f for w in others for f in (w.tasks, w.results))]:
                os.close(fd)
            _serve(work, task_r, result_w)
        except BaseException:  # the parent is gone (a broken pipe), or the worker failed
            code = 70
        finally:
            os._exit(code)
    os.close(task_r)
    os.close(result_w)
    os.set_blocking(task_w, False)
    os.set_blocking(result_r, False)
    return _Worker(pid, task_w, result_r)


def _chunks(items: Iterator[T], size: int, jobs: int, total: int | None) -> Iterator[list[T]]:
    """``items``, ``size`` at a time; of a known ``total``, smaller towards the end, so
    that the workers finish together rather than one checking a whole chunk alone."""
    left = total
    while True:
        count = size if left is None else max(1, min(size, left // (2 * jobs)))
        chunk = list(islice(items, count))
        if not chunk:
            return
        if left is not None:
            left -= len(chunk)
        yield chunk


class _Run(Generic[T, R]):
    """One ``ordered`` call: its workers, its tasks and the results not yet handed on."""

    def __init__(
        self,
        work: Callable[[T], R],
        items: Iterable[T],
        jobs: int,
        lost: Callable[[T, str], R],
        chunk: int,
        ahead: int,
        died: Callable[[int], None] | None = None,
    ) -> None:
        self.work, self.lost, self.jobs, self.ahead = work, lost, jobs, ahead
        self.died = died
        total = len(items) if isinstance(items, Sized) else None
        self.source = _chunks(iter(items), chunk, jobs, total)
        self.exhausted = False
        self.todo: deque[tuple[int, int, int]] = deque()  # (chunk, start, end) to hand out
        self.items: dict[int, list[T]] = {}  # chunk → its items, until handed on
        self.done: dict[int, list[Any]] = {}  # chunk → its results so far
        self.left: dict[int, int] = {}  # chunk → results still to come
        self.taken = 0  # chunks taken from the source
        self.next = 0  # the chunk to hand on next
        self.workers: list[_Worker] = []
        self.selector = selectors.DefaultSelector()
        # deaths that cost no item (a worker killed while idle): a few are replaced
        self.idle_deaths = 0
        self.started = False
        self.in_hand = 0  # results of chunks taken from ``done``, not yet handed on

    # -- workers ------------------------------------------------------------------
    def start_worker(self) -> bool:
        # Held until the worker is on the list: a Ctrl-C meanwhile is raised once it is,
        # so that ``stop`` ends it too.
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
        try:
            worker = _fork(self.work, self.workers, mask)
            self.workers.append(worker)
            self.selector.register(worker.results, selectors.EVENT_READ, worker)
        except OSError:  # no process to be had (a limit, memory): go on with fewer
            return False
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        return True

    def send(self, worker: _Worker, task: tuple[int, int, int]) -> None:
        chunk, start, end = task
        body = pickle.dumps((chunk, start, self.items[chunk][start:end]), pickle.HIGHEST_PROTOCOL)
        worker.outgoing += _HEADER.pack(len(body)) + body
        worker.open.append([chunk, start, end])
        self.flush(worker)

    def flush(self, worker: _Worker) -> None:
        """As much of the worker's tasks as its pipe takes now; the rest when it is writable."""
        if worker.outgoing:
            try:
                sent = os.write(worker.tasks, worker.outgoing)
                del worker.outgoing[:sent]
            except BlockingIOError:
                pass
            except OSError:  # it closed its end: it has ended, as reap will find
                worker.outgoing.clear()
        if worker.outgoing and not worker.writing:
            self.selector.register(worker.tasks, selectors.EVENT_WRITE, worker)
            worker.writing = True
        elif worker.writing and not worker.outgoing:
            self.selector.unregister(worker.tasks)
            worker.writing = False

    def receive(self, worker: _Worker) -> None:
        """Everything the worker has written so far, each whole result recorded."""
        while not worker.eof:
            try:
                part = os.read(worker.results, 1 << 16)
            except BlockingIOError:
                break
            except OSError:
                part = b""
            if not part:
                worker.eof = True
                self.selector.unregister(worker.results)
                break
            worker.incoming += part
        buffer = worker.incoming
        while len(buffer) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(buffer)
            if len(buffer) < _HEADER.size + size:
                break
            chunk, index, ok, value = pickle.loads(buffer[_HEADER.size : _HEADER.size + size])
            del buffer[: _HEADER.size + size]
            task = worker.open[0]
            assert task[0] == chunk and task[1] == index, "results come in the order sent"
            task[1] += 1
            if task[1] == task[2]:
                worker.open.popleft()
            self.record(chunk, index, value if ok else self.lost(self.items[chunk][index], value))

    def record(self, chunk: int, index: int, result: Any) -> None:
        self.done[chunk][index] = result
        self.left[chunk] -= 1

    def reap(self, worker: _Worker, wait: float = 0.0) -> bool:
        """Whether the worker has ended (reaped, its status kept), waiting at most ``wait`` s."""
        deadline = time.monotonic() + wait
        while not worker.ended:
            try:
                pid, status = os.waitpid(worker.pid, os.WNOHANG)
            except ChildProcessError:  # reaped by someone else: ended, status unknown
                worker.ended = True
                break
            if pid:
                worker.ended, worker.status = True, status
            elif time.monotonic() >= deadline:
                break
            else:
                time.sleep(0.01)
        return worker.ended

    def bury(self, worker: _Worker) -> None:
        """A worker that has ended: what it said is kept, what it was on is lost or redone."""
        self.receive(worker)
        reason = _reason(worker.status)
        if worker.open:
            chunk, index, end = worker.open.popleft()
            self.record(chunk, index, self.lost(self.items[chunk][index], reason))
            requeue = [(chunk, index + 1, end)] if index + 1 < end else []
            requeue += [(c, i, e) for c, i, e in worker.open]
            self.todo.extendleft(reversed(requeue))
        else:
            self.idle_deaths += 1
        if self.died is not None and worker.status != 0:
            self.died(worker.pid)  # what it left half-written is the caller's to remove
        self.close(worker)
        self.workers.remove(worker)

    def close(self, worker: _Worker) -> None:
        if worker.writing:
            worker.writing = False
            self.selector.unregister(worker.tasks)
        if not worker.eof:
            worker.eof = True
            self.selector.unregister(worker.results)
        for fd in (worker.tasks, worker.results):
            with contextlib.suppress(OSError):  # -1: closed already
                os.close(fd)
        worker.tasks = worker.results = -1

    # -- tasks --------------------------------------------------------------------
    def next_task(self) -> tuple[int, int, int] | None:
        if self.todo:
            return self.todo.popleft()
        if self.exhausted or self.taken - self.next >= self.jobs * self.ahead:
            return None  # the results not yet handed on stay bounded
        items = next(self.source, None)
        if items is None:
            self.exhausted = True
            return None
        chunk = self.taken
        self.taken += 1
        self.items[chunk], self.done[chunk] = items, [None] * len(items)
        self.left[chunk] = len(items)
        return (chunk, 0, len(items))

    def hand_out(self) -> None:
        for worker in sorted(self.workers, key=lambda w: len(w.open)):
            while len(worker.open) < DEPTH and not worker.ended:
                task = self.next_task()
                if task is None:
                    return
                self.send(worker, task)

    def finished(self) -> bool:
        return self.exhausted and not self.todo and self.next == self.taken

    def ready(self) -> Iterator[R]:
        while self.next < self.taken and self.left[self.next] == 0:
            chunk = self.next
            results = self.done.pop(chunk)
            del self.items[chunk], self.left[chunk]
            self.next += 1
            self.in_hand += len(results)
            for result in results:
                self.in_hand -= 1
                yield result

    def available(self) -> bool:
        """Whether the next result can be handed on without waiting for a worker."""
        if self.in_hand or (self.next < self.taken and self.left[self.next] == 0):
            return True
        return self.started and not self.workers  # none to wait for: made by hand

    def drain_by_hand(self, reason: str) -> Iterator[R]:
        """No worker can be had: what is left is lost, with ``reason``, and handed on in order."""
        for worker_task in self.todo:
            chunk, start, end = worker_task
            for index in range(start, end):
                self.record(chunk, index, self.lost(self.items[chunk][index], reason))
        self.todo.clear()
        yield from self.ready()
        for items in self.source:
            yield from (self.lost(item, reason) for item in items)
        self.exhausted = True

    # -- the run ------------------------------------------------------------------
    def start(self) -> None:
        if not self.started:
            self.started = True
            for _ in range(self.jobs):
                self.start_worker()

    def step(self, timeout: float) -> None:
        """Tasks handed out, then whatever the workers have room for or said within ``timeout``."""
        self.hand_out()
        for key, events in self.selector.select(timeout):
            worker = key.data
            if events & selectors.EVENT_WRITE:
                self.flush(worker)
            if events & selectors.EVENT_READ:
                self.receive(worker)

    def pump(self) -> None:
        """What can be done without waiting: the workers kept busy while the caller does
        other work between results (ended workers are left to the run's own loop)."""
        self.start()
        if self.workers and not self.finished():
            self.step(0)

    def __iter__(self) -> Iterator[R]:
        self.start()
        if not self.workers:  # no process at all: the same work, here
            for items in self.source:
                yield from (self.work(item) for item in items)
            return
        while not self.finished():
            self.step(TICK)
            for worker in list(self.workers):
                if worker.eof and not self.reap(worker, GRACE):
                    _kill(worker.pid, signal.SIGKILL)  # its pipe closed, yet it lives on
                    self.reap(worker, GRACE)
                if self.reap(worker):
                    self.bury(worker)
                    if self.idle_deaths <= 2 * self.jobs:
                        self.start_worker()
            yield from self.ready()
            if not self.workers and not self.finished():
                yield from self.drain_by_hand(
                    "ingen arbetsprocess kunde startas för att granska filen"
                )

    def stop(self, now: bool) -> None:
        """Every worker ended and reaped (SIGINT and SIGTERM held meanwhile).

        The task pipes are closed first: an idle worker ends on its own. After a
        normal end they are given ``GRACE`` for that; ``now`` (Ctrl-C, an error, an
        early stop) sends SIGTERM at once. Whoever is left after ``GRACE`` gets SIGKILL.
        """
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
        try:
            for worker in self.workers:
                self.close(worker)
            if not now:
                self.reap_all(GRACE)
            for sig in (signal.SIGTERM, signal.SIGKILL):
                for worker in self.workers:
                    if not self.reap(worker):
                        _kill(worker.pid, sig)
                self.reap_all(GRACE)
            self.workers.clear()
            self.selector.close()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)

    def reap_all(self, wait: float) -> None:
        deadline = time.monotonic() + wait
        while not all(self.reap(w) for w in self.workers) and time.monotonic() < deadline:
            time.sleep(0.01)


def _kill(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


class Ordered(Iterator[R]):
    """``ordered``'s results in the items' order; ``pump`` keeps the workers going while the
    caller does other work before it asks for the next result."""

    def __init__(self, run: _Run[Any, R]) -> None:
        self.run = run
        self.results = self._results()

    def _results(self) -> Generator[R, None, None]:
        try:
            yield from self.run
        except BaseException:  # Ctrl-C, an error, or the consumer stopped early
            self.run.stop(now=True)
            raise
        self.run.stop(now=False)

    def __next__(self) -> R:
        return next(self.results)

    def pump(self) -> None:
        self.run.pump()

    def available(self) -> bool:
        """Whether ``next`` would hand on a result without waiting for a worker."""
        return self.run.available()

    def close(self) -> None:
        self.results.close()
        if self.run.workers:  # started by ``pump`` before the first result was asked for
            self.run.stop(now=True)


def ordered(
    work: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    lost: Callable[[T, str], R],
    chunk: int = 16,
    ahead: int = 3,
    died: Callable[[int], None] | None = None,
) -> Ordered[R]:
    """``work(item)`` for each item, in ``jobs`` forked workers, yielded in the items' order.

    Items go out ``chunk`` at a time (fewer towards the end of items of known number),
    at most ``ahead`` chunks per worker and
    ``jobs * ahead`` chunks not yet handed on, so a slow consumer holds the run
    back instead of letting results pile up. An item whose ``work`` raised, or
    whose worker ended while on it, yields ``lost(item, reason)``; ``died(pid)`` is told
    of each worker that ended other than cleanly.
    """
    return Ordered(_Run(work, items, jobs, lost, chunk, ahead, died))
