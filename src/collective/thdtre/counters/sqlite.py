"""Counters in a SQLite file in the instance's var/: the default, one instance."""

from collections.abc import Callable
from collective.thdtre.counters.base import CounterStore
from collective.thdtre.counters.moment import CounterError

import os
import sqlite3
import threading
import weakref


class _Holder:
    """A thread's SQLite connection; weak-referenceable, unlike the connection."""

    def __init__(self, connection):
        self.connection = connection


class SQLiteStore(CounterStore):
    """Counters in a SQLite file (WAL, one connection per thread), e.g. in var/."""

    without_rowid = " WITHOUT ROWID"
    table_exists_sql = (
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
    )

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
