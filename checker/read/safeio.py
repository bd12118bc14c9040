"""Reading input files safely: regular files only, never blocking, never unbounded.

Every file rapportkoll reads (reports, configuration, reference data,
baselines, cache entries, the cache key) goes through ``read_limited``: it
refuses anything that is not a regular file *before* opening it (a FIFO, a
socket or a device is never opened, so nothing can block), opens with
``O_NONBLOCK`` and checks again on the open descriptor (the name may have been
swapped in between), and reads at most the limit of that kind of input plus
one byte. The limits are per kind (``SIZE_LIMITS``) so that a kind of input
can later get a larger one without loosening the others.

OS errors are given to users in Swedish (and English) by errno (``os_error``).

``write_atomically`` is the one way rapportkoll writes a file: a temporary
file in the same folder, then a rename, so no reader ever sees half a file.
Only a regular file or a new name is ever replaced (``output_obstacle``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable

from checker.findings import Msg

MiB = 1024 * 1024

# Largest accepted size per kind of input, in bytes (docs/dev/reliability.md lists them).
SIZE_LIMITS: dict[str, int] = {
    "report": 4 * MiB,  # a YAML report (the largest real one is ~60 KB)
    # an export read by `check` or `import` (.txt, .md, .pdf, .docx); the importer keeps
    # the same bound (checker.importer.MAX_BYTES) for the bytes it is handed
    "export": 20 * MiB,
    "reference-data": 4 * MiB,  # rules/data/*.yaml and a configured reference-data folder
    "config": 1 * MiB,  # rapportkoll.toml, pyproject.toml
    "plugin-list": 256 * 1024,  # the cached names of installed rule packs (engine.plugins)
    "baseline": 64 * MiB,  # --baseline FILE
    "cache-entry": 16 * MiB,  # one cached outcome
    "cache-key": 4096,  # the HMAC key of the cache
    "source": 16 * MiB,  # Python source hashed into the cache salt
    "schema": 4 * MiB,  # schemas/report.schema.json, compared by `rapportkoll schema --check`
}


class InputError(OSError):
    """A file that is not read: not a regular file, or larger than its limit."""

    def __init__(self, reason: str, message: Msg) -> None:
        super().__init__(message.sv)
        self.reason = reason  # "not-regular" or "too-large"
        self.message = message


def _kind_of(mode: int) -> Msg:
    if stat.S_ISLNK(mode):
        return Msg("en symbolisk länk som inte följs", "a symbolic link that is not followed")
    if stat.S_ISFIFO(mode):
        return Msg("en namngiven pipe (FIFO)", "a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return Msg("en socket", "a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Msg("en enhetsfil", "a device file")
    if stat.S_ISDIR(mode):
        return Msg("en mapp", "a folder")
    return Msg("ingen vanlig fil", "not a regular file")


def not_regular(mode: int) -> InputError:
    kind = _kind_of(mode)
    return InputError(
        "not-regular",
        Msg(
            f"Det här är ingen vanlig fil utan {kind.sv}; den läses inte.",
            f"This is not a regular file but {kind.en}; it is not read.",
        ),
    )


def too_large(limit: int) -> InputError:
    size = f"{limit // MiB} MiB" if limit >= MiB else f"{limit} byte"
    return InputError(
        "too-large",
        Msg(
            f"Filen är större än {size}, långt mer än en sådan fil brukar vara."
            " Kontrollera att det är rätt fil.",
            f"The file is larger than {size}, far more than such a file usually is."
            " Check that it is the right file.",
        ),
    )


def limit_of(kind: str | int) -> int:
    return kind if isinstance(kind, int) else SIZE_LIMITS[kind]


def read_limited(path: str | os.PathLike[str], kind: str | int, follow: bool = True) -> bytes:
    """The bytes of the regular file ``path``; ``InputError`` or ``OSError`` otherwise.

    ``kind`` names a row of ``SIZE_LIMITS`` (or is a limit in bytes). With
    ``follow=False`` a symbolic link is not followed (it is "not a regular
    file"): for a name that was no link when the run listed it.
    """
    limit = limit_of(kind)
    st = os.stat(path) if follow else os.lstat(path)
    if not stat.S_ISREG(st.st_mode):
        raise not_regular(st.st_mode)
    if st.st_size > limit:
        raise too_large(limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)  # the name may have been swapped since the stat above
        if not stat.S_ISREG(st.st_mode):
            raise not_regular(st.st_mode)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise too_large(limit)
    return b"".join(chunks)


def read_limited_text(path: str | os.PathLike[str], kind: str | int) -> str:
    """``read_limited`` decoded as UTF-8 (``UnicodeDecodeError`` is a ``ValueError``)."""
    return read_limited(path, kind).decode("utf-8")


def output_obstacle(path: str | os.PathLike[str]) -> Msg | None:
    """What stands at ``path`` when no output may replace it, or None.

    Only a regular file or a new name is a valid output: a device, a named pipe, a
    socket or a folder is never replaced by a regular file (as root that would
    replace ``/dev/null``), nor is a symbolic link to one. A symbolic link to a
    regular file, or to nothing, is replaced by the new file, never written through.
    """
    try:
        st = os.lstat(path)
    except (OSError, ValueError):
        return None  # a new name (or one the write itself reports)
    if stat.S_ISLNK(st.st_mode):
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            return None
        if stat.S_ISREG(st.st_mode):
            return None
        kind = _kind_of(st.st_mode)
        return Msg(f"en symbolisk länk till {kind.sv}", f"a symbolic link to {kind.en}")
    if stat.S_ISREG(st.st_mode):
        return None
    return _kind_of(st.st_mode)


def not_an_output(kind: Msg) -> InputError:
    """The refusal of an output onto ``kind`` (from ``output_obstacle``)."""
    return InputError(
        "not-regular",
        Msg(
            f"där finns {kind.sv}, ingen vanlig fil; utdata skrivs bara till en vanlig fil"
            " eller ett nytt filnamn",
            f"there is {kind.en} there, not a regular file; output is written only to a"
            " regular file or a new file name",
        ),
    )


def put_in_place(
    tmp: str, target: str, before_replace: Callable[[str], None] | None = None
) -> None:
    """Rename the written temporary file ``tmp`` over ``target``: the last step of every
    atomic write. ``before_replace(tmp)`` runs last before the rename and may raise to
    stop it; the target is checked again there, so the window in which it can change
    is the rename's own."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o644 & ~mask)
    if before_replace is not None:
        before_replace(tmp)
    kind = output_obstacle(target)
    if kind is not None:
        raise not_an_output(kind)
    os.replace(tmp, target)


def temp_beside(target: str) -> tuple[int, str]:
    """A new temporary file in ``target``'s folder (made first, with any missing parents,
    as ``mkdir -p`` does): where every output is written before its rename."""
    folder, name = os.path.split(target)
    if folder:
        os.makedirs(folder, exist_ok=True)
    import tempfile  # here: it pulls random and shutil, which a plain check does not need

    # The writer's process id in the name: a worker killed mid-write leaves its temporary
    # file, and the run that saw it die removes what that process left (``temp_pattern``).
    return tempfile.mkstemp(prefix=f".{name[:40]}.{os.getpid()}.", suffix=".tmp", dir=folder or ".")


def temp_pattern(pid: int) -> str:
    """The glob of the temporary files ``temp_beside`` made in process ``pid``."""
    return f".*.{pid}.*.tmp"


def write_atomically(
    path: str | os.PathLike[str],
    data: str | bytes,
    durable: bool = True,
    before_replace: Callable[[str], None] | None = None,
) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    ``durable`` flushes the data to disk before the rename (outputs); the cache,
    which can always be rebuilt, skips that for speed. Only a regular file or a new
    name is replaced (``output_obstacle``); anything else is an ``InputError``, and
    nothing is opened or written there. ``before_replace`` is as in ``put_in_place``.
    """
    target = os.fspath(path)
    kind = output_obstacle(target)
    if kind is not None:
        raise not_an_output(kind)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = temp_beside(target)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        put_in_place(tmp, target, before_replace)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# One mapping from errno to a text users read (Swedish, English).
_ERRNO: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("Filen finns inte", "The file does not exist"),
    errno.EACCES: ("Åtkomst nekad", "Permission denied"),
    errno.EPERM: ("Åtgärden är inte tillåten", "Operation not permitted"),
    errno.EISDIR: ("Det är en mapp", "It is a folder"),
    errno.ENOTDIR: ("En del av sökvägen är ingen mapp", "A part of the path is not a folder"),
    errno.ELOOP: ("För många nivåer av symboliska länkar", "Too many levels of symbolic links"),
    errno.ENAMETOOLONG: ("Filnamnet är för långt", "The file name is too long"),
    errno.EIO: ("In- eller utmatningsfel", "Input/output error"),
    errno.ENOSPC: ("Det finns inget utrymme kvar på enheten", "No space left on the device"),
    errno.EROFS: ("Filsystemet är skrivskyddat", "Read-only file system"),
    errno.EMFILE: ("För många öppna filer", "Too many open files"),
    errno.ENFILE: ("För många öppna filer i systemet", "Too many open files in the system"),
    errno.EBUSY: ("Filen eller enheten är upptagen", "The file or device is busy"),
    errno.EXDEV: ("Filen ligger på ett annat filsystem", "The file is on another file system"),
    errno.EEXIST: ("Filen finns redan", "The file already exists"),
    errno.ETXTBSY: ("Filen används", "The file is in use"),
    errno.ENXIO: ("Enheten eller adressen finns inte", "No such device or address"),
    errno.EAGAIN: ("Resursen är tillfälligt otillgänglig", "Resource temporarily unavailable"),
    errno.EINVAL: ("Ogiltigt argument", "Invalid argument"),
    errno.ENOTEMPTY: ("Mappen är inte tom", "The folder is not empty"),
}
if hasattr(errno, "EDQUOT"):
    _ERRNO[errno.EDQUOT] = ("Diskkvoten är slut", "Disk quota exceeded")


def os_error(exc: OSError) -> Msg:
    """A Swedish and English text for an OS error, by errno (never the system's English)."""
    if isinstance(exc, InputError):
        return exc.message
    if exc.errno in _ERRNO:
        sv, en = _ERRNO[exc.errno]
        return Msg(sv, en)
    name = errno.errorcode.get(exc.errno or 0, "okänt")
    return Msg(f"Systemfel {name}", f"System error {name}")
