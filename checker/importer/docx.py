"""Word files (.docx), read with the standard library (zip and XML).

A .docx keeps what a PDF loses: paragraphs, heading styles and real tables
with their cells. Paragraphs become text items (a heading style or an
all-bold paragraph counts as marked), table rows become rows, and the same
parser as for the text export places them. A .docx has no lines: the source
map's line is the number of the paragraph or table row in the document, in
order (counting from 1).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from lzma import LZMAError
from xml.etree import ElementTree

from .base import ImportFailure, ImportResult, guard, import_items
from .items import Blank, Item, Para, Row, clean

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_XML = 50 * 1024 * 1024


# What zipfile can unpack; Word writes only stored and deflated members.
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
# What a damaged archive raises while a member is unpacked (bad CRC, cut stream, bad data).
_DAMAGED = (zipfile.BadZipFile, KeyError, EOFError, OSError, ValueError, zlib.error, LZMAError)


def import_docx_bytes(raw: bytes, name: str) -> ImportResult:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_XML:
                raise ImportFailure(f"{name} är för stor för en rapport.", f"{name} is too large.")
            _check_member(info, name)
            xml = archive.read(info)
    except _DAMAGED:
        raise ImportFailure(
            f"{name} är ingen läsbar Word-fil (.docx): dokumentdelen saknas eller filen är skadad."
            " Öppna den i Word och spara den på nytt som .docx.",
            f"{name} is not a readable Word file (.docx): the document part is missing or the"
            " file is damaged. Open it in Word and save it again as .docx.",
        ) from None
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        raise ImportFailure(
            f"{name}: Word-filens innehåll (document.xml) går inte att läsa.",
            f"{name}: the Word file's document.xml cannot be parsed.",
        ) from None
    with guard(name):
        items, text = docx_items(root)
    if not text.strip():
        raise ImportFailure(f"Filen {name} är tom.", f"The file {name} is empty.")
    return import_items(items, text, name, "docx")


def _check_member(info: zipfile.ZipInfo, name: str) -> None:
    """Refuse what zipfile cannot unpack, before it raises on it."""
    if info.flag_bits & 0x1:
        raise ImportFailure(
            f"{name} är krypterad (skyddad med lösenord) och kan inte läsas. Spara den utan"
            " lösenord i Word och importera den igen.",
            f"{name} is encrypted (password protected) and cannot be read. Save it without a"
            " password in Word and import it again.",
        )
    if info.compress_type not in _METHODS:
        names: dict[int, str] = getattr(zipfile, "compressor_names", {})
        method = names.get(info.compress_type, f"nummer {info.compress_type}")
        raise ImportFailure(
            f"{name} är packad med en komprimeringsmetod som inte kan läsas ({method}). Öppna"
            " den i Word och spara den på nytt som .docx.",
            f"{name} is packed with a compression method that cannot be read ({method}). Open"
            " it in Word and save it again as .docx.",
        )


def docx_items(root: ElementTree.Element) -> tuple[list[Item], str]:
    """Items of a Word document, and its plain text (for the icon check)."""
    body = root.find(f"{W}body")
    items: list[Item] = []
    texts: list[str] = []
    number = 0
    for element in list(body) if body is not None else []:
        if element.tag == f"{W}p":
            number += 1
            text, marked = _paragraph(element)
            texts.append(text)
            if text.strip():
                items.append(Para(clean(text), number, None, marked))
            items.append(Blank(number))
        elif element.tag == f"{W}tbl":
            for row in element.iter(f"{W}tr"):
                number += 1
                cells = tuple(
                    "\n".join(_paragraph(p)[0] for p in cell.iter(f"{W}p")).strip()
                    for cell in row.findall(f"{W}tc")
                )
                texts.append("\t".join(cells))
                items.append(Row(tuple(clean(c) for c in cells), number))
            items.append(Blank(number))
    return items, "\n".join(texts)


def _paragraph(element: ElementTree.Element) -> tuple[str, bool]:
    style = element.find(f"{W}pPr/{W}pStyle")
    style_name = (style.get(f"{W}val") or "") if style is not None else ""
    listed = element.find(f"{W}pPr/{W}numPr") is not None
    parts: list[str] = []
    bold_runs = 0
    runs = 0
    for run in element.iter(f"{W}r"):
        run_text = ""
        for child in run:
            if child.tag == f"{W}t":
                run_text += child.text or ""
            elif child.tag == f"{W}tab":
                run_text += " "
            elif child.tag in (f"{W}br", f"{W}cr"):
                run_text += "\n"
        if run_text.strip():
            runs += 1
            if run.find(f"{W}rPr/{W}b") is not None:
                bold_runs += 1
        parts.append(run_text)
    text = "".join(parts)
    heading = style_name.casefold().startswith(("heading", "rubrik", "title"))
    marked = heading or (runs > 0 and bold_runs == runs)
    if listed and text.strip():
        text = "- " + text.strip()
    return text, marked
