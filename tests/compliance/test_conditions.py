from decimal import Decimal as D

import pytest

from compliance.conditions import check, first_match, matches


def test_comparisons_all_hold():
    assert matches({"hours_per_week": {"gte": 20, "lt": 30}}, {"hours_per_week": D(20)})
    assert not matches({"hours_per_week": {"gte": 20, "lt": 30}}, {"hours_per_week": D(30)})


def test_literal_equality_and_membership():
    assert matches({"severe": True, "grade": {"in": [1, 2]}}, {"severe": True, "grade": 2})
    assert not matches({"severe": True}, {"severe": False})


def test_a_missing_or_null_fact_never_matches():
    assert not matches({"veteran_grade": {"lte": 3}}, {"veteran_grade": None})
    assert not matches({"veteran_grade": {"lte": 3}}, {})


def test_no_clause_is_the_fallback():
    entries = [{"when": {"ratio": {"gte": D("0.01")}}, "id": "half"}, {"id": "ninety"}]
    assert first_match(entries, {"ratio": D("0.01")})["id"] == "half"
    assert first_match(entries, {"ratio": D("0.0099")})["id"] == "ninety"


def test_unknown_operators_are_refused():
    with pytest.raises(ValueError, match="between"):
        check({"staff": {"between": [1, 2]}}, "rules X")


def test_any_holds_when_one_of_its_clauses_does():
    liable = {"any": [{"staff": {"gt": 30}}, {"employer_kind": {"ne": "enterprise"}}]}
    assert matches(liable, {"staff": D(31), "employer_kind": "enterprise"})
    assert matches(liable, {"staff": D(30), "employer_kind": "public_institution"})
    assert not matches(liable, {"staff": D(30), "employer_kind": "enterprise"})


@pytest.mark.parametrize("clause", [{"any": []}, {"any": {"staff": 1}}, {"any": [{"staff": {"among": [1]}}]}])
def test_a_malformed_any_is_refused(clause):
    with pytest.raises(ValueError):
        check(clause, "rules X")
