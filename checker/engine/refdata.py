"""Reference data that quality staff edit without code: profiles, vocabularies.

Each file in a data folder has a pydantic model; a file that does not match
it is a clear error naming the file, line and key, raised as ``DataError``.
Later folders override files of the same name from earlier ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.findings import Msg
from checker.read.loader import read_file


class DataError(Exception):
    """Reference data or configuration that cannot be used; names file and line."""


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Text2(_Data):
    """A text in Swedish and English."""

    sv: str
    en: str

    def msg(self) -> Msg:
        return Msg(self.sv, self.en)


class Profile(_Data):
    """Which sections a (report type, year range) requires."""

    name: str = Field(alias="namn")
    types: list[str] = Field(alias="typer")
    from_year: int = Field(default=0, alias="från_år")
    to_year: int = Field(default=9999, alias="till_år")
    required: list[str] = Field(alias="obligatoriska")

    def applies(self, report_type: str | None, year: int | None) -> bool:
        return (
            report_type in self.types
            and year is not None
            and self.from_year <= year <= self.to_year
        )


class Profiles(_Data):
    profiles: list[Profile] = Field(alias="profiler")
    sections: dict[str, Text2] = Field(alias="avsnitt")


# Files known to the checker; rule packs may add their own with other names.
SCHEMAS: dict[str, type[_Data]] = {"profiles.yaml": Profiles}


@dataclass
class ReferenceData:
    files: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

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


def register_schema(name: str, model: type[_Data]) -> None:
    """Let a rule pack declare the model of its own reference-data file."""
    SCHEMAS[name] = model


def load_file(path: Path, model: type[BaseModel] | None) -> Any:
    doc = read_file(str(path))
    if doc.problems and not doc.readable:
        p = doc.problems[0]
        raise DataError(f"{path}:{p.line}:{p.column}: {p.message.sv}")
    if model is None:
        return doc.data
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
        line, col = doc.position(loc)
        where = ".".join(str(p) for p in loc)
        raise DataError(f"{path}:{line}:{col}: {where}: {err['msg']}") from None


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
