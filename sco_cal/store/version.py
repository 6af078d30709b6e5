"""The schema version this code reads and writes (kept apart so reads stay cheap)."""

# One more than the steps in `migrations.MIGRATIONS`: a new step is appended there and
# this number moves up by one (stores already upgraded keep their steps' numbers).
SCHEMA_VERSION = 6
