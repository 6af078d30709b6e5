"""The schema version this code reads and writes (kept apart so reads stay cheap)."""

# The step that adds the sync tables is the last one: a step added by other work goes
# before it, and this number moves up by one.
SYNC_STATE_VERSION = 6

SCHEMA_VERSION = SYNC_STATE_VERSION
