"""Budgets of time, memory and output for work on one untrusted document.

Reading a document (a PDF, a Word file, a text export) runs library code
whose cost the document decides: a PDF object that refers to itself keeps
pdfminer busy for ever, a small compressed stream unpacks to gigabytes. Such
work runs in a child process (``run_bounded``) that the caller can always
stop: a wall-time limit kept by the parent, CPU and address-space limits set
in the child (``RLIMIT_CPU``, ``RLIMIT_AS``), a cap on the bytes it returns,
and on Linux the child dies with the thread that started it.

The child is a ``fork`` of the caller, so nothing is imported or loaded again
(about 2 ms and one pickle per document). Where there is no ``fork``
(Windows) the work runs in the caller, without these limits; the exact
pre-checks of the importer still apply there.

All the numbers are here, in one place (the README's Reliability section gives them to
users). Two can be changed for a run through the environment, so that tests
and slow machines can set their own: ``RAPPORTKOLL_IMPORT_SECONDS`` and
``RAPPORTKOLL_IMPORT_MEMORY_MIB``.
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import pickle
import selectors
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

MiB = 1024 * 1024

# -- the import budget, per document ------------------------------------------------
IMPORT_SECONDS = 30.0  # CPU time for reading one document (and wall time, see the next)
# A child that gets less CPU than wall time (a busy machine) may run this many times
# IMPORT_SECONDS of wall time, as long as its CPU time stays within IMPORT_SECONDS.
IMPORT_WALL_STRETCH = 4.0
IMPORT_MEMORY_MIB = 1024  # memory the import may take on top of the process's own
IMPORT_OUTPUT_MIB = 64  # what the import hands back: the YAML, the text, the source map
# Exact pre-checks, made before the expensive work:
MAX_PAGES = 500  # pages of a PDF (a unit's report has 10-40)
MAX_PART_MIB = 16  # unpacked size of the Word part that is read (word/document.xml)
MAX_PART_RATIO = 200  # unpacked/packed, for a part over 1 MiB (Word's XML packs ~10:1)
MAX_TABLE_NESTING = 8  # tables inside tables in a Word file (a report has 1, at most 2)
MAX_XML_DEPTH = 200  # elements inside elements in a Word file (a report has about 15)

# -- the desk: one check of an upload or of reports in the tree --------------------
DESK_WORKERS = 8  # checks running at the same time; more wait for a free worker
# A check's wall time: per file, more than the longest import may take, and at least
# DESK_MIN_SECONDS (a check of the whole tree).
DESK_SECONDS_PER_FILE = (IMPORT_WALL_STRETCH + 1) * IMPORT_SECONDS
DESK_MIN_SECONDS = 120.0

ENV_SECONDS = "RAPPORTKOLL_IMPORT_SECONDS"
ENV_MEMORY = "RAPPORTKOLL_IMPORT_MEMORY_MIB"

T = TypeVar("T")


@dataclass(frozen=True)
class Budget:
    """Limits of one child: wall seconds, bytes of memory it may add, bytes it may return."""

    seconds: float
    memory: int
    output: int
    stretch: float = 1.0  # how far the wall time may stretch while CPU time stays within


def _env_number(name: str, default: float) -> float:
    """A positive number from the environment, or ``default`` (unset, empty or not a number)."""
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        return default
    return value if math.isfinite(value) and value > 0 else default


def import_budget() -> Budget:
    """The budget of one import: the defaults above, or what the environment sets."""
    return Budget(
        _env_number(ENV_SECONDS, IMPORT_SECONDS),
        int(_env_number(ENV_MEMORY, IMPORT_MEMORY_MIB) * MiB),
        IMPORT_OUTPUT_MIB * MiB,
        IMPORT_WALL_STRETCH,
    )


def desk_budget(files: int) -> Budget:
    """The budget of one check at the desk: per file, a generous multiple of the import's."""
    one = import_budget()
    per_file = DESK_SECONDS_PER_FILE * one.seconds / IMPORT_SECONDS
    seconds = max(DESK_MIN_SECONDS, per_file * max(1, files))
    return Budget(seconds, 2 * one.memory, 4 * IMPORT_OUTPUT_MIB * MiB)


class OverBudget(Exception):
    """The child went over its budget and was stopped, or died.

    ``kind``: "time" (wall or CPU time), "memory", "output" (returned too much),
    "crash" (died without answering: a fault in a library, or memory the
    system refused in a way Python could not report).
    """

    def __init__(self, kind: str, budget: Budget) -> None:
        super().__init__(kind)
        self.kind = kind
        self.budget = budget


class Stopped(Exception):
    """The child gave no outcome: ``why`` is "stop" (``stop_all``), "killed" (a signal
    from elsewhere, such as the system's out-of-memory killer) or "fork" (no process)."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


_RUNNING: set[int] = set()  # pids of children running now (read by stop_all)
_STOPPED: set[int] = set()  # pids stop_all has killed, until their run_bounded has seen it
# Held from the pipe's creation until the parent has closed its write end, so that no
# child forked by another thread keeps that end open (its reader would wait for both).
_FORK_LOCK = threading.Lock()
_OWN_PIPE: list[int] = []  # in a child: the write end of its answer, closed in its children


def stop_all() -> None:
    """Kill every child running under ``run_bounded`` in this process (safe in a signal handler)."""
    for pid in tuple(_RUNNING):
        _STOPPED.add(pid)
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def can_fork() -> bool:
    return hasattr(os, "fork")


def run_bounded(fn: Callable[..., T], *args: Any, budget: Budget) -> T:
    """``fn(*args)`` in a child under ``budget``; its value, or what it raised (pickled back).

    ``OverBudget`` when the child goes over the budget or dies, ``Stopped``
    when it was stopped from outside. Without ``fork`` ``fn`` runs here.
    """
    if not can_fork():
        return fn(*args)
    _load_prctl()
    parent = os.getpid()
    with _FORK_LOCK:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to be had (the system's limit): nothing was read
            os.close(read_end)
            os.close(write_end)
            raise Stopped("fork") from None
        if pid == 0:  # pragma: no cover - the child; coverage does not follow os._exit
            os.close(read_end)
            _child(write_end, fn, args, budget, parent)
        _RUNNING.add(pid)
        os.close(write_end)
    data = bytearray()
    timed_out = too_much = ended = False
    status = 0
    try:
        started = time.monotonic()
        deadline = started + budget.seconds
        longest = started + budget.seconds * max(1.0, budget.stretch)
        with selectors.DefaultSelector() as selector:
            selector.register(read_end, selectors.EVENT_READ)
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    used = _cpu_seconds(pid) if budget.stretch > 1 else None
                    if used is not None and used < budget.seconds and time.monotonic() < longest:
                        # a busy machine, not a busy child: wait for the CPU time it has left
                        deadline = min(longest, time.monotonic() + budget.seconds - used)
                        continue
                    timed_out = True
                    break
                if not selector.select(left):
                    continue
                chunk = os.read(read_end, 1 << 20)
                if not chunk:
                    ended = True
                    break
                data += chunk
                if len(data) > budget.output:
                    too_much = True
                    break
    finally:
        _RUNNING.discard(pid)
        os.close(read_end)
        status = _reap(pid, patient=ended)
    stopped = pid in _STOPPED
    _STOPPED.discard(pid)
    if timed_out:
        raise OverBudget("time", budget)
    if too_much:
        raise OverBudget("output", budget)
    if not data:
        raise _silence(status, stopped, budget)
    return _answer(data, stopped, budget)  # type: ignore[no-any-return]


def _silence(status: int, stopped: bool, budget: Budget) -> BaseException:
    """Why a child ended without an answer, from its exit status."""
    if stopped:
        return Stopped("stop")
    signal_number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
    if signal_number == signal.SIGINT:
        return KeyboardInterrupt()
    if signal_number in (signal.SIGTERM, signal.SIGKILL):
        return Stopped("killed")  # from elsewhere, e.g. the system's out-of-memory killer
    if signal_number == getattr(signal, "SIGXCPU", -1):
        return OverBudget("time", budget)
    return OverBudget("crash", budget)


def _answer(data: bytearray, stopped: bool, budget: Budget) -> Any:
    """The child's value, or what it raised or ran out of, from its pickled answer."""
    try:
        tag, value = pickle.loads(bytes(data))
    except Exception:  # a cut answer: the child was stopped or died while writing it
        raise (Stopped("stop") if stopped else OverBudget("crash", budget)) from None
    if tag == "memory":
        raise OverBudget("memory", budget)
    if tag == "output":
        raise OverBudget("output", budget)
    if tag == "raise":
        raise value
    return value


def _cpu_seconds(pid: int) -> float | None:
    """CPU time a child has used so far (Linux /proc), or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _reap(pid: int, patient: bool) -> int:
    """The child's exit status; it is killed first, unless it has closed its answer
    (``patient``), when it gets a moment to end by itself, so its status says why."""
    deadline = time.monotonic() + (1.0 if patient else 0.0)
    while time.monotonic() < deadline:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return 0
        if done:
            return status
        time.sleep(0.002)
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return 0


def _child(
    write_end: int, fn: Callable[..., Any], args: tuple[Any, ...], budget: Budget, parent: int
) -> None:
    """The child's whole life: limits, the work, one pickled answer, ``os._exit``."""
    global _FORK_LOCK
    code = 0
    _FORK_LOCK = threading.Lock()  # the parent's was held when it forked
    _RUNNING.clear()  # the parent's children are not this child's to stop
    for inherited in _OWN_PIPE:  # the parent's own answer is not this child's to keep open
        with contextlib.suppress(OSError):
            os.close(inherited)
    _OWN_PIPE[:] = [write_end]
    try:
        _prepare_child(budget, parent)
        try:
            payload: tuple[str, Any] = ("value", fn(*args))
        except MemoryError:
            payload = ("memory", None)
        except Exception as exc:
            payload = ("memory", None) if caused_by_memory(exc) else ("raise", exc)
        try:
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps(("memory", None))
        except Exception as exc:  # an unpicklable value or exception: say what it was
            data = pickle.dumps(("raise", RuntimeError(f"{type(exc).__name__}: {exc}")))
        if len(data) > budget.output:
            data = pickle.dumps(("output", None))
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view) :]
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def caused_by_memory(exc: BaseException) -> bool:
    """Whether a ``MemoryError`` lies behind ``exc`` (a reader that wraps every fault)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, MemoryError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _prepare_child(budget: Budget, parent: int) -> None:
    """Signals as a plain process has them, the dying parent's death, CPU and memory limits."""
    # The objects inherited from the parent are never garbage here: leaving them out of
    # the child's collections spares copying the parent's whole heap page by page.
    gc.freeze()
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it quietly, no traceback
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
    # Only soft limits: a child of this child (a desk check that imports) may raise its own.
    cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    cpu = math.ceil(budget.seconds) + 1
    if cpu_hard == resource.RLIM_INFINITY or cpu <= cpu_hard:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu_hard))
    size = _address_space()
    if size is not None:
        as_hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        limit = size + budget.memory
        if as_hard == resource.RLIM_INFINITY or limit <= as_hard:
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_AS, (limit, as_hard))


def _address_space() -> int | None:
    """The process's virtual size now (Linux), which the memory budget is added to."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


_PRCTL: list[Any] = []  # libc's prctl, looked up once in the parent (Linux)


def _load_prctl() -> None:
    if _PRCTL or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        _PRCTL.append(ctypes.CDLL(None, use_errno=True).prctl)
    except (OSError, AttributeError):  # pragma: no cover - no usable libc
        _PRCTL.append(None)


def _die_with_parent(parent: int) -> None:
    """On Linux: the child gets SIGKILL when the thread that forked it ends."""
    if not _PRCTL or _PRCTL[0] is None:
        return
    pr_set_pdeathsig = 1
    _PRCTL[0](pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent ended before prctl: nobody waits for this child
        os._exit(1)
