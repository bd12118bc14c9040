"""What every command of the command line shares: its messages on stderr, in the language in force."""

from __future__ import annotations

import os
import sys

from checker.engine.refdata import DataError
from checker.findings import Msg
from checker.outputs.terminal import visible

CLOSED_PIPE = 141  # 128 + SIGPIPE, what git reports when its reader (`| head`) has gone


def reader_gone() -> int:
    """The reader of standard output closed it (``| head -1``): end quietly, as git does.

    Standard output is pointed at /dev/null so that the interpreter's last flush at exit
    does not raise the same error again.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return CLOSED_PIPE


# The language of the command line's own messages: --lang, then the configuration's.
_lang = "sv"


def set_lang(lang: str) -> None:
    global _lang
    _lang = lang


def error(message: object) -> None:
    """A usage error on stderr: one line, control characters visibly escaped.

    A ``Msg`` (or an error carrying one) is shown in the language in force.
    """
    if isinstance(message, Msg | DataError):
        message = message.get(_lang)
    print(f"rapportkoll: {visible(message)}", file=sys.stderr)


def say(sv: str, en: str) -> Msg:
    return Msg(sv, en)
