"""Counters in PostgreSQL, shared by every Zope instance configured with the same DSN.

psycopg2 is optional: it is imported when a PostgresStore is built, never before,
so a site that counts in SQLite does not need it.
"""

from collections.abc import Callable
from collective.thdtre.counters.base import CounterStore
from collective.thdtre.counters.moment import CounterError

import threading
import weakref


# Serialises CREATE TABLE when several instances start at once ("thdt").
SCHEMA_LOCK_ID = 0x74686474


class _Holder:
    """A thread's connection; weak-referenceable, unlike the connection."""

    def __init__(self, connection):
        self.connection = connection


class PostgresStore(CounterStore):
    """Counters in PostgreSQL tables ``thdtre_*``, created if missing; atomic."""

    table_exists_sql = "SELECT to_regclass(%s) IS NOT NULL"

    def __init__(self, dsn: str, *, timeout: float = 5.0):
        super().__init__()
        try:
            import psycopg2
            import psycopg2.extensions
        except ImportError as exc:
            raise CounterError(
                "PostgreSQL counters need psycopg2, which is not installed: install"
                " psycopg2-binary==2.9.13 in Zope's Python, or leave the counter DSN"
                " empty to count in SQLite"
            ) from exc
        self._pg = psycopg2
        try:
            self._params = psycopg2.extensions.parse_dsn(dsn)
        except psycopg2.ProgrammingError as exc:
            raise CounterError(
                f"the counter DSN is not valid ({str(exc).strip()}): write it as"
                " 'host=... port=... dbname=... user=...' or postgresql://user@host/db"
            ) from exc
        self.dsn = dsn
        self.timeout = timeout
        self._local = threading.local()
        self._holders = weakref.WeakSet()
        self._holders_lock = threading.Lock()

    def __repr__(self):
        return f"<PostgresStore {self._where()}>"

    def _where(self) -> str:
        # Never the password: this text goes to logs and error messages.
        return " ".join(
            f"{name}={self._params[name]}"
            for name in ("host", "port", "dbname", "user")
            if name in self._params
        )

    def _q(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def _connection(self):
        holder = getattr(self._local, "holder", None)
        if holder is not None and not holder.connection.closed:
            return holder.connection
        extra = {}
        if "connect_timeout" not in self._params:
            extra["connect_timeout"] = max(1, round(self.timeout))
        if "application_name" not in self._params:
            extra["application_name"] = "collective.thdtre"
        connection = None
        try:
            connection = self._pg.connect(self.dsn, **extra)
            with connection.cursor() as cursor:
                # A lock held elsewhere must not hang a Zope thread for long.
                cursor.execute(
                    "SET statement_timeout = %s", (round(self.timeout * 1000),)
                )
            connection.commit()
        except self._pg.Error as exc:
            if connection is not None:
                connection.close()
            raise CounterError(
                f"cannot connect to the counter database ({self._where()}):"
                f" {str(exc).strip()}; check the DSN and that PostgreSQL is running"
            ) from exc
        holder = self._local.holder = _Holder(connection)
        with self._holders_lock:
            self._holders.add(holder)
        return connection

    def _forget(self, connection) -> None:
        self._local.holder = None
        try:
            connection.close()
        except self._pg.Error:
            pass

    def _rollback(self, connection) -> bool:
        """Roll back; if the connection is broken, drop it and return False."""
        if not connection.closed:
            try:
                connection.rollback()
                return True
            except self._pg.Error:
                pass
        self._forget(connection)
        return False

    def _create_schema(self, cursor) -> bytes:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK_ID,))
        return super()._create_schema(cursor)

    def _run(self, work: Callable, *, write: bool):
        for attempt in (1, 2):
            connection = self._connection()
            committing = False
            try:
                with connection.cursor() as cursor:
                    result = work(cursor)
                committing = True
                connection.commit()
                return result
            except self._pg.Error as exc:
                broken = not self._rollback(connection)
                # A connection cut by a restart of PostgreSQL is retried once on a
                # fresh one, but never once COMMIT was sent: it may have been
                # applied, and a retry would count twice.
                if broken and not committing and attempt == 1:
                    continue
                raise CounterError(
                    f"the counter database ({self._where()}) failed: {str(exc).strip()}"
                ) from exc
            except BaseException:
                # Not a database error (a bug, an interrupt): still leave no
                # transaction open on this thread's connection.
                self._rollback(connection)
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        """Close every thread's connection to PostgreSQL."""
        with self._holders_lock:
            holders = list(self._holders)
            self._holders = weakref.WeakSet()
        self._local = threading.local()
        for holder in holders:
            try:
                holder.connection.close()
            except self._pg.Error:
                pass
