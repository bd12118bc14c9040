"""Reference data that quality staff edit without code: profiles, vocabularies.

Each file in a data folder has a model; a file that does not match
it is a clear error naming the file, line and key, raised as ``DataError``.
Later folders override files of the same name from earlier ones.

Every run reads every file, and importing pydantic costs as much as yamllint's
whole run, so the models are declared without it (``checker.engine.plainmodel``):
data that plainly fits is checked from the declarations, anything else goes to
the same model in pydantic, which judges it and words the error with the file
and line. A rule pack may register a pydantic model of its own; it is validated
by pydantic.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from checker.engine.plainmodel import Field, PlainModel, field_validator
from checker.findings import Msg
from checker.read.loader import read_file


class DataError(Exception):
    """Reference data or configuration that cannot be used; names file and line.

    The message is Swedish, or a ``Msg`` where the English is known too.
    """

    def __init__(self, message: str | Msg) -> None:
        self.message = message if isinstance(message, Msg) else Msg(message, message)
        super().__init__(self.message.sv)

    def get(self, lang: str) -> str:
        return self.message.get(lang)


# Field and field_validator are the declarations' own, for the models of rule modules.
__all__ = [
    "DataError",
    "DataModel",
    "Field",
    "ReferenceData",
    "field_validator",
    "register_schema",
]


class DataModel(PlainModel):
    """A reference-data model: strict types, no unknown keys."""


class Text2(DataModel):
    """A text in Swedish and English."""

    sv: str
    en: str

    def msg(self) -> Msg:
        return Msg(self.sv, self.en)


class Profile(DataModel):
    """Which sections a (report type, year range) requires."""

    name: str = Field(alias="namn")
    types: list[str] = Field(alias="typer")
    from_year: int = Field(default=0, alias="från_år")
    to_year: int = Field(default=9999, alias="till_år")
    required: list[str] = Field(alias="obligatoriska")
    # The parts every enhetsmål of such a report must hold (a plan's Arbetssätt …).
    goal_parts: list[str] = Field(default_factory=list, alias="enhetsmål_obligatoriska")

    def applies(self, report_type: str | None, year: int | None) -> bool:
        return (
            report_type in self.types
            and year is not None
            and self.from_year <= year <= self.to_year
        )


class Profiles(DataModel):
    profiles: list[Profile] = Field(alias="profiler")
    sections: dict[str, Text2] = Field(alias="avsnitt")


# Files known to the checker; rule packs may add their own with other names.
SCHEMAS: dict[str, type[Any]] = {"profiles.yaml": Profiles}


class ReferenceData:
    """Each reference-data file's content (``files``) and where it was read (``sources``),
    by file name. A plain class: a dataclass costs every run ≈ 0.5 ms to create."""

    __slots__ = ("files", "sources")

    def __init__(self) -> None:
        self.files: dict[str, Any] = {}
        self.sources: dict[str, str] = {}

    @property
    def profiles(self) -> Profiles:
        return self.files["profiles.yaml"]  # type: ignore[no-any-return]

    def profile_for(self, report_type: str | None, year: int | None) -> Profile | None:
        for profile in self.profiles.profiles:
            if profile.applies(report_type, year):
                return profile
        return None

    def section_name(self, key: str) -> Msg:
        text = self.profiles.sections.get(key)
        return text.msg() if text else Msg(key, key)

    def get(self, name: str) -> Any:
        return self.files[name]


def register_schema(name: str, model: type[Any]) -> None:
    """Let a rule pack declare the model of its own reference-data file."""
    SCHEMAS[name] = model


def load_file(path: Path, model: type[Any] | None) -> Any:
    """The file's data, validated by ``model`` (a declared model, or a pack's pydantic model)."""
    doc = read_file(str(path))
    if doc.problems and not doc.readable:
        p = doc.problems[0]
        raise DataError(f"{path}:{p.line}:{p.column}: {p.message.sv}")
    if model is None:
        return doc.data
    if issubclass(model, PlainModel):
        made, errors = model.validate(doc.data)
    else:
        made, errors = _pydantic_validate(model, doc.data)
    if errors:
        err = errors[0]
        loc = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
        line, col = doc.position(loc)
        where = ".".join(str(p) for p in loc)
        raise DataError(f"{path}:{line}:{col}: {where}: {err['msg']}")
    return made


def _pydantic_validate(model: type[Any], data: Any) -> tuple[Any, list[Any]]:
    from pydantic import ValidationError

    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, exc.errors(include_url=False)


def load(dirs: Iterable[str]) -> ReferenceData:
    ref = ReferenceData()
    for folder in dirs:
        for path in sorted(Path(folder).glob("*.yaml")):
            ref.files[path.name] = load_file(path, SCHEMAS.get(path.name))
            ref.sources[path.name] = str(path)
    missing = [name for name in SCHEMAS if name not in ref.files]
    if missing:
        raise DataError(f"reference data missing: {', '.join(missing)}")
    return ref
