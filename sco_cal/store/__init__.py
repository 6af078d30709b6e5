"""The database: one schema on SQLite or PostgreSQL, a lean read path and a write path."""
