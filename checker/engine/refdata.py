"""Reference data that quality staff edit without code: profiles, vocabularies.

Each file in a data folder has a pydantic model; a file that does not match
it is a clear error naming the file, line and key, raised as ``DataError``.
Later folders override files of the same name from earlier ones.

Every run reads every file, so the good path skips building the models
(``defer_build``: pydantic's schema and validator for the dozen models cost
≈ 10 ms of each start-up): data that plainly fits its model is checked
field by field against the model's declared fields (``_fast_validate``) and
the instance made without pydantic's validator. Anything else, from a wrong
type to a shape this check does not know, goes to ``model_validate``, which
judges it and words the error with the file and line.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError

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


class DataModel(BaseModel):
    """The base of every reference-data file's model: unknown keys and loose types are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)


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
SCHEMAS: dict[str, type[DataModel]] = {"profiles.yaml": Profiles}


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


def register_schema(name: str, model: type[DataModel]) -> None:
    """Let a rule pack declare the model of its own reference-data file."""
    SCHEMAS[name] = model


class _Mismatch(Exception):
    """The fast check cannot vouch for the data: pydantic's validation judges it."""


Check = Callable[[Any], Any]
Make = Callable[[], Any]
# What strict validation accepts for each plain type, exactly (no bool for int, no
# subclasses); a float field also takes an int, as a float.
_SCALARS: dict[Any, tuple[type, ...]] = {
    str: (str,),
    int: (int,),
    bool: (bool,),
    float: (float, int),
}
_CONFIG = {"extra": "forbid", "strict": True, "defer_build": True}


def _scalar(kinds: tuple[type, ...], convert: type) -> Check:
    def check(value: Any) -> Any:
        if type(value) not in kinds:
            raise _Mismatch
        return convert(value) if type(value) is not convert else value

    return check


def _checker(annotation: Any) -> Check:
    """The check of one declared type; ``_Mismatch`` when the type is not one it knows."""
    if annotation in _SCALARS:
        return _scalar(_SCALARS[annotation], annotation)
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is list and len(args) == 1:
        item = _checker(args[0])

        def each(value: Any) -> Any:
            if type(value) is not list:
                raise _Mismatch
            return [item(v) for v in value]

        return each
    if origin is dict and len(args) == 2 and args[0] is str:
        entry = _checker(args[1])

        def mapping(value: Any) -> Any:
            if type(value) is not dict or any(type(k) is not str for k in value):
                raise _Mismatch
            return {k: entry(v) for k, v in value.items()}

        return mapping
    if isinstance(annotation, type) and issubclass(annotation, DataModel):
        return functools.partial(_fast_validate, annotation)
    raise _Mismatch


@functools.cache
def _plan(model: type[DataModel]) -> tuple[dict[str, tuple[str, Check]], dict[str, Make]]:
    """Per key as written (the alias): the field and its check; and the field defaults."""
    if dict(model.model_config) != _CONFIG:
        raise _Mismatch
    decorators = model.__pydantic_decorators__
    afters: dict[str, list[Check]] = {}
    for dec in decorators.field_validators.values():
        if dec.info.mode != "after" or "*" in dec.info.fields:
            raise _Mismatch  # before/wrap/plain validators, or one for every field: pydantic's
        for name in dec.info.fields:
            afters.setdefault(name, []).append(getattr(model, dec.cls_var_name))
    if (
        decorators.validators
        or decorators.root_validators
        or decorators.model_validators
        or decorators.computed_fields
        or decorators.field_serializers
        or model.__pydantic_post_init__
        or model.__private_attributes__
    ):
        raise _Mismatch
    keys: dict[str, tuple[str, Check]] = {}
    defaults: dict[str, Make] = {}
    for name, info in model.model_fields.items():
        if info.metadata or info.validation_alias not in (None, info.alias):
            raise _Mismatch  # constraints (ge=, pattern=) or other names: pydantic's
        check = _checker(info.annotation)
        if name in afters:
            check = _then(check, afters[name])
        keys[info.alias or name] = (name, check)
        if info.default_factory is not None:
            defaults[name] = cast("Make", info.default_factory)
        elif not info.is_required():
            defaults[name] = functools.partial(copy.deepcopy, info.default)
    return keys, defaults


def _then(check: Check, validators: list[Check]) -> Check:
    """The type's check, then the model's own after-validators, as pydantic runs them."""

    def run(value: Any) -> Any:
        value = check(value)
        for validator in validators:
            try:
                value = validator(value)
            except (ValueError, AssertionError, TypeError):
                raise _Mismatch from None
        return value

    return run


def _fast_validate(model: type[DataModel], data: Any) -> Any:
    """``model.model_validate(data)`` for data that plainly fits, without building the model;
    ``_Mismatch`` for anything else (a wrong value, or a declaration it does not know)."""
    if type(data) is not dict:
        raise _Mismatch
    keys, defaults = _plan(model)
    values: dict[str, Any] = {}
    for key, value in data.items():
        known = keys.get(key)
        if known is None:
            raise _Mismatch  # an unknown key (extra="forbid")
        values[known[0]] = known[1](value)
    given = set(values)
    for name, _ in keys.values():
        if name not in values:
            if name not in defaults:
                raise _Mismatch  # a required field missing
            values[name] = defaults[name]()
    return model.model_construct(_fields_set=given, **values)


def load_file(path: Path, model: type[BaseModel] | None) -> Any:
    doc = read_file(str(path))
    if doc.problems and not doc.readable:
        p = doc.problems[0]
        raise DataError(f"{path}:{p.line}:{p.column}: {p.message.sv}")
    if model is None:
        return doc.data
    if issubclass(model, DataModel):
        try:
            return _fast_validate(model, doc.data)
        except (_Mismatch, RecursionError):
            pass  # pydantic judges it, and words what is wrong
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
