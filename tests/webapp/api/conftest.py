import pytest

from models import ApiToken


@pytest.fixture
def tokens(db, accounts):
    """An API token per role: {role: secret}."""
    secrets = {}
    for role, user in accounts.items():
        token, secrets[role] = ApiToken.issue(user, "tests")
        db.add(token)
    db.commit()
    return secrets
