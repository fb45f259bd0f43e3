"""Days where the site is, not where the server's clock is.

Plone keeps publishing and modification times on the server's clock (UTC on
most servers); a site in Hà Nội (UTC+7) must show, and date documents with,
Hà Nội's day: 06:30 on 17/04 there is 23:30 on 16/04 in UTC."""

from collective.thdtre import dates
from collective.thdtre.dates import day_text as day
from DateTime import DateTime
from datetime import datetime
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zoneinfo import ZoneInfo

import pytest


ZONE = "plone.portal_timezone"
EARLY_MORNING_IN_HANOI = DateTime("2024/04/16 23:30:00 GMT+0")


@pytest.fixture
def hanoi(portal):
    api.portal.set_registry_record(ZONE, "Asia/Ho_Chi_Minh")
    return portal


def test_a_moment_is_shown_on_the_sites_day(hanoi):
    assert dates.local_date(EARLY_MORNING_IN_HANOI).isoformat() == "2024-04-17"
    aware = datetime(2024, 4, 16, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert dates.local_date(aware).isoformat() == "2024-04-17"
    assert day(EARLY_MORNING_IN_HANOI) == "17/04/2024"


def test_dates_and_naive_values_are_kept(hanoi):
    assert dates.local_date("2024-04-16").isoformat() == "2024-04-16"
    assert dates.local_date(datetime(2024, 4, 16, 23, 30)).isoformat() == "2024-04-16"


def test_a_news_item_published_early_in_the_morning_shows_that_day(hanoi):
    setRoles(hanoi, TEST_USER_ID, ["Manager"])
    news = api.content.create(container=hanoi, type="News Item", title="Tin sớm")
    news.setEffectiveDate(EARLY_MORNING_IN_HANOI)
    view = api.content.get_view("newsitem_view", news, hanoi.REQUEST)
    assert view.news_date() == "17/04/2024"


def test_today_is_the_sites_today(portal):
    # UTC+14 and UTC-11 are 25 hours apart: their days always differ.
    api.portal.set_registry_record(ZONE, "Pacific/Kiritimati")
    ahead = dates.site_today()
    assert ahead == datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
    api.portal.set_registry_record(ZONE, "Pacific/Pago_Pago")
    behind = dates.site_today()
    assert behind == datetime.now(ZoneInfo("Pacific/Pago_Pago")).date()
    assert ahead != behind


def test_the_history_shows_the_sites_time(hanoi):
    from collective.thdtre.browser.history import HistoryViewlet

    view = HistoryViewlet(hanoi, hanoi.REQUEST, None)
    assert view.when(EARLY_MORNING_IN_HANOI) == "17/04/2024 06:30"
