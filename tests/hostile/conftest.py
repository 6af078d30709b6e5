"""Fixtures for the hostile tests: the PostgreSQL server itself, and a database on it."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.support.databases import postgres_database


@pytest.fixture
def postgres_server() -> Iterator[str]:
    """The PostgreSQL server's URL, for tests that need the server itself."""
    server = os.environ.get("SCO_CAL_TEST_POSTGRES_URL")
    if not server:
        pytest.skip("PostgreSQL not tested: set SCO_CAL_TEST_POSTGRES_URL")
    yield server


@pytest.fixture
def pg_db(postgres_server: str) -> Iterator[str]:
    """A throw-away PostgreSQL database, for what only PostgreSQL has."""
    yield from postgres_database(postgres_server)
