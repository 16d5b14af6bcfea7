"""The API does what its OpenAPI document says: schemathesis generates requests from it (valid and invalid) and
checks that nothing answers 500, every response has a documented status, content type and shape, and input the
schema allows is accepted (the rules across fields of a position are in the schema too)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from models import Role
from tests.factories import make_position

pytestmark = pytest.mark.web


@pytest.fixture
def api_schema(app, db, accounts):
    make_position(db, accounts[Role.EMPLOYER].employer, "网店客服", openings=2, wage=3000)
    db.commit()
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_matches_its_document(case, tokens):
    """Each generated request is sent as each role in turn, with every check."""
    for role in Role:
        # Rules the document says in words only: an employer must name the seeker it invites (a rule by role), and
        # a position's rules across fields (latitude with longitude, an essential item demanded).
        in_words = (role == Role.EMPLOYER and (case.method, case.path) == ("POST", "/api/v1/applications")) or (
            case.path.startswith("/api/v1/positions") and case.method in ("POST", "PATCH"))
        case.call_and_validate(headers={"Authorization": f"Bearer {tokens[role]}"},
                               excluded_checks=[positive_data_acceptance] if in_words else [])
