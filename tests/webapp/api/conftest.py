import pytest

from models import ApiToken
from tests.factories import FAR_FUTURE


@pytest.fixture
def tokens(db, accounts):
    """An API token per role: {role: secret}."""
    secrets = {}
    for role, user in accounts.items():
        token, secrets[role] = ApiToken.issue(user, "tests", "read write", FAR_FUTURE)
        db.add(token)
    db.commit()
    return secrets
