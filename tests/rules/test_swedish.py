"""``checker.swedish``, the rules' numbers and dates: read as authors write them, never raise."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.swedish import (
    format_number,
    norm_words,
    out_of_range,
    parse,
    parse_count,
    parse_date,
)

# -- numbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,value,unit",
    [
        ("9,5 %", 9.5, "%"),
        ("1 945 GWh", 1945, "GWh"),
        ("9 000 st", 9000, "st"),
        ("51,85 %", 51.85, "%"),
        ("-3 204", -3204, ""),
        ("−3 204", -3204, ""),
        ("1.820milj kr", 1.82, "milj kr"),
        ("69", 69, ""),
        (69, 69, ""),
        (2.5, 2.5, ""),
        ("1,9 kg CO2 per kg livsmedel", 1.9, "kg CO2 per kg livsmedel"),
        ("29\u00a0196", 29196, ""),
        ("  9\n%  ", 9, "%"),
        ("999 999 999 999 999", 999_999_999_999_999, ""),
    ],
)
def test_swedish_numbers_passing(raw: object, value: float, unit: str) -> None:
    q = parse(raw)
    assert q is not None and q.value == pytest.approx(value) and q.unit == unit
    assert not out_of_range(raw)


@pytest.mark.parametrize(
    "raw", ["öka", "Tas fram av nämnd", "", "ungefär nio", None, True, [1], "%", "9 %\nmer text"]
)
def test_swedish_numbers_failing_give_none_not_a_crash(raw: object) -> None:
    assert parse(raw) is None
    assert not out_of_range(raw)


@pytest.mark.parametrize(
    "raw",
    [
        int("9" * 400),
        -int("9" * 400),
        "9" * 400,
        "9" * 400 + " %",
        "1 000 000 000 000 000",
        10**15,
        float("inf"),
        float("-inf"),
        float("nan"),
        1e300,
    ],
)
def test_numbers_out_of_range_are_unreadable_not_a_crash(raw: object) -> None:
    assert parse(raw) is None
    assert out_of_range(raw)
    assert parse_count(raw) == (None, False)


@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.booleans()))
def test_parse_never_raises(raw: object) -> None:
    q = parse(raw)
    assert q is None or abs(q.value) < 1e15
    parse_count(raw)
    out_of_range(raw)


@given(st.text(alphabet="0123456789 ,.-−+e%", max_size=60))
def test_parse_never_raises_on_number_like_text(raw: str) -> None:
    parse(raw)


def test_counts_blank_is_zero_and_st_is_accepted() -> None:
    assert parse_count(None) == (0.0, True)
    assert parse_count("3 st") == (3.0, True)
    assert parse_count("tre") == (None, False)


@pytest.mark.parametrize(
    "value,text",
    [
        (3.0, "3"),
        (-1241.0, "-1 241"),
        (28980.0, "28 980"),
        (1.5, "1,5"),
        (0.1 + 0.2, "0,3"),
        (1234567.891, "1 234 567,89"),
        (-0.001, "0"),
        (0.0, "0"),
    ],
)
def test_format_number_groups_thousands_and_uses_a_decimal_comma(value: float, text: str) -> None:
    assert format_number(value) == text


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e14, max_value=1e14))
def test_format_number_reads_back(value: float) -> None:
    q = parse(format_number(value))
    assert q is not None and q.value == pytest.approx(value, abs=0.01)


# -- dates -----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,date",
    [
        ("2024-02-21", dt.date(2024, 2, 21)),
        (" 2024-02-29 ", dt.date(2024, 2, 29)),
        ("2023-02-30", None),
        ("2023-13-01", None),
        ("20240221", None),
        ("2024-W08-3", None),
        ("2024-02-21T10:00", None),
        ("21 februari 2024", None),
        ("", None),
        (None, None),
        (20240221, None),
        ("２０２４-０２-２１", None),  # full-width digits
    ],
)
def test_parse_date_only_real_dates_written_yyyy_mm_dd(raw: object, date: dt.date | None) -> None:
    assert parse_date(raw) == date


# -- words -----------------------------------------------------------------


def test_norm_words_ignores_case_spacing_and_unicode_form() -> None:
    assert norm_words("Ej  Genomfo\u0308rd") == norm_words("ej genomförd") == "ejgenomförd"
    assert norm_words("nämnd/s\ntyrelse") == "nämnd/styrelse"


# -- Round 2: numbers as Swedish authors write them ----------------------------------


@pytest.mark.parametrize(
    "raw,value",
    [
        ("3\u2009204", 3204),
        ("3\u202f204", 3204),
        ("3\u00a0204", 3204),
        ("3 204-", -3204),
        ("(3 204)", -3204),
        ("(3 204) tkr", -3204),
    ],
)
def test_parse_thin_spaces_trailing_minus_and_parentheses(raw: str, value: float) -> None:
    q = parse(raw)
    assert q is not None and q.value == value


@pytest.mark.parametrize("raw", ["-3 204-", "(-3 204)", "nan", "inf", ".nan"])
def test_parse_two_signs_or_no_number_is_unreadable(raw: str) -> None:
    assert parse(raw) is None


def test_parse_amount_reads_a_dot_before_thousands_groups() -> None:
    from checker.swedish import parse_amount

    assert parse_amount("29.196") is not None and parse_amount("29.196").value == 29196  # type: ignore[union-attr]
    assert parse_amount("1.245.300").value == 1245300  # type: ignore[union-attr]
    assert parse_amount("9.5").value == 9.5  # type: ignore[union-attr]
    assert parse("29.196").value == 29.196  # type: ignore[union-attr]  # outside a tkr table


def test_procent_is_the_same_unit_as_percent() -> None:
    from checker.swedish import norm_unit

    assert norm_unit("procent") == norm_unit(" % ") == "%"


def test_natural_order_of_names_with_numbers_and_other_digits() -> None:
    from checker.swedish import natural_key

    names = ["Enhet 10", "enhet 2", "Älvsjö 1", "Enhet 2b", "Z", "x²", "x٣", "3", ""]
    ordered = sorted(names, key=natural_key)
    assert ordered == ["", "3", "enhet 2", "Enhet 2b", "Enhet 10", "x٣", "x²", "Z", "Älvsjö 1"]
    assert natural_key("Enhet 10") == ((1, 0, "enhet "), (0, 10, ""))
