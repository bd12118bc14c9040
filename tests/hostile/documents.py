"""Hostile documents, written at test time: small files that cost a reader without bound.

Each builder returns the bytes of one document of a class the import budget
must stop (``checker/budget.py``): PDFs whose objects refer to themselves,
whose text lies a billion characters to the right, whose streams unpack to
far more than they weigh, or whose page tree is endless; Word files whose
text part unpacks too far, or whose tables nest deeply. Nothing here is kept
in the repository; ``python tests/hostile/documents.py DIR`` writes them all
for a look.
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

MiB = 1024 * 1024


def pdf(objects: Iterable[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF of ``objects`` (object 1, 2, … in order) with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(offsets) + 1, root, trailer_extra, xref)
    )
    return out.getvalue()


def stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _one_page(content: bytes, content_extra: bytes = b"") -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(content, content_extra),
        FONT,
    ]


# -- PDF: an object that refers to itself ---------------------------------------------


def pdf_self_reference(where: str = "pages") -> bytes:
    """An object whose whole body is a reference to itself (resolving it never ends).

    ``where`` is the object that does it: the page tree ("pages"), a page's
    content stream ("contents"), its font ("font"), or two objects that name
    each other ("pair").
    """
    objects = _one_page(b"BT /F1 12 Tf 72 700 Td (Rapport) Tj ET")
    if where == "pages":
        objects[1] = b"2 0 R"
    elif where == "contents":
        objects[3] = b"4 0 R"
    elif where == "font":
        objects[4] = b"5 0 R"
    else:
        objects[3] = b"6 0 R"
        objects.append(b"4 0 R")
    return pdf(objects)


# -- PDF: text far away --------------------------------------------------------------


def pdf_text_far_right(x: float = 3e9) -> bytes:
    """Two short lines placed ``x`` points to the right: a line of a billion spaces."""
    content = b"BT /F1 12 Tf %.0f 700 Td (Rapport) Tj 0 -14 Td (Enhet) Tj ET" % x
    return pdf(_one_page(content))


def pdf_text_spaced_apart(gap: float = 2e12) -> bytes:
    """Words of one line kept ``gap`` points apart by the text's own spacing (TJ)."""
    content = b"BT /F1 12 Tf 72 700 Td [(Rapport) -%.0f (Enhet) -%.0f (Mal)] TJ ET" % (gap, gap)
    return pdf(_one_page(content))


# -- PDF: a stream that unpacks to far more than it weighs ----------------------------


def deflated(chunk: bytes, count: int) -> bytes:
    """A zlib stream of ``chunk`` repeated ``count`` times, built without packing it all.

    Each chunk is packed with a full flush, which resets the history, so every
    chunk packs to the same bytes: one is packed and repeated.
    """
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = raw.compress(chunk) + raw.flush(zlib.Z_FULL_FLUSH)
    end = raw.flush(zlib.Z_FINISH)
    check = 1
    for _ in range(count):
        check = zlib.adler32(chunk, check)
    return b"\x78\xda" + block * count + end + check.to_bytes(4, "big")


def pdf_deflate_bomb(size: int = 1024 * MiB) -> bytes:
    """A page whose content stream unpacks to ``size`` bytes of zeros."""
    return pdf(_one_page(deflated(b"\0" * MiB, size // MiB), b"/Filter /FlateDecode "))


def pdf_deflate_bomb_of_spaces(size: int = 1024 * MiB) -> bytes:
    """A content stream of text operators repeated until it unpacks to ``size`` bytes."""
    line = b"BT /F1 12 Tf 72 700 Td (Rapport om enheten) Tj ET\n"
    block = line * (MiB // len(line))
    content = deflated(block, size // len(block))
    return pdf(_one_page(content, b"/Filter /FlateDecode "))


# -- PDF: pages without end ------------------------------------------------------------


def pdf_many_pages(count: int, claimed: int | None = None) -> bytes:
    """``count`` page objects sharing one content stream; the tree may claim another count."""
    first = 5
    kids = b" ".join(b"%d 0 R" % (first + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 4 0 R >> >> >>"
        % (kids, count if claimed is None else claimed),
        stream(b"BT /F1 12 Tf 72 700 Td (Sida) Tj ET"),
        FONT,
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>"] * count
    return pdf(objects)


# -- Word ------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx(body: Iterable[bytes], extra: dict[str, bytes] | None = None) -> bytes:
    """A Word file whose document.xml body is the concatenated ``body`` chunks (streamed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>'.encode())
            for chunk in body:
                part.write(chunk)
            part.write(b"</w:body></w:document>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def paragraph(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


def docx_large_part(size: int = 49 * MiB) -> bytes:
    """A text part of ``size`` bytes of paragraphs (packs to a few hundred KB)."""
    chunk = paragraph("Enheten redovisar ett överskott på 60 tkr.") * 2000
    return docx([chunk] * (size // len(chunk)))


def docx_packed_tight(size: int = 3 * MiB) -> bytes:
    """A text part under the size limit that packs far tighter than text does."""
    return docx([b"<w:p/>" * (size // 6)])


def docx_nested_tables(depth: int) -> bytes:
    """Tables ``depth`` deep, each in the one cell of the table around it."""
    opening = b"<w:tbl><w:tr><w:tc>" + paragraph("cell")
    closing = b"</w:tc></w:tr></w:tbl>"
    return docx(
        [
            paragraph("Verksamhetsberättelse"),
            opening * depth,
            paragraph("x"),
            closing * depth,
            b"<w:p/>",
        ]
    )


def docx_deep_elements(depth: int) -> bytes:
    """A paragraph wrapped in ``depth`` levels of custom XML (a body nested without tables)."""
    return docx([b"<w:customXml>" * depth, paragraph("x"), b"</w:customXml>" * depth])


BUILDERS: dict[str, Callable[[], bytes]] = {
    "self-reference-pages.pdf": pdf_self_reference,
    "self-reference-contents.pdf": lambda: pdf_self_reference("contents"),
    "self-reference-font.pdf": lambda: pdf_self_reference("font"),
    "self-reference-pair.pdf": lambda: pdf_self_reference("pair"),
    "text-far-right.pdf": pdf_text_far_right,
    "text-spaced-apart.pdf": pdf_text_spaced_apart,
    "deflate-bomb.pdf": pdf_deflate_bomb,
    "many-pages.pdf": lambda: pdf_many_pages(60_000),
    "many-pages-claims-one.pdf": lambda: pdf_many_pages(2000, claimed=1),
    "large-part.docx": docx_large_part,
    "nested-tables.docx": lambda: docx_nested_tables(3000),
}


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-documents")
    target.mkdir(parents=True, exist_ok=True)
    for file_name, build in BUILDERS.items():
        (target / file_name).write_bytes(build())
        print(target / file_name)
