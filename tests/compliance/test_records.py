"""Bad records: each gives a RecordError naming the employer and the field."""

import pytest

from compliance import RecordError, assess, assess_many


def error_of(record) -> RecordError:
    with pytest.raises(RecordError) as caught:
        assess(record)
    return caught.value


def test_a_line_that_is_not_an_object():
    assert error_of([1, 2]).field is None


@pytest.mark.parametrize("value", [None, "", 17])
def test_employer_id_is_required(employer, value):
    assert error_of(employer(employer_id=value)).field == "employer_id"


def test_unknown_jurisdiction(employer):
    error = error_of(employer(jurisdiction="XX"))
    assert error.field == "jurisdiction"
    assert "XX" in error.message and "CN-ZJ" in error.message  # names the known ones


@pytest.mark.parametrize("code", ["../CN", "cn", "CN/../CN"])
def test_a_jurisdiction_is_never_a_path(employer, code):
    assert error_of(employer(jurisdiction=code)).field == "jurisdiction"


@pytest.mark.parametrize("jurisdiction, year", [("CN-ZJ", 2028), ("CN", 2014), ("JP", 2023), ("DE", 2023)])
def test_a_year_without_rules(employer, jurisdiction, year):
    error = error_of(employer(jurisdiction, year=year))
    assert error.field == "year"
    assert str(year) in error.message


@pytest.mark.parametrize("year", ["2025", 2025.0, True])
def test_year_must_be_a_whole_number(employer, year):
    assert error_of(employer(year=year)).field == "year"


def test_staff_or_staff_by_month_is_required(employer):
    record = employer()
    del record["staff"]
    assert error_of(record).field == "staff"


@pytest.mark.parametrize("value", [-1, "-0.5", "abc", True, "NaN", "Infinity", [100], "1e40"])
def test_staff_must_be_a_non_negative_number(employer, value):
    assert error_of(employer(staff=value)).field == "staff"


def test_thirteen_months_of_staff(employer):
    error = error_of(employer(staff_by_month=[100] * 13))
    assert error.field == "staff_by_month"
    assert "13 months" in error.message


def test_an_empty_month_list(employer):
    assert error_of(employer(staff_by_month=[])).field == "staff_by_month"


def test_a_negative_month(employer):
    assert error_of(employer(staff_by_month=[100, 100, -3])).field == "staff_by_month[2]"


@pytest.mark.parametrize("months", [13, -1, "12.5x"])
def test_an_employee_with_impossible_months(employer, months):
    error = error_of(employer(disabled_employees=[{"grade": 3, "months": 12}, {"grade": 3, "months": months}]))
    assert error.field == "disabled_employees[1].months"
    if months == 13:
        assert error.message == "13 months; a year has at most 12"


def test_employee_months_beyond_the_staff_months(employer):
    error = error_of(employer(staff_by_month=[100] * 6, disabled_employees=[{"grade": 3, "months": 7}]))
    assert error.field == "disabled_employees[0].months"


def test_employee_months_are_required(employer):
    assert error_of(employer(disabled_employees=[{"grade": 3}])).field == "disabled_employees[0].months"


@pytest.mark.parametrize("field", ["avg_wage", "local_avg_wage"])
def test_china_needs_both_wages(employer, field):
    record = employer()
    del record[field]
    assert error_of(record).field == field
    assert error_of(employer(**{field: -80000})).field == field


def test_china_needs_a_grade_or_a_veteran_grade(employer):
    error = error_of(employer(disabled_employees=[{"months": 12, "grade": None, "veteran_grade": None}]))
    assert error.field == "disabled_employees[0].grade|veteran_grade"


@pytest.mark.parametrize("item, field", [
    ({"months": 12, "grade": 5}, "grade"),
    ({"months": 12, "grade": "1"}, "grade"),
    ({"months": 12, "veteran_grade": 11}, "veteran_grade"),
    ({"months": 12, "grade": 1, "severe": "yes"}, "severe"),
    ({"months": 12, "grade": 1, "hours_per_week": 200}, "hours_per_week"),
])
def test_employee_fields_out_of_range(employer, item, field):
    assert error_of(employer(disabled_employees=[item])).field == f"disabled_employees[0].{field}"


def test_japan_needs_hours_and_severity(employer):
    for field in ("hours_per_week", "severe"):
        item = {"months": 12, "hours_per_week": 40, "severe": False}
        del item[field]
        assert error_of(employer("JP", disabled_employees=[item])).field == f"disabled_employees[0].{field}"


def test_japan_needs_the_short_time_workers(employer):
    record = employer("JP")
    del record["short_time_staff"]
    assert error_of(record).field == "short_time_staff"


def test_short_time_months_must_match_the_staff_months(employer):
    record = employer("JP", staff_by_month=[200] * 12, short_time_staff_by_month=[10] * 11)
    assert error_of(record).field == "short_time_staff_by_month"


def test_france_needs_the_years_without_action(employer):
    record = employer("FR")
    del record["no_action_years"]
    assert error_of(record).field == "no_action_years"


def test_years_without_action_are_whole(employer):
    assert error_of(employer("FR", no_action_years=1.5)).field == "no_action_years"


def test_germany_needs_weekly_hours(employer):
    assert error_of(employer("DE", disabled_employees=[{"months": 12}])).field == "disabled_employees[0].hours_per_week"


def test_the_message_names_line_employer_and_field(employer):
    error = error_of(employer(employer_id="9133060400000000XX", staff_by_month=[1] * 13))
    error.line = 7
    assert str(error) == ("line 7, employer 9133060400000000XX, field staff_by_month: "
                          "13 months given; a year has at most 12")


def test_fields_a_jurisdiction_does_not_use_may_be_absent_or_null(employer):
    assess(employer(hourly_min_wage=None, short_time_staff=None, no_action_years=None,
                    disabled_employees=[{"grade": 1, "months": 12}]))
    assess(employer("DE", disabled_employees=[{"months": 12, "hours_per_week": 40}]))


def test_batch_reports_bad_records_by_their_number(employer):
    results = list(assess_many([employer(), employer(staff=-1), employer(jurisdiction="XX")]))
    assert results[0].levy_due == 108000
    assert [(r.line, r.field) for r in results[1:]] == [(2, "staff"), (3, "jurisdiction")]
