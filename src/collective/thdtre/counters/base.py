"""The counters' logic, the same on SQLite (sqlite.py) and PostgreSQL (postgres.py).

Counting in the ZODB would write a transaction per page view: ConflictErrors under
load and a database that grows with every visit. Here each count is one short SQL
transaction, into aggregates whose size does not depend on what arrives (sql.py):
a flood of made-up visitors cannot grow the store nor slow the visit box.
Definitions:

- A **view** of an item (``key``, its UID) counts once per visitor per
  ``DEBOUNCE_SECONDS``: reloads within 30 s of the visitor's last counted view of the
  same item are not counted again. Total = counted views + the imported ``base``.
- A **visit** is a (visitor, day) pair, the day being the calendar date of ``when``
  in its own time zone (the server's local time when omitted). ``online`` = distinct
  visitors seen in the last minutes, ``today`` = visitors of today, ``week`` = distinct
  visitors since Monday of the ISO week, ``total`` = every visit-day ever recorded.
  Exact up to ``VISITOR_CAP`` visitors a day or week (``ONLINE_CAP`` online), then
  estimated within about 1 % (sketch.py).

Instances sharing a PostgreSQL store need synchronised clocks (NTP): times are taken
by each Zope process, not by the database.
"""

from collections.abc import Callable
from collections.abc import Iterable
from collective.thdtre.counters import visits
from collective.thdtre.counters.migrate import migrate
from collective.thdtre.counters.moment import _check_id
from collective.thdtre.counters.moment import _moment
from collective.thdtre.counters.moment import InvalidCounterArgument
from collective.thdtre.counters.sketch import keyed_hash
from collective.thdtre.counters.sql import SCHEMA
from collective.thdtre.counters.sql import SCHEMA_VERSION
from collective.thdtre.counters.sql import SQL_INCREMENT
from collective.thdtre.counters.sql import SQL_META_GET
from collective.thdtre.counters.sql import SQL_META_PUT
from collective.thdtre.counters.sql import SQL_META_SET
from collective.thdtre.counters.sql import SQL_SET_BASE
from collective.thdtre.counters.sql import SQL_SLOT
from collective.thdtre.counters.sql import SQL_TOTAL
from collective.thdtre.counters.visits import VisitsMixin
from datetime import datetime

import secrets
import threading


DEBOUNCE_SECONDS = 30
# Debounce slots: 2**17 rows at most (a few MB). Two (item, visitor) pairs share a
# slot by chance; the later takes it over, and a reload of the first within 30 s
# may count again: rare below tens of thousands of views in 30 s.
SLOTS = 2**17
# SQLite allows 32766 bound parameters; stay far below for older builds.
MANY_CHUNK = 900


class CounterStore(VisitsMixin):
    """View and visit counters; subclasses give the connection, this class the SQL."""

    without_rowid = ""
    table_exists_sql = ""

    def __init__(self):
        self._schema_lock = threading.Lock()
        self._schema_ready = False
        self._key = b""
        super().__init__()

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

    def _has_table(self, cursor, name: str) -> bool:
        return self._execute(cursor, self.table_exists_sql, (name,)).fetchone()[0]

    def _create_schema(self, cursor) -> bytes:
        for statement in SCHEMA:
            self._execute(cursor, statement.format(without_rowid=self.without_rowid))
        self._execute(cursor, SQL_META_SET, ("hash_key", secrets.token_hex(16)))
        row = self._execute(cursor, SQL_META_GET, ("hash_key",)).fetchone()
        key = bytes.fromhex(row[0])
        migrate(self, cursor, key=key, cap=visits.VISITOR_CAP)
        self._execute(cursor, SQL_META_PUT, ("schema", SCHEMA_VERSION))
        return key

    def _ready(self) -> None:
        if self._schema_ready:
            return
        with self._schema_lock:
            if not self._schema_ready:
                self._key = self._run(self._create_schema, write=True)
                self._schema_ready = True

    def _slot(self, cursor, text: str, stamp: float) -> bool:
        """Whether ``text`` was not seen within the debounce; mark it seen if so."""
        tag = keyed_hash(self._key, text)
        params = (tag % SLOTS, tag, stamp, DEBOUNCE_SECONDS)
        return bool(self._execute(cursor, SQL_SLOT, params).fetchone())

    def _view(self, cursor, key: str, visitor: str, stamp: float) -> int | None:
        """Count a view unless debounced; the item's new total, or None."""
        if self._slot(cursor, f"view\0{key}\0{visitor}", stamp):
            return self._execute(cursor, SQL_INCREMENT, (key,)).fetchone()[0]
        return None

    def record_view(
        self, *, key: str, visitor: str, when: datetime | None = None
    ) -> int:
        """Count a view of ``key`` by ``visitor`` and return the item's total.

        Debounced: within ``DEBOUNCE_SECONDS`` of this visitor's last counted view of
        the same item, the view is not counted and the total is returned unchanged.
        """
        _check_id("key", key)
        _check_id("visitor", visitor)
        stamp, _when = _moment(when)

        def work(cursor):
            total = self._view(cursor, key, visitor, stamp)
            if total is None:
                row = self._execute(cursor, SQL_TOTAL, (key,)).fetchone()
                total = row[0] if row else 0
            return total

        self._ready()
        return int(self._run(work, write=True))

    def record_views(self, *, views: Iterable[tuple[str, str, datetime]]) -> int:
        """Count many ``(key, visitor, when)`` views in one transaction.

        For a batch of a log (issue 15's ingester); the same debounce. Returns how
        many were counted.
        """
        batch = [
            (_check_id("key", k), _check_id("visitor", v), _moment(w)[0])
            for k, v, w in views
        ]

        def work(cursor):
            return sum(self._view(cursor, *view) is not None for view in batch)

        self._ready()
        return self._run(work, write=True)

    def first_sight(self, *, fingerprint: str, when: datetime | None = None) -> bool:
        """Whether a new visitor (no cookie yet) with ``fingerprint`` counts.

        True at most once per ``DEBOUNCE_SECONDS`` per fingerprint (e.g. a hash of
        address and browser): requests that never keep the cookie count that often.
        """
        _check_id("fingerprint", fingerprint)
        stamp, _when = _moment(when)
        self._ready()
        return self._run(
            lambda c: self._slot(c, f"new\0{fingerprint}", stamp), write=True
        )

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
