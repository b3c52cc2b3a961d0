"""SQLite through aiosqlite: the default engine, one process (or shards sharing one file)."""
