"""A batch of counts in a few statements, for the ingester (PostgreSQL only).

``CounterStore._view`` and ``_visit`` cost several round trips per hit: fine for
a page rendered now and then, too slow for nginx's log at a thousand pages a
second. These functions give the same results for a whole batch: they read the
rows the batch touches once (locked, ``FOR UPDATE``, so that a Zope instance
counting at the same moment waits), replay the counters' rules in Python in the
log's order (the debounce of ``SQL_SLOT``, the sketches of ``sketch.add_member``)
and write the outcome back with multi-row statements.
"""

from collections import Counter
from collective.thdtre.counters.base import DEBOUNCE_SECONDS
from collective.thdtre.counters.base import SLOTS
from collective.thdtre.counters.sketch import day_scope
from collective.thdtre.counters.sketch import estimate
from collective.thdtre.counters.sketch import keyed_hash
from collective.thdtre.counters.sketch import week_scope
from collective.thdtre.counters.visits import _bucket
from collective.thdtre.counters.visits import ONLINE_CAP
from collective.thdtre.counters.visits import VISITOR_CAP

import heapq


def _values(cursor, sql: str, rows: list, template: str | None = None) -> None:
    from psycopg2.extras import execute_values

    if rows:
        execute_values(cursor, sql, rows, template=template, page_size=1000)


def count_views(store, cursor, views: list) -> int:
    """Count ``(item, visitor, stamp)`` views in log order; how many counted."""
    by_slot = {}
    for item, visitor, stamp in views:
        tag = keyed_hash(store._key, f"view\0{item}\0{visitor}")
        by_slot.setdefault(tag % SLOTS, []).append((tag, item, stamp))
    if not by_slot:
        return 0
    cursor.execute(
        "SELECT slot, tag, seen FROM thdtre_slots WHERE slot = ANY(%s)"
        " ORDER BY slot FOR UPDATE",
        (list(by_slot),),
    )
    state = {slot: (tag, seen) for slot, tag, seen in cursor.fetchall()}
    hits, changed = Counter(), []
    for slot, entries in by_slot.items():
        last = state.get(slot)
        for tag, item, stamp in entries:
            # As SQL_SLOT: another pair takes the slot over; the same pair counts
            # again once DEBOUNCE_SECONDS have passed.
            if (
                last is None
                or last[0] != tag
                or abs(stamp - last[1]) >= DEBOUNCE_SECONDS
            ):
                hits[item] += 1
                last = (tag, stamp)
        if last != state.get(slot):
            changed.append((slot, *last))
    _values(
        cursor,
        "INSERT INTO thdtre_slots (slot, tag, seen) VALUES %s ON CONFLICT (slot)"
        " DO UPDATE SET tag = excluded.tag, seen = excluded.seen",
        changed,
    )
    _values(
        cursor,
        "INSERT INTO thdtre_views (uid, hits, base) VALUES %s ON CONFLICT (uid)"
        " DO UPDATE SET hits = thdtre_views.hits + excluded.hits",
        [(item, count, 0) for item, count in sorted(hits.items())],
    )
    return sum(hits.values())


def add_members(cursor, scope: str, members: dict, *, cap: int, refresh=False):
    """``sketch.add_member`` for many ``{vhash: stamp}`` (in order) of one scope.

    Returns (the hashes that were new members, the growth of the count).
    """
    cursor.execute(
        "INSERT INTO thdtre_distinct (scope, kept, visitors) VALUES (%s, 0, 0)"
        " ON CONFLICT (scope) DO NOTHING",
        (scope,),
    )
    cursor.execute(
        "SELECT kept, top, visitors FROM thdtre_distinct WHERE scope = %s FOR UPDATE",
        (scope,),
    )
    kept, top, visitors = cursor.fetchone()
    cursor.execute(
        "SELECT vhash FROM thdtre_sketch WHERE scope = %s AND vhash = ANY(%s)",
        (scope, list(members)),
    )
    existing = {row[0] for row in cursor.fetchall()}
    if refresh:
        _values(
            cursor,
            "UPDATE thdtre_sketch AS s SET seen = v.seen FROM (VALUES %s) AS"
            " v(scope, vhash, seen) WHERE s.scope = v.scope AND s.vhash = v.vhash"
            " AND s.seen < v.seen",
            [(scope, vhash, members[vhash]) for vhash in existing],
            template="(%s, %s::bigint, %s::double precision)",
        )
    candidates = [vhash for vhash in members if vhash not in existing]
    if not candidates:
        return set(), 0
    # The largest members: what an overflow drops (at most one per candidate).
    cursor.execute(
        "SELECT vhash FROM thdtre_sketch WHERE scope = %s ORDER BY vhash DESC LIMIT %s",
        (scope, len(candidates) + 1),
    )
    heap = [-row[0] for row in cursor.fetchall()]
    heapq.heapify(heap)
    added, dropped, new, growth = {}, [], set(), 0
    for vhash in candidates:
        if kept >= cap and top is not None and vhash > top:
            continue  # beyond the sketch: not new to it
        kept += 1
        heapq.heappush(heap, -vhash)
        added[vhash] = members[vhash]
        grown, is_new = 1, True
        if kept > cap:
            before = -heapq.heappop(heap)
            if added.pop(before, None) is None:
                dropped.append(before)
            kept, top = cap, -heap[0]
            is_new = before != vhash
            grown = max(0, estimate(cap, top) - estimate(cap, before)) if is_new else 0
        elif kept == cap:
            top = -heap[0]
        growth += grown
        if is_new:
            new.add(vhash)
    if dropped:
        cursor.execute(
            "DELETE FROM thdtre_sketch WHERE scope = %s AND vhash = ANY(%s)",
            (scope, dropped),
        )
    _values(
        cursor,
        "INSERT INTO thdtre_sketch (scope, vhash, seen) VALUES %s"
        " ON CONFLICT (scope, vhash) DO NOTHING",
        [(scope, vhash, stamp) for vhash, stamp in added.items()],
    )
    cursor.execute(
        "UPDATE thdtre_distinct SET kept = %s, top = %s, visitors = %s"
        " WHERE scope = %s",
        (kept, top, visitors + growth, scope),
    )
    return new, growth


def count_visits(store, cursor, visits: list) -> None:
    """Record ``(visitor, when)`` visits in log order (``VisitsMixin._visit``)."""
    if not visits:
        return
    latest = max(visits, key=lambda visit: visit[1])
    store._prune(cursor, latest[1].timestamp(), latest[1])
    online, days = {}, {}
    for visitor, when in visits:
        vhash, stamp = keyed_hash(store._key, visitor), when.timestamp()
        bucket = online.setdefault(_bucket(stamp), {})
        bucket[vhash] = max(stamp, bucket.get(vhash, stamp))
        days.setdefault(when.date(), {}).setdefault(vhash, stamp)
    for scope, members in sorted(online.items()):
        add_members(cursor, scope, members, cap=ONLINE_CAP, refresh=True)
    weeks, total = {}, 0
    for day, members in sorted(days.items()):
        new, growth = add_members(cursor, day_scope(day), members, cap=VISITOR_CAP)
        total += growth
        week = weeks.setdefault(week_scope(day), {})
        for vhash in members:
            if vhash in new:
                week.setdefault(vhash, members[vhash])
    for scope, members in sorted(weeks.items()):
        if members:
            add_members(cursor, scope, members, cap=VISITOR_CAP)
    if total:
        cursor.execute(
            "UPDATE thdtre_totals SET value = value + %s WHERE name = 'visits'",
            (total,),
        )
