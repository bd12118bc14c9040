"""The command line's entry point (``rapportkoll``): Ctrl-C while it starts ends quietly.

Loading ``checker.cli`` and what it imports takes a good part of a second. Python
turns Ctrl-C (SIGINT) into ``KeyboardInterrupt`` wherever the import happens to be,
which would print a traceback and leave half-loaded modules to the interpreter's
exit. Until the command line is loaded, SIGINT ends the process at once instead,
with the same line and exit code as an interrupted run (nothing has been written
yet); from then on ``checker.cli.main`` handles it.

This module imports only what is loaded before it runs (``_signal``, not ``signal``,
whose enums cost milliseconds; the package's ``__init__``), so that the handler is in
place as early as a program of the package can put it. What comes before it, the
interpreter's own start, ``site`` and the package's ``__init__``, is outside it.
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]  # C module under ``signal``, always loaded
import os
import sys

# The package itself, loaded already: a plain import of it runs no Python code (a
# ``from checker import …`` would run importlib's fromlist step, a place where Ctrl-C
# could land before the handler is in place).
import checker as _package

# Not even ``typing`` here: the package's ``__init__`` no longer loads it, and a Ctrl-C
# while it loads would be a traceback in this module, before the handler is in place.


def _stop(signum: int, frame: object) -> None:
    # os.write and os._exit: no buffered stream, no half-loaded module's exit handlers
    try:
        os.write(2, f"rapportkoll: {_package.STOPPED}\n".encode())
    finally:
        os._exit(_package.INTERRUPTED)


# The handler goes in place as this module is loaded, not when ``main`` is called: a Ctrl-C
# in between (the entry script's call, ``main``'s first lines) would otherwise be a
# traceback. Only the entry points load this module. Not when SIGINT is ignored (nohup, a
# background job) or handled already.
_QUIET = _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler
if _QUIET:
    _signal.signal(_signal.SIGINT, _stop)


def main() -> int:
    """``rapportkoll``: the command line, loaded under a quiet Ctrl-C."""
    try:
        from checker.cli import main as cli_main

        if _QUIET:
            _signal.signal(_signal.SIGINT, _signal.default_int_handler)
        return cli_main()
    except KeyboardInterrupt:  # between the handler's return and cli.main's own guard
        print(f"rapportkoll: {_package.STOPPED}", file=sys.stderr)
        return _package.INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
