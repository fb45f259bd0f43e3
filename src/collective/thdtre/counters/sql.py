"""The SQL of the counters, the same for SQLite and PostgreSQL.

Written with ``?`` placeholders; PostgresStore turns them into ``%s``. Both backends
support upserts with ``RETURNING`` (SQLite 3.35+, PostgreSQL 9.5+).
"""

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS thdtre_views (
        uid TEXT PRIMARY KEY, hits BIGINT NOT NULL DEFAULT 0,
        base BIGINT NOT NULL DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS thdtre_view_debounce (
        uid TEXT NOT NULL, visitor TEXT NOT NULL, seen DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (uid, visitor))""",
    "CREATE INDEX IF NOT EXISTS thdtre_view_debounce_seen"
    " ON thdtre_view_debounce (seen)",
    """CREATE TABLE IF NOT EXISTS thdtre_visits (
        visitor TEXT NOT NULL, day {day_type} NOT NULL,
        last_seen DOUBLE PRECISION NOT NULL, PRIMARY KEY (visitor, day))""",
    "CREATE INDEX IF NOT EXISTS thdtre_visits_day ON thdtre_visits (day)",
    "CREATE INDEX IF NOT EXISTS thdtre_visits_last_seen ON thdtre_visits (last_seen)",
    """CREATE TABLE IF NOT EXISTS thdtre_totals (
        name TEXT PRIMARY KEY, value BIGINT NOT NULL DEFAULT 0)""",
    "INSERT INTO thdtre_totals (name, value) VALUES ('visits', 0)"
    " ON CONFLICT (name) DO NOTHING",
)

# One statement decides the debounce, so concurrent requests (threads or Zope
# instances) cannot both count: the row lock of the upsert serialises them.
SQL_DEBOUNCE = """INSERT INTO thdtre_view_debounce (uid, visitor, seen)
    VALUES (?, ?, ?) ON CONFLICT (uid, visitor) DO UPDATE SET seen = excluded.seen
    WHERE ABS(excluded.seen - thdtre_view_debounce.seen) >= ? RETURNING 1"""
SQL_INCREMENT = """INSERT INTO thdtre_views (uid, hits, base) VALUES (?, 1, 0)
    ON CONFLICT (uid) DO UPDATE SET hits = thdtre_views.hits + 1
    RETURNING hits + base"""
SQL_TOTAL = "SELECT hits + base FROM thdtre_views WHERE uid = ?"
SQL_SET_BASE = """INSERT INTO thdtre_views (uid, hits, base) VALUES (?, 0, ?)
    ON CONFLICT (uid) DO UPDATE SET base = excluded.base"""
SQL_NEW_VISIT = """INSERT INTO thdtre_visits (visitor, day, last_seen)
    VALUES (?, ?, ?) ON CONFLICT (visitor, day) DO NOTHING"""
SQL_SEEN_AGAIN = """UPDATE thdtre_visits SET last_seen = ?
    WHERE visitor = ? AND day = ? AND last_seen < ?"""
SQL_COUNT_VISIT = "UPDATE thdtre_totals SET value = value + 1 WHERE name = 'visits'"
SQL_STATS = """SELECT
    (SELECT COUNT(DISTINCT visitor) FROM thdtre_visits WHERE last_seen >= ?),
    (SELECT COUNT(*) FROM thdtre_visits WHERE day = ?),
    (SELECT COUNT(DISTINCT visitor) FROM thdtre_visits WHERE day >= ? AND day <= ?),
    (SELECT value FROM thdtre_totals WHERE name = 'visits')"""
