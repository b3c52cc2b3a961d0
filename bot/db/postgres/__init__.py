"""PostgreSQL through asyncpg: opening a pool, migrations, full-text search of tips, check and backup.

The storage engine's queries (issue 10's interface) build on these; until it lands the bot's commands
run on SQLite only, and `stride run` with DATABASE_URL refuses to start (bot/__main__.py).
"""
