"""Flood the counters with made-up visitors: the store's size, the visit box's time.

Issue 14: a flood of 1,000,000 distinct visitors (each a visit and a view of a
news item, as 1M requests naming a new visitor each would make) must keep the
store under 50 MB and the visit box's query under 5 ms more than on an empty
store. Run with the instance's Python:

    .venv/bin/python scripts/bench_counters.py [--visitors 1000000] [--dsn DSN]

Without ``--dsn`` the store is a SQLite file in a temporary folder; with it, the
tables ``thdtre_*`` of that PostgreSQL database (dropped first: use a scratch
database). Visitors arrive over an hour, in batches of one transaction each, as
an ingester of nginx's log would write them (``record_visits``/``record_views``).
"""

from collective.thdtre.counters import PostgresStore
from collective.thdtre.counters import SQLiteStore
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import argparse
import secrets
import statistics
import tempfile
import time


ICT = timezone(timedelta(hours=7))
START = datetime(2024, 6, 1, 9, 0, tzinfo=ICT)
TABLES = (
    "thdtre_views",
    "thdtre_slots",
    "thdtre_distinct",
    "thdtre_sketch",
    "thdtre_totals",
    "thdtre_meta",
)
BATCH = 2_000
ITEMS = 10
LIMIT_MB = 50
LIMIT_MS = 5


def _store(dsn: str | None, folder: Path):
    if not dsn:
        return SQLiteStore(str(folder / "counters.sqlite"))
    import psycopg2

    connection = psycopg2.connect(dsn)
    with connection, connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {', '.join(TABLES)}")
    connection.close()
    return PostgresStore(dsn)


def _size_mb(store) -> float:
    if isinstance(store, SQLiteStore):
        store._run(lambda c: c.execute("PRAGMA wal_checkpoint(TRUNCATE)"), write=False)
        files = Path(store.path).parent.glob(Path(store.path).name + "*")
        return sum(path.stat().st_size for path in files) / 2**20

    def size(cursor):
        total = 0
        for table in TABLES:
            cursor.execute("SELECT pg_total_relation_size(%s)", (table,))
            total += cursor.fetchone()[0]
        return total

    return store._run(size, write=False) / 2**20


def _box_ms(store, now: datetime, rounds: int = 200) -> float:
    """Median time of the visit box's query, in milliseconds."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        store.visit_stats(now=now)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def flood(store, visitors: int) -> datetime:
    """``visitors`` distinct visitors over an hour; return the time of the last."""
    step = 3600 / visitors
    when = START
    for first in range(0, visitors, BATCH):
        visits, views = [], []
        for n in range(first, min(first + BATCH, visitors)):
            when = START + timedelta(seconds=n * step)
            visitor = secrets.token_hex(16)
            visits.append((visitor, when))
            views.append((f"uid-news-{n % ITEMS}", visitor, when))
        store.record_visits(visits=visits)
        store.record_views(views=views)
        if first and first % (100 * BATCH) == 0:
            print(f"  {first:>9,} visitors, {_size_mb(store):6.1f} MB", flush=True)
    return when


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=1_000_000)
    parser.add_argument("--dsn", help="a scratch PostgreSQL database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="thdtre-bench-counters-") as folder:
        store = _store(args.dsn, Path(folder))
        backend = "PostgreSQL" if args.dsn else "SQLite"
        store.record_visit(visitor="first", when=START)
        empty_ms = _box_ms(store, START)
        print(f"{backend}: visit box on an almost empty store {empty_ms:.2f} ms")
        started = time.monotonic()
        last = flood(store, args.visitors)
        took = time.monotonic() - started
        size = _size_mb(store)
        box_ms = _box_ms(store, last)
        stats = store.visit_stats(now=last)
        keys = [f"uid-news-{n}" for n in range(ITEMS)]
        views = sum(store.views_many(keys=keys).values())
        store.close()
    extra = box_ms - empty_ms
    print(f"{args.visitors:,} distinct visitors in {took:.0f} s")
    print(f"store size: {size:.1f} MB (limit {LIMIT_MB} MB)")
    print(f"visit box: {box_ms:.2f} ms, {extra:+.2f} ms over empty (limit {LIMIT_MS})")
    print(f"numbers shown: {stats}; views counted: {views:,}")
    ok = size < LIMIT_MB and extra < LIMIT_MS
    print("OK" if ok else "OVER THE LIMITS")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
