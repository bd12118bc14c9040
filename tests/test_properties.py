"""Property-based tests over the report model (issue 5, point 2).

(a) Any valid report built by a generator from the pydantic model in
    checker/model.py, written as YAML by yaml.safe_dump to a real file, is checked
    by every rule without an internal error (RK000), an exception, or a schema or
    reading error: what the model accepts, the reader and the schema accept.
(b) Random mutations of the sample reports in sample_reports/ (lines deleted or
    duplicated, characters swapped, tabs, colons, quotes and tags inserted, files
    truncated, numbers turned into text, re-encoded) give findings or none, but
    never an RK000, an exception, a finding outside the file, or a changed file.
(c) Arbitrary bytes and text, the crudest mutation, likewise.

The settings are fixed and derandomized, so a run in CI is reproducible; the
whole file runs in well under a minute.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from checker.engine.core import Engine
from checker.findings import Finding, Severity
from checker.read.model import Placeholder, Report, Unknown
from checker.read.validate import unwrap
from checker.run.batch import check_paths

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_reports").rglob("*.yaml"))
MARKER = Path("/tmp/rapportkoll-property-pwned")

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


def check_file(engine: Engine, path: Path) -> list[Finding]:
    """Check one real file with every rule; the file must come out unchanged."""
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = check_paths(engine, [str(path)])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "the input changed"
    internal = [f for f in result.findings if f.code == "RK000"]
    assert not internal, "\n".join(f"{f.line}: {f.message.en}" for f in internal)
    return result.findings


# -- (a) valid reports from the model -------------------------------------------------------

WORDS = [
    "enheten",
    "brukarna",
    "målet",
    "uppfylls",
    "delvis",
    "medarbetarna",
    "budgeten",
    "överskott",
    "underskott",
    "åtgärder",
    "kvalitet",
    "ökad",
    "trygghet",
    "för",
    "och",
    "i",
    "på",
    "med",
    "Älvsjö",
    "Hägersten",
    "Skärholmen",
    "året",
    "tertialen",
    "insatser",
    "hemtjänst",
    "äldreomsorg",
    "sjukfrånvaro",
    "kompetens",
    "delaktighet",
    "Lex Sarah",
    "brukarundersökningen",
    "92 %",
    "60 tkr",
    "1 945 GWh",
    "–",
    "(se bilaga)",
    "ä",
    "ö",
    "å",
    "É",
    "”citat”",
    "nämnd/styrelse",
    "#1",
    "a: b",
    "- punkt",
    "'",
    '"',
    "\\",
    "&",
    "*",
    "!",
    "%",
    "@",
    "`",
    "{x}",
    "[y]",
    "|",
    ">",
    "?",
    "---",
    "...",
]
sv_text = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(
        lambda w: "\n".join(" ".join(w[i : i + 6]) for i in range(0, len(w), 6))
    ),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
)
SPACES = [" ", "\u00a0", "\u202f"]  # space, no-break space, narrow no-break space


@st.composite
def sv_number(draw: st.DrawFn) -> str:
    """A number as a Swedish author writes it: "9,5 %", "1 945 GWh", "-3 204"."""
    whole = draw(st.integers(-5_000_000, 5_000_000))
    sep = draw(st.sampled_from(SPACES))
    digits = f"{abs(whole):,}".replace(",", sep)
    sign = draw(st.sampled_from(["-", "−", "+"])) if whole < 0 else ""
    text = sign + digits
    if draw(st.booleans()):
        text += "," + str(draw(st.integers(0, 99)))
    unit = draw(
        st.sampled_from(
            [
                "",
                " %",
                "%",
                " GWh",
                " tkr",
                " st",
                " kr",
                " milj kr",
                " dagar",
                " procent",
                " personer",
            ]
        )
    )
    prefix = draw(st.sampled_from(["", "", "", "Max ", "Minst ", "ca "]))
    return prefix + text + unit


VALUE = st.one_of(
    st.none(),
    st.integers(),
    st.integers(-10_000, 10_000),
    st.floats(allow_nan=True, allow_infinity=True),
    sv_number(),
    st.sampled_from(
        [
            "öka",
            "minska",
            "bibehålla",
            "Tas fram av nämnd/styrelse",
            "Ingen",
            "-",
            "",
            "Uppgift saknas",
            "n/a",
            "0",
            "−0",
        ]
    ),
    sv_text,
)
YEAR = st.integers(2015, 2030)
DATE = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.builds(lambda y, m, d: f"{y}-{m:02d}-{d:02d}", YEAR, st.integers(0, 13), st.integers(0, 32)),
    sv_text,
)
STATUS = st.one_of(
    st.sampled_from(
        [
            "Uppfylls helt",
            "Uppfylls delvis",
            "Uppfylls inte",
            "Ingen",
            "— Ingen",
            "-",
            "● Uppfylls helt",
            "◆ Uppfylls delvis",
            "uppfylls helt",
            "klar",
            "avvikelse",
            "✓",
            "!",
            "ej klar",
            "",
        ]
    ),
    VALUE,
)
COUNT = st.one_of(
    st.none(), st.integers(-3, 60), st.sampled_from(["3 st", "0", "", "tre"]), sv_number()
)
ROW_LABEL = st.one_of(
    st.sampled_from(
        [
            "Taxor och avgifter",
            "Försäljning av verksamhet",
            "Personalkostnader",
            "Lokalkostnader",
            "Övriga kostnader",
            "Summa intäkter",
            "Summa kostnader",
            "Summa netto",
            "Intäkter, övriga",
        ]
    ),
    sv_text,
)
AMOUNT = st.one_of(VALUE, st.integers(-50_000, 50_000).map(lambda n: f"{n:,}".replace(",", " ")))

# Realistic values for fields whose name says what they hold; any other field of a
# given type gets the generic strategy for that type.
BY_ALIAS: dict[str, st.SearchStrategy[Any]] = {
    "år": YEAR,
    "datum": DATE,
    "startdatum": DATE,
    "slutdatum": DATE,
    "status": STATUS,
    "nummer": st.one_of(
        st.sampled_from(["1", "2", "3", "1.3", "3.1", "3.4", "9.9"]), st.integers(0, 12), VALUE
    ),
    "period": st.one_of(YEAR, YEAR.map(lambda y: f"VB {y}"), YEAR.map(lambda y: f"T1 {y}"), VALUE),
    "föregående_rubrik": st.one_of(YEAR.map(lambda y: f"Utfall VB {y}"), sv_text),
    "t1": COUNT,
    "t2": COUNT,
    "vb": COUNT,
    "totalt": COUNT,
    "rad": ROW_LABEL,
    "utfall": AMOUNT,
    "budget": AMOUNT,
    "avvikelse": AMOUNT,
    "periodicitet": st.sampled_from(["År", "Tertial", "Månad"]),
    "typ": st.sampled_from(["VP", "T1", "T2", "VB"]),
}
LIST_SIZE = 3


def _field_strategy(alias: str, annotation: Any, metadata: list[Any]) -> st.SearchStrategy[Any]:
    if Placeholder in get_args(annotation):  # a value, or "[fyll i: …]" still to be written
        rest = tuple(a for a in get_args(annotation) if a is not Placeholder)
        written = _field_strategy(alias, Union[rest], metadata)
        return st.one_of(written, st.sampled_from(["[fyll i: uppgift]", " [Fyll i: värde] "]))
    members = [m for m in unwrap(annotation) if m is not type(None)]
    if Unknown in members:  # a status or marker as written, or {okänd: …}
        rest = tuple(m for m in members if m is not Unknown)
        written = _field_strategy(alias, Union[(*rest, type(None))], metadata)
        return st.one_of(written, st.builds(lambda why: {"okänd": why}, sv_text))
    for m in members:
        if get_origin(m) is dict:  # the complaints table's group labels
            keys = get_args(get_args(m)[0])
            return st.one_of(
                st.none(), st.dictionaries(st.sampled_from(keys), sv_text, max_size=len(keys))
            )
    for m in members:
        if get_origin(m) is list:
            item = next(a for a in unwrap(get_args(m)[0]) if a is not type(None))
            return st.one_of(
                st.lists(model_strategy(item), min_size=1, max_size=LIST_SIZE),
                st.builds(list),
                st.none(),
            )  # a fresh list: no YAML alias
    models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
    if models:
        sub = model_strategy(models[0])
        if metadata:  # a free-text section: plain text or the mapping
            return st.one_of(st.none(), sv_text, sub)
        return st.one_of(st.none(), sub)
    literals = [m for m in members if get_origin(m) is Literal]
    if literals:
        return st.one_of(st.none(), st.sampled_from(get_args(literals[0])))
    if alias in BY_ALIAS and members != [bool]:
        strategy = BY_ALIAS[alias]
        if members == [str]:  # a text field: only the text the strategy gives
            strategy = strategy.filter(lambda v: isinstance(v, str))
        elif members == [int]:
            strategy = strategy.filter(lambda v: isinstance(v, int) and not isinstance(v, bool))
        return st.one_of(st.none(), strategy)
    if members == [bool]:
        return st.one_of(st.none(), st.booleans())
    if members == [int]:
        return st.one_of(st.none(), st.integers())
    if members == [str]:
        return st.one_of(st.none(), sv_text)
    if set(members) == {int, float, str}:
        return VALUE
    raise AssertionError(f"the generator does not know the field type {annotation!r}")


_STRATEGIES: dict[type[BaseModel], st.SearchStrategy[dict[str, Any]]] = {}


def unwrap_all(annotation: Any) -> set[Any]:
    """The types in an annotation, list items included."""
    found: set[Any] = set()
    for m in unwrap(annotation):
        found.add(m)
        if get_origin(m) is list:
            found |= unwrap_all(get_args(m)[0])
    return found


def _is_container(annotation: Any) -> bool:
    return any(
        get_origin(m) is list or (isinstance(m, type) and issubclass(m, BaseModel))
        for m in unwrap(annotation)
    )


def model_strategy(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    """Random structure: any subset of the model's fields, each with a valid value.

    Sections and lists are drawn more often than single values, so that generated
    reports reach the indicators, activities and table rows that most rules judge.
    """
    if model in _STRATEGIES:
        return _STRATEGIES[model]
    fields = [
        (
            info.alias or name,
            # a field that holds the model itself (nested avsnitt) is drawn rarely,
            # so that generated reports stay finite
            "recursive" if model in unwrap_all(info.annotation) else _is_container(info.annotation),
            st.deferred(
                lambda i=info, n=name: _field_strategy(i.alias or n, i.annotation, i.metadata)
            ),
        )
        for name, info in model.model_fields.items()
    ]

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for alias, container, strategy in fields:
            odds = 1 if container == "recursive" else 8 if container else 6
            if draw(st.integers(0, 9)) < odds:
                out[alias] = draw(strategy)
        return out

    _STRATEGIES[model] = build()
    return _STRATEGIES[model]


@st.composite
def valid_reports(draw: st.DrawFn) -> dict[str, Any]:
    report = draw(model_strategy(Report))
    if draw(st.integers(0, 9)):  # mostly with a header, so that the rules engage
        header = dict(report.get("rapport") or {})
        header.setdefault("typ", draw(st.sampled_from(["VP", "T1", "T2", "VB"])))
        header.setdefault("år", draw(YEAR))
        report = {"rapport": header, **{k: v for k, v in report.items() if k != "rapport"}}
    return report


@SETTINGS
@given(report=valid_reports())
def test_any_valid_report_is_checked_without_internal_error(
    report: dict[str, Any], engine: Engine, workdir: Path
) -> None:
    Report.model_validate(report)  # the generator builds valid reports only
    path = workdir / "generated.yaml"
    path.write_text(yaml.safe_dump(report, allow_unicode=True, sort_keys=False), encoding="utf-8")
    findings = check_file(engine, path)
    unreadable = [
        f
        for f in findings
        if f.code == "RK104" or (f.code == "RK105" and f.severity is Severity.ERROR)
    ]
    assert not unreadable, "\n".join(f"{f.code} {f.line}: {f.message.en}" for f in unreadable)


# -- (b) mutations of the sample reports -------------------------------------------------------

INSERTS = [
    "\t",
    ":",
    ": ",
    '"',
    "'",
    "[",
    "]",
    "{",
    "}",
    "- ",
    "#",
    "&a ",
    "*a",
    "*a ",
    "? ",
    "|",
    ">",
    "%",
    "@",
    "`",
    "!",
    "!!python/object/apply:os.system ['touch " + str(MARKER) + "'] ",
    "!include x.yaml ",
    "!!binary ",
    "!!int ",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\u2028",
    "\x85",
    "\ufeff",
    "\r",
    "\r\n",
    "\n",
    "---\n",
    "...\n",
    "  ",
    "\u200b",
    "å",
    "€",
    "😀",
    "\\",
    "\\q",
    "~",
    "null",
    "yes",
    "- - - - - ",
    "[[[[[[[[",
    "{a: {b: {c: ",
]
TEXTS = [
    "ett hundra",
    "många",
    "",
    "n/a",
    "1,2,3",
    "9,5 %",
    "-",
    ".nan",
    ".inf",
    "-.inf",
    "1e999",
    "0x1F",
    "1:20",
    "99999999999999999999999",
    "[1, 2]",
    "{a: 1}",
    "~",
    "yes",
    "'9,5 %'",
    '"3 204"',
    "−3 204",
    "1 945 GWh",
]
_NUMBER = re.compile(rb"-?\d[\d ,.]*")


def _at(data: bytes, where: int) -> int:
    return where % (len(data) + 1)


def _line_span(data: bytes, where: int) -> tuple[int, int]:
    lines = data.split(b"\n")
    n = where % max(1, len(lines))
    start = sum(len(x) + 1 for x in lines[:n])
    return start, min(len(data), start + len(lines[n]) + 1)


def m_delete_line(data: bytes, where: int, _: Any) -> bytes:
    a, b = _line_span(data, where)
    return data[:a] + data[b:]


def m_duplicate_line(data: bytes, where: int, _: Any) -> bytes:
    a, b = _line_span(data, where)
    return data[:b] + data[a:b] + data[b:]


def m_swap_chars(data: bytes, where: int, _: Any) -> bytes:
    text = data.decode("utf-8", "surrogateescape")
    if len(text) < 2:
        return data
    i = where % (len(text) - 1)
    return (text[:i] + text[i + 1] + text[i] + text[i + 2 :]).encode("utf-8", "surrogateescape")


def m_insert(data: bytes, where: int, what: str) -> bytes:
    i = _at(data, where)
    while i < len(data) and (data[i] & 0xC0) == 0x80:  # not inside a UTF-8 sequence
        i += 1
    return data[:i] + what.encode() + data[i:]


def m_truncate(data: bytes, where: int, _: Any) -> bytes:
    return data[: _at(data, where)]  # may cut a UTF-8 sequence in two: that is the point


def m_number_to_text(data: bytes, where: int, text: str) -> bytes:
    numbers = list(_NUMBER.finditer(data))
    if not numbers:
        return data
    m = numbers[where % len(numbers)]
    return data[: m.start()] + text.encode() + data[m.end() :]


def m_indent(data: bytes, where: int, width: int) -> bytes:
    a, b = _line_span(data, where)
    line = data[a:b]
    if width >= 0:
        return data[:a] + b" " * width + line + data[b:]
    return data[:a] + line[min(-width, len(line) - len(line.lstrip(b" "))) :] + data[b:]


def m_reencode(data: bytes, where: int, encoding: str) -> bytes:
    text = data.decode("utf-8", "replace")
    return text.encode(encoding, "replace")


def m_delete_span(data: bytes, where: int, length: int) -> bytes:
    i = _at(data, where)
    return data[:i] + data[i + length :]


Mutation = tuple[Callable[[bytes, int, Any], bytes], int, Any]
WHERE = st.integers(0, 1 << 20)
mutations: st.SearchStrategy[Mutation] = st.one_of(
    st.tuples(st.just(m_delete_line), WHERE, st.none()),
    st.tuples(st.just(m_duplicate_line), WHERE, st.none()),
    st.tuples(st.just(m_swap_chars), WHERE, st.none()),
    st.tuples(st.just(m_insert), WHERE, st.sampled_from(INSERTS)),
    st.tuples(st.just(m_truncate), WHERE, st.none()),
    st.tuples(st.just(m_number_to_text), WHERE, st.sampled_from(TEXTS)),
    st.tuples(st.just(m_indent), WHERE, st.integers(-6, 6)),
    st.tuples(
        st.just(m_reencode), WHERE, st.sampled_from(["cp1252", "latin-1", "utf-16", "utf-8-sig"])
    ),
    st.tuples(st.just(m_delete_span), WHERE, st.integers(1, 40)),
)


def assert_located(findings: list[Finding], data: bytes) -> None:
    """Every finding points into the file (a line past the last one is the end)."""
    last = max(1, data.count(b"\n") + data.count(b"\r") + 1)
    for f in findings:
        assert 1 <= f.line <= last + 1 and f.column >= 1, (f.code, f.line, f.column, last)


def test_samples_exist() -> None:
    assert len(SAMPLES) >= 8


@SETTINGS
@given(sample=st.sampled_from(SAMPLES), steps=st.lists(mutations, min_size=1, max_size=4))
def test_mutated_samples_never_crash(
    sample: Path, steps: list[Mutation], engine: Engine, workdir: Path
) -> None:
    data = sample.read_bytes()
    for mutate, where, arg in steps:
        data = mutate(data, where, arg)
    path = workdir / "mutated.yaml"
    path.write_bytes(data)
    MARKER.unlink(missing_ok=True)
    findings = check_file(engine, path)
    assert_located(findings, data)
    assert not MARKER.exists(), "a tag was executed"


# -- (c) arbitrary input ----------------------------------------------------------------------


@SETTINGS
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(
            st.sampled_from(
                INSERTS
                + TEXTS
                + [
                    "rapport:",
                    "  typ: VB",
                    "  år: 2024",
                    "\n",
                    "inriktningsmål:",
                    "  - status: ",
                    "kvalitetsarbete:",
                    " ",
                ]
            ),
            max_size=60,
        ).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
    )
)
def test_arbitrary_input_never_crashes(data: bytes, engine: Engine, workdir: Path) -> None:
    path = workdir / "arbitrary.yaml"
    path.write_bytes(data)
    findings = check_file(engine, path)
    assert_located(findings, data)


def test_mutations_are_deterministic() -> None:
    """The mutation helpers are pure: the same input gives the same output (for CI)."""
    rnd = random.Random(0)
    data = SAMPLES[0].read_bytes()
    for mutate, arg in [
        (m_delete_line, None),
        (m_insert, "\t"),
        (m_number_to_text, "många"),
        (m_indent, -3),
        (m_reencode, "cp1252"),
        (m_swap_chars, None),
    ]:
        where = rnd.randrange(1 << 20)
        assert mutate(data, where, arg) == mutate(data, where, arg)
