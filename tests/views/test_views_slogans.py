"""@@thdtre-slogans and the slogan viewlet: this year's published slogans, in
order, each once (whatever its final full stop, spacing or case) with the plan
it comes from, and a year switch; the viewlet follows the control panel's
switch."""

from collective.thdtre.interfaces import IThdtreSettings
from datetime import date
from plone import api
from views_world import browser
from views_world import by_class
from views_world import make_plan
from views_world import parse
from views_world import setup_world
from views_world import STP
from views_world import sync
from views_world import text

import pytest
import transaction


THIS_YEAR = date.today().year
LAST_YEAR = 2023
# Given out of order: the pages sort them by position.
THIS_YEARS = [
    {"title": "Khẩu hiệu thứ ba", "position": 3},
    {"title": "Khẩu hiệu thứ nhất", "position": 1},
    {"title": "Khẩu hiệu thứ hai", "position": 2},
]
IN_ORDER = ["Khẩu hiệu thứ nhất", "Khẩu hiệu thứ hai", "Khẩu hiệu thứ ba"]
ALL_THIS_YEAR = [*IN_ORDER, "Khẩu hiệu thứ tư"]
LAST_YEARS = "Trẻ em hôm nay, thế giới ngày mai"
# The same slogans again in another plan: with a full stop, other spacing, case.
REPEATED = [
    {"title": "Khẩu hiệu thứ nhất.", "position": 1},
    {"title": "  khẩu hiệu   thứ hai ", "position": 2},
    {"title": "Khẩu hiệu thứ tư", "position": 3},
]
UNPUBLISHED = "Khẩu hiệu của dự thảo"


@pytest.fixture(scope="class")
def world(functional_portal_class):
    """A published plan of this year and of 2023, a draft of this year."""
    setup_world()
    this_year = make_plan(
        state="published",
        title=f"Kế hoạch Tháng hành động vì trẻ em năm {THIS_YEAR}",
        year=THIS_YEAR,
        slogans=THIS_YEARS,
    )
    make_plan(
        state="published",
        title=f"Kế hoạch Tháng hành động vì trẻ em năm {LAST_YEAR}",
        year=LAST_YEAR,
        slogans=[{"title": LAST_YEARS, "position": 1}],
    )
    repeating = make_plan(
        department=STP,
        state="published",
        title=f"Kế hoạch của Sở Tư pháp năm {THIS_YEAR}",
        number=12,
        symbol="KH-STP",
        year=THIS_YEAR,
        slogans=REPEATED,
    )
    make_plan(
        department=STP,
        title="Dự thảo kế hoạch",
        year=THIS_YEAR,
        slogans=[{"title": UNPUBLISHED, "position": 0}],
    )
    transaction.commit()
    return {"portal": functional_portal_class, "plan": this_year, "stp": repeating}


@pytest.fixture
def slogans_page(world, functional_app_class):
    def open_page(query="", user=None):
        made = browser(functional_app_class, user)
        made.open(f"{world['portal'].absolute_url()}/@@thdtre-slogans{query}")
        return parse(made)

    return open_page


def listed(page) -> list[str]:
    return [
        text(span)
        for span in page.xpath(
            '//ol[@class="thdtre-slogan-list"]/li/span[@class="thdtre-slogan-text"]'
        )
    ]


def sources(page) -> list[str]:
    return page.xpath('//ol[@class="thdtre-slogan-list"]/li//a/@href')


class TestSlogansPage:
    def test_this_years_published_slogans_in_order_each_once(self, world, slogans_page):
        page = slogans_page()
        assert str(THIS_YEAR) in text(page.xpath("//h1")[0])
        assert listed(page) == ALL_THIS_YEAR
        # Each with the plan it is first found in, linked.
        plan, stp = world["plan"].absolute_url(), world["stp"].absolute_url()
        assert sources(page) == [plan, plan, plan, stp]
        (last,) = page.xpath('//ol[@class="thdtre-slogan-list"]/li[4]')
        assert "12/KH-STP" in text(last)

    def test_the_slogans_of_a_draft_are_not_listed(self, slogans_page):
        # Not for the site owner either: the page is the published list.
        for user in (None, "admin"):
            assert UNPUBLISHED not in listed(slogans_page(user=user))

    def test_year_switch(self, slogans_page):
        page = slogans_page()
        switch = page.xpath('//nav[contains(@class, "thdtre-year-switch")]/a')
        assert [text(a) for a in switch] == [str(THIS_YEAR), str(LAST_YEAR)]
        assert switch[0].get("aria-current") == "page"
        page = slogans_page(f"?year={LAST_YEAR}")
        assert listed(page) == [LAST_YEARS]
        assert str(LAST_YEAR) in text(page.xpath("//h1")[0])

    def test_a_year_without_slogans(self, slogans_page):
        page = slogans_page("?year=2001")
        assert listed(page) == []
        assert "No slogans have been published for this year." in text(page)
        # The switch still leads to the years that have slogans.
        switch = page.xpath('//nav[contains(@class, "thdtre-year-switch")]/a')
        assert [text(a) for a in switch] == [str(THIS_YEAR), str(LAST_YEAR), "2001"]


def test_slogan_key_ignores_final_punctuation_spacing_and_case():
    from collective.thdtre.browser.slogans import slogan_key

    same = [
        "Trẻ em hôm nay.",
        "trẻ em  hôm nay",
        " Trẻ em hôm nay ! ",
        "TRẺ EM HÔM NAY…",
    ]
    assert {slogan_key(t) for t in same} == {"trẻ em hôm nay"}
    assert slogan_key("Trẻ em hôm nay, thế giới ngày mai") != slogan_key("Trẻ em")


def rotator(page) -> list[str]:
    return [
        text(li)
        for aside in by_class(page, "thdtre-slogan-rotator")
        for li in aside.xpath(".//li")
    ]


class TestSloganViewlet:
    def test_shows_this_years_slogans_one_at_a_time(self, world, functional_app_class):
        made = browser(functional_app_class)
        made.open(world["portal"].absolute_url())
        page = parse(made)
        assert rotator(page) == ALL_THIS_YEAR
        items = page.xpath('//aside[contains(@class, "thdtre-slogan-rotator")]//li')
        assert [li.get("hidden") for li in items] == [None, *["hidden"] * 3]

    def test_switched_off_in_the_registry(self, world, functional_app_class):
        api.portal.set_registry_record("show_slogans", False, interface=IThdtreSettings)
        transaction.commit()
        try:
            made = browser(functional_app_class)
            made.open(world["plan"].absolute_url())
            assert not by_class(parse(made), "thdtre-slogan-rotator")
        finally:
            sync(world["portal"])
            api.portal.set_registry_record(
                "show_slogans", True, interface=IThdtreSettings
            )
            transaction.commit()
        made.open(world["plan"].absolute_url())
        assert rotator(parse(made)) == ALL_THIS_YEAR
