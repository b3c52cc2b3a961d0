"""`python -m tests.e2e.postgres_bot`: Stride as `python -m bot` runs it, but on PostgreSQL although
bot/__main__.py still refuses DATABASE_URL (until every module's PostgreSQL port has landed). For end-to-end
tests of what is already ported: the reminder dispatchers' leases (test_reminder_leases.py)."""

from __future__ import annotations

import sys

import bot.__main__ as cli

cli._refuse_postgres = lambda config: None

if __name__ == "__main__":
    sys.exit(cli.main())
