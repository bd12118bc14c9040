"""Ctrl-C held once a command's output files are put in place (``LateStop``).

A command that has put an output file in place is done with what it writes: a Ctrl-C
that then ends it with "avbrutet (Ctrl-C); ingen utdatafil har skrivits eller ändrats"
and exit 130 would say nothing was written over files on disk. ``check`` holds it from
its first output file put in place, ``nightly`` from its first page, each until the
command has printed its summary.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable


class LateStop:
    """Ctrl-C held from ``hold`` until the ``with`` block ends: one that comes meanwhile is
    noted (``came``) and the command completes. Only where Python handles SIGINT (the main
    thread; not when it is ignored, as for a job in the background)."""

    def __init__(self) -> None:
        self.came = False
        self._before: Callable[..., object] | None = None

    def hold(self) -> None:
        if threading.current_thread() is not threading.main_thread() or self._before is not None:
            return
        before = signal.getsignal(signal.SIGINT)
        if callable(before):
            self._before = before
            signal.signal(signal.SIGINT, self._note)

    def _note(self, signum: int, frame: object) -> None:
        self.came = True

    def __enter__(self) -> LateStop:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._before is not None:
            signal.signal(signal.SIGINT, self._before)
            self._before = None
