"""Parsing the bureau's social-insurance files: every problem named by file, line and column."""

import io

import pytest
from openpyxl import Workbook

from services.insurance import parse_file, parse_months
from tests.factories import certificate_number, credit_code


def test_months_are_read_as_ranges_and_lists():
    assert parse_months("1-12") == list(range(1, 13))
    assert parse_months("1-3, 9，11") == [1, 2, 3, 9, 11]
    for bad in ("", "0", "13", "5-2", "a", "1-"):
        with pytest.raises(ValueError):
            parse_months(bad)


def test_a_good_csv_gives_one_payment_per_month_and_ignores_other_columns():
    number, code = certificate_number(), credit_code()
    data = f"姓名,证件号码,统一社会信用代码,年度,缴费月份\n张三,{number},{code},2025,1-3\n".encode("utf-8-sig")
    parsed = parse_file("ok.csv", data)
    assert parsed.problems == [] and parsed.rows == 1
    assert parsed.payments == {(number[:18], code, 2025, m) for m in (1, 2, 3)}


@pytest.mark.parametrize("data, code, column", [
    (b"\xff\xfe\x00garbage", "unreadable", None),
    (b"", "empty", None),
    (b"id_number,credit_code,year\n", "missing_column", "months"),
])
def test_a_file_that_cannot_be_used_is_named(data, code, column):
    problem = parse_file("f.csv", data).problems[0]
    assert (problem.code, problem.column) == (code, column)


def test_xlsx_rows_are_checked_like_csv_rows():
    book = Workbook()
    book.active.append(["id_number", "credit_code", "year", "months"])
    book.active.append([certificate_number(), "91330604MA2000001X", 2025, "1-12"])  # wrong check character
    book.active.append([certificate_number(), credit_code(), 1999, "1-12"])
    buffer = io.BytesIO()
    book.save(buffer)
    problems = parse_file("si.xlsx", buffer.getvalue()).problems
    assert [(p.line, p.column) for p in problems] == [(2, "credit_code"), (3, "year")]


def test_a_broken_workbook_is_unreadable():
    assert parse_file("broken.xlsx", b"PK\x03\x04 not really").problems[0].code == "unreadable"


def test_only_ascii_digits_make_a_year_or_a_month_and_a_range_stays_within_the_year():
    for bad in ("²", "1-10000000", "1-13", "0-3", "1-2-3", "１-３", "٣", "1--3"):
        with pytest.raises(ValueError):
            parse_months(bad)
    number, code = certificate_number(), credit_code()
    data = (f"id_number,credit_code,year,months\n{number},{code},²⁰²⁵,1-3\n{number},{code},2025,1-10000000\n"
            f"{number},{code},٢٠٢٥,1\n").encode()
    problems = parse_file("bad.csv", data).problems
    assert [(p.line, p.column, p.value) for p in problems] == [(2, "year", "²⁰²⁵"), (3, "months", "1-10000000"),
                                                               (4, "year", "٢٠٢٥")]
