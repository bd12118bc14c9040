"""The schema where editors find it: written by ``rapportkoll schema``, named by a report's
first line, resolved as the YAML language server resolves it, and lenient where the
checker judges (a status typo is a finding, not a schema error).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from checker.read.loader import read_text

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "sample_reports" / "clean"
EDITOR_DOC = ROOT / "docs" / "editor.md"

# yaml-language-server (src/languageservice/services/modelineUtil.ts): a header comment
# "# yaml-language-server: $schema=…" names the schema ...
_MODELINE = re.compile(r"^#\s+(?:yaml-language-server\s*:|\$schema:)")
_SCHEMA_REF = re.compile(r"\$schema(?:=|:[^\S\r\n]*)(\S+)")


def rapportkoll(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def resolve_as_the_editor(report: Path) -> Path:
    """The schema file the YAML language server uses for ``report``.

    As yamlSchemaService.resolveSchemaRef does: a reference that is no ``file:`` or
    ``http`` URI is a path; a relative one is resolved against the report's folder,
    an absolute one taken as it is (from the file system's root, not the workspace's).
    """
    for line in report.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if _MODELINE.match(line):
            ref = _SCHEMA_REF.search(line)
            assert ref is not None, line
            target = ref.group(1)
            assert not target.startswith(("file:", "http")), "the documented line is a path"
            return Path(os.path.normpath(report.parent / target))
    pytest.fail(f"{report} has no yaml-language-server line")


def documented_line() -> str:
    """The schema line docs/editor.md tells authors to put first in a report."""
    lines = re.findall(r"(?m)^# yaml-language-server: \$schema=\S+$", EDITOR_DOC.read_text("utf-8"))
    assert lines, "docs/editor.md shows no schema line"
    assert len(set(lines)) == 1, f"docs/editor.md shows different schema lines: {set(lines)}"
    return lines[0]


def data_of(text: str) -> Any:
    """The report as the editor's YAML 1.2 reading sees it: dates stay text."""
    doc = read_text(text, "r.yaml")
    assert doc.readable, doc.problems
    return doc.data


def errors(schema: dict[str, Any], data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [e.message for e in validator.iter_errors(data)]


@pytest.fixture
def author_repo(tmp_path: Path) -> tuple[Path, Path]:
    """A fresh author repository with a report three folders deep and the schema beside it."""
    repo = tmp_path / "enhetens-rapporter"
    folder = repo / "rapporter" / "2024" / "boendestödet"
    folder.mkdir(parents=True)
    (repo / ".git").mkdir()
    proc = rapportkoll("schema", "-o", "rapporter/2024/boendestödet/rapport.schema.json", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    body = (CLEAN / "vb-2024-boendestodet.yaml").read_text(encoding="utf-8").split("\n", 1)[1]
    report = folder / "vb-2024.yaml"
    report.write_text(documented_line() + "\n" + body, encoding="utf-8")
    return repo, report


def test_the_documented_line_finds_the_schema_at_any_depth(author_repo: tuple[Path, Path]) -> None:
    repo, report = author_repo
    schema_path = resolve_as_the_editor(report)
    assert schema_path == report.parent / "rapport.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert errors(schema, data_of(report.read_text(encoding="utf-8"))) == []
    # the same line, the same way, in a report at the repository's root
    (repo / "rapport.schema.json").write_bytes(schema_path.read_bytes())
    top = repo / "vp.yaml"
    top.write_text(report.read_text(encoding="utf-8"), encoding="utf-8")
    assert resolve_as_the_editor(top) == repo / "rapport.schema.json"


def test_a_status_typo_is_schema_valid_and_an_unknown_key_is_not(
    author_repo: tuple[Path, Path],
) -> None:
    _, report = author_repo
    schema = json.loads(resolve_as_the_editor(report).read_text(encoding="utf-8"))
    text = report.read_text(encoding="utf-8")
    assert "status: Uppfylls helt" in text
    typo = text.replace("status: Uppfylls helt", "status: Uppfylles helt")
    assert errors(schema, data_of(typo)) == []  # RK201's to judge, with its suggestion
    unknown = text.replace("handläggare:", "handlägare:", 1)
    found = errors(schema, data_of(unknown))
    assert found and any("handlägare" in e for e in found)


def test_statuses_types_and_units_are_suggested_and_explained() -> None:
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"].startswith("urn:rapportkoll:")  # a name, not an invented address
    status = schema["$defs"]["UnitGoal"]["properties"]["status"]
    assert status["examples"] == ["Uppfylls helt", "Uppfylls delvis", "Uppfylls inte"]
    consts = {b["const"]: b["description"] for b in status["anyOf"] if "const" in b}
    assert set(consts) == set(status["examples"]) and all(consts.values())
    assert {"type": "string"} in status["anyOf"]  # free text stays valid
    typ = schema["$defs"]["Header"]["properties"]["typ"]
    assert (
        typ["examples"] == ["VP", "T1", "T2", "VB"]
        and "Verksamhetsberättelse" in typ["description"]
    )
    amounts = schema["$defs"]["IncomeStatement"]["properties"]["enhet"]
    assert "tkr" in amounts["examples"] and "Tusentals kronor" in amounts["description"]
    assert "enum" not in json.dumps(status)


def test_every_clean_sample_is_schema_valid() -> None:
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    for path in sorted(CLEAN.glob("*.yaml")):
        assert errors(schema, data_of(path.read_text(encoding="utf-8"))) == [], path


def test_schema_command_writes_the_shipped_schema_never_into_the_package(tmp_path: Path) -> None:
    shipped = (ROOT / "checker" / "read" / "report.schema.json").read_text(encoding="utf-8")
    assert shipped == (ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8")
    proc = rapportkoll("schema")
    assert proc.returncode == 0 and proc.stdout == shipped
    inside = rapportkoll("schema", "-o", str(ROOT / "checker" / "read" / "kopia.json"))
    assert inside.returncode == 2 and "installerade paketet" in inside.stderr
    assert not (ROOT / "checker" / "read" / "kopia.json").exists()
    report = tmp_path / "rapport.yaml"
    report.write_text("rapport: {typ: VB}\n", encoding="utf-8")
    over = rapportkoll("schema", "-o", str(report))
    assert over.returncode == 2 and report.read_text(encoding="utf-8") == "rapport: {typ: VB}\n"
    target = tmp_path / "rapport.schema.json"
    assert rapportkoll("schema", "-o", str(target)).returncode == 0
    assert rapportkoll("schema", "-o", str(target)).returncode == 0  # our own: refreshed
    assert target.read_text(encoding="utf-8") == shipped
    assert rapportkoll("schema", "--check").returncode == 0


def readme_config() -> dict[str, Any]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, flags=re.S)
    (block,) = [b for b in blocks if "[tool.rapportkoll]" in b]
    section: dict[str, Any] = tomllib.loads(block)["tool"]["rapportkoll"]
    return section


def test_config_schema_validates_the_readme_example() -> None:
    schema = json.loads((ROOT / "schemas" / "config.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    example = json.loads(json.dumps(readme_config()))  # TOML → JSON
    assert errors(schema, example) == []
    assert errors(schema, {**example, "fail_on": "error"})  # the alias is the key
    assert errors(schema, {**example, "fail-on": "fel"})
    assert "source" not in schema["properties"] and "root" not in schema["properties"]
    proc = rapportkoll("schema", "--config")
    assert proc.returncode == 0
    assert proc.stdout == (ROOT / "schemas" / "config.schema.json").read_text(encoding="utf-8")


def test_schema_into_a_missing_folder_makes_it(tmp_path: Path) -> None:
    target = tmp_path / "rapporter" / "2024" / "rapport.schema.json"
    proc = subprocess.run(
        [sys.executable, "-m", "checker.cli", "schema", "-o", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["$schema"]
    assert not list(target.parent.glob("*.tmp"))


def test_schema_where_a_file_is_in_the_way_says_which(tmp_path: Path) -> None:
    (tmp_path / "rapporter").write_text("x", encoding="utf-8")
    target = tmp_path / "rapporter" / "2024" / "rapport.schema.json"
    proc = subprocess.run(
        [sys.executable, "-m", "checker.cli", "schema", "-o", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert f"{tmp_path / 'rapporter'} är ingen mapp" in proc.stderr and ".tmp" not in proc.stderr
