"""The published JSON Schema of the report format, generated from the model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.read.model import Report
from checker.read.safeio import read_limited_text, write_atomically

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
REPORT_SCHEMA = "report.schema.json"


def report_schema() -> dict[str, Any]:
    schema = Report.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://rapportkoll.example/schemas/report.schema.json",
        **schema,
        "title": "rapportkoll: verksamhetsplan, tertialrapport eller verksamhetsberättelse",
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / REPORT_SCHEMA
    write_atomically(path, render(report_schema()))
    return [path]


def stale(folder: Path = SCHEMA_DIR) -> list[str]:
    """Names of committed schemas that differ from what the model generates."""
    path = folder / REPORT_SCHEMA
    if not path.exists() or read_limited_text(path, "schema") != render(report_schema()):
        return [REPORT_SCHEMA]
    return []
