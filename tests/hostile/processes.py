"""Real ``rapportkoll`` processes stopped from outside: Ctrl-C to the group, a worker killed."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .conftest import ROOT

STOPPED_LINE = "rapportkoll: avbrutet (Ctrl-C); ingen utdatafil har skrivits eller ändrats"
_FRAME = re.compile(r'^\s*File "([^"]+)", line \d+, in (\S+)', re.M)


def before_launch(err: str) -> bool:
    """Whether a traceback in ``err`` is the interpreter's, before ``checker.launch`` ran.

    The interpreter's start, ``site``, the package's ``__init__`` and the body of
    ``checker.launch`` up to its handler come before the first line of the command:
    Ctrl-C there is Python's to report. A frame in any other module of the package, or
    in a function of ``checker.launch``, means the command printed it.
    """
    package = str(ROOT / "checker") + os.sep
    launch = package + "launch.py"
    return "Traceback" in err and not [
        f
        for f, where in _FRAME.findall(err)
        if f.startswith(package)
        and not f.endswith(os.sep + "__init__.py")
        and not (f == launch and where == "<module>")
    ]


def rapportkoll() -> list[str]:
    """The installed command (its generated script), else ``python -m checker`` (the same)."""
    script = Path(sys.executable).with_name("rapportkoll")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "checker"]


def _stat(pid: int | str) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
            return fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def children(pid: int) -> list[int]:
    """Live (not zombie) child processes of ``pid``."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(entry)
            if fields is not None and int(fields[1]) == pid and fields[0] != "Z":
                out.append(int(entry))
    return out


def group(pgid: int) -> list[int]:
    """Processes (zombies too) still in the process group ``pgid``."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(entry)
            if fields is not None and int(fields[2]) == pgid:
                out.append(int(entry))
    return out


@dataclass
class Ended:
    code: int
    out: str
    err: str
    seconds: float  # from the signal (or the kill) to the end
    leftovers: list[int]  # processes of the group still there a moment after the end

    def __repr__(self) -> str:
        return (
            f"exit {self.code} after {self.seconds:.1f} s, leftovers {self.leftovers}\n"
            f"--- stdout\n{self.out[-2000:]}\n--- stderr\n{self.err[-3000:]}"
        )


def start(argv: list[str], tmp_path: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "RAPPORTKOLL_CACHE_KEY": str(tmp_path / "cache.key"),
    }
    env.pop("FORCE_COLOR", None)
    return subprocess.Popen(
        [*rapportkoll(), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )


def finish(proc: subprocess.Popen[str], bound: float, since: float | None = None) -> Ended:
    """Wait at most ``bound`` seconds for ``proc``; then kill the group and fail."""
    since = time.monotonic() if since is None else since
    try:
        out, err = proc.communicate(timeout=bound)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        raise AssertionError(f"no end within {bound} s:\n{err[-3000:]}") from None
    seconds = time.monotonic() - since
    deadline = time.monotonic() + 2  # a worker reaped by its parent may take a moment
    leftovers = group(proc.pid)
    while leftovers and time.monotonic() < deadline:
        time.sleep(0.02)
        leftovers = group(proc.pid)
    if leftovers:  # do not leave them to the next test
        os.killpg(proc.pid, signal.SIGKILL)
    return Ended(proc.returncode, out, err, seconds, leftovers)


def wait_for(condition: Callable[[], bool], proc: subprocess.Popen[str], bound: float) -> bool:
    """Poll ``condition`` until it holds (True) or ``proc`` ended or ``bound`` passed (False)."""
    deadline = time.monotonic() + bound
    while not condition():
        if proc.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.005)
    return True
