"""View and visit counters outside the ZODB; pure Python, no Plone imports.

``get_store`` gives the process's store (SQLite in var/, or PostgreSQL when a DSN is
configured); ``is_bot`` tells which requests not to count.
"""

from collective.thdtre.counters.base import CounterStore
from collective.thdtre.counters.base import DEBOUNCE_SECONDS
from collective.thdtre.counters.bots import BOT_MARKERS
from collective.thdtre.counters.bots import is_bot
from collective.thdtre.counters.moment import CounterError
from collective.thdtre.counters.moment import InvalidCounterArgument
from collective.thdtre.counters.postgres import PostgresStore
from collective.thdtre.counters.sqlite import SQLiteStore
from collective.thdtre.counters.store import get_store


__all__ = [
    "BOT_MARKERS",
    "DEBOUNCE_SECONDS",
    "CounterError",
    "CounterStore",
    "InvalidCounterArgument",
    "PostgresStore",
    "SQLiteStore",
    "get_store",
    "is_bot",
]
