"""SQLite migrations, numbered from 0001 without gaps (bot.db.sqlite.migrations applies them)."""
