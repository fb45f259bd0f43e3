"""Visits: online now, today, this week and the total, from bounded sketches.

A mixin of CounterStore (base.py): the same SQL on SQLite and PostgreSQL.
"""

from collections.abc import Iterable
from collective.thdtre.counters.moment import _check_id
from collective.thdtre.counters.moment import _moment
from collective.thdtre.counters.moment import InvalidCounterArgument
from collective.thdtre.counters.sketch import add_member
from collective.thdtre.counters.sketch import day_scope
from collective.thdtre.counters.sketch import estimate_below
from collective.thdtre.counters.sketch import HASH_MAX
from collective.thdtre.counters.sketch import keyed_hash
from collective.thdtre.counters.sketch import minute_scope
from collective.thdtre.counters.sketch import week_scope
from collective.thdtre.counters.sql import SQL_COUNT_VISITS
from collective.thdtre.counters.sql import SQL_ONLINE
from collective.thdtre.counters.sql import SQL_ONLINE_TOP
from collective.thdtre.counters.sql import SQL_PRUNE_SCOPES
from collective.thdtre.counters.sql import SQL_PRUNE_SKETCH
from collective.thdtre.counters.sql import SQL_STATS
from datetime import datetime
from datetime import timedelta


# Distinct visitors a day or week are exact up to this many, then estimated
# (error about 1/sqrt(cap): 0.6 %); the sketches of the current days and weeks
# hold at most this many rows each, a minute's at most ONLINE_CAP.
VISITOR_CAP = 32_768
ONLINE_CAP = 512
MAX_ONLINE_MINUTES = 60
# "Online now" sketches are per 5 minutes: the visit box reads two of them.
ONLINE_BUCKET_MINUTES = 5
_PRUNE_EVERY = 60.0


def _bucket(stamp: float) -> str:
    minute = int(stamp // 60)
    return minute_scope(minute - minute % ONLINE_BUCKET_MINUTES)


class VisitsMixin:
    """record_visit(s) and visit_stats over the tables of sql.py."""

    def __init__(self):
        self._minutes_pruned_at = 0.0
        self._days_pruned = ""

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
        self.record_visits(visits=[(visitor, when)])

    def record_visits(self, *, visits: Iterable[tuple[str, datetime | None]]) -> None:
        """Record many ``(visitor, when)`` visits in one transaction (a batch)."""
        batch = [(_check_id("visitor", v), *_moment(w)) for v, w in visits]

        def work(cursor):
            for visitor, stamp, when in batch:
                self._visit(cursor, visitor, stamp, when)

        self._ready()
        self._run(work, write=True)

    def _visit(self, cursor, visitor: str, stamp: float, when: datetime) -> None:
        self._prune(cursor, stamp, when)
        vhash = keyed_hash(self._key, visitor)
        add_member(
            self,
            cursor,
            scope=_bucket(stamp),
            vhash=vhash,
            stamp=stamp,
            cap=ONLINE_CAP,
            refresh=True,
        )
        args = {"vhash": vhash, "stamp": stamp, "cap": VISITOR_CAP}
        new, growth = add_member(self, cursor, scope=day_scope(when.date()), **args)
        if growth:
            self._execute(cursor, SQL_COUNT_VISITS, (growth,))
        if new:
            add_member(self, cursor, scope=week_scope(when.date()), **args)

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
        buckets = (_bucket(since), _bucket(now.timestamp()))

        def work(cursor):
            params = (day_scope(today), week_scope(today))
            row = self._execute(cursor, SQL_STATS, params).fetchone()
            # Below the smallest top of a full sketch, every visitor is in one.
            top = self._execute(
                cursor, SQL_ONLINE_TOP, (*buckets, ONLINE_CAP)
            ).fetchone()[0]
            below = HASH_MAX if top is None else top
            params = (*buckets, since, below)
            seen = self._execute(cursor, SQL_ONLINE, params).fetchone()[0]
            return row, seen, top

        self._ready()
        (today_n, week_n, total), seen, top = self._run(work, write=False)
        online_n = seen if top is None else estimate_below(seen, top)
        values = (online_n, today_n, week_n, total)
        names = ("online", "today", "week", "total")
        return {n: int(v or 0) for n, v in zip(names, values, strict=True)}
