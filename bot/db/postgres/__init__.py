"""PostgreSQL through asyncpg: the engine for several processes (shards) sharing one database.

The same modules as `bot.db.sqlite` (database, migrations, run storage, tips search, driver), and what
only PostgreSQL needs: the connection pool, the LISTEN connection, and the operators' check and backup.
"""
