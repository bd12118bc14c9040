"""Every import under a budget of time, memory and output, per document.

``bounded_import`` reads one document in a child process under
``checker.budget``'s import budget, after exact pre-checks made in that
child: a PDF's page count, a Word file's packed part (unpacked size and
ratio) and how deep its XML and tables nest. Whatever goes over, the caller
gets an ``ImportFailure`` whose Swedish message says the document is too large
or too complex to read, what limit it met and what to do; ``check`` turns it
into an RK105 finding, ``import`` into a message and exit 2, and the run goes
on with the next document.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import zipfile
from collections.abc import Callable
from itertools import islice
from typing import Any
from xml.parsers import expat

from checker.budget import (
    MAX_PAGES,
    MAX_PART_MIB,
    MAX_PART_RATIO,
    MAX_TABLE_NESTING,
    MAX_XML_DEPTH,
    MiB,
    OverBudget,
    Stopped,
    caused_by_memory,
    import_budget,
    run_bounded,
)

from .base import ImportFailure, ImportResult

Reader = Callable[[bytes, str], ImportResult]
DOCUMENT_PART = "word/document.xml"
_TABLE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main tbl"

WHAT_TO_DO_SV = (
    " Filen är inte ändrad. Kontrollera att det är rätt fil och exportera rapporten på nytt"
    " ur verksamhetssystemet (PDF, Word eller text); går den ändå inte att läsa, lämna in"
    " rapporten som text (.txt) eller YAML."
)
WHAT_TO_DO_EN = (
    " The file is unchanged. Check that it is the right file and export the report again;"
    " if it still cannot be read, hand in the report as text (.txt) or YAML."
)


TOO_COMPLEX_SV = "är för stort eller för komplext att läsa"


def too_complex(name: str, why_sv: str, why_en: str) -> ImportFailure:
    """The failure of a document over the budget: what limit it met, and what to do."""
    return ImportFailure(
        f"{name} {TOO_COMPLEX_SV}: {why_sv}.{WHAT_TO_DO_SV}",
        f"{name} is too large or too complex to read: {why_en}.{WHAT_TO_DO_EN}",
    )


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


# Documents that went over the budget in this process, by digest: a second read of the
# same bytes (the HTML report's excerpts read each file again) fails at once.
_OVER: dict[bytes, tuple[str, str]] = {}
_OVER_KEPT = 64


def bounded_import(read: Reader, raw: bytes, name: str) -> ImportResult:
    """``read(raw, name)`` in a child process under the import budget, after the pre-checks."""
    digest = hashlib.sha256(raw).digest() + name.encode("utf-8", "surrogatepass")
    known = _OVER.get(digest)
    if known is not None:
        raise ImportFailure(*known)
    try:
        return _bounded(read, raw, name)
    except ImportFailure as exc:
        if TOO_COMPLEX_SV in exc.message:
            if len(_OVER) >= _OVER_KEPT:
                _OVER.pop(next(iter(_OVER)))
            _OVER[digest] = (exc.message, exc.message_en)
        raise


def _bounded(read: Reader, raw: bytes, name: str) -> ImportResult:
    _load_reader(raw, name)
    budget = import_budget()
    try:
        outcome: tuple[str, Any] = run_bounded(_in_child, read, raw, name, budget=budget)
    except OverBudget as exc:
        seconds, mib = _number(budget.seconds), budget.memory // MiB
        one = budget.seconds == 1
        why = {
            "time": (
                f"läsningen tog mer än {seconds} {'sekund' if one else 'sekunder'} och stoppades",
                f"reading took more than {seconds} {'second' if one else 'seconds'} and was"
                " stopped",
            ),
            "memory": (
                f"läsningen behövde mer än {mib} MiB minne och stoppades",
                f"reading needed more than {mib} MiB of memory and was stopped",
            ),
            "output": (
                f"den gav mer än {budget.output // MiB} MiB text",
                f"it gave more than {budget.output // MiB} MiB of text",
            ),
        }.get(
            exc.kind,
            (
                "läsaren stannade utan svar (filen kan vara skadad eller gjord för att inte gå"
                " att läsa)",
                "the reader stopped without an answer (the file may be damaged or made to be"
                " unreadable)",
            ),
        )
        raise too_complex(name, *why) from None
    except Stopped as exc:
        if exc.why == "fork":
            raise ImportFailure(
                f"{name} kunde inte läsas: datorn har inga fler processer att ge just nu."
                " Försök igen om en stund. Filen är inte ändrad.",
                f"{name} could not be read: the system has no more processes to give."
                " Try again later. The file is unchanged.",
            ) from None
        raise ImportFailure(
            f"Läsningen av {name} stoppades utifrån innan den blev klar (t.ex. av systemet när"
            " minnet tog slut). Filen är inte ändrad.",
            f"Reading {name} was stopped from outside before it was done (e.g. by the system"
            " when memory ran out). The file is unchanged.",
        ) from None
    tag, value = outcome
    if tag == "failure":
        sv, en = value
        raise ImportFailure(sv, en)
    assert isinstance(value, ImportResult)
    return value


def _load_reader(raw: bytes, name: str) -> None:
    """Import the reader's modules here, once, so that each child has them already."""
    if name.lower().endswith(".pdf") or raw.startswith(b"%PDF-"):
        from .pdf import pdf_text_and_headings  # noqa: F401

        with contextlib.suppress(ImportError):  # without it the reader says what to install
            import pdfplumber  # noqa: F401
    elif name.lower().endswith(".docx"):
        from .docx import docx_items  # noqa: F401
    else:
        from .layout import layout_items  # noqa: F401


def _in_child(read: Reader, raw: bytes, name: str) -> tuple[str, ImportResult | tuple[str, str]]:
    """The child's work: the pre-checks, then the reader; a failure as plain text."""
    try:
        precheck(raw, name)
        return "result", read(raw, name)
    except ImportFailure as exc:
        if caused_by_memory(exc):
            raise MemoryError from None
        return "failure", (exc.message, exc.message_en)


def precheck(raw: bytes, name: str) -> None:
    """Exact limits checked before the expensive work; ``ImportFailure`` over any of them."""
    if name.lower().endswith(".pdf") or raw.startswith(b"%PDF-"):
        _check_pages(raw, name)
    elif name.lower().endswith(".docx"):
        _check_docx(raw, name)


def _check_pages(raw: bytes, name: str) -> None:
    """At most ``MAX_PAGES`` pages, counted in the page tree (not the count it claims)."""
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser
    except ImportError:
        return  # the reader says what to install
    try:
        document = PDFDocument(PDFParser(io.BytesIO(raw)))
        pages = sum(1 for _ in islice(PDFPage.create_pages(document), MAX_PAGES + 1))
    except MemoryError:
        raise
    except Exception:
        return  # a broken PDF: the reader says so in its own words
    if pages > MAX_PAGES:
        raise too_complex(
            name,
            f"PDF-filen har fler än {MAX_PAGES} sidor (en enhets rapport har 10–40)",
            f"the PDF has more than {MAX_PAGES} pages (a unit's report has 10-40)",
        )


def _check_docx(raw: bytes, name: str) -> None:
    """The part the reader reads: its unpacked size and ratio, then how deep it nests."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            info = archive.getinfo(DOCUMENT_PART)
            size, packed = info.file_size, max(1, info.compress_size)
            if size > MAX_PART_MIB * MiB:
                raise too_complex(
                    name,
                    f"Word-filens textdel ({DOCUMENT_PART}) är {_number(round(size / MiB, 1))}"
                    f" MiB uppackad, gränsen är {MAX_PART_MIB} MiB",
                    f"the Word file's text part ({DOCUMENT_PART}) is"
                    f" {round(size / MiB, 1)} MiB unpacked, the limit is {MAX_PART_MIB} MiB",
                )
            if size > MiB and size / packed > MAX_PART_RATIO:
                raise too_complex(
                    name,
                    f"Word-filens textdel ({DOCUMENT_PART}) packas upp {size // packed} gånger"
                    f" större, gränsen är {MAX_PART_RATIO} gånger",
                    f"the Word file's text part ({DOCUMENT_PART}) unpacks to {size // packed}"
                    f" times its size, the limit is {MAX_PART_RATIO}",
                )
            xml = archive.read(info)
    except ImportFailure:
        raise
    except MemoryError:
        raise
    except Exception:
        return  # not a readable zip or no text part: the reader says so in its own words
    _check_nesting(xml, name)


def _check_nesting(xml: bytes, name: str) -> None:
    """Tables in tables at most ``MAX_TABLE_NESTING`` deep, elements ``MAX_XML_DEPTH``."""
    depth = tables = 0

    class Deep(Exception):
        pass

    def start(tag: str, _attributes: object) -> None:
        nonlocal depth, tables
        depth += 1
        if tag == _TABLE:
            tables += 1
            if tables > MAX_TABLE_NESTING:
                raise Deep
        if depth > MAX_XML_DEPTH:
            raise Deep

    def end(tag: str) -> None:
        nonlocal depth, tables
        depth -= 1
        if tag == _TABLE:
            tables -= 1

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(xml, True)
    except Deep:
        if tables > MAX_TABLE_NESTING:
            raise too_complex(
                name,
                f"Word-filen har tabeller i fler än {MAX_TABLE_NESTING} nivåer i varandra",
                f"the Word file has tables nested more than {MAX_TABLE_NESTING} levels deep",
            ) from None
        raise too_complex(
            name,
            f"Word-filens innehåll är nästlat i fler än {MAX_XML_DEPTH} nivåer",
            f"the Word file's content is nested more than {MAX_XML_DEPTH} levels deep",
        ) from None
    except expat.ExpatError:
        return  # the reader says the XML cannot be read
