"""The SQLite store: a file in var/, WAL, survives a restart, shared by processes."""

from collective.thdtre.counters import CounterError
from collective.thdtre.counters import get_store
from collective.thdtre.counters import PostgresStore
from collective.thdtre.counters import SQLiteStore
from collective.thdtre.counters import store as store_module
from datetime import datetime
from pathlib import Path

import pytest
import subprocess
import sys


T0 = datetime(2024, 6, 1, 8, 0)


def test_the_file_and_tables_are_made_on_first_use(sqlite_path):
    store = SQLiteStore(sqlite_path)
    assert not Path(sqlite_path).exists()
    assert store.views(key="a") == 0
    assert Path(sqlite_path).exists()

    def mode(cursor):
        cursor.execute("PRAGMA journal_mode")
        return cursor.fetchone()[0]

    assert store._run(mode, write=False) == "wal"
    store.close()


def test_counts_survive_a_restart(sqlite_path):
    first = SQLiteStore(sqlite_path)
    first.set_initial(key="uid-777", count=254)
    first.record_view(key="uid-777", visitor="v1", when=T0)
    first.record_visit(visitor="v1", when=T0)
    first.close()

    again = SQLiteStore(sqlite_path)
    assert again.views(key="uid-777") == 255
    assert again.record_view(key="uid-777", visitor="v2", when=T0) == 256
    assert again.visit_stats(now=T0)["total"] == 1
    again.close()


def test_a_second_store_sees_the_first_ones_writes_without_close(sqlite_path):
    # As after a crash of Zope: the old connections were never closed.
    first = SQLiteStore(sqlite_path)
    first.record_view(key="a", visitor="v1", when=T0)
    second = SQLiteStore(sqlite_path)
    assert second.record_view(key="a", visitor="v2", when=T0) == 2
    assert first.views(key="a") == 2
    first.close()
    second.close()


def test_several_processes_share_one_file(sqlite_path):
    script = (
        "import sys\n"
        "from collective.thdtre.counters import SQLiteStore\n"
        "store = SQLiteStore(sys.argv[1])\n"
        "for n in range(100):\n"
        "    store.record_view(key='hot', visitor=sys.argv[2] + str(n))\n"
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", script, sqlite_path, f"p{n}-"])
        for n in range(4)
    ]
    assert [process.wait(timeout=120) for process in processes] == [0] * 4
    store = SQLiteStore(sqlite_path)
    assert store.views(key="hot") == 400
    store.close()


def test_a_missing_folder_gives_a_clear_error(tmp_path):
    store = SQLiteStore(str(tmp_path / "no-such-var" / "counters.sqlite"))
    with pytest.raises(CounterError, match="check that its folder exists"):
        store.record_view(key="a", visitor="v")


def test_close_then_use_again_reconnects(sqlite_path):
    store = SQLiteStore(sqlite_path)
    store.record_view(key="a", visitor="v", when=T0)
    store.close()
    assert store.views(key="a") == 1
    store.close()


@pytest.fixture
def no_cached_stores(monkeypatch):
    monkeypatch.setattr(store_module, "_stores", {})


@pytest.mark.usefixtures("no_cached_stores")
def test_get_store_caches_one_store_per_dsn_and_path(tmp_path):
    path = str(tmp_path / "a.sqlite")
    store = get_store(dsn=None, sqlite_path=path)
    assert isinstance(store, SQLiteStore)
    assert store.path == path
    assert get_store(dsn=None, sqlite_path=path) is store
    assert get_store(dsn="  ", sqlite_path=path) is store  # an empty setting
    other = get_store(dsn=None, sqlite_path=str(tmp_path / "b.sqlite"))
    assert other is not store


@pytest.mark.usefixtures("no_cached_stores")
def test_get_store_uses_postgresql_when_a_dsn_is_set(tmp_path):
    pytest.importorskip("psycopg2", reason="psycopg2 not installed")
    dsn = "host=127.0.0.1 port=1 dbname=counts user=zope"
    store = get_store(dsn=dsn, sqlite_path=str(tmp_path / "unused.sqlite"))
    assert isinstance(store, PostgresStore)
    assert get_store(dsn=dsn, sqlite_path=str(tmp_path / "unused.sqlite")) is store


@pytest.mark.usefixtures("no_cached_stores")
def test_get_store_without_psycopg2_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "psycopg2", None)  # import fails
    with pytest.raises(CounterError, match=r"install psycopg2-binary==2\.9\.13"):
        get_store(dsn="dbname=counts", sqlite_path=str(tmp_path / "c.sqlite"))
