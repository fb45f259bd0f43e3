"""TimedCache: verdicts kept per process, bounded in number and in age."""

from collective.thdtre.signatures.cache import TimedCache


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_an_entry_is_found_until_it_is_older_than_the_age_bound():
    clock = Clock()
    cache = TimedCache(size=4, seconds=60, clock=clock)
    cache.put("a", 1)
    clock.now = 60
    assert cache.get("a") == 1
    clock.now = 61
    assert cache.get("a") is None
    assert len(cache) == 0


def test_the_least_recently_used_entry_goes_first_when_full():
    cache = TimedCache(size=2, seconds=60)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "b" is now the oldest use
    cache.put("c", 3)
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c")) == (1, 3)


def test_clear_forgets_everything():
    cache = TimedCache()
    cache.put("a", 1)
    cache.clear()
    assert cache.get("a") is None
