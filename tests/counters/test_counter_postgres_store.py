"""The PostgreSQL store: several Zope instances share one count, atomically."""

from collective.thdtre.counters import CounterError
from collective.thdtre.counters import PostgresStore
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from datetime import timedelta

import pytest


T0 = datetime(2024, 6, 1, 8, 0)


@pytest.fixture
def instances(pg_dsn):
    """Two stores on one database, as two Zope instances would have."""
    made = [PostgresStore(pg_dsn), PostgresStore(pg_dsn)]
    yield made
    for store in made:
        store.close()


def _query(dsn: str, sql: str, params=()):
    import psycopg2

    connection = psycopg2.connect(dsn)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        connection.close()


def test_tables_are_prefixed_and_made_once_by_racing_instances(pg_dsn, instances):
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda store: store.views(key="a"), instances))
    tables = _query(
        pg_dsn,
        "SELECT table_name FROM information_schema.tables"
        " WHERE table_schema = 'public' ORDER BY table_name",
    )
    assert [name for (name,) in tables] == [
        "thdtre_distinct",
        "thdtre_meta",
        "thdtre_sketch",
        "thdtre_slots",
        "thdtre_totals",
        "thdtre_views",
    ]


def test_two_instances_share_one_exact_count(instances):
    def hammer(thread: int):
        store = instances[thread % 2]
        for n in range(200):
            store.record_view(key="hot", visitor=f"t{thread}-{n}", when=T0)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(hammer, range(8)))
    assert [store.views(key="hot") for store in instances] == [1600, 1600]


def test_the_debounce_holds_across_instances(instances):
    first, second = instances
    assert first.record_view(key="a", visitor="v", when=T0) == 1
    assert second.record_view(key="a", visitor="v", when=T0) == 1
    later = T0 + timedelta(seconds=30)
    assert second.record_view(key="a", visitor="v", when=later) == 2


def test_visits_are_shared_across_instances(instances):
    first, second = instances
    first.record_visit(visitor="v", when=T0)
    second.record_visit(visitor="v", when=T0 + timedelta(minutes=1))
    second.record_visit(visitor="w", when=T0 + timedelta(minutes=1))
    stats = first.visit_stats(now=T0 + timedelta(minutes=2))
    assert stats == {"online": 2, "today": 2, "week": 2, "total": 2}


def test_a_connection_cut_by_the_server_is_replaced(pg_dsn, instances):
    store = instances[0]
    assert store.record_view(key="a", visitor="v1", when=T0) == 1
    # What a restart of PostgreSQL does to every open connection.
    _query(
        pg_dsn,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE application_name = 'collective.thdtre'",
    )
    assert store.record_view(key="a", visitor="v2", when=T0) == 2
    assert store.views(key="a") == 2


def test_a_bad_dsn_is_refused_when_the_store_is_made():
    pytest.importorskip("psycopg2", reason="psycopg2 not installed")
    with pytest.raises(CounterError, match="DSN is not valid"):
        PostgresStore("host=127.0.0.1 this is not a dsn")


def test_an_unreachable_server_gives_a_clear_error_without_the_password():
    pytest.importorskip("psycopg2", reason="psycopg2 not installed")
    import socket

    with socket.socket() as sock:  # a port where nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    store = PostgresStore(
        f"host=127.0.0.1 port={port} dbname=counts user=zope password=s3cret",
        timeout=2,
    )
    with pytest.raises(CounterError, match="PostgreSQL is running") as caught:
        store.record_view(key="a", visitor="v")
    assert "s3cret" not in str(caught.value)
    assert f"port={port}" in str(caught.value)
