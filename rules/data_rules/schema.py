"""The JSON Schema of rule files, for editors (``rapportkoll schema --regler``).

Built from the loader's own tables (keys, checks, severities, step names), so it
cannot drift from what the loader accepts. It completes and explains keys; the
loader still judges everything (a field that does not exist under a place, a
selector step), with file, line and "menade du …?".
"""

from __future__ import annotations

import json
from typing import Any

import rules.data_rules.fileformat as f
from rules.data_rules.selector import STEP_NAMES

SCHEMA_ID = "urn:rapportkoll:schema:regler"

_TEXT: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {"sv": {"type": "string"}, "en": {"type": "string"}},
            "required": ["sv"],
            "additionalProperties": False,
        },
    ]
}
_NAMES: dict[str, Any] = {
    "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]
}
_OPERAND: dict[str, Any] = {"anyOf": [{"type": "number"}, {"type": "string"}]}
_PLACE: dict[str, Any] = {
    "type": "string",
    "description": "En plats som i anmärkningarna, t.ex. KF 1.3 › Nämndmål › Indikator »…«."
    " Stegen: " + ", ".join(STEP_NAMES) + ", eller ett fält (analys, utfall …).",
    "examples": ["Rapporten", "KF 1.3 › Nämndmål", "Enhetsmål › Aktivitet", "Lex Sarah"],
}

_CHECK_DOCS = {
    "finns": "Fälten finns (får vara tomma): ett fält eller en lista; ekonomi.analys för ett underavsnitt.",
    "ifylld": "Fälten finns och har innehåll; ja för platsen själv.",
    "en_av": "Värdet i fält: är ett av dessa.",
    "mönster": "Värdet i fält: (eller platsens text) stämmer med ett reguljärt uttryck.",
    "större_än": "Talet i fält: är större än ett tal eller ett annat fält.",
    "minst": "Talet i fält: är minst ett tal eller ett annat fält.",
    "mindre_än": "Talet i fält: är mindre än ett tal eller ett annat fält.",
    "högst": "Talet i fält: är högst ett tal eller ett annat fält.",
    "lika_med": "Fält: är lika med ett tal eller ett annat fält (som text när det inte är tal).",
    "skilt_från": "Fält: skiljer sig från ett tal eller ett annat fält.",
    "summa": "Summan av kolumner (av:) eller rader (rader: med fält:) är lika_med: ett fält eller tal.",
    "antal": "Antalet platser av: är minst:/högst:.",
    "nämner": "Texten nämner orden (böjda former; meningar med nekande ord räknas inte).",
    "nämner_inte": "Texten nämner inte orden.",
    "alla": "Alla kontrollerna gäller.",
    "någon_av": "Minst en av kontrollerna gäller.",
    "inte": "Kontrollen gäller inte.",
}


def _check() -> dict[str, Any]:
    props: dict[str, Any] = {"fält": {"type": "string", "description": "Fältet som kontrolleras."}}
    for name in f.CHECKS:
        spec: dict[str, Any]
        if name in ("finns",):
            spec = dict(_NAMES)
        elif name == "ifylld":
            spec = {"anyOf": [*_NAMES["anyOf"], {"const": True}, {"const": "ja"}]}
        elif name == "en_av":
            spec = {"type": "array", "items": {"type": ["string", "number"]}, "minItems": 1}
        elif name == "mönster":
            spec = {"type": "string", "maxLength": 300}
        elif name in ("alla", "någon_av"):
            spec = {"type": "array", "items": {"$ref": "#/$defs/kontroll"}, "minItems": 1}
        elif name == "inte":
            spec = {"$ref": "#/$defs/kontroll"}
        elif name == "summa":
            spec = {
                "type": "object",
                "properties": {
                    "av": _NAMES,
                    "rader": _PLACE,
                    "fält": {"type": "string"},
                    "lika_med": _OPERAND,
                    "tolerans": {"type": "number", "minimum": 0},
                },
                "required": ["lika_med"],
                "additionalProperties": False,
            }
        elif name == "antal":
            spec = {
                "type": "object",
                "properties": {
                    "av": _PLACE,
                    "minst": {"type": "integer", "minimum": 0},
                    "högst": {"type": "integer", "minimum": 0},
                },
                "required": ["av"],
                "additionalProperties": False,
            }
        elif name in ("nämner", "nämner_inte"):
            spec = {
                "anyOf": [
                    *_NAMES["anyOf"],
                    {
                        "type": "object",
                        "properties": {
                            "ord": _NAMES,
                            "i": _PLACE,
                            "alla": {"type": ["boolean", "string"]},
                        },
                        "required": ["ord"],
                        "additionalProperties": False,
                    },
                ]
            }
        else:
            spec = dict(_OPERAND)
        spec["description"] = _CHECK_DOCS[name]
        props[name] = spec
    return {
        "type": "object",
        "properties": props,
        "additionalProperties": False,
        "minProperties": 1,
    }


def _applies() -> dict[str, Any]:
    """``gäller:``: the report types and years a rule applies to."""
    return {
        "type": "object",
        "description": f.RULE_KEYS["gäller"],
        "properties": {
            "typ": {
                "anyOf": [
                    {"enum": list(f.REPORT_TYPES)},
                    {"type": "array", "items": {"enum": list(f.REPORT_TYPES)}},
                ]
            },
            "år": {
                "anyOf": [
                    {"type": "integer"},
                    {"type": "array", "items": {"type": "integer"}},
                    {
                        "type": "object",
                        "properties": {
                            "från": {"type": "integer"},
                            "till": {"type": "integer"},
                        },
                        "additionalProperties": False,
                    },
                ]
            },
        },
        "additionalProperties": False,
    }


def _checks(key: str) -> dict[str, Any]:
    """``om:`` or ``krav:``: one check or a list of checks."""
    return {
        "anyOf": [
            {"$ref": "#/$defs/kontroll"},
            {"type": "array", "items": {"$ref": "#/$defs/kontroll"}},
        ],
        "description": f.RULE_KEYS[key],
    }


def _rule() -> dict[str, Any]:
    """One rule of ``regler:``, key by key in the loader's order."""
    props: dict[str, Any] = {
        "kod": {"type": "string", "pattern": f.CODE.pattern, "description": f.RULE_KEYS["kod"]},
        "namn": {"type": "string", "pattern": f.NAME.pattern, "description": f.RULE_KEYS["namn"]},
        "allvarlighet": {
            "enum": ["fel", "varning", "info"],
            "description": f.RULE_KEYS["allvarlighet"],
        },
        "meddelande": {**_TEXT, "description": f.RULE_KEYS["meddelande"]},
        "vad": {**_TEXT, "description": f.RULE_KEYS["vad"]},
        "varför": {**_TEXT, "description": f.RULE_KEYS["varför"]},
        "beslut": {**_TEXT, "description": f.RULE_KEYS["beslut"]},
        "gäller": _applies(),
        "plats": {
            "anyOf": [_PLACE, {"type": "array", "items": _PLACE, "minItems": 1}],
            "description": f.RULE_KEYS["plats"],
        },
        "om": _checks("om"),
        "krav": _checks("krav"),
        "pekar_på": {"type": "string", "description": f.RULE_KEYS["pekar_på"]},
        "exempel": {
            "type": "object",
            "description": f.RULE_KEYS["exempel"],
            "properties": {"fel": {"type": "string"}, "rätt": {"type": "string"}},
            "required": ["fel", "rätt"],
            "additionalProperties": False,
        },
    }
    return {
        "type": "object",
        "properties": props,
        "required": list(f.REQUIRED_RULE_KEYS),
        "additionalProperties": False,
    }


def rule_file_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "rapportkoll-regelfil",
        "description": "Egna regler för rapportkoll, se docs/regler.md.",
        "type": "object",
        "properties": {
            "beskrivning": {"type": "string", "description": f.FILE_KEYS["beskrivning"]},
            "regler": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/regel"}},
        },
        "required": ["regler"],
        "additionalProperties": False,
        "$defs": {"regel": _rule(), "kontroll": _check()},
    }


def render() -> str:
    return json.dumps(rule_file_schema(), ensure_ascii=False, indent=2) + "\n"
