"""The process's counter store: SQLite in var/, or PostgreSQL when a DSN is set.

The store's logic is in base.py, the backends in sqlite.py and postgres.py; the
names below are kept here for the code that imports them from this module.
"""

from collective.thdtre.counters.base import CounterStore
from collective.thdtre.counters.base import DEBOUNCE_SECONDS
from collective.thdtre.counters.moment import CounterError
from collective.thdtre.counters.moment import InvalidCounterArgument
from collective.thdtre.counters.sqlite import SQLiteStore

import os
import threading


__all__ = [
    "DEBOUNCE_SECONDS",
    "CounterError",
    "CounterStore",
    "InvalidCounterArgument",
    "SQLiteStore",
    "get_store",
]

_stores: dict[tuple[str | None, str], CounterStore] = {}
_stores_lock = threading.Lock()


def get_store(*, dsn: str | None, sqlite_path: str) -> CounterStore:
    """Return this process's store: PostgreSQL when ``dsn`` is set, else SQLite."""
    dsn = (dsn or "").strip() or None
    key = (dsn, os.fspath(sqlite_path))
    with _stores_lock:
        store = _stores.get(key)
        if store is None:
            if dsn:
                # Imported when needed: a site counting in SQLite never loads it.
                from collective.thdtre.counters.postgres import PostgresStore

                store = PostgresStore(dsn)
            else:
                store = SQLiteStore(key[1])
            _stores[key] = store
        return store
