"""Fixtures shared by every test package: the fake Discord and the bot process for end-to-end tests."""

pytest_plugins = ["tests.fakediscord.fixtures"]
