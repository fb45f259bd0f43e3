"""Visit statistics: online, today, this week, total, across days and ISO weeks."""

from collective.thdtre.counters import InvalidCounterArgument
from datetime import datetime
from datetime import timedelta
from datetime import timezone

import pytest


ICT = timezone(timedelta(hours=7))  # Vietnam, no daylight saving
# Thursday 30 May 2024; the ISO week runs Monday 27 May .. Sunday 2 June.
THU = datetime(2024, 5, 30, 10, 0, tzinfo=ICT)


def test_empty_store(store):
    assert store.visit_stats(now=THU) == {
        "online": 0,
        "today": 0,
        "week": 0,
        "total": 0,
    }


def test_a_visitor_counts_once_a_day(store):
    for minutes in (0, 1, 2, 60):
        store.record_visit(visitor="v1", when=THU + timedelta(minutes=minutes))
    stats = store.visit_stats(now=THU + timedelta(minutes=61))
    assert stats == {"online": 1, "today": 1, "week": 1, "total": 1}


def test_online_is_the_last_minutes(store):
    store.record_visit(visitor="early", when=THU)
    store.record_visit(visitor="late", when=THU + timedelta(minutes=8))
    now = THU + timedelta(minutes=10)
    assert store.visit_stats(now=now)["online"] == 1
    assert store.visit_stats(now=now, online_minutes=15)["online"] == 2
    # A new request refreshes the visitor's last-seen time.
    store.record_visit(visitor="early", when=THU + timedelta(minutes=9))
    assert store.visit_stats(now=now)["online"] == 2


def test_days_and_weeks(store):
    mon = THU - timedelta(days=3)
    sun = THU + timedelta(days=3)
    next_mon = THU + timedelta(days=4)
    store.record_visit(visitor="a", when=mon)
    store.record_visit(visitor="a", when=THU)
    store.record_visit(visitor="b", when=THU)
    assert store.visit_stats(now=THU + timedelta(hours=1)) == {
        "online": 0,
        "today": 2,
        "week": 2,  # a (on two days) and b
        "total": 3,  # every (visitor, day) pair so far
    }
    store.record_visit(visitor="c", when=sun)
    assert store.visit_stats(now=sun) == {
        "online": 1,
        "today": 1,
        "week": 3,
        "total": 4,
    }
    # A new ISO week starts on Monday.
    store.record_visit(visitor="a", when=next_mon)
    assert store.visit_stats(now=next_mon) == {
        "online": 1,
        "today": 1,
        "week": 1,
        "total": 5,
    }


def test_the_day_is_the_date_in_the_time_of_when(store):
    # 23:30 in Hanoi is 16:30 UTC: the same instant, the Hanoi date counts.
    late = datetime(2024, 5, 30, 23, 30, tzinfo=ICT)
    store.record_visit(visitor="v", when=late)
    store.record_visit(visitor="v", when=late + timedelta(hours=1))  # 31 May
    assert store.visit_stats(now=late + timedelta(hours=1))["today"] == 1
    assert store.visit_stats(now=late + timedelta(hours=1))["total"] == 2


def test_naive_datetimes_are_local_time(store):
    now = datetime(2024, 5, 30, 12, 0)
    store.record_visit(visitor="v", when=now - timedelta(minutes=1))
    assert store.visit_stats(now=now) == {
        "online": 1,
        "today": 1,
        "week": 1,
        "total": 1,
    }


def test_default_times_are_now(store):
    store.record_visit(visitor="v")
    assert store.visit_stats() == {"online": 1, "today": 1, "week": 1, "total": 1}


def test_old_sketches_are_pruned_and_the_counts_kept(store):
    for day in range(30):
        when = THU - timedelta(days=30 - day)
        store.record_visit(visitor=f"v{day}", when=when)
        store.record_visit(visitor="regular", when=when)
    store.record_visit(visitor="regular", when=THU)

    def rows(cursor):
        cursor.execute("SELECT scope FROM thdtre_sketch WHERE scope LIKE 'day:%'")
        return {scope for (scope,) in cursor.fetchall()}

    # The sketches of today and yesterday; the counts of every day stay.
    assert store._run(rows, write=False) <= {"day:2024-05-29", "day:2024-05-30"}
    stats = store.visit_stats(now=THU)
    assert stats["total"] == 61
    assert stats["today"] == 1
    assert stats["week"] == 4  # Monday to Wednesday's visitors and "regular"


@pytest.mark.parametrize("minutes", [0, -5, 2.5, True])
def test_online_minutes_must_be_a_positive_whole_number(store, minutes):
    with pytest.raises(InvalidCounterArgument, match="online_minutes"):
        store.visit_stats(now=THU, online_minutes=minutes)


def test_record_visit_needs_a_visitor(store):
    with pytest.raises(InvalidCounterArgument, match="visitor"):
        store.record_visit(visitor="", when=THU)
