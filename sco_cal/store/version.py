"""The schema version this code reads and writes (kept apart so reads stay cheap)."""

SCHEMA_VERSION = 4
