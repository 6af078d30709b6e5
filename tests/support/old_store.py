"""The store as sco-cal 0.1 left it (schema version 1), on either engine.

The SQLite fixture is a file that release wrote; on PostgreSQL the same tables and rows
are built from it, so that every upgrade step since then runs, in order, on both.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import DateTime, Integer, MetaData, create_engine, text

FIXTURE = Path(__file__).parent.parent / "fixtures" / "store-v1.db"


def old_store(db: str) -> None:
    """Make `db` (a path, or a PostgreSQL database's URL) a version-1 store, replacing
    whatever it held."""
    if "://" not in db:
        Path(db).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FIXTURE, db)
        return
    source = create_engine(f"sqlite:///{FIXTURE}")
    tables = MetaData()
    tables.reflect(source)
    for table in tables.tables.values():
        for column in table.columns:
            if isinstance(column.type, DateTime):  # version 1 stored aware timestamps
                column.type = DateTime(timezone=True)
    target = create_engine(db)
    with source.connect() as old, target.begin() as new:
        present = MetaData()
        present.reflect(new)
        present.drop_all(new)
        tables.create_all(new)
        for table in tables.sorted_tables:
            rows = [dict(r._mapping) for r in old.execute(table.select())]
            if rows:
                new.execute(table.insert(), rows)
            if "id" in table.c and isinstance(table.c.id.type, Integer):
                new.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                    )
                )
    source.dispose()
    target.dispose()
