"""Schema 1 -> 2: a row per visitor per day becomes bounded aggregates (issue 14).

Run by the store when it first opens the database (every instance at start), in
the transaction that creates the tables and under the schema lock: idempotent, a
second run finds no old table and does nothing. Each day's count of visitors is
kept exactly; the days and weeks still counted get a sketch of their visitors, so
that a visitor already counted today is not counted again. The 30 s debounce of
schema 1 is dropped (at worst a reload within 30 s of the upgrade counts again).
"""

from collective.thdtre.counters.sketch import day_scope
from collective.thdtre.counters.sketch import keyed_hash
from collective.thdtre.counters.sketch import week_scope
from collective.thdtre.counters.sql import OLD_DEBOUNCE
from collective.thdtre.counters.sql import OLD_VISITS
from datetime import date
from datetime import timedelta

import heapq


FETCH = 10_000
SQL_SEED_SCOPE = """INSERT INTO thdtre_distinct (scope, kept, top, visitors)
    VALUES (?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE
    SET kept = excluded.kept, top = excluded.top, visitors = excluded.visitors"""
SQL_SEED_MEMBER = """INSERT INTO thdtre_sketch (scope, vhash, seen) VALUES (?, ?, 0)
    ON CONFLICT (scope, vhash) DO NOTHING"""


def _visitors(store, cursor, sql: str, params: tuple):
    store._execute(cursor, sql, params)
    while rows := cursor.fetchmany(FETCH):
        for (visitor,) in rows:
            yield visitor


def _seed(store, cursor, *, scope: str, visitors, key: bytes, cap: int) -> None:
    """Give ``scope`` the exact count of ``visitors`` and a sketch of them."""
    count = 0

    def hashes():
        nonlocal count
        for visitor in visitors:
            count += 1
            yield keyed_hash(key, visitor)

    kept = heapq.nsmallest(cap, hashes())
    top = kept[-1] if len(kept) >= cap else None
    store._execute(cursor, SQL_SEED_SCOPE, (scope, len(kept), top, count))
    params = [(scope, vhash) for vhash in kept]
    cursor.executemany(store._q(SQL_SEED_MEMBER), params)


def migrate(store, cursor, *, key: bytes, cap: int) -> bool:
    """Fold schema 1's tables into the aggregates and drop them; True if done."""
    if store._has_table(cursor, OLD_DEBOUNCE):
        store._execute(cursor, f"DROP TABLE {OLD_DEBOUNCE}")
    if not store._has_table(cursor, OLD_VISITS):
        return False
    days = sorted(
        date.fromisoformat(str(day))
        for (day,) in store._execute(
            cursor, f"SELECT DISTINCT day FROM {OLD_VISITS}"
        ).fetchall()
    )
    for day in days:
        visitors = _visitors(
            store,
            cursor,
            f"SELECT visitor FROM {OLD_VISITS} WHERE day = ?",
            (day.isoformat(),),
        )
        _seed(store, cursor, scope=day_scope(day), visitors=visitors, key=key, cap=cap)
    for monday in sorted({day - timedelta(days=day.weekday()) for day in days}):
        visitors = _visitors(
            store,
            cursor,
            f"SELECT DISTINCT visitor FROM {OLD_VISITS} WHERE day >= ? AND day <= ?",
            (monday.isoformat(), (monday + timedelta(days=6)).isoformat()),
        )
        _seed(
            store, cursor, scope=week_scope(monday), visitors=visitors, key=key, cap=cap
        )
    store._execute(cursor, f"DROP TABLE {OLD_VISITS}")
    return True
