"""Configuration: ``[tool.rapportkoll]`` in pyproject.toml, or a rapportkoll.toml.

Found from the checked path upwards (the first file that has a rapportkoll
section wins). A wrong key or value is a ``DataError`` naming the file and
line, so the user sees exactly what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from checker.engine.plainmodel import Field, PlainModel
from checker.engine.refdata import DataError
from checker.findings import Msg, Severity
from checker.lazyre import lazy_re
from checker.read.safeio import InputError, os_error, read_limited_text

if TYPE_CHECKING:
    import tomllib

# tomllib and difflib are imported where used: a run without a configuration file, or
# without a typo to suggest a fix for, needs neither (≈ 4 ms of every start-up).
SeverityName = Literal["error", "warning", "info"]


# The docstring is the schema's description (schemas/config.schema.json). Declared without
# pydantic (``checker.engine.plainmodel``): a file that plainly fits is checked from the
# declarations; pydantic's model of it is built only to word what does not fit (lax types,
# as pydantic's default: "4" for jobs is 4), and for the schema.
class Config(PlainModel, strict=False, populate_by_name=True):
    """The options of [tool.rapportkoll]; keys as in ruff's configuration."""

    select: list[str] = Field(default_factory=list, description="Regler/familjer att köra.")
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, SeverityName] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    fail_on: SeverityName | None = Field(default=None, alias="fail-on")
    lang: Literal["sv", "en"] | None = None
    reference_data: str | None = Field(default=None, alias="reference-data")
    jobs: int | None = Field(default=None, ge=1, le=256)
    exclude: list[str] | None = Field(
        default=None,
        description="Filer och mappar som en genomgång hoppar över (ersätter standard).",
    )
    extend_exclude: list[str] = Field(
        default_factory=list,
        alias="extend-exclude",
        description="Fler filer och mappar att hoppa över, utöver exclude.",
    )
    rule_files: list[str] = Field(
        default_factory=list,
        alias="rule-files",
        description="Regelfiler eller mappar med regelfiler (YAML), se docs/regler.md.",
    )

    # Set when loaded: where the configuration came from.
    source: str | None = Field(default=None, exclude=True)
    root: str | None = Field(default=None, exclude=True)

    def severities(self) -> dict[str, Severity]:
        return {code.upper(): Severity(value) for code, value in self.severity.items()}


def defaults() -> Config:
    """The configuration of a run without a configuration file: every field its default."""
    made: Config = Config.fast_validate({})
    return made


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
_OUR_SECTION = lazy_re(r"(?m)^\s*\[\s*tool\s*\.\s*[\"']?rapportkoll\b|^\s*rapportkoll\s*=")


def _section(path: Path) -> dict[str, Any] | None:
    try:
        text = read_limited_text(path, "config")
    except InputError as exc:
        raise DataError(f"{path}: {exc.message.sv}") from None
    except OSError as exc:
        raise DataError(f"{path}: kan inte läsas: {os_error(exc).sv}") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: kan inte läsas som TOML: filen är inte UTF-8") from None
    if path.name == "pyproject.toml" and _cannot_name_us(text):
        return None
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        if path.name == "rapportkoll.toml" or _OUR_SECTION.search(text):
            raise DataError(toml_problem(path, exc, text)) from None
        return None
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("rapportkoll")
        return section if isinstance(section, dict) else None
    return _own_file(path, data)


def _cannot_name_us(text: str) -> bool:
    """True when no TOML key in ``text`` can be ``rapportkoll``: the word is absent and no
    ``\\u``/``\\U`` escape could spell it in a quoted key. Such a pyproject.toml is not
    parsed (most projects' pyproject.toml has no section of ours)."""
    return "rapportkoll" not in text and "\\u" not in text and "\\U" not in text


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
    config: Config
    config, errors = Config.validate(section)
    if errors:
        # an unknown key first: a misspelt key is the likelier cause of the other errors
        err = min(errors, key=lambda e: e["type"] != "extra_forbidden")
        loc = [str(p) for p in err["loc"]]
        table = "[tool.rapportkoll] " if path.name == "pyproject.toml" else ""
        where = f"{path}:{_line_of(path, loc)}"
        why = _explain(err)
        raise DataError(
            Msg(
                f"{where}: fel i {table}{'.'.join(loc)}: {why.sv}",
                f"{where}: error in {table}{'.'.join(loc)}: {why.en}",
            )
        )
    config.source = str(path)
    config.root = str(path.parent)
    return config


def keys() -> list[str]:
    """The keys of [tool.rapportkoll], as written in the file."""
    return Config.written_keys()


def _explain(err: Any) -> Msg:
    """pydantic's error in Swedish (and English): no word of pydantic's reaches the user."""
    kind = err["type"]
    got = _shown(err.get("input"))
    if kind == "extra_forbidden":
        import difflib

        key = str(err["loc"][-1])
        near = difflib.get_close_matches(key.lower().replace("_", "-"), keys(), n=1, cutoff=0.6)
        names = ", ".join(keys())
        return Msg(
            f'okänd nyckel "{key}"{f"; menade du {near[0]}?" if near else "."} Tillåtna nycklar: {names}',
            f'unknown key "{key}"{f"; did you mean {near[0]}?" if near else "."} Allowed keys: {names}',
        )
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(err["ctx"]["expected"]))
        return Msg(
            f"ska vara en av {_either(allowed)}, inte {got}",
            f"must be one of {_either(allowed, 'or')}, not {got}",
        )
    what = _WORDS.get(kind)
    if what is not None:
        ctx = err.get("ctx", {})
        return Msg(what[0].format(**ctx) + f", inte {got}", what[1].format(**ctx) + f", not {got}")
    return Msg(f"ogiltigt värde {got}", f"invalid value {got}")


# pydantic's error types that a configuration can meet, in Swedish and English.
_WORDS = {
    "list_type": ('ska vara en lista, t.ex. ["RK1", "RK2"]', 'must be a list, e.g. ["RK1", "RK2"]'),
    "dict_type": (
        'ska vara en tabell, t.ex. {{ RK301 = "warning" }}',
        'must be a table, e.g. {{ RK301 = "warning" }}',
    ),
    "string_type": ("ska vara en text inom citattecken", "must be a quoted string"),
    "int_type": ("ska vara ett heltal", "must be a whole number"),
    "int_parsing": ("ska vara ett heltal", "must be a whole number"),
    "int_from_float": ("ska vara ett heltal", "must be a whole number"),
    "greater_than_equal": ("ska vara minst {ge}", "must be at least {ge}"),
    "less_than_equal": ("ska vara högst {le}", "must be at most {le}"),
}


def _either(words: list[str], conjunction: str = "eller") -> str:
    quoted = [f'"{w}"' for w in words]
    if len(quoted) < 2:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + f" {conjunction} {quoted[-1]}"


def _shown(value: object) -> str:
    text = f'"{value}"' if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


# tomllib's messages ("Expected '=' after a key in a key/value pair (at line 3, column 5)")
# in Swedish; the position is read from the message (Python 3.11 keeps no attributes).
_TOML_WORDS = (
    ("Cannot overwrite a value", "samma nyckel står två gånger"),
    ("Cannot declare", "tabellen finns redan"),
    ("Expected '=' after a key", "efter en nyckel väntas ="),
    ("Invalid value", "ogiltigt värde; sätt text inom citattecken"),
    ("Unclosed array", "en lista saknar sin avslutande ]"),
    ("Unterminated string", "en text saknar sitt avslutande citattecken"),
    ("Illegal character", "otillåtet tecken"),
    ("Invalid statement", "ogiltig rad; väntade nyckel = värde eller [tabell]"),
    ("Expected newline", "efter värdet väntas en ny rad"),
)
_AT = lazy_re(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")


def toml_problem(path: Path, exc: tomllib.TOMLDecodeError, text: str) -> str:
    """A TOML syntax error in Swedish, with file, line and column."""
    message = str(exc)
    at = _AT.search(message)
    if at and at[1]:
        where = f"{path}:{at[1]}:{at[2]}"
    else:  # at the end of the document: its last line
        lines = text.splitlines() or [""]
        where = f"{path}:{len(lines)}:{len(lines[-1]) + 1}"
    what = next((sv for en, sv in _TOML_WORDS if message.startswith(en)), "ogiltig TOML")
    return (
        f"{where}: kan inte läsas som TOML: {what}. Kontrollera citattecken, hakparenteser och"
        " likhetstecken på raden."
    )


def families(known: Iterable[str]) -> set[str]:
    """Every code and every family (code prefix: RK, RK2, RK20) that names a known code."""
    out = {"RK"}
    for code in known:
        out.update(code[:n] for n in range(3, len(code) + 1))
        letters = code.rstrip("0123456789")
        if letters and letters != code:  # a rule file's own letters: HÄ for HÄ101
            out.add(letters)
    return out


def closest(code: str, known: Iterable[str]) -> str | None:
    """The known code or family nearest to a mistyped ``code`` (RK2O → RK20)."""
    names = families(known)
    fixed = code.upper().replace("O", "0").replace("I", "1").replace("L", "1")
    if fixed in names:
        return fixed
    if len(code) <= 3:  # a family (RK9): a neighbour's digit is no better than any other
        return None
    import difflib

    hits = difflib.get_close_matches(code.upper(), sorted(names - {"RK"}), n=1, cutoff=0.6)
    return hits[0] if hits else None


def code_problem(code: str, known: Iterable[str], lang: str = "sv") -> str | None:
    """Why ``code`` cannot be selected or ignored (in ``lang``), or None when it is fine."""
    en = lang == "en"
    if not code.strip():
        if en:
            return 'an empty code ("") would apply to every rule; remove it'
        return 'en tom kod ("") skulle gälla alla regler; ta bort den'
    names = families(known)
    if code.strip().upper() in names:
        return None
    near = closest(code.strip(), known)
    groups = ", ".join(sorted(n for n in names if len(n) == 3))
    if en:
        hint = f"; did you mean {near}?" if near else f"; the families are {groups}."
        return f"unknown rule code {code!r}{hint} See 'rapportkoll rules'"
    hint = f"; menade du {near}?" if near else f"; familjerna är {groups}."
    return f"okänd regelkod {code!r}{hint} Se 'rapportkoll rules'"


def check_cli_codes(option: str, values: Iterable[str], known: set[str], lang: str = "sv") -> None:
    """The codes of one command-line option (``--select RK1,RK2``); ``DataError`` if any is wrong."""
    for value in values:
        for code in value.split(","):
            problem = code_problem(code, known, lang)
            if problem is not None:
                raise DataError(f"{option}: {problem}")


def check_codes(config: Config, path: Path, known: set[str], lang: str = "sv") -> None:
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
            problem = code_problem(code, known, lang)
            if problem is not None:
                line = _line_of(path, [key.split(".")[0], code] if code.strip() else [key])
                where = "in" if lang == "en" else "i"
                raise DataError(f"{path}:{line}: {where} {key}: {problem}")


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
