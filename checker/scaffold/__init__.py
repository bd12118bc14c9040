"""``rapportkoll new``: a new report for a unit, year and type, from the last one.

The skeleton (``checker.scaffold.build``) has every section the profile
requires, the KF goals of the mandate period with their exact titles and the
schema line; with ``--från`` it carries forward what the city's cycle carries
forward. What the author must write is ``[fyll i: <vad>]``, which RK704
reports until it is filled and every other rule treats as not yet written.

Like ``import`` and ``render`` it reads only through the safe reader, never
writes over an existing file without ``--force``, never onto the file it
reads, and always atomically.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.outputs.terminal import visible
from checker.placeholder import blank
from checker.read.safeio import os_error, read_limited, write_atomically
from checker.scaffold.cycle import CARRIED_NAMES, PREVIOUS, TYPES

if TYPE_CHECKING:
    from checker.scaffold.build import Catalogue

__all__ = ["hidden_character", "new_report"]


# Line breaks a name may hold: each becomes a space, as in the city's own headers.
_BREAKS = "\n\r\t\u2028\u2029"
# The invisible characters that change the direction of text (marks, embeddings,
# overrides, isolates): "Trojan source" reorders what a reader sees with them.
_DIRECTION = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def hidden_character(text: str) -> str | None:
    """What in a name would act or hide when written (``visible`` escapes it), in Swedish."""
    for ch in text:
        if ch in _BREAKS or visible(ch) == ch:
            continue
        code = f"U+{ord(ch):04X}"
        if "\udc80" <= ch <= "\udcff":
            return f"en byte som inte är UTF-8 (\\x{ord(ch) - 0xDC00:02x})"
        name = unicodedata.name(ch, "")
        if unicodedata.category(ch) == "Cc":
            return f"ett styrtecken ({code})"
        if ch in _DIRECTION:
            return f"ett osynligt tecken som vänder textens riktning ({code} {name})"
        if unicodedata.category(ch) == "Cf":
            return f"ett osynligt formateringstecken ({code} {name})"
        return f"ett tecken som inte får stå i en rapport ({code})"
    return None


def _say(message: object) -> None:
    print(f"rapportkoll: {visible(message)}", file=sys.stderr)


def _same(a: object, b: object) -> bool:
    def norm(s: object) -> str:
        return " ".join(unicodedata.normalize("NFC", str(s)).casefold().split())

    return norm(a) == norm(b)


def _source(path: str, typ: str, year: int, carried: tuple[str, ...]) -> dict[str, Any]:
    """The earlier report's data, read safely and checked to be the one before ``typ``;
    the ``carried`` header fields must be names ``new`` may write (``hidden_character``)."""
    from checker.findings import Severity
    from checker.read.loader import read_bytes
    from checker.scaffold.build import ScaffoldError

    if typ not in PREVIOUS:
        raise ScaffoldError("--från: en verksamhetsplan (VP) skrivs inte utifrån en annan rapport")
    from checker.paths import tree_roots
    from checker.run.files import outside_link

    outside = outside_link(path, tree_roots([path]))  # the rule `check` has
    if outside is not None:
        raise ScaffoldError(f"--från {path}: {outside.sv}")
    try:
        raw = read_limited(path, "report")
    except OSError as exc:
        raise ScaffoldError(f"--från {path}: kan inte läsas: {os_error(exc).sv}") from None
    doc = read_bytes(raw, path)
    # an RK105 warning or note (a BOM, CRLF line ends) is read all the same, as by check
    unreadable = [
        p for p in doc.problems if p.code == "RK105" and p.severity in (None, Severity.ERROR)
    ]
    if not doc.readable or unreadable:
        first = unreadable[0] if unreadable else (doc.problems[0] if doc.problems else None)
        where = f"{path}:{first.line}" if first else path
        why = first.message.sv if first else "filen är ingen rapport"
        raise ScaffoldError(f"--från {where}: kan inte läsas som rapport: {why}")
    data: dict[str, Any] = doc.data
    header = data.get("rapport")
    header = header if isinstance(header, dict) else {}
    line = doc.position(("rapport",))[0]
    wanted = PREVIOUS[typ]
    old_type, old_year = header.get("typ"), header.get("år")
    if old_type != wanted:
        got = f"en {old_type}" if old_type in TYPES else "ingen rapporttyp (rapport.typ)"
        raise ScaffoldError(
            f"--från {path}:{line}: en {typ} skrivs utifrån årets {wanted}, men filen är {got}."
            f" Ange årets {wanted} för enheten, eller utelämna --från."
        )
    if old_year != year:
        raise ScaffoldError(
            f"--från {path}:{line}: filen gäller år {old_year}, men den nya rapporten år {year}."
            f" En {typ} skrivs utifrån samma års {wanted}."
        )
    for key in carried:
        value = header.get(key)
        hidden = hidden_character(value) if isinstance(value, str) else None
        if hidden:
            at = doc.position(("rapport", key))[0]
            raise ScaffoldError(
                f"--från {path}:{at}: rapport.{key} innehåller {hidden}, som skulle föras över"
                " till den nya rapporten. Ta bort tecknet i filen och kör igen."
            )
    return data


def _refusal(target: str, force: bool, reads: list[str]) -> str | None:
    from checker.run.output import refusal

    return refusal(target, force, reads, "filen som anges med --från")


def _catalogue(typ: str, year: int, near: str) -> tuple[Catalogue, str | None]:
    """The profile and KF catalogue, with the configuration's reference data if any."""
    from checker.engine.core import Engine
    from checker.engine.settings import build as build_settings
    from checker.scaffold.build import Catalogue, ScaffoldError

    settings, _ = build_settings([near])
    refdata = Engine(settings).refdata
    profile = refdata.profile_for(typ, year)
    if profile is None:
        raise ScaffoldError(
            f"ingen profil i profiles.yaml gäller en {typ} år {year}; lägg till en, så vet"
            " rapportkoll vilka avsnitt rapporten ska ha"
        )
    period = refdata.get("kf_goals.yaml").period_for(year)
    warning = None
    if period is None:
        warning = (
            f"målkatalogen (kf_goals.yaml) har ingen mandatperiod för {year}; KF:s mål står"
            " som [fyll i: …]"
        )
    budget = refdata.get("budget.yaml")
    catalogue = Catalogue(
        required=tuple(profile.required),
        section_name=lambda key: refdata.section_name(key).sv,
        direction_goals=dict(period.direction_goals) if period else {},
        area_goals=dict(period.area_goals) if period else {},
        total_rows=dict(budget.totals),
    )
    return catalogue, warning


def new_report(
    typ: str,
    year: int,
    unit: str,
    committee: str | None = None,
    source_path: str | None = None,
    output: str | None = None,
    force: bool = False,
) -> int:
    """``new``: the report skeleton for ``unit``, written to ``output`` or stdout; the exit
    code. ``source_path`` is the earlier report to carry forward from (``--från``)."""
    from checker.scaffold.build import Request, ScaffoldError, build, dump  # `new` only

    unit = " ".join(str(unit).split())
    if not unit or blank(unit):
        _say("--enhet: ange enhetens namn")
        return 2
    target: str | None = output if output not in (None, "-") else None
    reads = [source_path] if source_path else []
    if target is not None and (why := _refusal(target, force, reads)):
        _say(why)
        return 2
    try:
        carried = tuple(k for k in CARRIED_NAMES if not (k == "nämnd" and committee))
        source = _source(source_path, typ, year, carried) if source_path else None
        near = os.path.dirname(os.path.abspath(target)) if target else "."
        catalogue, warning = _catalogue(typ, year, near)
    except ScaffoldError as exc:
        _say(exc)
        return 2
    if warning:
        _say(f"varning: {warning}")
    if source is not None:
        old_unit = (source.get("rapport") or {}).get("enhet")
        if not blank(old_unit) and not _same(old_unit, unit):
            _say(
                f"varning: {source_path} gäller enheten {old_unit!s}; målen förs över till"
                f" {unit}. Kontrollera att det är rätt enhets rapport."
            )
    req = Request(
        type=typ,
        year=year,
        unit=unit,
        committee=" ".join(committee.split()) if committee else None,
        source=source,
        source_name=Path(source_path).name if source_path else "",
    )
    text = dump(build(req, catalogue), req)
    if target is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomically(target, text)
    except OSError as exc:
        _say(f"kan inte skriva {target}: {os_error(exc).sv}")
        return 2
    count = sum(ln.count("[fyll i:") for ln in text.splitlines() if not ln.startswith("#"))
    _say(f"skrev {target}: {count} platshållare [fyll i: …] att fylla i")
    schema = Path(target).parent / "rapport.schema.json"
    if not schema.exists():
        _say(f"för editorns förslag: rapportkoll schema -o {schema}")
    return 0
