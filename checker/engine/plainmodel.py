"""Models declared without pydantic: the configuration and the reference data.

A one-file check reads the configuration and every reference-data file, and the
rule modules that declare the reference-data models are imported on every run.
Importing pydantic for them costs as much as yamllint's whole run, so they are
declared here: plain classes with annotated fields and ``Field(...)`` (alias,
default, default factory, description, ``ge``/``le``, ``exclude``), and
``@field_validator`` after-validators, as with pydantic.

Data that plainly fits (exact types, known keys, bounds met, the model's own
validators passing) is checked field by field from these declarations and the
instance made directly. Anything else goes to a pydantic model built from the
same declarations (``pydantic_model()``, same class name, aliases, defaults,
config and validators), which judges it and gives its errors, so a file that
does not fit gets the same message as before; what pydantic accepts is copied
into the plain class, so a rule sees one kind of object whichever way.
"""

from __future__ import annotations

import copy
import functools
import inspect
import sys
import types
import typing
from collections.abc import Callable
from typing import Any, ClassVar, Literal, Union, get_args, get_origin

_MISSING: Any = object()


class FieldSpec:
    """What ``Field(...)`` declares of one field."""

    __slots__ = ("alias", "default", "default_factory", "description", "exclude", "ge", "le")

    def __init__(
        self,
        default: Any = _MISSING,
        *,
        alias: str | None = None,
        default_factory: Callable[[], Any] | None = None,
        description: str | None = None,
        ge: int | None = None,
        le: int | None = None,
        exclude: bool = False,
    ) -> None:
        self.default = default
        self.alias = alias
        self.default_factory = default_factory
        self.description = description
        self.ge, self.le = ge, le
        self.exclude = exclude

    @property
    def required(self) -> bool:
        return self.default is _MISSING and self.default_factory is None

    def make_default(self) -> Any:
        if self.default_factory is not None:
            return self.default_factory()
        return copy.deepcopy(self.default)


def Field(default: Any = _MISSING, **declared: Any) -> Any:  # named as pydantic's
    """A field's declaration, as pydantic's ``Field`` (the arguments of ``FieldSpec``); typed
    ``Any`` so that ``name: str = Field(alias="namn")`` reads as pydantic's does."""
    return FieldSpec(default, **declared)


class _Validator:
    """An after-validator of some fields: ``@field_validator("x")`` over a classmethod."""

    def __init__(self, fields: tuple[str, ...], method: Any) -> None:
        self.fields, self.method = fields, method


def field_validator(*fields: str) -> Callable[[Any], Any]:
    """As pydantic's ``field_validator`` in "after" mode, over a ``@classmethod``."""

    def mark(method: Any) -> Any:
        return _Validator(fields, method)

    return mark


class Declined(Exception):
    """The plain check cannot vouch for the data: pydantic judges it."""


Check = Callable[[Any], Any]


class PlainModel:
    """Base of a declared model. Class keywords: ``strict`` (default True: exact types, as
    pydantic's strict mode) and ``populate_by_name`` (default False); unknown keys are
    always refused (``extra="forbid"``)."""

    __plain_fields__: ClassVar[dict[str, FieldSpec]] = {}
    __plain_validators__: ClassVar[dict[str, tuple[str, ...]]] = {}
    __plain_config__: ClassVar[dict[str, bool]] = {"strict": True, "populate_by_name": False}
    _fields_set: frozenset[str]

    def __init_subclass__(cls, **config: bool) -> None:
        super().__init_subclass__()
        cls.__plain_config__ = {**cls.__plain_config__, **config}
        fields = dict(cls.__plain_fields__)
        for name, annotation in inspect.get_annotations(cls).items():
            if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
                continue
            value = cls.__dict__.get(name, _MISSING)
            fields[name] = value if isinstance(value, FieldSpec) else FieldSpec(value)
            if name in cls.__dict__:
                delattr(cls, name)  # the instance's value, never the class's declaration
        validators = dict(cls.__plain_validators__)
        for attr, value in list(cls.__dict__.items()):
            if isinstance(value, _Validator):
                setattr(cls, attr, value.method)
                validators[attr] = value.fields
        cls.__plain_fields__ = fields
        cls.__plain_validators__ = validators

    def __init__(self, **data: Any) -> None:
        made = type(self).model_validate(data)
        self.__dict__.update(made.__dict__)

    @classmethod
    def _make(cls, values: dict[str, Any], given: frozenset[str]) -> Any:
        made = cls.__new__(cls)
        made.__dict__.update(values)
        made._fields_set = given
        return made

    @property
    def model_fields_set(self) -> frozenset[str]:
        return self._fields_set

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self.__plain_fields__)

    __hash__ = None  # type: ignore[assignment]  # mutable, as pydantic's models

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__plain_fields__)
        return f"{type(self).__name__}({shown})"

    @classmethod
    def written_keys(cls) -> list[str]:
        """The keys as written (aliases), of every field not excluded."""
        return [s.alias or n for n, s in cls.__plain_fields__.items() if not s.exclude]

    @classmethod
    def fast_validate(cls, data: Any) -> Any:
        """The instance for data that plainly fits; ``Declined`` for anything else."""
        if type(data) is not dict:
            raise Declined
        keys = _plan(cls)
        values: dict[str, Any] = {}
        for key, value in data.items():
            known = keys.get(key)
            if known is None or known[0] in values:
                raise Declined  # an unknown key (extra="forbid"), or a field given twice
            values[known[0]] = known[1](value)
        given = frozenset(values)
        for name, spec in cls.__plain_fields__.items():
            if name not in values:
                if spec.required:
                    raise Declined  # a required field missing
                values[name] = spec.make_default()
        return cls._make(values, given)

    @classmethod
    def validate(cls, data: Any) -> tuple[Any, list[Any]]:
        """(the instance, []) or (None, pydantic's errors) for data read from a file."""
        try:
            return cls.fast_validate(data), []
        except (Declined, RecursionError):
            pass  # pydantic judges it, and words what is wrong
        from pydantic import ValidationError

        try:
            made = cls.pydantic_model().model_validate(data)
        except ValidationError as exc:
            return None, exc.errors(include_url=False)
        return _plain(made), []

    @classmethod
    def model_validate(cls, data: Any) -> Any:
        """As pydantic's: the instance, or pydantic's ``ValidationError``."""
        try:
            return cls.fast_validate(data)
        except (Declined, RecursionError):
            return _plain(cls.pydantic_model().model_validate(data))

    @classmethod
    def pydantic_model(cls) -> Any:
        """The same model in pydantic (built once): to judge and word what does not fit,
        and for the JSON schema."""
        return _twin(cls)


# -- the plain check, from the declarations ----------------------------------------------


def _scalar(kinds: tuple[type, ...], convert: type, bounds: tuple[Any, Any]) -> Check:
    low, high = bounds

    def check(value: Any) -> Any:
        if type(value) not in kinds:
            raise Declined
        if (low is not None and value < low) or (high is not None and value > high):
            raise Declined
        return convert(value) if type(value) is not convert else value

    return check


# What validation accepts for each plain type, exactly (no bool for int, no subclasses);
# a float field also takes an int, as a float. Lax mode accepts these too, alike.
_SCALARS: dict[Any, tuple[type, ...]] = {
    str: (str,),
    int: (int,),
    bool: (bool,),
    float: (float, int),
}


def _checker(annotation: Any, bounds: tuple[Any, Any] = (None, None)) -> Check:
    """The check of one declared type; ``Declined`` when the type is not one it knows."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return _optional(_checker(next(a for a in args if a is not type(None)), bounds))
    if annotation in _SCALARS:
        if bounds != (None, None) and annotation is not int:
            raise Declined
        return _scalar(_SCALARS[annotation], annotation, bounds)
    if bounds != (None, None):
        raise Declined
    if origin is list and len(args) == 1:
        return _each(_checker(args[0]))
    if origin is dict and len(args) == 2 and args[0] is str:
        return _mapping(_checker(args[1]))
    if origin is Literal and all(type(a) is str for a in args):
        return _choice(frozenset(args))
    if isinstance(annotation, type) and issubclass(annotation, PlainModel):
        return annotation.fast_validate
    raise Declined


def _each(item: Check) -> Check:
    def each(value: Any) -> Any:
        if type(value) is not list:
            raise Declined
        return [item(v) for v in value]

    return each


def _mapping(entry: Check) -> Check:
    def mapping(value: Any) -> Any:
        if type(value) is not dict or any(type(k) is not str for k in value):
            raise Declined
        return {k: entry(v) for k, v in value.items()}

    return mapping


def _choice(choices: frozenset[str]) -> Check:
    def choice(value: Any) -> Any:
        if type(value) is not str or value not in choices:
            raise Declined
        return value

    return choice


def _optional(check: Check) -> Check:
    def optional(value: Any) -> Any:
        return None if value is None else check(value)

    return optional


def _then(cls: type[PlainModel], check: Check, names: list[str]) -> Check:
    """The type's check, then the model's own after-validators, as pydantic runs them."""

    def run(value: Any) -> Any:
        value = check(value)
        for name in names:
            try:
                value = getattr(cls, name)(value)
            except (ValueError, AssertionError, TypeError):
                raise Declined from None
        return value

    return run


_PLANS: dict[type[PlainModel], dict[str, tuple[str, Check]]] = {}


def _plan(cls: type[PlainModel]) -> dict[str, tuple[str, Check]]:
    """Per key as it may be written: the field and its check (made once per model)."""
    if cls not in _PLANS:
        _PLANS[cls] = _make_plan(cls)
    return _PLANS[cls]


@functools.cache
def _annotation_code(text: str) -> types.CodeType:
    return compile(text, "<annotation>", "eval")


def _field_types(cls: type[PlainModel]) -> dict[str, Any]:
    """``typing.get_type_hints(cls)`` for the declared fields, evaluated as it does (the
    declaring module's names first, then the class's), each annotation text compiled once
    for all models: get_type_hints compiles every annotation of every base, for each model.
    Anything but plain text naming plain types (a nested string, ``Annotated``) is left
    to get_type_hints."""
    hints: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        annotations = inspect.get_annotations(base)
        module = sys.modules.get(base.__module__)
        scope: dict[str, Any] | None = None
        for name, text in annotations.items():
            if name not in cls.__plain_fields__:
                continue
            if not isinstance(text, str) or module is None:
                return typing.get_type_hints(cls)
            scope = dict(vars(base)) if scope is None else scope
            value = eval(_annotation_code(text), scope, vars(module))
            if not _plain_type(value):
                return typing.get_type_hints(cls)
            hints[name] = type(None) if value is None else value
    return hints


def _plain_type(value: Any) -> bool:
    """A type that get_type_hints would return as it is: no text or ``Annotated`` in it."""
    if isinstance(value, (str, typing.ForwardRef)) or get_origin(value) is typing.Annotated:
        return False
    if get_origin(value) is Literal:
        return True  # its arguments are values
    return all(_plain_type(arg) for arg in get_args(value))


def _make_plan(cls: type[PlainModel]) -> dict[str, tuple[str, Check]]:
    hints = _field_types(cls)
    afters: dict[str, list[str]] = {}
    for attr, names in cls.__plain_validators__.items():
        if "*" in names:
            raise Declined  # a validator of every field: pydantic's
        for name in names:
            afters.setdefault(name, []).append(attr)
    keys: dict[str, tuple[str, Check]] = {}
    for name, spec in cls.__plain_fields__.items():
        check = _checker(hints[name], (spec.ge, spec.le))
        if name in afters:
            check = _then(cls, check, afters[name])
        keys[spec.alias or name] = (name, check)
        if cls.__plain_config__["populate_by_name"]:
            keys[name] = (name, check)
    return keys


# -- the same model in pydantic, for what the plain check declines ------------------------

_TWINS: dict[type[PlainModel], Any] = {}
_PLAINS: dict[Any, type[PlainModel]] = {}


def _twin_type(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, PlainModel):
        return _twin(annotation)
    origin, args = get_origin(annotation), get_args(annotation)
    if not args or origin is Literal:
        return annotation
    mapped = tuple(_twin_type(a) for a in args)
    if origin in (Union, types.UnionType):
        return Union[mapped]  # built from a tuple of members
    return origin[mapped]


def _twin(cls: type[PlainModel]) -> Any:
    if cls in _TWINS:
        return _TWINS[cls]
    from pydantic import ConfigDict, create_model
    from pydantic import Field as PydanticField
    from pydantic import field_validator as pydantic_validator

    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {}
    for name, spec in cls.__plain_fields__.items():
        given: dict[str, Any] = {
            key: value
            for key, value in (
                ("alias", spec.alias),
                ("default_factory", spec.default_factory),
                ("description", spec.description),
                ("ge", spec.ge),
                ("le", spec.le),
            )
            if value is not None
        }
        if spec.default is not _MISSING:
            given["default"] = spec.default
        if spec.exclude:
            given["exclude"] = True
        fields[name] = (_twin_type(hints[name]), PydanticField(**given))
    validators = {
        attr: pydantic_validator(*names)(cls.__dict__.get(attr) or getattr(cls, attr))
        for attr, names in cls.__plain_validators__.items()
    }
    config = ConfigDict(extra="forbid", **cls.__plain_config__)  # type: ignore[typeddict-item]
    twin = create_model(
        cls.__name__,
        __config__=config,
        __doc__=cls.__doc__,
        __module__=cls.__module__,
        __validators__=validators,
        **fields,
    )
    _TWINS[cls], _PLAINS[twin] = twin, cls
    return twin


def _plain(value: Any) -> Any:
    """pydantic's result copied into the plain classes."""
    cls = _PLAINS.get(type(value))
    if cls is not None:
        values = {name: _plain(getattr(value, name)) for name in cls.__plain_fields__}
        return cls._make(values, frozenset(value.model_fields_set))
    if type(value) is list:
        return [_plain(v) for v in value]
    if type(value) is dict:
        return {k: _plain(v) for k, v in value.items()}
    return value
