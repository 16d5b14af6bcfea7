import pytest

#: A plausible record per jurisdiction; each test changes only what it is about.
BASE = {
    "CN": {"jurisdiction": "CN", "year": 2025, "staff": 100, "avg_wage": 80000, "local_avg_wage": 90000,
           "disabled_employees": []},
    "CN-ZJ": {"jurisdiction": "CN-ZJ", "year": 2025, "staff": 100, "avg_wage": 80000, "local_avg_wage": 90000,
              "disabled_employees": []},
    "JP": {"jurisdiction": "JP", "year": 2025, "staff": 200, "short_time_staff": 0, "disabled_employees": []},
    "DE": {"jurisdiction": "DE", "year": 2025, "staff": 100, "disabled_employees": []},
    "FR": {"jurisdiction": "FR", "year": 2025, "staff": 100, "no_action_years": 0,
           "disabled_employees": []},
}


@pytest.fixture
def employer():
    """Factory: employer("JP", staff=31) is a valid record of that jurisdiction with the fields changed."""

    def make(base="CN-ZJ", **fields):
        record = {"employer_id": "913306040000000011", **BASE[base]}
        record.update(fields)
        return record

    return make
