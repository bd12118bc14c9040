"""Text made visible: one helper for every place a text must not act or hide.

Report text and file names can hold characters that do something where they
are shown instead of being seen: ESC starts a terminal's colour changes, cursor
moves, titles and hyperlinks, BEL rings, C1 controls act like ESC sequences on
some terminals; a newline, carriage return, NEL (U+0085), U+2028 or U+2029 ends
a line (in a terminal, and in a YAML comment, where what follows would become
YAML); the bidirectional overrides (U+202A–U+202E, U+2066–U+2069) reorder what
is shown; the other format characters (zero-width space and joiners, soft
hyphen, BOM, tag characters) are invisible; noncharacters (U+FFFE, U+FFFF …)
are refused by YAML. ``visible`` writes each of them as an escape a person can
read, as git and ruff do: ``\\x1b``, ``\\n``, ``\\u202e``. Bytes of a file name
that are not UTF-8 (lone surrogates in Python) become ``\\xNN``. Everything else
is left as it is.

A leaf module, so that the importer and the scaffold (which write file names
into a YAML comment) use the same escape as the terminal (``checker.outputs.terminal``).
"""

from __future__ import annotations

import re

from checker.lazyre import lazy_re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Unicode's format characters (category Cf), as ranges; with the line and paragraph
# separators, the noncharacters, and lone surrogates (undecodable bytes).
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_OTHER = "\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
_UNSAFE = lazy_re(f"[\x00-\x1f\x7f-\x9f{_FORMAT}{_OTHER}]")
_UNSAFE_KEEP_LINES = lazy_re(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_FORMAT}{_OTHER}]")


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(text: object, keep_lines: bool = False) -> str:
    """``text`` with every control, line break, bidi override, invisible format character,
    noncharacter and undecodable byte visibly escaped.

    ``keep_lines`` leaves tab, CR and LF for a format that escapes them itself
    (GitHub's workflow commands).
    """
    return (_UNSAFE_KEEP_LINES if keep_lines else _UNSAFE).sub(_escape, str(text))
