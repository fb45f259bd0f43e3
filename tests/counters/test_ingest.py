"""The ingester counts nginx's counting log exactly once (issue 15), on PostgreSQL.

Lines are written as nginx's ``log_format thdtre_count`` writes them; the
position and the counts of a batch are one transaction, so a kill, a replay, a
rotation or a truncation loses and doubles nothing.
"""

from collective.thdtre.counters import PostgresStore
from collective.thdtre.counters.ingest import Ingester
from collective.thdtre.counters.ingest import IngestError
from collective.thdtre.counters.ingest import read_position
from datetime import datetime
from pathlib import Path

import json
import os
import pytest
import signal
import subprocess
import sys
import time


T0 = datetime(2024, 6, 1, 8, 0).astimezone()
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"
UID = "a" * 32


def line(visitor, *, t=0.0, status=200, mark=f"view:{UID}", new="", **extra) -> str:
    record = {
        "t": T0.timestamp() + t,
        "s": status,
        "v": visitor,
        "n": new,
        "a": "192.0.2.7",
        "ua": BROWSER,
        "p": "/Plone/tin-tuc/tin",
        "m": mark,
    }
    record.update(extra)
    return json.dumps(record, ensure_ascii=False) + "\n"


def visitor(n: int) -> str:
    return f"{n:032d}"


def write(path: Path, *lines: str, mode: str = "a") -> None:
    with path.open(mode, encoding="utf-8") as file:
        file.write("".join(lines))


def _sql(dsn: str, sql: str):
    import psycopg2

    connection = psycopg2.connect(dsn)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall() if cursor.description else None
    finally:
        connection.close()


@pytest.fixture
def store(pg_dsn):
    """An empty store; the position table too (pg_dsn drops the counters')."""
    _sql(pg_dsn, "DROP TABLE IF EXISTS thdtre_ingest")
    made = PostgresStore(pg_dsn)
    yield made
    made.close()


@pytest.fixture
def log(tmp_path) -> Path:
    return tmp_path / "count.log"


def test_counts_the_visitors_rules_and_refuses_what_is_not_ours(store, log):
    write(
        log,
        line(visitor(1)),
        line(visitor(1), t=5),  # a reload within 30 s: one view
        line(visitor(1), t=40),  # after the debounce: a second view
        line(visitor(2), mark="visit"),  # another page: a visit, no view
        line(visitor(3), ua="Googlebot/2.1 (+http://www.google.com/bot.html)"),
        line(visitor(4), mark="no"),  # rendered for an editor of the item
        line(visitor(5), status=404),
        line(visitor(6), mark="view:" + "b" * 32 + "/../x"),  # not a UID
        line("e" * 31 + "!"),  # not a visitor id
        line(visitor(7)).replace(f'"t": {T0.timestamp()}', '"t": "soon"'),
        "not json at all\n",
        '{"t": 1, "s": 200}\n',
        "[1, 2, 3]\n",
        "\xff garbage \x00\n",
        line(visitor(8), ua="x" * 5000),  # a field longer than any of ours
    )
    with log.open("ab") as file:
        file.write(b"\xc3\x28 broken utf-8\n")
        # A browser's own bytes, not UTF-8: still a visitor of the page.
        file.write(
            line(visitor(10), t=1)
            .replace(BROWSER, "Mozilla \udcff", 1)
            .encode("utf-8", "surrogateescape")
        )
    write(log, line(visitor(9))[:-1])  # nginx has not finished this line yet

    ingester = Ingester(store, log)
    assert ingester.catch_up() == 17
    assert store.views(key=UID) == 3
    assert store.visit_stats(now=T0)["today"] == 3
    assert ingester.behind() > 0  # the unfinished line waits

    write(log, "\n")
    assert ingester.catch_up() == 1
    assert store.views(key=UID) == 4
    assert ingester.behind() == 0


def test_a_cookieless_visitor_counts_once_per_30_s_per_address_browser_page(store, log):
    # nginx gives every cookieless request a new id; n=1 says so.
    write(log, *(line(visitor(100 + n), t=n, new="1") for n in range(10)))
    write(log, line(visitor(200), t=3, new="1", a="198.51.100.9"))
    write(log, line(visitor(201), t=40, new="1"))
    Ingester(store, log).catch_up()
    assert store.views(key=UID) == 3


def test_a_replay_from_a_new_ingester_counts_nothing_twice(store, log):
    write(log, *(line(visitor(n)) for n in range(50)))
    assert Ingester(store, log).catch_up() == 50
    assert Ingester(store, log).catch_up() == 0  # another start: same position
    assert store.views(key=UID) == 50
    assert read_position(store, "nginx").lines == 50


def test_two_ingesters_of_one_log_cannot_both_count_a_batch(store, log):
    write(log, *(line(visitor(n)) for n in range(10)))
    first, second = Ingester(store, log), Ingester(store, log)
    first.start(), second.start()
    first.catch_up()
    with pytest.raises(IngestError, match="another ingester"):
        second.step()
    assert second.catch_up() == 0  # it read the position again: nothing left
    assert store.views(key=UID) == 10


def test_rotation_reads_the_old_file_to_its_end_then_the_new(store, log):
    ingester = Ingester(store, log)
    write(log, *(line(visitor(n)) for n in range(5)))
    ingester.catch_up()
    log.rename(log.with_name("count.log.1"))
    rotated = log.with_name("count.log.1")
    write(rotated, *(line(visitor(n)) for n in range(5, 8)))  # before the reopen
    write(log, *(line(visitor(n)) for n in range(8, 12)), mode="w")
    for _ in range(6):
        ingester.step()
    assert store.views(key=UID) == 12
    assert read_position(store, "nginx").file == ingester.position.file
    assert ingester.behind() == 0


def test_a_truncated_log_is_read_again_from_its_start(store, log):
    ingester = Ingester(store, log)
    write(log, *(line(visitor(n)) for n in range(20)))
    ingester.catch_up()
    write(log, *(line(visitor(n)) for n in range(20, 23)), mode="w")  # truncated
    ingester.catch_up()
    assert store.views(key=UID) == 23


def _waiting(pg_dsn: str) -> bool:
    """Whether the ingester waits for a lock, inside its batch, right now."""
    rows = _sql(
        pg_dsn,
        "SELECT count(*) FROM pg_stat_activity WHERE application_name ="
        " 'thdtre-ingest' AND wait_event_type = 'Lock'",
    )
    return rows[0][0] > 0


def _ingest(log: Path, pg_dsn: str, *extra) -> subprocess.Popen:
    command = [sys.executable, "-m", "collective.thdtre.counters.ingest_cli"]
    return subprocess.Popen(
        [*command, "--log", str(log), "--interval", "0.05", *extra],
        env=dict(os.environ, THDTRE_COUNTER_DSN=pg_dsn),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_killed_mid_batch_and_restarted_the_ingester_loses_and_doubles_nothing(
    store, log, pg_dsn
):
    import psycopg2

    count = 900
    write(log, *(line(visitor(n), t=n / 1000) for n in range(count)))
    Ingester(store, log).start()  # the tables, and the position row at 0
    # Hold the position row: the first batch writes its counts, then waits to
    # move the position, its transaction open. It is killed there.
    holder = psycopg2.connect(pg_dsn)
    process = _ingest(log, pg_dsn, "--batch-lines", "300")
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT 1 FROM thdtre_ingest FOR UPDATE")
            deadline = time.monotonic() + 60
            while not _waiting(pg_dsn) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _waiting(pg_dsn), process.stderr.read()
            os.kill(process.pid, signal.SIGKILL)  # in the middle of a batch
            process.wait(timeout=10)
    finally:
        holder.rollback()
        holder.close()
        if process.poll() is None:
            process.kill()
    time.sleep(0.5)  # its backend finds the client gone: the batch rolls back
    assert store.views(key=UID) == 0
    again = _ingest(log, pg_dsn, "--once")
    assert again.wait(timeout=120) == 0, again.stderr.read()
    assert store.views(key=UID) == count
    assert read_position(store, "nginx").offset == log.stat().st_size


COUNTED = ("thdtre_views", "thdtre_slots", "thdtre_distinct", "thdtre_sketch")


def _snapshot(dsn: str) -> dict:
    found = {name: sorted(_sql(dsn, f"SELECT * FROM {name}")) for name in COUNTED}
    found["visits"] = _sql(dsn, "SELECT value FROM thdtre_totals")
    return found


def test_a_batch_counts_exactly_as_the_store_counts_one_hit_at_a_time(
    store, log, pg_dsn
):
    """bulk.py replays the store's rules: the same rows as record_view/visit,
    sketches overflowing their cap (512 online) and reloads within 30 s included."""
    import random

    rng = random.Random(15)
    hits = []
    for _ in range(650):  # > 512 visitors in the first five minutes
        hits.append((visitor(rng.randrange(5000)), rng.uniform(0, 280)))
    for who, t in rng.sample(hits, 150):  # reloads, within 30 s and after
        hits.append((who, t + rng.uniform(1, 80)))
    hits.sort(key=lambda hit: hit[1])
    items = [f"{n:032x}" for n in range(3)]
    marks = [
        (f"view:{rng.choice(items)}" if rng.random() < 0.6 else "visit") for _ in hits
    ]
    for (who, t), mark in zip(hits, marks, strict=True):
        when = datetime.fromtimestamp(T0.timestamp() + t).astimezone()
        if mark != "visit":
            store.record_view(key=mark[5:], visitor=who, when=when)
        store.record_visit(visitor=who, when=when)
    one_by_one = _snapshot(pg_dsn)
    full = [row for row in one_by_one["thdtre_distinct"] if row[1] == 512]
    assert full and full[0][0].startswith("minute:")  # an overflowing sketch

    _sql(pg_dsn, "TRUNCATE " + ", ".join(COUNTED))
    _sql(pg_dsn, "UPDATE thdtre_totals SET value = 0")
    write(
        log,
        *(
            line(who, t=t, mark=mark)
            for (who, t), mark in zip(hits, marks, strict=True)
        ),
    )
    Ingester(store, log, batch_lines=500).catch_up()
    assert _snapshot(pg_dsn) == one_by_one
