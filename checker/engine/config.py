"""Configuration: ``[tool.rapportkoll]`` in pyproject.toml, or a rapportkoll.toml.

Found from the checked path upwards (the first file that has a rapportkoll
section wins). A wrong key or value is a ``DataError`` naming the file and
line, so the user sees exactly what to fix.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.engine.refdata import DataError
from checker.findings import Severity
from checker.read.safeio import InputError, os_error, read_limited_text

SeverityName = Literal["error", "warning", "info"]


class Config(BaseModel):
    """The options of [tool.rapportkoll]; keys as in ruff's configuration."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = Field(default_factory=list, description="Regler/familjer att köra.")
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, SeverityName] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    fail_on: SeverityName | None = Field(default=None, alias="fail-on")
    lang: Literal["sv", "en"] | None = None
    reference_data: str | None = Field(default=None, alias="reference-data")
    jobs: int | None = Field(default=None, ge=1, le=256)

    # Set when loaded: where the configuration came from.
    source: str | None = Field(default=None, exclude=True)
    root: str | None = Field(default=None, exclude=True)

    def severities(self) -> dict[str, Severity]:
        return {code.upper(): Severity(value) for code, value in self.severity.items()}


CONFIG_FILES = ("rapportkoll.toml", "pyproject.toml")


def find(start: str | Path) -> Path | None:
    """The nearest configuration file at or above ``start``."""
    here = Path(start).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and _section(candidate) is not None:
                return candidate
    return None


# A pyproject.toml that mentions rapportkoll's section: if it is not valid TOML, that is an
# error (the settings would otherwise be skipped without a word), not "no configuration".
_OUR_SECTION = re.compile(r"(?m)^\s*\[\s*tool\s*\.\s*[\"']?rapportkoll\b|^\s*rapportkoll\s*=")


def _section(path: Path) -> dict[str, Any] | None:
    try:
        text = read_limited_text(path, "config")
    except InputError as exc:
        raise DataError(f"{path}: {exc.message.sv}") from None
    except OSError as exc:
        raise DataError(f"{path}: kan inte läsas: {os_error(exc).sv}") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: kan inte läsas som TOML: filen är inte UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        if path.name == "rapportkoll.toml" or _OUR_SECTION.search(text):
            raise DataError(f"{path}: kan inte läsas som TOML: {exc}") from None
        return None
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("rapportkoll")
        return section if isinstance(section, dict) else None
    return _own_file(path, data)


def _own_file(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """The settings of a rapportkoll.toml: at the top of the file, or under [tool.rapportkoll].

    The README shows the pyproject.toml form; pasted into rapportkoll.toml as it is, it
    means the same settings, so it is read as such rather than refused.
    """
    if "tool" not in data:
        return data
    tool = data["tool"]
    section = tool.get("rapportkoll") if isinstance(tool, dict) else None
    if isinstance(section, dict) and set(data) == {"tool"} and set(tool) == {"rapportkoll"}:
        return section
    raise DataError(
        f"{path}:{_line_of(path, ['tool'])}: rapportkoll.toml ska ha inställningarna antingen"
        " överst i filen (select = …) eller alla under rubriken [tool.rapportkoll], inte"
        " båda och inga andra [tool.…]-tabeller; flytta dem under samma rubrik eller ta"
        " bort rubriken"
    )


def load(path: Path) -> Config:
    section = _section(path) or {}
    try:
        config = Config.model_validate(section)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = [str(p) for p in err["loc"]]
        raise DataError(
            f"{path}:{_line_of(path, loc)}: fel i [tool.rapportkoll] {'.'.join(loc)}: "
            f"{_explain(err)}"
        ) from None
    config.source = str(path)
    config.root = str(path.parent)
    return config


def _explain(err: Any) -> str:
    if err["type"] == "extra_forbidden":
        return (
            "okänd nyckel; tillåtna: select, extend-select, ignore, severity,"
            " per-file-ignores, fail-on, lang, reference-data, jobs"
        )
    if err["type"] == "literal_error":
        return f"ska vara en av {err['ctx']['expected']}, inte {err['input']!r}"
    return str(err["msg"])


def families(known: Iterable[str]) -> set[str]:
    """Every code and every family (code prefix: RK, RK2, RK20) that names a known code."""
    out = {"RK"}
    for code in known:
        out.update(code[:n] for n in range(3, len(code) + 1))
    return out


def closest(code: str, known: Iterable[str]) -> str | None:
    """The known code or family nearest to a mistyped ``code`` (RK2O → RK20)."""
    names = families(known)
    fixed = code.upper().replace("O", "0").replace("I", "1").replace("L", "1")
    if fixed in names:
        return fixed
    if len(code) <= 3:  # a family (RK9): a neighbour's digit is no better than any other
        return None
    hits = difflib.get_close_matches(code.upper(), sorted(names - {"RK"}), n=1, cutoff=0.6)
    return hits[0] if hits else None


def code_problem(code: str, known: Iterable[str]) -> str | None:
    """Why ``code`` cannot be selected or ignored (Swedish), or None when it is fine."""
    if not code.strip():
        return 'en tom kod ("") skulle gälla alla regler; ta bort den'
    names = families(known)
    if code.strip().upper() in names:
        return None
    near = closest(code.strip(), known)
    groups = ", ".join(sorted(n for n in names if len(n) == 3))
    hint = f"; menade du {near}?" if near else f"; familjerna är {groups}."
    return f"okänd regelkod {code!r}{hint} Se 'rapportkoll rules'"


def check_cli_codes(option: str, values: Iterable[str], known: set[str]) -> None:
    """The codes of one command-line option (``--select RK1,RK2``); ``DataError`` if any is wrong."""
    for value in values:
        for code in value.split(","):
            problem = code_problem(code, known)
            if problem is not None:
                raise DataError(f"{option}: {problem}")


def check_codes(config: Config, path: Path, known: set[str]) -> None:
    """Every code or family named in the configuration must exist."""
    lists = {
        "select": config.select,
        "extend-select": config.extend_select,
        "ignore": config.ignore,
        "severity": list(config.severity),
    }
    for pattern, codes in config.per_file_ignores.items():
        lists[f"per-file-ignores.{pattern}"] = codes
    for key, codes in lists.items():
        for code in codes:
            problem = code_problem(code, known)
            if problem is not None:
                line = _line_of(path, [key.split(".")[0], code] if code.strip() else [key])
                raise DataError(f"{path}:{line}: i {key}: {problem}")


def _line_of(path: Path, loc: list[str]) -> int:
    """Best-effort line of a key in a TOML file (tomllib keeps no positions)."""
    try:
        lines = read_limited_text(path, "config").splitlines()
    except (OSError, ValueError):
        return 1
    start = 0
    for i, text in enumerate(lines):
        if text.strip() in ("[tool.rapportkoll]",) or text.strip().startswith("[tool.rapportkoll"):
            start = i
            break
    for needle in reversed(loc):
        for i in range(start, len(lines)):
            if needle in lines[i]:
                return i + 1
    return start + 1
