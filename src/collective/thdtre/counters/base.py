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
from collective.thdtre.counters.migrate import migrate
from collective.thdtre.counters.sketch import add_member
from collective.thdtre.counters.sketch import day_scope
from collective.thdtre.counters.sketch import estimate
from collective.thdtre.counters.sketch import keyed_hash
from collective.thdtre.counters.sketch import minute_scope
from collective.thdtre.counters.sketch import week_scope
from collective.thdtre.counters.sql import SCHEMA
from collective.thdtre.counters.sql import SCHEMA_VERSION
from collective.thdtre.counters.sql import SQL_COUNT_VISITS
from collective.thdtre.counters.sql import SQL_INCREMENT
from collective.thdtre.counters.sql import SQL_META_GET
from collective.thdtre.counters.sql import SQL_META_PUT
from collective.thdtre.counters.sql import SQL_META_SET
from collective.thdtre.counters.sql import SQL_ONLINE
from collective.thdtre.counters.sql import SQL_PRUNE_SCOPES
from collective.thdtre.counters.sql import SQL_PRUNE_SKETCH
from collective.thdtre.counters.sql import SQL_SET_BASE
from collective.thdtre.counters.sql import SQL_SLOT
from collective.thdtre.counters.sql import SQL_STATS
from collective.thdtre.counters.sql import SQL_TOTAL
from collective.thdtre.errors import ThdtreError
from datetime import datetime
from datetime import timedelta

import secrets
import threading


DEBOUNCE_SECONDS = 30
# Debounce slots: 2**18 rows at most (a few MB). Two (item, visitor) pairs share a
# slot by chance; the later takes it over, and a reload of the first within 30 s
# may count again: rare below tens of thousands of views in 30 s.
SLOTS = 2**18
# Distinct visitors a day or week are exact up to this many, then estimated
# (error about 1/sqrt(cap): 0.6 %); the sketches of the current days and weeks
# hold at most this many rows each.
VISITOR_CAP = 32_768
ONLINE_CAP = 1_024
MAX_ONLINE_MINUTES = 60
MAX_ID_LENGTH = 200
# SQLite allows 32766 bound parameters; stay far below for older builds.
MANY_CHUNK = 900
_PRUNE_EVERY = 60.0


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


def _moment(when: datetime | None) -> tuple[float, datetime]:
    if when is None:
        when = datetime.now().astimezone()
    return when.timestamp(), when


class CounterStore:
    """View and visit counters; subclasses give the connection, this class the SQL."""

    without_rowid = ""
    table_exists_sql = ""

    def __init__(self):
        self._schema_lock = threading.Lock()
        self._schema_ready = False
        self._key = b""
        self._minutes_pruned_at = 0.0
        self._days_pruned = ""

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
        migrate(self, cursor, key=key, cap=VISITOR_CAP)
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
            if self._slot(cursor, f"view\0{key}\0{visitor}", stamp):
                return self._execute(cursor, SQL_INCREMENT, (key,)).fetchone()[0]
            row = self._execute(cursor, SQL_TOTAL, (key,)).fetchone()
            return row[0] if row else 0

        self._ready()
        return int(self._run(work, write=True))

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

    def _prune(self, cursor, stamp: float, when: datetime) -> None:
        """Drop sketches no statistic reads any more (at most once a minute)."""
        if abs(stamp - self._minutes_pruned_at) >= _PRUNE_EVERY:
            self._minutes_pruned_at = stamp
            oldest = minute_scope(int(stamp // 60) - MAX_ONLINE_MINUTES - 1)
            for sql in (SQL_PRUNE_SKETCH, SQL_PRUNE_SCOPES):
                self._execute(cursor, sql, ("minute:", oldest))
        day = when.date()
        if day.isoformat() != self._days_pruned:
            self._days_pruned = day.isoformat()
            # Day and week counts stay; their sketches only while still counted.
            yesterday = day - timedelta(days=1)
            for first, oldest in (
                ("day:", day_scope(yesterday)),
                ("week:", week_scope(day - timedelta(days=7))),
            ):
                self._execute(cursor, SQL_PRUNE_SKETCH, (first, oldest))

    def record_visit(self, *, visitor: str, when: datetime | None = None) -> None:
        """Record a visit of the site by ``visitor`` (the visitor cookie's value).

        A visit is a (visitor, day) pair, the day being the date of ``when`` in its
        own time zone: a visitor counts once a day for today, the week and the total.
        """
        _check_id("visitor", visitor)
        stamp, when = _moment(when)
        day = when.date()

        def work(cursor):
            self._prune(cursor, stamp, when)
            vhash = keyed_hash(self._key, visitor)
            add_member(
                self,
                cursor,
                scope=minute_scope(int(stamp // 60)),
                vhash=vhash,
                stamp=stamp,
                cap=ONLINE_CAP,
                refresh=True,
            )
            args = {"vhash": vhash, "stamp": stamp, "cap": VISITOR_CAP}
            new, growth = add_member(self, cursor, scope=day_scope(day), **args)
            if growth:
                self._execute(cursor, SQL_COUNT_VISITS, (growth,))
            if new:
                add_member(self, cursor, scope=week_scope(day), **args)

        self._ready()
        self._run(work, write=True)

    def visit_stats(
        self, *, now: datetime | None = None, online_minutes: int = 5
    ) -> dict[str, int]:
        """Return ``{"online", "today", "week", "total"}`` visitor counts at ``now``."""
        if isinstance(online_minutes, bool) or not isinstance(online_minutes, int):
            raise InvalidCounterArgument("online_minutes must be a whole number")
        if not 1 <= online_minutes <= MAX_ONLINE_MINUTES:
            raise InvalidCounterArgument(
                f"online_minutes must be 1 to {MAX_ONLINE_MINUTES}"
            )
        if now is None:
            now = datetime.now().astimezone()
        today = now.date()
        since = now.timestamp() - online_minutes * 60
        online = (
            minute_scope(int(since // 60)),
            minute_scope(int(now.timestamp() // 60)),
            since,
            ONLINE_CAP,
        )

        def work(cursor):
            params = (day_scope(today), week_scope(today))
            row = self._execute(cursor, SQL_STATS, params).fetchone()
            hashes = [h for (h,) in self._execute(cursor, SQL_ONLINE, online)]
            return row, hashes

        self._ready()
        (today_n, week_n, total), hashes = self._run(work, write=False)
        if len(hashes) < ONLINE_CAP:
            online_n = len(hashes)
        else:
            online_n = estimate(ONLINE_CAP, hashes[-1])
        values = (online_n, today_n, week_n, total)
        names = ("online", "today", "week", "total")
        return {n: int(v or 0) for n, v in zip(names, values, strict=True)}
