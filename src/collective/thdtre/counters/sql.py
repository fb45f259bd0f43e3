"""The SQL of the counters, the same for SQLite and PostgreSQL.

Written with ``?`` placeholders; PostgresStore turns them into ``%s``. Both backends
support upserts with ``RETURNING`` (SQLite 3.35+, PostgreSQL 9.5+).

Every table is bounded whatever arrives (issue 14): no row per visitor per visit.

- ``thdtre_views``: one row per counted item (a news item's UID): hits + imported base.
- ``thdtre_slots``: the 30 s debounce, a fixed number of slots (``SLOTS``) addressed
  by a keyed hash of (item, visitor); a slot remembers the last counted view.
- ``thdtre_distinct``: one row per scope (``day:2024-05-30``, ``week:2024-05-27``,
  ``minute:0028934120``: five minutes from then) with its number of distinct
  ``visitors``: exact below the scope's cap, a K-minimum-values estimate above
  it. Day and week rows are kept (a few hundred rows a year); minute rows go
  after an hour.
- ``thdtre_sketch``: the members of a scope's sketch, at most its cap of the
  smallest visitor hashes; kept for the current days, weeks and hour only.
- ``thdtre_totals``: running totals (``visits``: every visit-day ever counted).
- ``thdtre_meta``: the hash key shared by the instances and the schema version.

Aggregates, so that a batch ingester (issue 15: views counted from nginx's log) adds
to the same rows with the same store methods, giving ``when`` from the log.
"""

SCHEMA_VERSION = "2"

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS thdtre_meta (
        name TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS thdtre_views (
        uid TEXT PRIMARY KEY, hits BIGINT NOT NULL DEFAULT 0,
        base BIGINT NOT NULL DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS thdtre_slots (
        slot INTEGER PRIMARY KEY, tag BIGINT NOT NULL,
        seen DOUBLE PRECISION NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS thdtre_distinct (
        scope TEXT PRIMARY KEY, kept INTEGER NOT NULL DEFAULT 0, top BIGINT,
        visitors BIGINT NOT NULL DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS thdtre_sketch (
        scope TEXT NOT NULL, vhash BIGINT NOT NULL, seen DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (scope, vhash)){without_rowid}""",
    """CREATE TABLE IF NOT EXISTS thdtre_totals (
        name TEXT PRIMARY KEY, value BIGINT NOT NULL DEFAULT 0)""",
    "INSERT INTO thdtre_totals (name, value) VALUES ('visits', 0)"
    " ON CONFLICT (name) DO NOTHING",
)

# The tables of schema 1 (a row per visitor per day, a row per visitor per item),
# migrated into the aggregates and dropped (migrate.py).
OLD_VISITS = "thdtre_visits"
OLD_DEBOUNCE = "thdtre_view_debounce"

SQL_META_SET = """INSERT INTO thdtre_meta (name, value) VALUES (?, ?)
    ON CONFLICT (name) DO NOTHING"""
SQL_META_GET = "SELECT value FROM thdtre_meta WHERE name = ?"
SQL_META_PUT = """INSERT INTO thdtre_meta (name, value) VALUES (?, ?)
    ON CONFLICT (name) DO UPDATE SET value = excluded.value"""

# One statement decides the debounce, so concurrent requests (threads or Zope
# instances) cannot both count: the row lock of the upsert serialises them. Another
# (item, visitor) in the same slot takes it over and counts.
SQL_SLOT = """INSERT INTO thdtre_slots (slot, tag, seen) VALUES (?, ?, ?)
    ON CONFLICT (slot) DO UPDATE SET tag = excluded.tag, seen = excluded.seen
    WHERE thdtre_slots.tag <> excluded.tag
       OR ABS(excluded.seen - thdtre_slots.seen) >= ? RETURNING 1"""
SQL_INCREMENT = """INSERT INTO thdtre_views (uid, hits, base) VALUES (?, 1, 0)
    ON CONFLICT (uid) DO UPDATE SET hits = thdtre_views.hits + 1
    RETURNING hits + base"""
SQL_TOTAL = "SELECT hits + base FROM thdtre_views WHERE uid = ?"
SQL_SET_BASE = """INSERT INTO thdtre_views (uid, hits, base) VALUES (?, 0, ?)
    ON CONFLICT (uid) DO UPDATE SET base = excluded.base"""

SQL_SCOPE = "SELECT kept, top FROM thdtre_distinct WHERE scope = ?"
SQL_MEMBER_ADD = """INSERT INTO thdtre_sketch (scope, vhash, seen) VALUES (?, ?, ?)
    ON CONFLICT (scope, vhash) DO NOTHING"""
SQL_MEMBER_SEEN = """UPDATE thdtre_sketch SET seen = ?
    WHERE scope = ? AND vhash = ? AND seen < ?"""
# Takes the scope's row lock (PostgreSQL): additions to one scope are serialised.
SQL_SCOPE_GROW = """INSERT INTO thdtre_distinct (scope, kept, visitors)
    VALUES (?, 1, 0) ON CONFLICT (scope) DO UPDATE
    SET kept = thdtre_distinct.kept + 1 RETURNING kept, visitors"""
SQL_SCOPE_TOP = "SELECT MAX(vhash) FROM thdtre_sketch WHERE scope = ?"
SQL_MEMBER_DROP = "DELETE FROM thdtre_sketch WHERE scope = ? AND vhash = ?"
SQL_SCOPE_SET = """UPDATE thdtre_distinct SET kept = ?, top = ?, visitors = ?
    WHERE scope = ?"""
SQL_COUNT_VISITS = "UPDATE thdtre_totals SET value = value + ? WHERE name = 'visits'"

SQL_STATS = """SELECT
    (SELECT visitors FROM thdtre_distinct WHERE scope = ?),
    (SELECT visitors FROM thdtre_distinct WHERE scope = ?),
    (SELECT value FROM thdtre_totals WHERE name = 'visits')"""
# The visitors seen since a time in a range of minute scopes, up to a hash.
SQL_ONLINE = """SELECT COUNT(DISTINCT vhash) FROM thdtre_sketch
    WHERE scope >= ? AND scope <= ? AND seen >= ? AND vhash <= ?"""
SQL_ONLINE_TOP = """SELECT MIN(top) FROM thdtre_distinct
    WHERE scope >= ? AND scope <= ? AND kept >= ?"""

SQL_PRUNE_SKETCH = "DELETE FROM thdtre_sketch WHERE scope >= ? AND scope < ?"
SQL_PRUNE_SCOPES = "DELETE FROM thdtre_distinct WHERE scope >= ? AND scope < ?"
