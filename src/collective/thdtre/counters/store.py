"""View and visit counters kept outside the ZODB: SQLite by default, PostgreSQL shared.

Counting in the ZODB would write a transaction per page view: ConflictErrors under
load and a database that grows with every visit. Here each count is one short SQL
transaction. Definitions:

- A **view** of an item (``key``, its UID) counts once per visitor per
  ``DEBOUNCE_SECONDS``: reloads within 30 s of the visitor's last counted view of the
  same item are not counted again. Total = counted views + the imported ``base``.
- A **visit** is a (visitor, day) pair, the day being the calendar date of ``when``
  in its own time zone (the server's local time when omitted). ``online`` = distinct
  visitors seen in the last minutes, ``today`` = visitors of today, ``week`` = distinct
  visitors since Monday of the ISO week, ``total`` = every visit-day ever recorded.

Instances sharing a PostgreSQL store need synchronised clocks (NTP): times are taken
by each Zope process, not by the database.
"""

from collections.abc import Callable
from collective.thdtre.counters.sql import SCHEMA
from collective.thdtre.counters.sql import SQL_COUNT_VISIT
from collective.thdtre.counters.sql import SQL_DEBOUNCE
from collective.thdtre.counters.sql import SQL_INCREMENT
from collective.thdtre.counters.sql import SQL_NEW_VISIT
from collective.thdtre.counters.sql import SQL_SEEN_AGAIN
from collective.thdtre.counters.sql import SQL_SET_BASE
from collective.thdtre.counters.sql import SQL_STATS
from collective.thdtre.counters.sql import SQL_TOTAL
from collective.thdtre.errors import ThdtreError
from datetime import datetime
from datetime import timedelta

import os
import sqlite3
import threading
import weakref


DEBOUNCE_SECONDS = 30
# Visit rows older than this are pruned: no statistic reads them (the week needs at
# most 6 days back) and ``total`` is kept in its own counter row.
VISIT_RETENTION_DAYS = 8
MAX_ID_LENGTH = 200
# SQLite allows 32766 bound parameters; stay far below for older builds.
MANY_CHUNK = 900
_PRUNE_DEBOUNCE_EVERY = 60.0


class CounterError(ThdtreError):
    """The counter store cannot be used; the message says what to fix."""


class InvalidCounterArgument(CounterError, ValueError):
    """A key, visitor or count given to a counter store is not valid."""


def _check_id(name: str, value: str) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidCounterArgument(f"{name} must be a non-empty string")
    if len(value) > MAX_ID_LENGTH:
        raise InvalidCounterArgument(
            f"{name} is longer than {MAX_ID_LENGTH} characters: pass a UID or the"
            " visitor cookie's value, and drop cookies that are not ours"
        )
    return value


def _moment(when: datetime | None) -> tuple[float, str]:
    if when is None:
        when = datetime.now().astimezone()
    return when.timestamp(), when.date().isoformat()


class CounterStore:
    """View and visit counters; subclasses give the connection, this class the SQL."""

    day_type = "TEXT"

    def __init__(self):
        self._schema_lock = threading.Lock()
        self._schema_ready = False
        self._debounce_pruned_at = 0.0
        self._visits_pruned_day = ""

    # What a backend provides.

    def _run(self, work: Callable, *, write: bool):
        """Run ``work(cursor)`` in one transaction and return its result."""
        raise NotImplementedError

    def _q(self, sql: str) -> str:
        return sql

    def close(self) -> None:
        """Close the store's connections; it reconnects if used again."""

    # Shared logic.

    def _execute(self, cursor, sql: str, params: tuple = ()):
        cursor.execute(self._q(sql), params)
        return cursor

    def _create_schema(self, cursor) -> None:
        for statement in SCHEMA:
            self._execute(cursor, statement.format(day_type=self.day_type))

    def _ready(self) -> None:
        if self._schema_ready:
            return
        with self._schema_lock:
            if not self._schema_ready:
                self._run(self._create_schema, write=True)
                self._schema_ready = True

    def record_view(
        self, *, key: str, visitor: str, when: datetime | None = None
    ) -> int:
        """Count a view of ``key`` by ``visitor`` and return the item's total.

        Debounced: within ``DEBOUNCE_SECONDS`` of this visitor's last counted view of
        the same item, the view is not counted and the total is returned unchanged.
        """
        _check_id("key", key)
        _check_id("visitor", visitor)
        stamp, _day = _moment(when)
        prune = abs(stamp - self._debounce_pruned_at) >= _PRUNE_DEBOUNCE_EVERY
        if prune:
            self._debounce_pruned_at = stamp

        def work(cursor):
            if prune:
                self._execute(
                    cursor,
                    "DELETE FROM thdtre_view_debounce WHERE seen < ?",
                    (stamp - DEBOUNCE_SECONDS,),
                )
            params = (key, visitor, stamp, DEBOUNCE_SECONDS)
            if self._execute(cursor, SQL_DEBOUNCE, params).fetchone():
                return self._execute(cursor, SQL_INCREMENT, (key,)).fetchone()[0]
            row = self._execute(cursor, SQL_TOTAL, (key,)).fetchone()
            return row[0] if row else 0

        self._ready()
        return int(self._run(work, write=True))

    def set_initial(self, *, key: str, count: int) -> None:
        """Set the imported count of ``key``, added to its views (idempotent)."""
        _check_id("key", key)
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InvalidCounterArgument(
                f"count must be a whole number of views, 0 or more, not {count!r}"
            )
        self._ready()
        self._run(lambda c: self._execute(c, SQL_SET_BASE, (key, count)), write=True)

    def views(self, *, key: str) -> int:
        """Return the number of views of ``key`` (0 if never viewed)."""
        return self.views_many(keys=[key])[key]

    def views_many(self, *, keys: list[str]) -> dict[str, int]:
        """Return ``{key: views}`` for ``keys`` in one query (per 900 keys)."""
        wanted = list(dict.fromkeys(_check_id("key", key) for key in keys))
        result = dict.fromkeys(wanted, 0)
        if not wanted:
            return result

        def work(cursor):
            for start in range(0, len(wanted), MANY_CHUNK):
                chunk = wanted[start : start + MANY_CHUNK]
                marks = ", ".join("?" * len(chunk))
                sql = (
                    f"SELECT uid, hits + base FROM thdtre_views WHERE uid IN ({marks})"
                )
                for uid, total in self._execute(cursor, sql, tuple(chunk)):
                    result[uid] = int(total)
            return result

        self._ready()
        return self._run(work, write=False)

    def record_visit(self, *, visitor: str, when: datetime | None = None) -> None:
        """Record a visit of the site by ``visitor`` (the visitor cookie's value).

        A visit is a (visitor, day) pair, the day being the date of ``when`` in its
        own time zone: a visitor counts once a day for today, the week and the total.
        """
        _check_id("visitor", visitor)
        stamp, day = _moment(when)
        prune = day != self._visits_pruned_day
        if prune:
            self._visits_pruned_day = day

        def work(cursor):
            if prune:
                oldest = datetime.fromisoformat(day) - timedelta(VISIT_RETENTION_DAYS)
                self._execute(
                    cursor,
                    "DELETE FROM thdtre_visits WHERE day < ?",
                    (oldest.date().isoformat(),),
                )
            if self._execute(cursor, SQL_NEW_VISIT, (visitor, day, stamp)).rowcount:
                self._execute(cursor, SQL_COUNT_VISIT)
            else:
                self._execute(cursor, SQL_SEEN_AGAIN, (stamp, visitor, day, stamp))

        self._ready()
        self._run(work, write=True)

    def visit_stats(
        self, *, now: datetime | None = None, online_minutes: int = 5
    ) -> dict[str, int]:
        """Return ``{"online", "today", "week", "total"}`` visitor counts at ``now``."""
        if isinstance(online_minutes, bool) or not isinstance(online_minutes, int):
            raise InvalidCounterArgument("online_minutes must be a whole number")
        if online_minutes < 1:
            raise InvalidCounterArgument("online_minutes must be 1 or more")
        if now is None:
            now = datetime.now().astimezone()
        today = now.date()
        monday = today - timedelta(days=today.weekday())
        since = now.timestamp() - online_minutes * 60
        params = (since, today.isoformat(), monday.isoformat(), today.isoformat())
        self._ready()
        row = self._run(
            lambda c: self._execute(c, SQL_STATS, params).fetchone(), write=False
        )
        names = ("online", "today", "week", "total")
        return {name: int(value or 0) for name, value in zip(names, row, strict=True)}


class _Holder:
    """A thread's SQLite connection; weak-referenceable, unlike the connection."""

    def __init__(self, connection):
        self.connection = connection


class SQLiteStore(CounterStore):
    """Counters in a SQLite file (WAL, one connection per thread), e.g. in var/."""

    def __init__(self, path: str, *, timeout: float = 10.0):
        super().__init__()
        self.path = os.fspath(path)
        self.timeout = timeout
        self._local = threading.local()
        self._holders = weakref.WeakSet()
        self._holders_lock = threading.Lock()

    def __repr__(self):
        return f"<SQLiteStore {self.path}>"

    def _connection(self):
        holder = getattr(self._local, "holder", None)
        if holder is not None:
            return holder.connection
        connection = None
        try:
            connection = sqlite3.connect(
                self.path,
                timeout=self.timeout,
                isolation_level=None,  # we send BEGIN/COMMIT ourselves
                check_same_thread=False,  # only so close() may run in any thread
            )
            connection.execute("PRAGMA journal_mode=WAL")
            # Durable across a crash of Zope; a power cut may lose the last counts.
            connection.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as exc:
            if connection is not None:
                connection.close()
            raise CounterError(
                f"cannot open the counter database {self.path} ({exc}): check that"
                " its folder exists and that Zope may write there"
            ) from exc
        holder = self._local.holder = _Holder(connection)
        with self._holders_lock:
            self._holders.add(holder)
        return connection

    def _run(self, work: Callable, *, write: bool):
        connection = self._connection()
        cursor = connection.cursor()
        try:
            # IMMEDIATE takes the write lock first, so busy_timeout applies and a
            # read-then-write transaction never deadlocks with another writer.
            cursor.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            result = work(cursor)
            cursor.execute("COMMIT")
            return result
        except sqlite3.Error as exc:
            raise CounterError(
                f"the counter database {self.path} failed: {exc}"
            ) from exc
        finally:
            if connection.in_transaction:  # only after an error: COMMIT ended it
                connection.rollback()
            cursor.close()

    def close(self) -> None:
        """Close every thread's connection to the file."""
        with self._holders_lock:
            holders = list(self._holders)
            self._holders = weakref.WeakSet()
        self._local = threading.local()
        for holder in holders:
            holder.connection.close()


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
                # Not at the top: postgres.py imports this module.
                from collective.thdtre.counters.postgres import PostgresStore

                store = PostgresStore(dsn)
            else:
                store = SQLiteStore(key[1])
            _stores[key] = store
        return store
