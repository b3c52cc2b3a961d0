from tests.postgres import pg_url  # noqa: F401 - the fixture
