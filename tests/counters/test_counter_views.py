"""View counts, on SQLite and on PostgreSQL: exact under threads, debounced, seeded."""

from collective.thdtre.counters import DEBOUNCE_SECONDS
from collective.thdtre.counters import InvalidCounterArgument
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from datetime import timedelta
from datetime import timezone

import pytest


T0 = datetime(2024, 6, 1, 8, 0, tzinfo=timezone(timedelta(hours=7)))


def test_first_view_counts_one_and_unknown_items_have_none(store):
    assert store.views(key="uid-news") == 0
    assert store.record_view(key="uid-news", visitor="v1", when=T0) == 1
    assert store.views(key="uid-news") == 1
    assert store.views(key="uid-other") == 0


def test_different_visitors_and_items_count_apart(store):
    store.record_view(key="a", visitor="v1", when=T0)
    store.record_view(key="a", visitor="v2", when=T0)
    store.record_view(key="b", visitor="v1", when=T0)
    assert store.views_many(keys=["a", "b", "c"]) == {"a": 2, "b": 1, "c": 0}


def test_reload_within_the_debounce_counts_once(store):
    assert store.record_view(key="a", visitor="v1", when=T0) == 1
    almost = T0 + timedelta(seconds=DEBOUNCE_SECONDS - 1)
    assert store.record_view(key="a", visitor="v1", when=almost) == 1
    # Measured from the last counted view, not from the last reload.
    later = T0 + timedelta(seconds=DEBOUNCE_SECONDS)
    assert store.record_view(key="a", visitor="v1", when=later) == 2
    assert store.record_view(key="b", visitor="v1", when=later) == 1


def test_the_debounce_is_a_fixed_number_of_slots_and_loses_no_count(store):
    from collective.thdtre.counters.base import SLOTS

    for minute in range(5):
        when = T0 + timedelta(minutes=minute)
        store.record_view(key="a", visitor=f"v{minute}", when=when)
    assert store.views(key="a") == 5

    def rows(cursor):
        cursor.execute("SELECT COUNT(*), MIN(slot), MAX(slot) FROM thdtre_slots")
        return cursor.fetchone()

    count, low, high = store._run(rows, write=False)
    assert count == 5
    assert 0 <= low <= high < SLOTS


def test_set_initial_seeds_an_imported_count_once(store):
    store.record_view(key="uid-777", visitor="v1", when=T0)
    store.set_initial(key="uid-777", count=254)
    store.set_initial(key="uid-777", count=254)
    assert store.views(key="uid-777") == 255
    assert store.record_view(key="uid-777", visitor="v2", when=T0) == 256
    store.set_initial(key="uid-777", count=300)  # a corrected import replaces it
    assert store.views(key="uid-777") == 302


def test_set_initial_before_any_view(store):
    store.set_initial(key="uid-777", count=254)
    assert store.views(key="uid-777") == 254
    assert store.record_view(key="uid-777", visitor="v1", when=T0) == 255


def test_views_many_answers_every_key_once(store):
    keys = [f"uid-{n}" for n in range(1000)]  # more than one chunk of 900
    for n in (0, 899, 900, 999):
        store.record_view(key=keys[n], visitor="v", when=T0)
    counts = store.views_many(keys=keys + keys[:3])
    assert len(counts) == 1000
    assert sum(counts.values()) == 4
    assert counts["uid-900"] == 1
    assert store.views_many(keys=[]) == {}


def test_threads_count_exactly(store):
    def hammer(thread: int):
        for n in range(200):
            # Distinct visitors: every view is counted, none is debounced.
            store.record_view(key="hot", visitor=f"t{thread}-{n}", when=T0)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(hammer, range(8)))
    assert store.views(key="hot") == 1600


def test_concurrent_reloads_of_one_visitor_count_once(store):
    with ThreadPoolExecutor(8) as pool:
        totals = list(
            pool.map(
                lambda _: store.record_view(key="a", visitor="same", when=T0),
                range(40),
            )
        )
    assert set(totals) == {1}
    assert store.views(key="a") == 1


@pytest.mark.parametrize(
    "kwargs",
    [
        {"key": "", "visitor": "v"},
        {"key": "a", "visitor": ""},
        {"key": None, "visitor": "v"},
        {"key": "a", "visitor": "x" * 201},
    ],
)
def test_record_view_refuses_empty_or_oversized_ids(store, kwargs):
    with pytest.raises(InvalidCounterArgument):
        store.record_view(**kwargs)


@pytest.mark.parametrize("count", [-1, 2.5, "254", True])
def test_set_initial_refuses_what_is_not_a_count(store, count):
    with pytest.raises(InvalidCounterArgument, match="whole number"):
        store.set_initial(key="a", count=count)


def test_a_failure_inside_a_transaction_rolls_it_back(store):
    store.set_initial(key="a", count=0)

    def half_done(cursor):
        store._execute(cursor, "UPDATE thdtre_views SET base = 99")
        store._execute(cursor, "INSERT INTO thdtre_views (uid) VALUES ('b')")
        raise RuntimeError("a bug after a write")

    with pytest.raises(RuntimeError):
        store._run(half_done, write=True)
    # Another instance is not blocked by a lock left behind, and nothing was kept.
    where = store.path if hasattr(store, "path") else store.dsn
    other = type(store)(where, timeout=1)
    assert other.record_view(key="b", visitor="v", when=T0) == 1
    assert store.record_view(key="a", visitor="v", when=T0) == 1
    other.close()
