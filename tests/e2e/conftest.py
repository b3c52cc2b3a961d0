"""End-to-end tests. Their fixtures (fake, club, bot) come from tests.fakediscord.fixtures,
a plugin registered in tests/conftest.py."""
