"""Receiving a submission: multipart uploads streamed into a private folder, with limits.

Nothing uploaded is ever executed or kept: each request gets its own folder
(``tempfile.mkdtemp``, mode 0700) that the caller deletes when the page is
rendered. File names are reduced to one safe component of letters, digits and
a few marks, so a name can never reach outside that folder; each file is
created anew (``O_EXCL``, ``O_NOFOLLOW``, mode 0600).

Limits, all checked while the body streams in, before anything is checked:
``MAX_FILE_BYTES`` per file, ``MAX_REQUEST_BYTES`` per request (a larger
``Content-Length`` is refused before reading), at most ``MAX_FILES`` files.
"""

from __future__ import annotations

import logging
import os
import unicodedata
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import IO

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect

from checker.read.safeio import MiB
from checker.read.sources import EXPORT_SUFFIXES

MAX_FILE_BYTES = 20 * MiB
MAX_REQUEST_BYTES = 50 * MiB
MAX_FILES = 20
ACCEPTED = (".yaml", ".yml", *EXPORT_SUFFIXES)
_NAME_CHARS = " ._-()+,"
_MAX_NAME = 120
# The parser logs each malformed byte in English; the sender gets the Swedish answer instead.
logging.getLogger("python_multipart").setLevel(logging.CRITICAL)


class UploadRefused(Exception):
    """A submission that is not checked: the HTTP status and a Swedish message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Saved:
    path: str  # inside the request's folder
    name: str  # the sanitised name, shown in the findings
    size: int = 0


@dataclass
class Upload:
    folder: str
    files: list[Saved] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, why, in Swedish)


def safe_name(raw: str) -> str:
    """One harmless file name from what a browser sent: no folders, no dots first.

    Only the last component counts (``../../x.yaml`` and ``C:\\x.yaml`` become
    ``x.yaml``); anything but letters, digits and `` ._-()+,`` becomes ``_``
    (control and direction-changing characters too); leading dots and spaces
    go, so the name is never hidden, ``.`` or ``..``; it is at most 120
    characters, keeping the suffix.
    """
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch if ch.isalnum() or ch in _NAME_CHARS else "_" for ch in name)
    name = name.strip(" .")
    if len(name) > _MAX_NAME:
        stem, dot, suffix = name.rpartition(".")
        suffix = suffix[:10] if dot else ""
        name = (stem if dot else name)[: _MAX_NAME - len(suffix) - 1].rstrip(" .")
        name = f"{name}.{suffix}" if suffix else name
    return name or "fil"


def _mib(n: int) -> str:
    return f"{n // MiB} MiB"


class _Receiver:
    """python-multipart callbacks: each file part goes straight to its own file."""

    def __init__(self, upload: Upload) -> None:
        self.upload = upload
        self.used: set[str] = set()
        self.header_name = b""
        self.header_value = b""
        self.disposition = b""
        self.current: Saved | None = None
        self.out: IO[bytes] | None = None
        self.seen_files = 0

    def on_part_begin(self) -> None:
        self.disposition = b""
        self.current = None
        self.out = None

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        if self.header_name.strip().lower() == b"content-disposition":
            self.disposition = self.header_value
        self.header_name = self.header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.disposition)
        if b"filename" not in options:
            return  # a plain form field: its data is counted and dropped
        raw = options[b"filename"].decode("utf-8", errors="replace")
        if not raw:
            return  # the form was sent with no file chosen
        self.seen_files += 1
        if self.seen_files > MAX_FILES:
            raise UploadRefused(
                413, f"Högst {MAX_FILES} filer går att granska åt gången. Dela upp inlämningen."
            )
        name = safe_name(raw)
        if not name.lower().endswith(ACCEPTED):
            self.upload.skipped.append(
                (
                    name,
                    "filtypen stöds inte (bara .yaml, .yml, .txt, .md, .pdf och .docx granskas)",
                )
            )
            return
        name = self._unique(name)
        path = os.path.join(self.upload.folder, name)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        flags |= getattr(os, "O_BINARY", 0)
        self.out = os.fdopen(os.open(path, flags, 0o600), "wb")
        self.current = Saved(path, name)

    def _unique(self, name: str) -> str:
        stem, dot, suffix = name.rpartition(".")
        candidate, n = name, 1
        while candidate.casefold() in self.used:
            n += 1
            candidate = f"{stem}-{n}{dot}{suffix}"
        self.used.add(candidate.casefold())
        return candidate

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.current is None or self.out is None:
            return
        self.current.size += end - start
        if self.current.size > MAX_FILE_BYTES:
            name = self.current.name
            self.close()
            raise UploadRefused(
                413,
                f"Filen {name} är större än {_mib(MAX_FILE_BYTES)}, gränsen per fil. Ingenting"
                " har granskats; kontrollera att det är rätt fil.",
            )
        self.out.write(data[start:end])

    def on_part_end(self) -> None:
        if self.current is not None and self.out is not None:
            self.out.close()
            self.upload.files.append(self.current)
        self.current = None
        self.out = None

    def close(self) -> None:
        if self.out is not None:
            self.out.close()
        self.out = None
        self.current = None


async def receive(
    content_type: str | None,
    content_length: str | None,
    stream: AsyncIterator[bytes],
    folder: str,
) -> Upload:
    """Stream a ``multipart/form-data`` body into ``folder``; ``UploadRefused`` if it may not."""
    if content_length is not None:
        try:
            declared = int(content_length)
        except ValueError:
            raise UploadRefused(400, "Förfrågan har en ogiltig längd (Content-Length).") from None
        if declared > MAX_REQUEST_BYTES:
            raise UploadRefused(413, _too_large_request())
    kind, params = parse_options_header(content_type or "")
    boundary = params.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise UploadRefused(400, "Skicka filerna med formuläret på inlämningssidan.")
    upload = Upload(folder)
    receiver = _Receiver(upload)
    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": receiver.on_part_begin,
            "on_part_data": receiver.on_part_data,
            "on_part_end": receiver.on_part_end,
            "on_header_field": receiver.on_header_field,
            "on_header_value": receiver.on_header_value,
            "on_header_end": receiver.on_header_end,
            "on_headers_finished": receiver.on_headers_finished,
        },
    )
    total = 0
    refused: UploadRefused | None = None
    try:
        async for chunk in stream:
            total += len(chunk)
            if total > MAX_REQUEST_BYTES:
                raise UploadRefused(413, _too_large_request())
            if refused is not None:
                continue  # read the rest (bounded above) so the browser gets the answer
            try:
                parser.write(chunk)
            except UploadRefused as exc:
                refused = exc
            except Exception:
                raise UploadRefused(
                    400, "Inlämningen kunde inte läsas (felaktigt formulärinnehåll)."
                ) from None
        if refused is not None:
            raise refused
        try:
            parser.finalize()
        except Exception:
            raise UploadRefused(400, _CUT_SHORT) from None
        if receiver.current is not None:
            raise UploadRefused(400, _CUT_SHORT)  # a file whose part never ended
    except ClientDisconnect:
        raise UploadRefused(
            400, "Inlämningen avbröts innan den hade tagits emot helt; ingenting har granskats."
        ) from None
    finally:
        receiver.close()
    return upload


_CUT_SHORT = "Inlämningen kunde inte läsas (formulärinnehållet tog slut för tidigt)."


def _too_large_request() -> str:
    return (
        f"Inlämningen är större än {_mib(MAX_REQUEST_BYTES)} sammanlagt. Skicka färre filer"
        f" åt gången (högst {_mib(MAX_FILE_BYTES)} per fil)."
    )
