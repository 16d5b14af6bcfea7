from tests.services.conftest import district  # noqa: F401  (the same district the services' tests use)
