"""Read data → typed model, with schema problems as located RK104 findings.

A report that plainly fits the model is checked and built by the generated
``checker.read.fastmodel``, without importing pydantic (its import and the model
build cost a one-file check as much as yamllint in all). Any other report goes
to the pydantic model, which judges it and words each problem.

A document that does not match the schema is still checked: each offending
value is set aside (an unknown key dropped, a wrongly typed value emptied)
and the rest is validated again, so the rules can judge everything else.
"""

from __future__ import annotations

import copy
import types
import typing
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

from checker.findings import Msg
from checker.read import fastmodel
from checker.read.fastmodel import Report
from checker.read.loader import Document, Limits, Problem
from checker.read.rules import schema

if TYPE_CHECKING:
    from checker.read import model
from checker.rule import DocPath

_TYPE_SV = {
    "string_type": ("text", "text"),
    "int_type": ("ett heltal", "a whole number"),
    "int_from_float": ("ett heltal", "a whole number"),
    "float_type": ("ett tal", "a number"),
    "bool_type": ("true eller false", "true or false"),
    "list_type": ('en lista (rader som börjar med "- ")', 'a list (lines starting with "- ")'),
    "model_type": ("en mappning med nycklar", "a mapping with keys"),
    "dict_type": ("en mappning med nycklar", "a mapping with keys"),
    "model_attributes_type": ("en mappning med nycklar", "a mapping with keys"),
}
_SCALAR_UNION = {"int_type", "float_type", "string_type"}
UNKNOWN_MEMBER = "Unknown"  # pydantic's name of the {okänd: …} member in a union's errors
MAX_PROBLEMS = Limits().max_problems  # schema problems reported before giving up


def unwrap(annotation: Any) -> list[Any]:
    """The concrete types behind Optional/Union/Annotated/list annotations."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        out: list[Any] = []
        for arg in get_args(annotation):
            out.extend(unwrap(arg))
        return out
    return [annotation]


def allowed_keys(path: DocPath) -> list[str]:
    """The keys the mapping at ``path`` may have, in the model's order."""
    part = fastmodel.model_at(path)
    return [] if part is None else list(part.FIELDS.values())


def _data_path(data: Any, loc: tuple[Any, ...]) -> DocPath:
    """The part of a pydantic location that names data (not union members)."""
    out: list[str | int] = []
    cur = data
    for part in loc:
        if isinstance(cur, dict) and isinstance(part, str) and part in cur:  # noqa: SIM114
            out.append(part)
            cur = cur[part]
        elif isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
            out.append(part)
            cur = cur[part]
        elif part == UNKNOWN_MEMBER:
            break  # inside the {okänd: …} member the keys are its own, not the data's
        # Anything else names a union member ("int", "str" when a mapping is given
        # for a value), not data: every field is optional, so no key is "missing".
    return tuple(out)


def _is_scalar_union(kinds: set[str]) -> bool:
    """The errors of a value that should be text or a number (each member failed)."""
    return kinds <= _SCALAR_UNION and len(kinds) > 1


def _describe(path: DocPath) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else "dokumentet"


# Long: one pass over pydantic's errors that turns each kind into a located Swedish
# finding; the kinds are listed together so that none is handled twice.
def _problems(data: Any, errors: list[Any], limit: int) -> list[Problem]:
    """Problems for the first ``limit`` paths (each costs a difflib suggestion)."""
    by_path: dict[DocPath, list[Any]] = {}
    for err in errors:
        path = _data_path(data, err["loc"])
        by_path.setdefault(path, []).append(err)
    problems: list[Problem] = []
    for path, errs in by_path.items():
        if len(problems) >= limit:
            break
        msg, suggestion = _message(path, errs)
        problems.append(Problem(schema.code, msg, 0, 0, path=path, suggestion=suggestion))
    return problems


def _message(path: DocPath, errs: list[Any]) -> tuple[Msg, Msg | None]:
    """What is wrong at ``path`` in Swedish and English, and a suggestion when one is sure."""
    kinds = {e["type"] for e in errs}
    scalar = [e for e in errs if UNKNOWN_MEMBER not in e["loc"]]
    if len(scalar) < len(errs) and _is_scalar_union({e["type"] for e in scalar}):
        # A cell that may also be {okänd: …}: what is wrong is that it is not a value.
        errs, kinds = scalar, {e["type"] for e in scalar}
    key = _describe(path)
    if "extra_forbidden" in kinds:
        return _unknown_key(path, key)
    if "literal_error" in kinds:
        return _not_a_choice(next(e for e in errs if e["type"] == "literal_error"), key)
    if kinds & {"greater_than_equal", "less_than_equal"}:
        # Only the year is bounded today; name both bounds so one fix is enough.
        from checker.read.model import MAX_YEAR, MIN_YEAR

        err = next(e for e in errs if e["type"] in ("greater_than_equal", "less_than_equal"))
        low, high = MIN_YEAR, MAX_YEAR
        return Msg(
            f'"{key}" ska vara mellan {low} och {high}, inte {err["input"]}.',
            f'"{key}" must be between {low} and {high}, not {err["input"]}.',
        ), None
    if _is_scalar_union(kinds):
        if not isinstance(errs[0].get("input"), (list, dict)):
            # true/false where text or a number belongs: YAML read yes/no/on/off.
            got_sv, got_en = _kind_of(errs[0].get("input"))
            return Msg(
                f'"{key}" ska vara text eller ett tal, inte {got_sv}. Sätt citattecken'
                " runt värdet om det är text.",
                f'"{key}" must be text or a number, not {got_en}. Put quotes around the'
                " value if it is text.",
            ), None
        return Msg(
            f'"{key}" ska vara ett enkelt värde (text eller tal), inte en lista eller mappning.',
            f'"{key}" must be a single value (text or number), not a list or mapping.',
        ), None
    return _wrong_type(errs, kinds, key), None


def _close_matches(word: str, options: list[str], n: int) -> list[str]:
    """difflib's close matches (cutoff 0.6); imported here, as only a report that does not
    fit asks (≈ 1 ms to import on every check otherwise)."""
    import difflib

    return difflib.get_close_matches(word, options, n=n, cutoff=0.6)


def _unknown_key(path: DocPath, key: str) -> tuple[Msg, Msg | None]:
    options = allowed_keys(path[:-1])
    close = _close_matches(str(path[-1]), options, 1)
    listing = ", ".join(options)
    msg = Msg(
        f'Okänd nyckel "{key}". Tillåtna nycklar här: {listing}.',
        f'Unknown key "{key}". Keys allowed here: {listing}.',
    )
    if close:
        return msg, Msg(f'Menade du "{close[0]}"?', f'Did you mean "{close[0]}"?')
    return msg, None


def _not_a_choice(err: Any, key: str) -> tuple[Msg, Msg | None]:
    expected = err.get("ctx", {}).get("expected", "").replace("'", "")
    msg = Msg(
        f'"{key}" ska vara en av {expected.replace(" or ", " eller ")}, inte "{err["input"]}".',
        f'"{key}" must be one of {expected}, not "{err["input"]}".',
    )
    options = [o.strip() for o in expected.replace(" or ", ",").split(",") if o.strip()]
    close = [o for o in options if o.lower() == str(err["input"]).strip().lower()]
    close = close or _close_matches(str(err["input"]), options, 1)
    if close:
        return msg, Msg(f'Skriv "{close[0]}".', f'Write "{close[0]}".')
    return msg, None


def _wrong_type(errs: list[Any], kinds: set[str], key: str) -> Msg:
    # A union with a mapping ({okänd: …}) beside a scalar: name the scalar the author
    # meant ("true eller false" for könsuppdelad: ja), not the mapping; in a stable order.
    given = errs[0].get("input")
    order = [k for k in _TYPE_SV if k in kinds]
    scalar = [k for k in order if _TYPE_SV[k][0] != _TYPE_SV["model_type"][0]]
    if scalar and not isinstance(given, dict):
        order = scalar
    kind = order[0] if order else None
    if kind is None:
        return Msg(
            f'"{key}" har fel form: {errs[0]["msg"]}.',
            f'"{key}" has the wrong shape: {errs[0]["msg"]}.',
        )
    sv, en = _TYPE_SV[kind]
    got_sv, got_en = _kind_of(given)
    return Msg(f'"{key}" ska vara {sv}, inte {got_sv}.', f'"{key}" must be {en}, not {got_en}.')


def _kind_of(value: Any) -> tuple[str, str]:
    if isinstance(value, bool):
        return "true/false", "true/false"
    if isinstance(value, (int, float)):
        return f"talet {value}", f"the number {value}"
    if isinstance(value, str):
        return f'texten "{value[:40]}"', f'the text "{value[:40]}"'
    if isinstance(value, list):
        return "en lista", "a list"
    if isinstance(value, dict):
        return "en mappning", "a mapping"
    return "ett tomt värde", "an empty value"


def _set_aside(data: Any, path: DocPath, drop_key: bool) -> None:
    if not path:
        return
    parent = data
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return
    last = path[-1]
    if isinstance(parent, dict) and last in parent:
        if drop_key:
            del parent[last]
        else:
            parent[last] = None
    elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        parent[last] = {}  # keeps later indices, and so positions, stable


def _is_unknown_key(problem: Problem) -> bool:
    return problem.message.en.startswith("Unknown key")


def meant_key(path: DocPath) -> str | None:
    """The one key a misspelt key at ``path`` can have meant; None when none or several."""
    if not path or not isinstance(path[-1], str):
        return None
    close = _close_matches(path[-1], allowed_keys(path[:-1]), 2)
    return close[0] if len(close) == 1 else None


def _aliased(data: Any, path: DocPath) -> str | None:
    """``_alias_typo`` in ``data``: the key meant given the typo's value; that key, or None."""
    meant = meant_key(path)
    if meant is None:
        return None
    parent = data
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return None
    if not isinstance(parent, dict) or meant in parent or path[-1] not in parent:
        return None
    parent[meant] = parent[path[-1]]
    return meant


def _alias_typo(doc: Document, path: DocPath) -> bool:
    """Give a misspelt key's value to the key it meant, so one typo makes one finding.

    With a single close match ("analyss" for "analys", "statsu" for "status")
    and the meant key absent beside it, the document's data gets the meant key
    with the same value, at the typo's place: RK104 reports the typo, and the
    rules judge the value as the key it meant, instead of also reporting that
    key as missing (RK101, RK103, RK202) or its section as empty (RK102, RK204).
    The misspelt key stays in the data; it is dropped only for the model.
    """
    meant = _aliased(doc.data, path)
    if meant is None:
        return False
    target = (*path[:-1], meant)
    for where, pos in list(doc.positions.items()):
        if where[: len(path)] == path:
            doc.positions.setdefault((*target, *where[len(path) :]), pos)
    return True


def build_model(doc: Document) -> Report | None:
    """Validate ``doc.data``; append RK104 problems to the document."""
    if not isinstance(doc.data, dict):
        return None
    plain = fastmodel.build(doc.data)
    if plain is not None:
        return plain
    plain = _typos_only(doc)
    if plain is not None:
        return plain
    validated = _validate(doc)
    return None if validated is None else fastmodel.from_model(validated)


def _typos_only(doc: Document) -> Report | None:
    """A report whose only faults are unknown keys (most often a misspelt one), judged as
    ``_validate`` judges it, without pydantic: the same problems in the same order, each
    typo's value given to the key it meant (``_alias_typo``), the keys set aside. None,
    with ``doc`` untouched, for anything more: pydantic judges that."""
    paths = fastmodel.unknown_keys(doc.data)
    reported = {p.path for p in doc.problems if p.code == schema.code}
    if not paths or len(reported) + len(paths) >= MAX_PROBLEMS or reported & set(paths):
        return None
    # what ``_validate``'s second round validates: the typos' values under the keys meant,
    # the unknown keys set aside; tried on a copy first
    data = copy.deepcopy(doc.data)
    for path in paths:
        _aliased(data, path)
    for path in paths:
        _set_aside(data, path, True)
    plain = fastmodel.build(data)
    if plain is None:
        return None
    problems = []
    for path in paths:
        msg, suggestion = _unknown_key(path, str(path[-1]))
        line, column = doc.position(path)
        problems.append(Problem(schema.code, msg, line, column, path=path, suggestion=suggestion))
    doc.problems.extend(problems)
    for path in paths:
        _alias_typo(doc, path)
    return plain


def _validate(doc: Document) -> model.Report | None:
    """The pydantic path: validate, set aside what does not fit, report it, again."""
    from pydantic import ValidationError

    from checker.read.model import Report as ReportModel

    data = doc.data
    copied = False
    reported = {p.path for p in doc.problems if p.code == schema.code}
    for _ in range(8):
        try:
            return ReportModel.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        problems = _problems(data, errors, MAX_PROBLEMS + 1 - len(reported))
        for problem in problems:
            problem.line, problem.column = doc.position(problem.path)
            if problem.path in reported:
                continue
            if len(reported) >= MAX_PROBLEMS:
                # Thousands of schema problems: not a report; listing them all is slow.
                doc.problems.append(
                    Problem(
                        schema.code,
                        Msg(
                            f"Fler än {MAX_PROBLEMS} schemafel; resten visas inte och reglerna körs"
                            " inte. Rätta dessa och kör igen.",
                            f"More than {MAX_PROBLEMS} schema problems; the rest are not shown and the"
                            " rules do not run. Fix these and run again.",
                        ),
                        problem.line,
                        problem.column,
                    )
                )
                return None
            reported.add(problem.path)
            doc.problems.append(problem)
        aliased = [_alias_typo(doc, p.path) for p in problems if _is_unknown_key(p)]
        if any(aliased):
            data = doc.data  # the meant keys are in the data now: validate it again
            copied = False
            reported |= {p.path for p in problems}
        if not copied:
            data = copy.deepcopy(data)
            copied = True
        for problem in problems:
            drop = problem.message.en.startswith("Unknown key")
            _set_aside(data, problem.path, drop)
    return None
