"""A Plone site with the add-on, set up in-process for the benchmarks.

Shared by bench.py and bench_import.py: the layer and its bases are set up in
dependency order (as a test runner would), counters go to a throwaway folder,
and everything is torn down on the way out.
"""

from contextlib import contextmanager

import tempfile


# Zope's default object cache per connection; the test layers keep only 400.
ZODB_CACHE_SIZE = 5000


def layer_order(layer, order=None) -> list:
    """``layer`` and its bases, each base before the layers built on it."""
    order = [] if order is None else order
    for base in layer.__bases__:
        layer_order(base, order)
    if layer not in order:
        order.append(layer)
    return order


@contextmanager
def site(layer):
    """Set ``layer`` up, yield it with a Manager logged in, tear it down."""
    from plone.app.testing import login
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from plone.app.testing import TEST_USER_NAME

    import App.config

    layers = layer_order(layer)
    set_up, test_set_up = [], []
    counters_home = tempfile.TemporaryDirectory(prefix="thdtre-bench-")
    try:
        for each in layers:
            each.setUp()
            set_up.append(each)
        # The visit counters' SQLite lives under clienthome: not in a shared place.
        App.config.getConfiguration().clienthome = counters_home.name
        for each in layers:
            if hasattr(each, "testSetUp"):
                each.testSetUp()
                test_set_up.append(each)
        layer["zodbDB"].setCacheSize(ZODB_CACHE_SIZE)
        setRoles(layer["portal"], TEST_USER_ID, ["Manager"])
        login(layer["portal"], TEST_USER_NAME)
        yield layer
    finally:
        for each in reversed(test_set_up):
            each.testTearDown()
        for each in reversed(set_up):
            each.tearDown()
        counters_home.cleanup()
