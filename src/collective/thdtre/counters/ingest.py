"""Count views and visits from nginx's counting log, exactly once (issue 15).

nginx serves cached pages without asking Zope and writes a line per page it
served into a log of its own (``logline.py`` says what a line holds). This
ingester reads that log in bounded batches and, for each batch, writes the
counts and the position it read up to (the file's identity and offset) in one
PostgreSQL transaction: a batch is counted entirely or not at all, and the next
batch starts where the last committed one ended. Killing the ingester, nginx or
PostgreSQL at any moment loses and doubles nothing; a batch whose COMMIT had no
answer is decided by the position read back from the database.

Rotation: when the log's path names another file than the stored position, the
old file is read to its end first (found beside it as ``<log>.1``, as logrotate
and ``mv`` leave it), then the new one from its start. A file shorter than the
stored offset was truncated: it is read again from its start.

The rules are the counters' own, replayed for a whole batch in a few statements
(``bulk.py``; the same results as ``CounterStore._view`` and ``_visit``):
bots and editors are not counted, a view counts once per visitor per 30 s, a
cookieless visitor once per 30 s per address, browser and page.
"""

from collective.thdtre.counters.bulk import count_views
from collective.thdtre.counters.bulk import count_visits
from collective.thdtre.counters.logline import parse
from collective.thdtre.counters.moment import CounterError
from dataclasses import dataclass
from pathlib import Path

import os
import time


BATCH_LINES = 2000
BATCH_BYTES = 1024 * 1024
MAX_NAME = 100

SQL_TABLE = """CREATE TABLE IF NOT EXISTS thdtre_ingest (
    name TEXT PRIMARY KEY, file TEXT NOT NULL, position BIGINT NOT NULL,
    lines BIGINT NOT NULL DEFAULT 0, updated DOUBLE PRECISION NOT NULL DEFAULT 0)"""
SQL_START = """INSERT INTO thdtre_ingest (name, file, position) VALUES (?, '', 0)
    ON CONFLICT (name) DO NOTHING"""
SQL_GET = "SELECT file, position, lines FROM thdtre_ingest WHERE name = ?"
# Moves only from where this ingester read: a second ingester of the same log,
# or a position changed under us, fails the batch instead of counting it twice.
SQL_MOVE = """UPDATE thdtre_ingest SET file = ?, position = ?, lines = lines + ?,
    updated = ? WHERE name = ? AND file = ? AND position = ?"""


class IngestError(CounterError):
    """The log cannot be ingested; the message says why."""


@dataclass(frozen=True)
class Position:
    file: str  # "device:inode" of the log file, "" before the first batch
    offset: int
    lines: int = 0


def identity(stat: os.stat_result) -> str:
    return f"{stat.st_dev}:{stat.st_ino}"


def ensure_table(store) -> None:
    store._ready()
    store._run(lambda c: store._execute(c, SQL_TABLE), write=True)


def read_position(store, name: str) -> Position:
    """Where the last committed batch of log ``name`` ended."""

    def work(cursor):
        store._execute(cursor, SQL_START, (name,))
        return store._execute(cursor, SQL_GET, (name,)).fetchone()

    row = store._run(work, write=True)
    return Position(row[0], int(row[1]), int(row[2]))


def commit_batch(store, name: str, start: Position, end: Position, lines: list):
    """Count ``lines`` and move the position from ``start`` to ``end``, atomically.

    Returns how many lines counted (a visit, with a view or not).
    """
    hits = [hit for hit in map(parse, lines) if hit is not None]

    def work(cursor):
        views, visits = [], []
        for hit in hits:
            stamp = hit.when.timestamp()
            if hit.fingerprint and not store._slot(
                cursor, f"new\0{hit.fingerprint}", stamp
            ):
                continue
            if hit.item is not None:
                views.append((hit.item, hit.visitor, stamp))
            visits.append((hit.visitor, hit.when))
        count_views(store, cursor, views)
        count_visits(store, cursor, visits)
        counted = len(visits)
        params = (end.file, end.offset, len(lines), time.time(), name)
        moved = store._execute(cursor, SQL_MOVE, (*params, start.file, start.offset))
        if moved.rowcount != 1:
            raise IngestError(
                f"the position of log {name!r} moved under this ingester: is another"
                " ingester reading the same log? Run one per log."
            )
        return counted

    return store._run(work, write=True)


def _open(path: Path):
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return None
    return handle, identity(os.fstat(handle.fileno()))


def _rotated(path: Path, wanted: str) -> Path | None:
    """The rotated file beside ``path`` that is ``wanted`` (dev:inode), if any."""
    for candidate in sorted(path.parent.glob(path.name + ".*")):
        try:
            if identity(candidate.stat()) == wanted:
                return candidate
        except OSError:
            continue
    return None


def _complete_lines(handle, offset: int, limit: int) -> tuple[list, int]:
    """The whole lines from ``offset`` (a batch at most) and the offset after them.

    A line longer than a batch is passed on as one empty line (parse refuses
    it); a last line without its newline is left for the next batch.
    """
    handle.seek(offset)
    chunk = handle.read(BATCH_BYTES)
    end = chunk.rfind(b"\n")
    if end >= 0:
        lines = chunk[: end + 1].split(b"\n")[:-1][:limit]
        return lines, offset + sum(len(line) + 1 for line in lines)
    if len(chunk) < BATCH_BYTES:
        return [], offset  # the rest of the line is still to come
    scanned = offset + len(chunk)
    while more := handle.read(BATCH_BYTES):
        found = more.find(b"\n")
        if found >= 0:
            return [b""], scanned + found + 1
        scanned += len(more)
    return [], offset


class Ingester:
    """Reads one log into one store, a committed batch at a time."""

    def __init__(self, store, path: Path, *, name="nginx", batch_lines=BATCH_LINES):
        if not name or len(name) > MAX_NAME:
            raise IngestError(f"the log's name must be 1 to {MAX_NAME} characters")
        if not 1 <= batch_lines <= BATCH_LINES:
            raise IngestError(f"a batch must be 1 to {BATCH_LINES} lines")
        self.batch_lines = batch_lines
        self.store = store
        self.path = Path(path)
        self.name = name
        self.position = None
        self._old_idle = 0  # polls the rotated file had nothing new

    def start(self) -> Position:
        ensure_table(self.store)
        self.position = read_position(self.store, self.name)
        return self.position

    def _source(self):
        """(handle, identity, offset, rotated) to read next, or None."""
        position = self.position
        opened = _open(self.path)
        if opened is None:
            return None
        handle, current = opened
        if position.file in ("", current):
            size = os.fstat(handle.fileno()).st_size
            offset = position.offset if position.offset <= size else 0  # truncated
            return handle, current, offset, False
        old = _rotated(self.path, position.file)
        if old is not None:
            handle.close()
            return old.open("rb"), position.file, position.offset, True
        return handle, current, 0, False  # the old file is gone: the new one from 0

    def step(self) -> tuple[int, int]:
        """Ingest one batch; (lines read, lines counted). (0, 0): nothing new."""
        if self.position is None:
            self.start()
        source = self._source()
        if source is None:
            return 0, 0
        handle, file, offset, rotated = source
        with handle:
            lines, end = _complete_lines(handle, offset, self.batch_lines)
        target = Position(file, end)
        if not lines and (file, end) == (self.position.file, self.position.offset):
            if not rotated:
                return 0, 0
            # The rotated file is read to its end: once it stays so (nginx has
            # reopened its log), go on with the new file.
            self._old_idle += 1
            current = self._current_identity()
            if self._old_idle < 2 or current is None:
                return 0, 0
            target = Position(current, 0)
        self._old_idle = 0
        try:
            counted = commit_batch(self.store, self.name, self.position, target, lines)
        except CounterError:
            # Committed or not, the database knows: read its position again.
            self.position = None
            raise
        self.position = Position(
            target.file, target.offset, self.position.lines + len(lines)
        )
        return len(lines), counted

    def _current_identity(self) -> str | None:
        try:
            return identity(self.path.stat())
        except OSError:
            return None

    def behind(self) -> int:
        """Bytes of the current log not ingested yet."""
        current = self._current_identity()
        if self.position is None or current is None:
            return 0
        size = self.path.stat().st_size
        if self.position.file == current:
            return max(0, size - self.position.offset)
        return size

    def catch_up(self, *, max_batches: int = 10_000) -> int:
        """Ingest until nothing is new (or ``max_batches``); lines read."""
        total = 0
        for _ in range(max_batches):
            read, _counted = self.step()
            if not read and not self.behind():
                break
            total += read
        return total
