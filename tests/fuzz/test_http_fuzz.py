"""HTTP fuzz: every page and REST endpoint of the add-on, called with generated
query strings, bodies and headers as Anonymous, an editor and a Manager,
answers something other than a 5xx.

The cases come from a seeded generator (the same on every run). Each 5xx is
reported with the request and the exception behind it; the test fails if
there is any. ``THDTRE_FUZZ_HTTP_CASES`` changes the number of cases.
"""

from App.config import getConfiguration
from collections import Counter
from http_cases import Generator
from http_client import Case
from http_client import Client
from http_targets import TARGETS
from http_world import build
from http_world import USERS

import os
import pytest
import time


CASES = int(os.environ.get("THDTRE_FUZZ_HTTP_CASES", "5000"))
SEED = 14
# Enough examples in the report to fix them; the count says how many more.
SHOWN = 12


@pytest.fixture
def world(functional_portal, tmp_path, monkeypatch):
    """The fuzz world; the counters in a folder of the test's own."""
    monkeypatch.setattr(getConfiguration(), "clienthome", str(tmp_path))
    return build()


def test_no_request_gets_a_5xx(world, functional_app, fuzz_cases):
    client = Client(functional_app)
    # The first page compiles templates and bundles: not what the cases measure.
    for path in (world["site"], world["published"], world["news"]):
        client.send(Case(None, "GET", path, headers={"Accept": "text/html"}))
    gen = Generator(SEED)
    targets = [t for t, weight in TARGETS for _ in range(weight)]
    statuses, spent, failures, errors = Counter(), Counter(), [], 0
    started = time.monotonic()
    for _ in range(CASES):
        target = gen.pick(targets)
        case = target(gen, world, gen.pick(USERS))
        before = time.monotonic()
        status, _body = client.send(case)
        spent[target.__name__] += time.monotonic() - before

        statuses[status] += 1
        if status >= 500:
            errors += 1
            if len(failures) < SHOWN:
                failures.append(f"{status} {case.describe()}\n{client.exception(case)}")
    elapsed = time.monotonic() - started
    fuzz_cases.record("http", CASES, errors)
    print(
        f"\nhttp fuzz: {CASES} cases in {elapsed:.1f} s "
        f"({CASES / elapsed:.0f}/s), statuses {dict(sorted(statuses.items()))}, "
        f"seconds by target { ({k: round(v, 1) for k, v in spent.items()}) }"
    )
    assert not failures, f"{errors} answers 5xx:\n\n" + "\n\n".join(failures)
