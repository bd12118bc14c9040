"""``rapportkoll import`` and ``rapportkoll render``: documents in, documents out.

``import`` reads the city's exports (marked-up or plain text, PDF, Word) and
writes our YAML; ``render`` writes a YAML report as the city's document
(Markdown, HTML, PDF, Word). Both write only what they are asked to, never
over an existing file without ``--force``, never onto a file they read, and
always atomically; they say what they wrote. Their options are declared in
``checker.cli.convert``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from checker.outputs.terminal import visible
from checker.read.safeio import os_error, read_limited, write_atomically

RENDER_FORMATS = ("md", "html", "pdf", "docx")
_BINARY = ("pdf", "docx")


def _say(message: object) -> None:
    print(f"rapportkoll: {visible(message)}", file=sys.stderr)


def _refusal(target: str, force: bool, reads: list[str]) -> str | None:
    from checker.run.output import refusal

    return refusal(target, force, reads, "en fil som läses")


def _outside(path: str, given: list[str]) -> str | None:
    """The message when ``path`` is a symbolic link out of the tree of ``given``, as ``check``
    decides it (``checker.run.files.outside_link``), or None."""
    from checker.paths import tree_roots
    from checker.run.files import outside_link

    why = outside_link(path, tree_roots(given))
    return None if why is None else f"{path}: {why.sv}"


def _targets(sources: list[str], output: str | None, out_dir: str | None) -> list[str | None]:
    """Where each source's YAML goes: ``-o``, one file per source in ``--out-dir``, or stdout."""
    if output is not None:
        return [output]
    if out_dir is None:
        return [None] * len(sources)
    return [os.path.join(out_dir, Path(source).stem + ".yaml") for source in sources]


def _same_target(sources: list[str], targets: list[str | None]) -> str | None:
    """The message when two sources would be written to one file (the first would be lost)."""
    seen: dict[str, str] = {}
    for source, target in zip(sources, targets, strict=True):
        if target is None:
            continue
        key = os.path.realpath(target).casefold()  # one file on a case-insensitive disk too
        if key in seen:
            return (
                f"--out-dir: {seen[key]} och {source} skulle båda skrivas till {target};"
                " importera dem var för sig med -o, eller byt namn på den ena"
            )
        seen[key] = source
    return None


def import_files(
    sources: list[str], output: str | None, out_dir: str | None, force: bool = False
) -> int:
    """``import``: each source's YAML to ``output``, to ``out_dir`` or to stdout; the exit code."""
    from checker.importer import ImportFailure, import_bytes

    if len(sources) > 1 and not out_dir:
        _say("flera källor kräver --out-dir DIR (en YAML-fil per källa)")
        return 2
    if out_dir and os.path.lexists(out_dir) and not os.path.isdir(out_dir):
        _say(f"--out-dir: {out_dir} är ingen mapp")
        return 2
    targets = _targets(sources, output, out_dir)
    if (why := _same_target(sources, targets)) is not None:
        _say(why)
        return 2
    failed = 0
    for source, target in zip(sources, targets, strict=True):
        if target is not None and (why := _refusal(target, force, sources)):
            _say(why)
            failed += 1
            continue
        if (why := _outside(source, sources)) is not None:
            _say(why)
            failed += 1
            continue
        try:
            result = import_bytes(read_limited(source, "export"), Path(source).name)
        except ImportFailure as exc:
            _say(f"{source}: {exc.text('sv')}")
            failed += 1
            continue
        except OSError as exc:
            _say(f"{source}: kan inte läsas: {os_error(exc).sv}")
            failed += 1
            continue
        for line, warning in result.warnings:
            _say(f"varning: {source}:{line}: {warning.sv}")
        if target is None:
            sys.stdout.write(result.yaml_text)
            continue
        try:
            write_atomically(target, result.yaml_text)
        except OSError as exc:
            _say(f"kan inte skriva {target}: {os_error(exc).sv}")
            failed += 1
            continue
        unplaced = len(result.data.get("ej_placerat") or [])
        pieces = "textstycke" if unplaced == 1 else "textstycken"
        extra = f"; {unplaced} {pieces} kunde inte placeras (ej_placerat)" if unplaced else ""
        _say(f"skrev {target} från {source}{extra}")
    return 2 if failed else 0


# A file name's suffix says its format; .htm is HTML as browsers have it.
_SUFFIX_FORMAT = {".md": "md", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}


def render_format(asked: str | None, output: str | None) -> str:
    """The format to render: ``--format``, else the output's suffix, else pdf.

    ``ValueError`` (Swedish) when ``--format`` contradicts the suffix, or when the suffix
    says no format and none was asked for: a document must never carry a false name.
    """
    suffix = Path(output).suffix.lower() if output not in (None, "-") else ""
    named = _SUFFIX_FORMAT.get(suffix)
    if asked is not None and named is not None and asked != named:
        raise ValueError(
            f"--format {asked} stämmer inte med filnamnet {output} ({named}); ändra det ena"
        )
    if asked is None and suffix and named is None:
        raise ValueError(
            f"filnamnet {output} säger inte vilket format som avses; ange --format"
            f" ({', '.join(RENDER_FORMATS)}) eller en ändelse som .pdf"
        )
    return asked or named or "pdf"


def render_file(report: str, fmt: str | None, output: str | None, force: bool = False) -> int:
    """``render``: ``report`` as the city's document in ``fmt`` to ``output`` or stdout."""
    from checker.render import RenderError, UnreadableReport, render_report
    from checker.render.reading import read_report

    try:
        fmt = render_format(fmt, output)
    except ValueError as exc:
        _say(exc)
        return 2
    if output is None and fmt in _BINARY and sys.stdout.isatty():
        _say(f"{fmt} skrivs inte till terminalen; ange -o FIL")
        return 2
    if output is not None and (why := _refusal(output, force, [report])):
        _say(why)
        return 2
    if (why := _outside(report, [report])) is not None:
        _say(why)
        return 2
    try:
        raw = read_limited(report, "report")
    except OSError as exc:
        _say(f"{report}: kan inte läsas: {os_error(exc).sv}")
        return 2
    try:
        # check's reader, values as written: what check reads, render reads alike
        doc = read_report(raw, report)
        document = render_report(doc.data, fmt)  # type: ignore[arg-type]
    except UnreadableReport as exc:
        _say(exc.message)
        return 2
    except RenderError as exc:
        if exc.path is None:
            _say(f"{report}: kan inte skrivas som {fmt}: {exc.message}")
        else:
            line = doc.position(exc.path)[0]
            _say(f"{report}:{line}: kan inte skrivas som {fmt}: {exc.message}")
        return 2
    except ModuleNotFoundError as exc:
        _say(
            f"formatet {fmt} kräver tillägget render ({exc.name} saknas):"
            " pip install 'rapportkoll[render]'"
        )
        return 2
    if output is None:
        if sys.stdout.isatty():  # md or html: the report's text must not drive the terminal
            shown = visible(document.decode("utf-8"), keep_lines=True).replace("\r", "\\r")
            document = shown.encode("utf-8")
        sys.stdout.buffer.write(document)
        sys.stdout.flush()
        return 0
    try:
        write_atomically(output, document)
    except OSError as exc:
        _say(f"kan inte skriva {output}: {os_error(exc).sv}")
        return 2
    _say(f"skrev {output} ({fmt}) från {report}")
    return 0
