"""The text of an export: which encoding, decided per file and, failing that, per byte.

An export is UTF-8, with or without a byte order mark; UTF-16 and UTF-32 are
read when a BOM says so (Windows' "Unicode" text). A file that is UTF-8 but
for a stray byte (one line pasted from a Latin-1 document) is not decoded as
Windows-1252 whole, which would turn every å, ä and ö of the other lines into
mojibake: the file is decoded as UTF-8, only the bytes that are not UTF-8 are
read as Windows-1252, and the lines that hold them are named in a warning. Line
breaks are ASCII in UTF-8 and Windows-1252 alike, so line numbers do not move.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from checker.findings import Msg

from .base import ImportFailure

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_NAMED = 5  # lines named in the warning; the rest are counted


@dataclass
class Decoded:
    """An export's text, and the warnings about how it was read: (line, message)."""

    text: str
    warnings: list[tuple[int, Msg]] = field(default_factory=list)


def decode_export(raw: bytes, name: str) -> Decoded:
    """The text of the export ``raw``; an ``ImportFailure`` for binary or undecodable data."""
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom) :]
            if codec == "utf-8":
                return _utf8_by_line(body, name)
            return Decoded(_strict(body, codec, label, name))
    if not raw.strip():
        raise ImportFailure(f"Filen {name} är tom.", f"The file {name} is empty.")
    sample = raw[:8192]
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if b"\x00" in sample or control > len(sample) // 20:
        raise ImportFailure(
            f"Filen {name} är inte text utan en binärfil; importera en textexport eller en PDF."
            " (En textexport i UTF-16 behöver ett byte order mark i början.)",
            f"The file {name} is binary, not text; import a text export or a PDF."
            " (A UTF-16 text export needs a byte order mark at its start.)",
        )
    return _utf8_by_line(raw, name)


def _strict(body: bytes, codec: str, label: str, name: str) -> str:
    try:
        return body.decode(codec)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].decode(codec, errors="replace").count("\n") + 1
        raise ImportFailure(
            f"Filen {name} börjar med ett byte order mark för {label}, men rad {line} är inte"
            f" giltig {label}. Spara exporten på nytt, helst som UTF-8.",
            f"The file {name} starts with a {label} byte order mark, but line {line} is not"
            f" valid {label}. Save the export again, preferably as UTF-8.",
        ) from None


def _as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """A codec error handler: the bytes that are not UTF-8, read as Windows-1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("rapportkoll-cp1252", _as_cp1252)


def _utf8_by_line(raw: bytes, name: str) -> Decoded:
    try:
        return Decoded(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    # Only the bytes that are not UTF-8 are read as Windows-1252, so the rest of their
    # line keeps its å, ä and ö; one pass, however many such bytes there are.
    text = raw.decode("utf-8", errors="rapportkoll-cp1252")
    legacy: list[int] = []
    for number, line in enumerate(raw.split(b"\n"), 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            legacy.append(number)
    shown = ", ".join(str(n) for n in legacy[:_NAMED])
    more_sv = f" och {len(legacy) - _NAMED} till" if len(legacy) > _NAMED else ""
    more_en = f" and {len(legacy) - _NAMED} more" if len(legacy) > _NAMED else ""
    one = len(legacy) == 1
    word_sv, word_en, verbs = ("Rad", "Line", "is/was") if one else ("Raderna", "Lines", "are/were")
    be, were = verbs.split("/")
    warning = Msg(
        f"{word_sv} {shown}{more_sv} i {name} är inte UTF-8 och lästes som Windows-1252"
        " (Latin-1). Kontrollera å, ä och ö där, och spara exporten som UTF-8.",
        f"{word_en} {shown}{more_en} of {name} {be} not UTF-8 and {were} read as Windows-1252"
        " (Latin-1). Check the å, ä and ö there, and save the export as UTF-8.",
    )
    return Decoded(text, [(legacy[0], warning)])
