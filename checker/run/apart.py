"""One piece of work in a forked process beside the run's own (``Apart``).

The nightly run writes its findings page in such a process while its own process writes
the dashboard: each page is one thread's work, so on two cores the two take the time of
the longer one, not of both.

The child has the parent's memory as it was at the fork (copy-on-write). It freezes the
parent's objects out of its own garbage collections, so that a collection neither
traverses them nor copies their pages. It ignores SIGINT (the parent handles a Ctrl-C,
once, and ends the child) and ends with ``os._exit``: none of the parent's exit handlers
or ``finally`` blocks run in it. What ``work`` returns, or the exception it raised, comes
back pickled through a pipe that only the two processes hold.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import traceback
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

R = TypeVar("R")

_HELD = {signal.SIGINT, signal.SIGTERM}
_FAILED = 70  # the child's exit code when it could not even report its outcome


class ApartFailed(Exception):
    """The child ended without an outcome (killed, out of memory); the reason in Swedish."""


class Apart(Generic[R]):
    """``work()`` run in a forked child from the moment this is made; ``result`` waits
    for it, ``stop`` ends it early."""

    def __init__(self, work: Callable[[], R]) -> None:
        read, write = os.pipe()
        # held until the fork is done: a Ctrl-C meanwhile is raised here, after it, and
        # the caller's ``stop`` ends the child
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
        try:
            pid = os.fork()
        except BaseException:
            os.close(read)
            os.close(write)
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            raise
        if pid == 0:
            os.close(read)
            _child(work, write, mask)  # does not return
        self.pid: int | None = pid
        self._read: int | None = read
        os.close(write)
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        except BaseException:  # a Ctrl-C held meanwhile
            self.stop()
            raise

    def result(self) -> R:
        """What ``work`` returned, once the child has ended; what it raised is raised here
        (``ApartFailed`` when the child ended without saying)."""
        data = bytearray()
        assert self._read is not None and self.pid is not None, "result() once"
        try:
            while part := os.read(self._read, 1 << 20):
                data += part
        finally:
            os.close(self._read)
            self._read = None
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        try:
            # from our own child, through a pipe only it and we hold
            done, value = pickle.loads(data)
        except Exception:
            raise ApartFailed(ended(status, "processen som skrev sidan")) from None
        if not done:
            raise value
        return value  # type: ignore[no-any-return]

    def stop(self) -> None:
        """The child ended (SIGKILL: it writes only a temporary file, which its parent
        discards) and reaped, if it has not been by ``result``."""
        if self._read is not None:
            os.close(self._read)
            self._read = None
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = None


def as_child(mask: Iterable[int]) -> None:
    """A forked child's first steps (here and ``pool``'s workers'): the parent's objects
    frozen out of its collections (they are never garbage here, and a collection would
    traverse them and copy their pages); SIGINT ignored, SIGTERM's default, and the
    signal mask the parent had before it held them for the fork. The collector on, if
    the parent had it off (a night: ``runner._without_collections``)."""
    gc.freeze()
    gc.enable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def ended(status: int | None, who: str) -> str:
    """Why a child (``who``, in Swedish) ended, from its wait status."""
    if status is not None and os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = "okänd signal"
        return f"{who} stoppades av signal {number} ({name})"
    if status is not None and os.WIFEXITED(status):
        return f"{who} avslutades oväntat (slutkod {os.WEXITSTATUS(status)})"
    return f"{who} slutade svara"


def _child(work: Callable[[], object], write: int, mask: Iterable[int]) -> None:
    code = 0
    try:
        as_child(mask)
        try:
            data = pickle.dumps((True, work()), pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:
            data = _failure(exc)
        with os.fdopen(write, "wb") as out:
            out.write(data)
    except BaseException:
        code = _FAILED
    finally:
        os._exit(code)


def _failure(exc: BaseException) -> bytes:
    """``exc`` pickled with the child's traceback as a note (a traceback is not pickled);
    one that cannot be pickled as a RuntimeError that names it."""
    exc.add_note("I processen som skrev sidan:\n" + "".join(traceback.format_exception(exc)))
    try:
        return pickle.dumps((False, exc), pickle.HIGHEST_PROTOCOL)
    except Exception:
        return pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
