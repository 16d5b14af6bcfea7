"""China (national defaults, and Zhejiang, which inherits them): each rule of domain.md, by hand."""

import json
from decimal import Decimal as D

import pytest

from compliance import RecordError, RuleBook, assess, kind_from_credit_code
from compliance.rulesets import RULES_DIR


def grade(g, months=12):
    return {"grade": g, "months": months, "veteran_grade": None}


def test_public_example_100_staff_no_disabled_wage_80000(employer):
    result = assess(employer(staff=100, avg_wage=80000, local_avg_wage=90000))
    # 100 x 1.5% = 1.5 short; 1.5 x 80,000 = 120,000 before the reduction; ratio 0% < 1%: 90% -> 108,000
    assert (result.required, result.counted, result.shortfall) == (D("1.5"), D(0), D("1.5"))
    assert (result.exempt, result.tier, result.levy_due, result.currency) == (False, "reduced-90", D("108000.00"), "CNY")
    words = " ".join(step["en"] for step in result.steps)
    assert "CNY 120,000.00" in words and "CNY 108,000.00" in words
    assert "120,000.00 元" in " ".join(step["zh"] for step in result.steps)


def test_public_example_200_staff_no_disabled_wage_20000(employer):
    result = assess(employer(staff=200, avg_wage=20000, local_avg_wage=90000))
    # 200 x 1.5% = 3; 3 x 20,000 = 60,000 before the reduction; then 90%: 54,000
    assert result.shortfall == D(3)
    assert "60,000.00" in " ".join(step["en"] for step in result.steps)
    assert result.levy_due == D("54000.00")


def test_national_rules_give_the_same_as_zhejiang(employer):
    assert assess(employer("CN")).levy_due == assess(employer("CN-ZJ")).levy_due == D("108000.00")


def test_wage_capped_at_twice_the_local_average(employer):
    result = assess(employer(avg_wage=200000, local_avg_wage=80000))
    # cap 2 x 80,000 = 160,000 < 200,000; 1.5 x 160,000 = 240,000; x 90% = 216,000
    assert result.levy_due == D("216000.00")


def test_wage_below_the_cap_is_used_as_it_is(employer):
    # 2 x 40,000 = 80,000 is not below the employer's 80,000: 1.5 x 80,000 x 90% = 108,000
    assert assess(employer(avg_wage=80000, local_avg_wage=40000)).levy_due == D("108000.00")


@pytest.mark.parametrize("year, levy", [
    # data 2015, collected 2016: no cap yet; 1.5 x 300,000 = 450,000 in full
    (2015, "450000.00"),
    # data 2016, collected July 2017: 3x cap from 2017-04; 1.5 x 3 x 80,000 = 360,000 in full
    (2016, "360000.00"),
    # data 2017, collected July 2018: 2x cap from 2018-04; 1.5 x 2 x 80,000 = 240,000 in full
    (2017, "240000.00"),
])
def test_wage_cap_follows_the_collection_year(employer, year, levy):
    result = assess(employer(year=year, avg_wage=300000, local_avg_wage=80000))
    assert (result.tier, result.levy_due) == ("full", D(levy))


def test_ratio_of_exactly_one_percent_pays_half(employer):
    result = assess(employer(staff=200, avg_wage=50000, disabled_employees=[grade(3), grade(3)]))
    # required 200 x 1.5% = 3; counted 2; ratio 2 / 200 = 1%: 50%; (3 - 2) x 50,000 x 50% = 25,000
    assert (result.counted, result.shortfall, result.tier, result.levy_due) == (D(2), D(1), "reduced-50", D("25000.00"))


def test_ratio_just_below_one_percent_pays_ninety_percent(employer):
    result = assess(employer(staff=200, avg_wage=50000, disabled_employees=[grade(3), grade(3, months=11)]))
    # counted 1 + 11/12 = 23/12 = 1.9167; ratio 0.958% < 1%: 90%
    # shortfall 3 - 23/12 = 13/12; 13/12 x 50,000 = 54,166.666...; x 90% = 48,750.00
    assert (result.counted, result.shortfall, result.tier) == (D("1.9167"), D("1.0833"), "reduced-90")
    assert result.levy_due == D("48750.00")


@pytest.mark.parametrize("employees", [[grade(3)] * 3, [grade(3)] * 4])
def test_at_or_above_the_quota_nothing_is_due(employer, employees):
    result = assess(employer(staff=200, disabled_employees=employees))
    # required 3; counted 3 or 4: no shortfall, no tier
    assert (result.shortfall, result.tier, result.levy_due) == (D(0), None, D(0))
    assert "nothing to pay" in result.steps[-1]["en"]


@pytest.mark.parametrize("staff, exempt, levy", [
    (30, True, "0"),
    # 30.01 x 1.5% = 0.45015; x 80,000 = 36,012; x 90% = 32,410.80
    ("30.01", False, "32410.80"),
    # 31 x 1.5% = 0.465; x 80,000 = 37,200; x 90% = 33,480
    (31, False, "33480.00"),
])
def test_thirty_staff_or_fewer_are_exempt(employer, staff, exempt, levy):
    result = assess(employer(staff=staff))
    assert (result.exempt, result.levy_due) == (exempt, D(levy))
    assert result.tier == (None if exempt else "reduced-90")


def test_exemption_uses_the_yearly_average(employer):
    # (29 + 31) x 6 / 12 = 30: exempt
    assert assess(employer(staff_by_month=[29, 31] * 6)).exempt is True


def test_thirty_staff_exemption_from_the_2017_collection_none_before(employer):
    # 财税〔2017〕18号 applies from April 2017: to data year 2016 (collected 2017), not to data year 2015
    assert assess(employer(year=2016, staff=25)).exempt is True
    result = assess(employer(year=2015, staff=25))
    # 2015: 25 x 1.5% = 0.375; x 80,000 = 30,000, in full (no reductions before the 2020 collection)
    assert (result.exempt, result.tier, result.levy_due) == (False, "full", D("30000.00"))


@pytest.mark.parametrize("year, tier, levy", [
    # data 2018, collected 2019: before 财政部公告2019年第98号; 1.5 x 80,000 = 120,000 in full
    (2018, "full", "120000.00"),
    # data 2019, collected 2020: the first year of the tiers; x 90% = 108,000
    (2019, "reduced-90", "108000.00"),
    # data 2026, collected 2027: the last year of 财政部公告2023年第8号
    (2026, "reduced-90", "108000.00"),
    # data 2027, collected 2028: no rule extends the tiers
    (2027, "full", "120000.00"),
])
def test_reduction_tiers_apply_to_the_collections_of_2020_to_2027(employer, year, tier, levy):
    result = assess(employer(year=year))
    assert (result.tier, result.levy_due) == (tier, D(levy))
    assert f"collection in {year + 1}-07" in result.steps[0]["en"]


@pytest.mark.parametrize("year, exempt", [(2026, True), (2027, False)])
def test_small_enterprise_exemption_ends_with_the_2027_collection(employer, year, exempt):
    result = assess(employer(year=year, staff=25))
    # 2027: 25 x 1.5% = 0.375 x 80,000 = 30,000 in full
    assert (result.exempt, result.levy_due) == (exempt, D(0) if exempt else D("30000.00"))


@pytest.mark.parametrize("g, counted", [(1, 2), (2, 2), (3, 1), (4, 1)])
def test_grades_one_and_two_count_double(employer, g, counted):
    assert assess(employer(disabled_employees=[grade(g)])).counted == D(counted)


def test_weighted_count_sets_tier_and_shortfall(employer):
    result = assess(employer(staff=400, avg_wage=60000, disabled_employees=[grade(2), grade(3)]))
    # required 400 x 1.5% = 6; counted 2 + 1 = 3; ratio 0.75%: 90%; 3 x 60,000 x 90% = 162,000
    assert (result.counted, result.shortfall, result.levy_due) == (D(3), D(3), D("162000.00"))


def test_part_year_counts_months_over_twelve(employer):
    half = assess(employer(disabled_employees=[grade(3, months=6)]))
    # counted 1 x 6/12 = 0.5; ratio 0.5%: 90%; (1.5 - 0.5) x 80,000 x 90% = 72,000
    assert (half.counted, half.levy_due) == (D("0.5"), D("72000.00"))
    severe_half = assess(employer(disabled_employees=[grade(1, months=6)]))
    # counted 2 x 6/12 = 1; ratio 1%: 50%; (1.5 - 1) x 80,000 x 50% = 20,000
    assert (severe_half.counted, severe_half.tier, severe_half.levy_due) == (D(1), "reduced-50", D("20000.00"))


@pytest.mark.parametrize("veteran, counted, levy", [
    # veteran grade 3 counts 2: required 300 x 1.5% = 4.5; (4.5 - 2) x 80,000 x 90% = 180,000
    (3, 2, "180000.00"),
    # veteran grade 4 counts 1: (4.5 - 1) x 80,000 x 90% = 252,000
    (4, 1, "252000.00"),
    (8, 1, "252000.00"),
    # grade 9 and 10 are outside 72号's 1-8: 0 counted; 4.5 x 80,000 x 90% = 324,000
    (9, 0, "324000.00"),
    (10, 0, "324000.00"),
])
def test_disabled_veterans_count_by_grade(employer, veteran, counted, levy):
    result = assess(employer(staff=300, disabled_employees=[{"grade": None, "veteran_grade": veteran, "months": 12}]))
    assert (result.counted, result.levy_due) == (D(counted), D(levy))


def test_staff_is_the_average_of_the_monthly_figures(employer):
    result = assess(employer(staff_by_month=[100] * 6 + [106] * 6))
    # (6 x 100 + 6 x 106) / 12 = 103; 103 x 1.5% = 1.545; x 80,000 = 123,600; x 90% = 111,240
    assert (result.required, result.levy_due) == (D("1.545"), D("111240.00"))


def test_a_part_year_employer_averages_over_the_whole_year(employer):
    result = assess(employer(staff_by_month=[120] * 6))
    # months without staff count as none, as part-year employees count months / 12: 6 x 120 / 12 = 60
    # 60 x 1.5% = 0.9; x 80,000 = 72,000; x 90% = 64,800
    assert (result.staff, result.levy_due) == (D(60), D("64800.00"))


def test_staff_is_not_rounded_by_default(employer):
    # (6 x 100 + 6 x 101) / 12 = 100.5; 100.5 x 1.5% = 1.5075
    assert assess(employer(staff_by_month=[100] * 6 + [101] * 6)).required == D("1.5075")


def test_money_is_rounded_half_up_at_the_end(employer):
    result = assess(employer(avg_wage="80000.30"))
    # 1.5 x 80,000.30 = 120,000.45; x 90% = 108,000.405: half up 108,000.41 (half-even would give .40)
    assert result.levy_due == D("108000.41")


def test_twelfths_do_not_spoil_the_final_rounding(employer):
    result = assess(employer(avg_wage="80000.20", disabled_employees=[grade(3, months=5)]))
    # counted 5/12; shortfall 1.5 - 5/12 = 13/12; 13/12 x 80,000.20 x 90% = 13 x 6,000.015 = 78,000.195 exactly,
    # which rounds half up to 78,000.20 (5/12 held to 50 digits gives 78,000.19499...; it must not become .19)
    assert result.levy_due == D("78000.20")


def test_steps_carry_the_numbers_in_both_languages(employer):
    result = assess(employer(staff=400, avg_wage=60000, disabled_employees=[grade(2), grade(3)]))
    assert all(set(step) == {"zh", "en"} for step in result.steps)
    zh = " ".join(step["zh"] for step in result.steps)
    en = " ".join(step["en"] for step in result.steps)
    for text in (zh, en):
        assert "400 × 1.5%" in text or "400 x 1.5%" in text
        assert "162,000.00" in text
    assert "一、二级残疾人" in zh and "certificate grade 1-2" in en
    assert "财税〔2015〕72号" in zh


def test_the_issue_example_record_shape_is_accepted(employer):
    record = {"employer_id": "913306040000000011", "jurisdiction": "CN-ZJ", "year": 2025,
              "staff": 201.5, "staff_by_month": [200, 201, 202, 203] * 3, "short_time_staff": 0,
              "avg_wage": 99502.49, "local_avg_wage": 90000, "hourly_min_wage": None,
              "disabled_employees": [{"grade": 1, "months": 12, "hours_per_week": 40, "veteran_grade": None,
                                      "severe": True}],
              "no_action_years": 0}
    result = assess(record)
    # staff (200 + 201 + 202 + 203) x 3 / 12 = 201.5; required 3.0225; counted 2; ratio 0.99% < 1%: 90%
    # wage min(99,502.49, 2 x 90,000) = 99,502.49; 1.0225 x 99,502.49 = 101,741.296025; x 90% = 91,567.1664225
    assert (result.required, result.counted, result.tier, result.levy_due) == (
        D("3.0225"), D(2), "reduced-90", D("91567.17"))
    assert "not used" not in result.steps[1]["en"]


def test_monthly_figures_win_over_a_staff_figure_that_disagrees(employer):
    result = assess(employer(staff=90, staff_by_month=[100] * 12))
    # 100 x 1.5% = 1.5 from the months; the step says the staff figure 90 was not used
    assert result.required == D("1.5")
    assert "the record's staff 90 is not used" in result.steps[1]["en"]


def test_the_staff_used_is_kept_for_the_database(employer):
    result = assess(employer(staff_by_month=[100] * 4 + [101] * 8))
    # (4 x 100 + 8 x 101) / 12 = 100.6667 (4 decimals, like the other counts); not among the exchange fields
    assert (result.staff, result.unit) == (D("100.6667"), "persons")
    assert "staff" not in result.to_dict() and "unit" not in result.to_dict()


PUBLIC_INSTITUTION = "12330604000000001X"


@pytest.mark.parametrize("employer_id, kind, exempt", [
    ("913306040000000011", None, True),         # 91: an enterprise
    (PUBLIC_INSTITUTION, None, False),           # 12: 事业单位
    ("11330604000000001X", None, False),         # 11: a government body
    ("52330604000000001X", None, False),         # 52: 民办非企业单位, a social organisation
    ("92330604000000001X", None, False),         # 92: 个体工商户, not an enterprise
    ("93330604000000001X", None, False),         # 93: 农民专业合作社, not an enterprise
    ("913306040000000011", "public_institution", False),  # a given kind wins over the code
    (PUBLIC_INSTITUTION, "enterprise", True),
    ("E-17", None, False),                       # neither kind nor code: the exemption is not granted
])
def test_small_employer_exemption_is_for_enterprises_only(employer, employer_id, kind, exempt):
    result = assess(employer(employer_id=employer_id, employer_kind=kind, staff=25))
    # liable: 25 x 1.5% = 0.375; x 80,000 = 30,000; x 90% = 27,000
    assert (result.exempt, result.levy_due) == (exempt, D(0) if exempt else D("27000.00"))


def test_the_liability_step_says_the_kind_and_where_it_came_from(employer):
    steps = assess(employer(employer_id=PUBLIC_INSTITUTION, staff=25)).steps
    liability = next(step for step in steps if step["en"].startswith("Liability"))
    assert "a public institution (credit code starting 12), so liable" in liability["en"]
    assert "事业单位（统一社会信用代码前两位 12）" in liability["zh"]
    unknown = assess(employer(employer_id="E-17", staff=25)).steps
    assert "no employer_kind, and employer_id is not a credit code" in " ".join(s["en"] for s in unknown)


def test_public_institutions_were_liable_under_the_2017_exemption_too(employer):
    # data year 2016 (collected 2017, 财税〔2017〕18号): 25 x 1.5% x 80,000 = 30,000 in full
    assert assess(employer(year=2016, employer_id=PUBLIC_INSTITUTION, staff=25)).levy_due == D("30000.00")


@pytest.mark.parametrize("kind", ["company", "Enterprise", 91])
def test_an_unknown_employer_kind_is_refused(employer, kind):
    with pytest.raises(RecordError) as caught:
        assess(employer(employer_kind=kind))
    assert caught.value.field == "employer_kind"


@pytest.mark.parametrize("code, kind", [
    ("913306040000000011", "enterprise"), ("11330604000000001X", "government"),
    ("12330604000000001X", "public_institution"), ("51330604000000001X", "social_organisation"),
    ("53330604000000001X", "social_organisation"), ("59330604000000001X", "social_organisation"),
    ("92330604000000001X", "individual_business"), ("93330604000000001X", "farmers_cooperative"),
    ("13330604000000001X", "other"), ("Y1330604000000001X", "other"),
    ("91330604000000001", None), ("913306040000000011X", None), ("91330604000000001x", None),
    ("91330604000000001I", None), (None, None),
])
def test_kind_from_the_credit_code(code, kind):
    assert kind_from_credit_code(code) == kind


def test_a_grade_9_veteran_with_a_disability_certificate_counts_by_the_certificate(employer):
    both = {"grade": 3, "veteran_grade": 9, "months": 12}
    assert assess(employer(staff=300, disabled_employees=[both])).counted == D(1)


OPENED_IN_JULY = [None] * 6 + [100] * 6


def test_months_before_opening_count_as_none_under_the_national_rules(employer):
    result = assess(employer(staff_by_month=OPENED_IN_JULY, disabled_employees=[grade(3, months=6)]))
    # staff 600 / 12 = 50; required 0.75; counted 6/12 = 0.5; ratio 1%: 50%; 0.25 x 80,000 x 50% = 10,000
    assert (result.staff, result.counted, result.levy_due) == (D(50), D("0.5"), D("10000.00"))
    assert "(— + — + — + — + — + — + 100 + 100 + 100 + 100 + 100 + 100) / 12" in result.steps[1]["en"]


def test_a_province_may_average_over_the_months_in_operation(tmp_path, employer):
    (tmp_path / "CN.json").write_text((RULES_DIR / "CN.json").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "CN-XX.json").write_text(json.dumps({
        "jurisdiction": "CN-XX", "inherits": "CN", "name": {"zh": "某省", "en": "Some province"},
        "periods": [{"from": "2020-01", "sources": ["某省文件"],
                     "params": {"staff_average_over": "months_in_operation"}}]}),
        encoding="utf-8")
    result = assess(employer(jurisdiction="CN-XX", staff_by_month=OPENED_IN_JULY,
                             disabled_employees=[grade(3, months=6)]), RuleBook(tmp_path))
    # staff 600 / 6 = 100; required 1.5; counted 6/6 = 1 on the same basis; ratio 1%: 50%;
    # 0.5 x 80,000 x 50% = 20,000
    assert (result.staff, result.counted, result.levy_due) == (D(100), D(1), D("20000.00"))
    assert "6/6" in " ".join(step["en"] for step in result.steps)


def test_employee_months_cannot_exceed_the_months_in_operation(employer):
    with pytest.raises(RecordError) as caught:
        assess(employer(staff_by_month=OPENED_IN_JULY, disabled_employees=[grade(3, months=7)]))
    assert caught.value.field == "disabled_employees[0].months" and "6 months in operation" in caught.value.message


def test_a_year_with_no_month_in_operation_is_refused(employer):
    with pytest.raises(RecordError) as caught:
        assess(employer(staff_by_month=[None] * 12))
    assert caught.value.field == "staff_by_month"
