"""Bounded distinct counting: keyed hashes and K-minimum-values sketches.

A scope (a day, an ISO week, five minutes) keeps at most ``cap`` visitor hashes, the
smallest ones. Below the cap the count is exact (every visitor is a member). Above
it, a visitor whose hash is larger than the largest member cannot be new to the
sketch and is ignored, and the count is estimated from the ``cap``-th smallest hash
(standard error about 1/sqrt(cap)). So a flood of made-up visitors writes rarely
(about cap * ln(n / cap) times for n visitors) and never grows the store past cap
rows per scope.

The hash is keyed with a random key kept in the database (``thdtre_meta``), shared
by every instance: nobody can make up visitor ids with tiny hashes to skew a count.
"""

from collective.thdtre.counters.sql import SQL_MEMBER_ADD
from collective.thdtre.counters.sql import SQL_MEMBER_DROP
from collective.thdtre.counters.sql import SQL_MEMBER_SEEN
from collective.thdtre.counters.sql import SQL_SCOPE
from collective.thdtre.counters.sql import SQL_SCOPE_GROW
from collective.thdtre.counters.sql import SQL_SCOPE_SET
from collective.thdtre.counters.sql import SQL_SCOPE_TOP
from datetime import date
from datetime import timedelta

import hashlib


HASH_SPACE = 2**64
_OFFSET = 2**63  # hashes are signed 64-bit integers (BIGINT)
HASH_MAX = 2**63 - 1


def keyed_hash(key: bytes, text: str) -> int:
    """A signed 64-bit hash of ``text`` under ``key``."""
    digest = hashlib.blake2b(text.encode(), digest_size=8, key=key).digest()
    return int.from_bytes(digest, "big", signed=True)


def estimate(cap: int, top: int) -> int:
    """The number of distinct hashes when ``top`` is the ``cap``-th smallest."""
    fraction = (top + _OFFSET + 1) / HASH_SPACE
    return round((cap - 1) / fraction)


def estimate_below(count: int, top: int) -> int:
    """The number of distinct hashes when ``count`` of them are at most ``top``.

    For the union of sketches cut at the smallest of their tops (a theta sketch).
    """
    return round(count / ((top + _OFFSET + 1) / HASH_SPACE))


def day_scope(day: date) -> str:
    return f"day:{day.isoformat()}"


def week_scope(day: date) -> str:
    """The scope of the ISO week (from Monday) of ``day``."""
    return f"week:{(day - timedelta(days=day.weekday())).isoformat()}"


def minute_scope(minute: int) -> str:
    # Zero-padded: minute scopes sort as their numbers (range queries, pruning).
    return f"minute:{minute:010d}"


def add_member(
    store,
    cursor,
    *,
    scope: str,
    vhash: int,
    stamp: float,
    cap: int,
    refresh: bool = False,
) -> tuple[bool, int]:
    """Add a visitor hash to ``scope``; return (a new member, growth of the count).

    ``refresh`` updates a member's last-seen time (for "online now").
    """
    run = store._execute
    row = run(cursor, SQL_SCOPE, (scope,)).fetchone()
    if row and row[0] >= cap and row[1] is not None and vhash > row[1]:
        return False, 0  # beyond the sketch: not new to it, nothing written
    if not run(cursor, SQL_MEMBER_ADD, (scope, vhash, stamp)).rowcount:
        if refresh:
            run(cursor, SQL_MEMBER_SEEN, (stamp, scope, vhash, stamp))
        return False, 0
    kept, visitors = run(cursor, SQL_SCOPE_GROW, (scope,)).fetchone()
    top = None
    growth = 1
    new = True
    if kept > cap:
        # The sketch overflows: drop its largest hash (maybe the new one).
        before = run(cursor, SQL_SCOPE_TOP, (scope,)).fetchone()[0]
        run(cursor, SQL_MEMBER_DROP, (scope, before))
        kept = cap
        top = run(cursor, SQL_SCOPE_TOP, (scope,)).fetchone()[0]
        new = before != vhash
        # Not new: the sketch is as it was. New: ``before`` was its cap-th hash.
        growth = max(0, estimate(cap, top) - estimate(cap, before)) if new else 0
    elif kept == cap:
        top = run(cursor, SQL_SCOPE_TOP, (scope,)).fetchone()[0]
    run(cursor, SQL_SCOPE_SET, (kept, top, visitors + growth, scope))
    return new, growth
