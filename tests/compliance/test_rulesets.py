"""Rule sets as data: inheritance, dated periods, coverage, windows, and a new province or year as a file."""

import json
import shutil
from datetime import date
from decimal import Decimal as D

import pytest

from compliance import RULES, RuleBook, assess
from compliance.rulesets import RULES_DIR

COVERED = {"CN": range(2015, 2028), "CN-ZJ": range(2015, 2028), "JP": range(2024, 2027),
           "DE": range(2024, 2027), "FR": range(2020, 2027)}


def test_every_shipped_rule_set_resolves_for_every_year_it_covers():
    assert RULES.codes() == sorted(COVERED)
    for code, years in COVERED.items():
        for year in years:
            assert RULES.year_rules(code, year).params["ratio"] > 0


def test_zhejiang_inherits_the_national_rules():
    zhejiang, nation = RULES.year_rules("CN-ZJ", 2025), RULES.year_rules("CN", 2025)
    assert zhejiang.params == nation.params
    assert zhejiang.currency == "CNY" and zhejiang.name["zh"] == "浙江省"
    assert "财税〔2015〕72号 第8条" in zhejiang.sources
    assert any(source.startswith("浙财社〔2017〕26号") for source in zhejiang.sources)


def test_japan_year_runs_april_to_march_with_the_july_rate():
    rules = RULES.year_rules("JP", 2026)
    assert (rules.months[0], rules.months[-1]) == ((2026, 4), (2027, 3))
    assert rules.ratios == (D("0.025"),) * 3 + (D("0.027"),) * 9


def test_windows_per_year():
    assert RULES.windows("JP", 2025) == {"status": "confirmed", "declaration": (date(2026, 4, 1), date(2026, 5, 15)),
                                          "payment": (date(2026, 4, 1), date(2026, 5, 15))}
    assert RULES.windows("CN-ZJ", 2025)["status"] == "indicative"
    assert RULES.windows("CN", 2025) is None  # deadlines are local
    assert RULES.windows("DE", 2030) is None


@pytest.fixture
def book(tmp_path):
    """A rule directory with the shipped files, to which a test adds its own."""
    for path in RULES_DIR.glob("*.json"):
        shutil.copy(path, tmp_path)

    def add(data):
        (tmp_path / f"{data['jurisdiction']}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return RuleBook(tmp_path)

    return add


def test_a_new_province_is_a_data_file(book, employer):
    rules = book({"jurisdiction": "CN-XX", "inherits": "CN", "name": {"zh": "某省", "en": "Some province"},
                  "periods": [{"from": "2020-01", "sources": ["某省文件"],
                               "params": {"ratio": 0.016, "staff_rounding": {"places": 0, "mode": "half_up"}}}]})
    result = assess(employer(jurisdiction="CN-XX", staff_by_month=[100] * 6 + [101] * 6), rules)
    # (6 x 100 + 6 x 101) / 12 = 100.5, rounded half up to 101; 101 x 1.6% = 1.616; x 80,000 = 129,280; x 90% = 116,352
    assert (result.required, result.levy_due) == (D("1.616"), D("116352.00"))
    assert "rounded to 101" in result.steps[1]["en"]
    # its dates are the nation's collection dates: data year 2018 is collected in 2019, before its period
    earlier = assess(employer(jurisdiction="CN-XX", year=2018, staff_by_month=[100] * 6 + [101] * 6), rules)
    # before its own period the nation's rules hold: 100.5 x 1.5% = 1.5075; x 80,000 = 120,600, in full
    assert earlier.levy_due == D("120600.00")


def test_a_later_national_change_overrides_an_earlier_provincial_choice(book, employer):
    rules = book({"jurisdiction": "CN-YY", "inherits": "CN", "name": {"zh": "乙省", "en": "Province Y"},
                  "periods": [{"from": "2017-04", "params": {"wage_cap_multiple": 2.5}}]})
    # data 2016 (collected 2017): the province's 2.5 x 80,000 = 200,000 caps 300,000; 1.5 x 200,000 = 300,000
    assert assess(employer(jurisdiction="CN-YY", year=2016, avg_wage=300000, local_avg_wage=80000),
                  rules).levy_due == D("300000.00")
    # data 2017 (collected 2018): the nation's 2018 change to 2 x applies: 1.5 x 160,000 = 240,000
    assert assess(employer(jurisdiction="CN-YY", year=2017, avg_wage=300000, local_avg_wage=80000),
                  rules).levy_due == D("240000.00")


def test_a_new_year_is_a_data_change(book, employer):
    national = json.loads((RULES_DIR / "CN.json").read_text(encoding="utf-8"))
    national["until"] = "2029-12"
    national["periods"].append({"from": "2029-01", "params": {
        "tiers": [{"id": "full", "pay_share": 1, "label": {"zh": "全额缴纳", "en": "pays in full"}}]}})
    rules = book(national)
    result = assess(employer(jurisdiction="CN", year=2028), rules)
    # 1.5 x 80,000 = 120,000, in full
    assert (result.tier, result.levy_due) == ("full", D("120000.00"))


def test_an_incomplete_rule_file_is_named(book, employer):
    rules = book({"jurisdiction": "XY", "name": {"zh": "x", "en": "x"}, "currency": "EUR", "until": "2030-12",
                  "dates": {"refer_to": "data_year"},
                  "periods": [{"from": "2020-01", "params": {"method": "annual", "year_start_month": 1}}]})
    with pytest.raises(ValueError, match="rules XY 2025: missing .*'ratio'"):
        rules.year_rules("XY", 2025)


def test_an_unknown_operator_is_caught_on_loading(book):
    national = json.loads((RULES_DIR / "CN.json").read_text(encoding="utf-8"))
    national["periods"][0]["params"]["employee_weights"][0]["when"] = {"grade": {"among": [1, 2]}}
    with pytest.raises(ValueError, match="unknown operator"):
        book(national).year_rules("CN", 2017)


def test_inheritance_in_a_circle_is_refused(book):
    book({"jurisdiction": "AA", "inherits": "BB", "periods": []})
    rules = book({"jurisdiction": "BB", "inherits": "AA", "periods": []})
    with pytest.raises(ValueError, match="circle"):
        rules.year_rules("AA", 2025)


def test_a_rule_set_must_say_which_year_its_dates_refer_to(book):
    national = json.loads((RULES_DIR / "CN.json").read_text(encoding="utf-8"))
    del national["dates"]
    with pytest.raises(ValueError, match="rules CN: dates.refer_to must be one of"):
        book(national).year_rules("CN", 2025)


def test_collection_year_dates_shift_coverage_by_one_year():
    # CN's periods start 2015-10 and end 2028-12 on the collection calendar: data years 2015 to 2027
    with pytest.raises(LookupError, match="no rules for CN in 2014 .*2015 to 2027"):
        RULES.year_rules("CN", 2014)
    assert RULES.year_rules("CN", 2027).rules_month == (2028, 7)
    assert RULES.year_rules("JP", 2026).rules_month is None
