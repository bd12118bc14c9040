"""Comparing a plain export with its report: imported fields, and findings by place.

Used by ``test_parity.py`` and by ``tools/plain_corpus.py``. The importer is used only
through the CLI (``rapportkoll import`` and ``rapportkoll check``), never its insides.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import cli

# --- fields -------------------------------------------------------------------------------

# A complaints row with none of these is empty: the template prints it, the YAML may omit it.
_FIGURES = ("t1", "t2", "vb", "totalt", "sammanfattning")
_COMPLAINT_LISTS = ("från_vem", "vad_gällde")


def _norm(value: Any) -> str:
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, float):
        value = f"{value:g}".replace(".", ",")
    return " ".join(str(value).split())


def _unknown(value: Any) -> bool:
    return isinstance(value, dict) and "okänd" in value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {} or _unknown(value)


def _empty_row(row: Any) -> bool:
    return isinstance(row, dict) and all(_empty(row.get(k)) for k in _FIGURES)


def _section(value: Any) -> Any:
    # A free-text section may be written as text or as {text: …}; both are the same text.
    if isinstance(value, dict) and set(value) <= {"text"}:
        return value.get("text")
    return value


def differences(expected: Any, actual: Any, where: str = "") -> list[str]:
    """How ``actual`` (an import) falls short of ``expected`` (the fields it must hold).

    ``expected`` is a subset: keys it leaves out are not compared. ``null`` expects the
    field absent, empty or unknown (``{okänd: …}``); ``{okänd: …}`` expects unknown.
    Scalars compare as printed (whitespace collapsed, dates as ISO). A complaints row
    with no figures is empty whether or not a list holds it.
    """
    where = where or "/"
    if expected is None:
        return [] if _empty(actual) else [f"{where}: expected nothing, got {actual!r}"]
    if _unknown(expected):
        return [] if _unknown(actual) else [f"{where}: expected unknown, got {actual!r}"]
    expected, actual = _section(expected), _section(actual)
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected a mapping, got {actual!r}"]
        out: list[str] = []
        for key, value in expected.items():
            got = actual.get(key)
            if key in _COMPLAINT_LISTS:
                value = [r for r in value or [] if not _empty_row(r)]
                got = [r for r in got or [] if not _empty_row(r)] if isinstance(got, list) else got
            out += differences(value, got, f"{where.rstrip('/')}/{key}")
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{where}: expected a list of {len(expected)}, got {actual!r}"]
        if len(actual) != len(expected):
            return [f"{where}: expected {len(expected)} items, got {len(actual)}"]
        out = []
        for n, (a, b) in enumerate(zip(expected, actual, strict=True)):
            out += differences(a, b, f"{where.rstrip('/')}/{n}")
        return out
    if actual is None or _norm(expected) != _norm(actual):
        return [f"{where}: expected {_norm(expected)!r}, got {actual!r}"]
    return []


_INDICATOR_CELLS = {
    "VP": ("årsmål", "kf_årsmål", "periodicitet"),
    "": (
        "utfall",
        "utfall_män",
        "utfall_kvinnor",
        "utfall_föregående",
        "årsmål",
        "kf_årsmål",
        "period",
    ),
}


def _cells(row: dict[str, Any], kind: str) -> tuple[str, ...]:
    """The table cells of a row, by what the row is."""
    if "namn" in row:
        return _INDICATOR_CELLS["VP" if kind == "VP" else ""]
    if "aktivitet" in row:
        return ("startdatum", "slutdatum") + (() if kind == "VP" else ("avvikelse",))
    if "kategori" in row:
        return _FIGURES
    if "rad" in row:
        return ("utfall", "budget", "avvikelse")
    return ()


def as_exported(report: dict[str, Any], female_sign: bool = False) -> dict[str, Any]:
    """The fields a plain export of ``report`` holds: what its lost icons leave unknown.

    ✓ and ! are always lost, so an activity's status is unknown; ♀ is lost unless the
    layout kept it, and then whether an indicator is gender-split is not compared.
    Every empty cell of a table is expected empty, and nothing is left unplaced.
    """
    kind = str((report.get("rapport") or {}).get("typ") or "")

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            out = {k: walk(v) for k, v in node.items()}
            for key in _cells(out, kind):
                out.setdefault(key, None)
            if "aktivitet" in out and not _empty(out.get("status")):
                out["status"] = {"okänd": "ikonen saknas i exporten"}
            if "namn" in out and not female_sign:
                out.pop("könsuppdelad", None)
            return out
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    out: dict[str, Any] = walk(report)
    out["ej_placerat"] = report.get("ej_placerat")
    return out


def import_plain(path: Path, out: Path) -> dict[str, Any]:
    """``rapportkoll import`` in a subprocess; the YAML it wrote, read back."""
    proc = cli("import", str(path), "-o", str(out), "--force")
    assert proc.returncode == 0, f"import of {path.name} failed ({proc.returncode}): {proc.stderr}"
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"import of {path.name} wrote no mapping"
    return data


# --- findings -----------------------------------------------------------------------------

# A finding that rests on an icon an export loses (✓, ! or ♀) becomes RK107 there.
ICON_CODES = frozenset({"RK205", "RK206", "RK208", "RK301", "RK702"})
# Findings that only the YAML can carry.
YAML_ONLY = frozenset({"RK104"})


def check_json(paths: list[Path], *extra: str) -> list[dict[str, Any]]:
    """The findings of one ``rapportkoll check`` run over ``paths``."""
    proc = cli("check", "--format", "json", "--no-config", "--exit-zero", *extra, *map(str, paths))
    assert proc.returncode == 0, f"check failed ({proc.returncode}): {proc.stderr[-2000:]}"
    findings: list[dict[str, Any]] = json.loads(proc.stdout)["findings"]
    return findings


def place(finding: dict[str, Any]) -> tuple[str, str]:
    """A finding by what and where by name: its code and label (source lines left out)."""
    label = " ".join(str(finding.get("label") or "").split())
    # A section written as {text: …} in YAML is the same place as the section as plain text
    # (an export has no such choice): "Övrigt › text" is "Övrigt".
    label = label.removesuffix(" › text")
    if finding["code"] == "RK108":
        label = re.sub(r"\d+", "N", label)
    return finding["code"], label


def _owner(label: str) -> str:
    return label.rsplit(" › ", 1)[0]


FEATURES = (
    ("Rapporthuvud", "the cover and its merged header"),
    ("Indikator", "indicator rows (header split, empty cells, wrapped cells)"),
    ("Aktivitet", "activities (indented text, dates line, deviation note)"),
    ("Resultaträkning", "the income statement"),
    ("ekonomi", "the economy sections"),
    ("lagomål", "the complaints table"),
    ("Lex", "the complaints table's Lex rows"),
    ("Enhetsmål", "goals, statuses and their analysis"),
    ("Nämndmål", "goals, statuses and their analysis"),
    ("KF", "KF goals and wrapped headings"),
)


def feature_of(code: str, label: str) -> str:
    if code == "RK108":
        return "unplaced text (page furniture, table of contents, or a row not read)"
    if code in ("RK101", "RK102"):
        return f"sections and empty sections ({label})"
    for needle, feature in FEATURES:
        if needle in label:
            return feature
    return "text sections"


def compare_findings(
    yaml_findings: list[dict[str, Any]], plain_findings: list[dict[str, Any]]
) -> list[str]:
    """Differences between the findings on a report and on its plain export.

    Equal as multisets of (code, label), but: RK104 exists only in YAML; an export may add
    RK107 (a value its icon lost); a finding of :data:`ICON_CODES` may be missing from the
    export where an RK107 stands on the same object. RK403 is compared on the set.
    """
    want = Counter(place(f) for f in yaml_findings if f["code"] not in YAML_ONLY | {"RK403"})
    have = Counter(place(f) for f in plain_findings if f["code"] != "RK403")
    unverified = {_owner(label) for code, label in have if code == "RK107"}
    out: list[str] = []
    for (code, label), n in sorted((want - have).items()):
        if code in ICON_CODES and any(label.startswith(o) for o in unverified):
            continue
        out.append(f"missing in the export: {code} at {label} (×{n}) — {feature_of(code, label)}")
    for (code, label), n in sorted((have - want).items()):
        if code == "RK107":
            continue
        out.append(f"only in the export: {code} at {label} (×{n}) — {feature_of(code, label)}")
    return out


def by_report(findings: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for f in findings:
        out.setdefault(Path(str(f["file"])).stem, []).append(f)
    return out
