"""The public API for rule packs: everything a rule needs, from one module.

A pack declares rules with ``@rule(...)`` and registers them with
``rapportkoll_rules = family(__name__)`` (or a ``@hookimpl`` of its own);
see the README's "Writing a rule pack" and ``checker.engine.hookspecs``.
The built-in rules in ``rules/`` import nothing else of ``checker`` (a test
holds them to it), so this module offers exactly what they use:

Declaring a rule
    ``rule``, ``Rule``, ``Doc``, ``Msg``, ``Severity``, ``Violation``,
    ``family``, ``hookimpl``, ``hookspec``; ``INTERNAL_ERROR_CODE`` (RK000),
    the code of a rule that could not finish.
Fixes (``--fix``)
    ``FixIntent`` (a fix by meaning), ``set_value`` (replace the value at a
    path), ``renumber`` (a number written anew as the author wrote it).
The report as a rule reads it
    ``ReportContext`` (what every check receives), ``GoalRef`` (a goal with
    its level and parents, from ``ctx.goals()``), ``DocPath`` (a place in the
    document), ``RunReport`` (one report as a run rule sees it), and the
    report's parts: ``Report``, ``Header``, ``TextSection``, ``Subsection``,
    ``DirectionGoal``, ``AreaGoal``, ``CommitteeGoal``, ``DepartmentGoal``,
    ``UnitGoal``, ``Indicator``, ``Activity``, ``Economy``,
    ``IncomeStatement``, ``BudgetRow``, ``Quality``, ``Complaints``,
    ``ComplaintRow``, ``UnplacedText`` and ``Unknown`` (``{okänd: …}``, a value
    the export lost). Each part's ``FIELDS`` maps its attributes to the
    report's keys.
    ``label(data, path)``: a place as quality staff name it ("KF 3.1 ›
    Enhetsmål »…« › status").
Reference data (files in a data folder that staff edit)
    ``DataModel``, the base of a file's model (declared as with pydantic, checked
    without it when the data plainly fits), with ``Field`` and ``field_validator``
    for its declarations; ``register_schema`` names the file a model reads; ``DataError``, data that cannot be used.
    ``read_file`` and ``Document``: the safe YAML reader, with the line and
    column of every value (``Document.position``).
Swedish text and numbers
    ``parse``, ``parse_amount``, ``parse_count``, ``parse_date``,
    ``out_of_range``, ``Quantity``; ``format_number`` writes a number the
    Swedish way; ``nfc``, ``norm_words`` and ``norm_unit`` normalise text for
    comparison; ``ascii_lowered`` finds an ASCII word in any case at a fraction
    of ``str.lower``'s cost.
    ``is_placeholder``: a template's "[Fyll i …]" left in place.
    ``lazy_re``: a regular expression compiled when first used, not at import.
A rule module's own data
    ``Record`` and ``Frozen``: plain classes with a dataclass's equality and ``repr``
    (``Frozen``: hashed, unchangeable), without building one at every import.

Importing this module imports the engine's context and the reference-data
base, not pydantic; every name here is already loaded by a check.
"""

from __future__ import annotations

from checker.engine.context import GoalRef, ReportContext
from checker.engine.hookspecs import hookspec
from checker.engine.refdata import DataError, DataModel, Field, field_validator, register_schema
from checker.findings import INTERNAL_ERROR_CODE, Msg, Severity
from checker.lazyre import lazy_re
from checker.placeholder import is_placeholder
from checker.read.fastmodel import (
    Activity,
    AreaGoal,
    BudgetRow,
    CommitteeGoal,
    ComplaintRow,
    Complaints,
    DepartmentGoal,
    DirectionGoal,
    Economy,
    Header,
    IncomeStatement,
    Indicator,
    Quality,
    Report,
    Subsection,
    TextSection,
    UnitGoal,
    Unknown,
    UnplacedText,
)
from checker.read.labels import label
from checker.read.loader import Document, read_file
from checker.record import Frozen, Record
from checker.results import RunReport
from checker.rule import (
    Doc,
    DocPath,
    FixIntent,
    Rule,
    Violation,
    family,
    hookimpl,
    renumber,
    rule,
    set_value,
)
from checker.swedish import (
    Quantity,
    ascii_lowered,
    format_number,
    nfc,
    norm_unit,
    norm_words,
    out_of_range,
    parse,
    parse_amount,
    parse_count,
    parse_date,
)

__all__ = [
    "INTERNAL_ERROR_CODE",
    "Activity",
    "AreaGoal",
    "BudgetRow",
    "CommitteeGoal",
    "ComplaintRow",
    "Complaints",
    "DataError",
    "DataModel",
    "DepartmentGoal",
    "DirectionGoal",
    "Doc",
    "DocPath",
    "Document",
    "Economy",
    "Field",
    "FixIntent",
    "Frozen",
    "GoalRef",
    "Header",
    "IncomeStatement",
    "Indicator",
    "Msg",
    "Quality",
    "Quantity",
    "Record",
    "Report",
    "ReportContext",
    "Rule",
    "RunReport",
    "Severity",
    "Subsection",
    "TextSection",
    "UnitGoal",
    "Unknown",
    "UnplacedText",
    "Violation",
    "ascii_lowered",
    "family",
    "field_validator",
    "format_number",
    "hookimpl",
    "hookspec",
    "is_placeholder",
    "label",
    "lazy_re",
    "nfc",
    "norm_unit",
    "norm_words",
    "out_of_range",
    "parse",
    "parse_amount",
    "parse_count",
    "parse_date",
    "read_file",
    "register_schema",
    "renumber",
    "rule",
    "set_value",
]
