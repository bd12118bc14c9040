"""The published JSON Schemas: the report format and the configuration file.

Both are generated from their pydantic models and post-processed for editors:
the report schema gets Swedish descriptions and ``examples`` for statuses,
report types and units, so that the YAML language server suggests and explains
them. It never gains an ``enum`` where the model takes free text: a status such
as "Uppfylles helt" is the checker's finding (RK201), not a schema error.

The report schema is shipped inside the package (``checker/read/report.schema.json``)
so that ``rapportkoll schema`` can write it wherever an author wants; the copies
in the repository's ``schemas/`` folder are for the repository. Both are
regenerated with ``rapportkoll schema --update-repo`` and checked by
``rapportkoll schema --check`` (and a test), together with the plain-Python
validator made from the same model (``checker/read/fastmodel.py``, see ``gen``).
"""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from checker.read.model import Report
from checker.read.safeio import read_limited_text, write_atomically

PACKAGE_DIR = Path(__file__).resolve().parent
SCHEMA_DIR = PACKAGE_DIR.parents[1] / "schemas"
REPORT_SCHEMA = "report.schema.json"
CONFIG_SCHEMA = "config.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Honest identifiers: names, not addresses; nothing is published at a URL.
REPORT_ID = "urn:rapportkoll:schema:report"
CONFIG_ID = "urn:rapportkoll:schema:config"

# What the YAML language server offers and explains. Values the rules judge stay free
# text: these are examples, never an enum.
GOAL_STATUSES = {
    "Uppfylls helt": "Målet bedöms uppfyllt helt (VB: för året; T1/T2: prognos för året).",
    "Uppfylls delvis": "Målet bedöms uppfyllt delvis.",
    "Uppfylls inte": "Målet bedöms inte uppfyllt.",
}
NO_ASSESSMENT = {"Ingen": "Ingen egen bedömning på den här nivån (ingen status)."}
ACTIVITY_STATUSES = {
    "klar": "Aktiviteten är genomförd (✓ i exporten).",
    "avvikelse": "Aktiviteten är inte genomförd eller avviker (! i exporten); förklara under"
    " avvikelse.",
}
REPORT_TYPES = {
    "VP": "Verksamhetsplan: årets mål, indikatorer, aktiviteter och budget.",
    "T1": "Tertialrapport 1: läget efter årets fyra första månader och prognos för året.",
    "T2": "Tertialrapport 2: läget efter årets åtta första månader och prognos för året.",
    "VB": "Verksamhetsberättelse: bedömning och utfall för hela året.",
}
AMOUNT_UNITS = {
    "tkr": "Tusentals kronor (standard när inget anges).",
    "mnkr": "Miljoner kronor.",
    "kr": "Kronor.",
}
UNIT_NAME_EXAMPLES = ["Enheten för personligt stöd"]
INDICATOR_EXAMPLES = ["9,5 %", "12 st", "öka", "Tas fram av nämnd/styrelse"]


def _described(base: str, values: dict[str, str]) -> str:
    listed = "\n".join(f"- {value}: {meaning}" for value, meaning in values.items())
    return f"{base}\n\n{listed}"


def _free_text(prop: dict[str, Any], values: dict[str, str], base: str) -> None:
    """Suggestions and explanations for a value the model keeps as free text.

    Each value becomes an ``anyOf`` branch ``{"const": value, "description": …}``, which
    the YAML language server offers with its explanation; the model's own branches
    (free text among them) stay, so any text remains valid.
    """
    prop["examples"] = list(values)
    prop["description"] = _described(base, values)
    consts = [{"const": value, "description": meaning} for value, meaning in values.items()]
    prop["anyOf"] = consts + prop["anyOf"]


def _editor_hints(schema: dict[str, Any]) -> dict[str, Any]:
    defs = schema["$defs"]
    for name in ("UnitGoal", "DepartmentGoal"):
        _free_text(
            defs[name]["properties"]["status"],
            GOAL_STATUSES,
            "Målets status. rapportkoll bedömer stavningen (RK201) och föreslår rätt status.",
        )
    for name in ("CommitteeGoal", "AreaGoal", "DirectionGoal"):
        _free_text(
            defs[name]["properties"]["status"],
            {**NO_ASSESSMENT, **GOAL_STATUSES},
            'Målets status, eller "Ingen" när nivån saknar egen bedömning.',
        )
    _free_text(
        defs["Activity"]["properties"]["status"],
        ACTIVITY_STATUSES,
        "Aktivitetens status: klar, avvikelse eller tomt.",
    )
    typ = defs["Header"]["properties"]["typ"]
    typ["description"] = _described("Rapporttyp.", REPORT_TYPES)
    typ["examples"] = list(REPORT_TYPES)
    for branch in typ["anyOf"]:
        if "enum" in branch:  # the model's Literal: the four types are the only ones
            branch["enumDescriptions"] = list(REPORT_TYPES.values())
    unit = defs["Header"]["properties"]["enhet"]
    unit["examples"] = UNIT_NAME_EXAMPLES
    unit["description"] = "Enhetens namn, som i stadens organisation."
    _free_text(
        defs["IncomeStatement"]["properties"]["enhet"],
        AMOUNT_UNITS,
        "Beloppens enhet; tkr om inget anges.",
    )
    for key in ("utfall", "årsmål", "kf_årsmål"):
        prop = defs["Indicator"]["properties"][key]
        prop["examples"] = INDICATOR_EXAMPLES
        prop["description"] += (
            " Skrivs som det står, med enhet (t.ex. 9,5 % eller 12 st) eller ett målord"
            " (öka, minska, Tas fram av nämnd/styrelse)."
        )
    return schema


def report_schema() -> dict[str, Any]:
    schema = copy.deepcopy(Report.model_json_schema(by_alias=True, mode="validation"))
    return {
        "$schema": DRAFT,
        "$id": REPORT_ID,
        **_editor_hints(schema),
        "title": "rapportkoll: verksamhetsplan, tertialrapport eller verksamhetsberättelse",
    }


def config_schema(config_model: type[BaseModel]) -> dict[str, Any]:
    """``[tool.rapportkoll]`` in pyproject.toml, or the whole of a rapportkoll.toml.

    ``config_model`` is ``checker.engine.config.Config`` (the reader does not import
    the engine; the command line passes it).
    """
    schema = config_model.model_json_schema(by_alias=True, mode="validation")
    for internal in ("source", "root"):  # set when loaded, never written by anyone
        schema["properties"].pop(internal, None)
    props = schema["properties"]
    descriptions = {
        "select": 'Regler eller familjer som körs, t.ex. ["RK1", "RK201"]; standard alla.',
        "extend-select": "Regler eller familjer som läggs till select.",
        "ignore": "Regler eller familjer som inte körs.",
        "severity": 'Allvarlighetsgrad per regel, t.ex. RK305 = "error".',
        "per-file-ignores": 'Regler som inte körs för filer som matchar mönstret, t.ex. "arkiv/**".',
        "fail-on": "Lägsta allvarlighetsgrad som ger slutkod 1 (standard error).",
        "lang": "Språk för anmärkningarna: sv eller en.",
        "reference-data": "Mapp vars YAML-filer ersätter referensdata med samma namn.",
        "jobs": "Antal parallella processer.",
    }
    for key, text in descriptions.items():
        props[key]["description"] = text
    return {
        "$schema": DRAFT,
        "$id": CONFIG_ID,
        **schema,
        "title": "rapportkoll: inställningar ([tool.rapportkoll] eller rapportkoll.toml)",
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def shipped_report_schema() -> str:
    """The report schema shipped inside the package (generated if the file is missing)."""
    try:
        return resources.files("checker.read").joinpath(REPORT_SCHEMA).read_text("utf-8")
    except OSError:
        return render(report_schema())


def refuse_target(target: str) -> str | None:
    """Why ``rapportkoll schema -o`` must not write ``target`` (Swedish), or None.

    Never into the installed package, and never over a file that is not one of our
    schemas (a report written by mistake after -o stays as it is).
    """
    path = Path(target)
    where = path.resolve()
    package = PACKAGE_DIR.parent
    if where == package or package in where.parents:
        return f"skriver inte {target}: den ligger i det installerade paketet ({package})"
    if path.exists() or path.is_symlink():
        if not path.is_file():
            return f"skriver inte {target}: det är ingen vanlig fil"
        try:
            ident = json.loads(read_limited_text(path, "schema")).get("$id", "")
        except (OSError, ValueError, AttributeError):
            ident = ""
        if not str(ident).startswith("urn:rapportkoll:schema:"):
            return f"skriver inte över {target}: filen finns och är inget schema från rapportkoll"
    return None


def generated(config_model: type[BaseModel]) -> dict[Path, str]:
    """Every generated file of the source tree, with the text it must have."""
    from checker.read import gen  # the plain-Python validator, made from the same model

    report = render(report_schema())
    return {
        SCHEMA_DIR / REPORT_SCHEMA: report,
        SCHEMA_DIR / CONFIG_SCHEMA: render(config_schema(config_model)),
        PACKAGE_DIR / REPORT_SCHEMA: report,
        gen.TARGET: gen.source(),
    }


def write(config_model: type[BaseModel]) -> list[Path]:
    """Regenerate the schemas of the source tree (``rapportkoll schema --update-repo``)."""
    out = []
    for path, text in generated(config_model).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)
        out.append(path)
    return out


def stale(config_model: type[BaseModel]) -> list[str]:
    """Files of the source tree that differ from what the models generate."""
    root = PACKAGE_DIR.parents[1]
    out = []
    for path, text in generated(config_model).items():
        if not path.exists() or read_limited_text(path, "schema") != text:
            out.append(path.relative_to(root).as_posix())
    return out
