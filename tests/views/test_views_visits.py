"""The visit box in the footer (Thống kê truy cập): online now, today, this week,
total, counted once a day per visitor; bots and editors are not visitors."""

from collective.thdtre.counting import counter_store
from views_world import browser
from views_world import by_class
from views_world import GOOGLEBOT
from views_world import parse
from views_world import text

import pytest


LABELS = ("Online now:", "Today:", "This week:", "Total visits:")


@pytest.fixture
def site_url(functional_portal):
    return functional_portal.absolute_url()


def box(made) -> dict[str, int]:
    """The numbers of the visit box: ``{label: number}``."""
    (aside,) = by_class(parse(made), "thdtre-visits")
    numbers = {}
    for li in aside.xpath(".//li"):
        label, number = (text(span) for span in li.xpath("./span"))
        numbers[label] = int(number.replace(".", ""))
    assert tuple(numbers) == LABELS
    return numbers


def all_equal(number: int) -> dict[str, int]:
    return dict.fromkeys(LABELS, number)


def test_a_first_visit_counts_everywhere(site_url, functional_app):
    visitor = browser(functional_app)
    visitor.open(site_url)
    assert box(visitor) == all_equal(1)
    assert counter_store().visit_stats()["total"] == 1


def test_a_visitor_counts_once_a_day(site_url, functional_app):
    visitor = browser(functional_app)
    visitor.open(site_url)
    visitor.open(f"{site_url}/contact-info")
    assert box(visitor) == all_equal(1)
    other = browser(functional_app)
    other.testapp.extra_environ["REMOTE_ADDR"] = "198.51.100.2"  # another machine
    other.open(site_url)
    assert box(other) == all_equal(2)


@pytest.mark.parametrize("user,agent", [(None, GOOGLEBOT), ("admin", None)])
def test_bots_and_editors_are_not_visitors(site_url, functional_app, user, agent):
    browser(functional_app).open(site_url)
    options = {"agent": agent} if agent else {}
    made = browser(functional_app, user, **options)
    made.open(site_url)
    assert box(made) == all_equal(1)
