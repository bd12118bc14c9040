"""Text that is safe to write to a terminal: one helper for every terminal output.

Report text and file names can hold characters a terminal acts on: ESC
starts colour changes, cursor moves, OSC titles and hyperlinks (CSI, OSC),
BEL rings, C1 controls do the same as ESC sequences on some terminals, a
newline or carriage return fakes extra output lines, and the bidirectional
overrides (U+202A–U+202E, U+2066–U+2069) reorder what is shown. ``visible``
writes each of them as an escape a person can read, as git and ruff do:
``\\x1b``, ``\\n``, ``\\u202e``. Bytes of a file name that are not UTF-8 (lone
surrogates in Python) become ``\\xNN``. Everything else is left as it is.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


_UNSAFE_KEEP_LINES = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def visible(text: object, keep_lines: bool = False) -> str:
    """``text`` with every control, bidi override and undecodable byte visibly escaped.

    ``keep_lines`` leaves tab, CR and LF for a format that escapes them itself
    (GitHub's workflow commands).
    """
    return (_UNSAFE_KEEP_LINES if keep_lines else _UNSAFE).sub(_escape, str(text))
