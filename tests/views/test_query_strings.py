"""Query strings a visitor can type or forge never make a page fail: a search
term the catalog's parser refuses, a list where one value is expected (Zope's
``:list``), a year the calendar cannot draw. The page shows as if the bad value
were not there (or, for a search, finds nothing), with a 200 and no 500."""

from datetime import date
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from views_world import browser
from views_world import by_class
from views_world import make_plan
from views_world import parse
from views_world import publish
from views_world import setup_world
from views_world import text

import pytest
import transaction


TITLE = "Tổ chức Tháng hành động vì trẻ em năm 2024"


@pytest.fixture(scope="class")
def world(functional_portal_class):
    portal = functional_portal_class
    setup_world()
    plan = make_plan(
        state="published",
        title=TITLE,
        number=63,
        symbol="KH-KHCN",
        issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        issue_date=date(2024, 4, 17),
        year=2024,
        slogans=[{"title": "Trẻ em hôm nay, thế giới ngày mai", "position": 1}],
        activities=[
            {"title": "Ngày hội", "start": date(2024, 6, 1), "lead_unit": "Đoàn"}
        ],
    )
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        news = api.content.create(
            container=portal, type="News Item", id="tin", title="Tin tức"
        )
        report = api.content.create(container=plan, type="Report", title="Báo cáo")
    publish(news)
    transaction.commit()
    return {"portal": portal, "plan": plan, "news": news, "report": report}


def status_of(app, url, user=None):
    made = browser(app, user)
    made.handleErrors = True
    made.raiseHttpErrors = False
    made.open(url)
    return int(made.headers["status"].split()[0]), made


ARCHIVE = [
    "SearchableText=(",
    "SearchableText=)",
    "SearchableText=and",
    "SearchableText=*",
    "SearchableText=not",
    "SearchableText=%22",
    "SearchableText=a+or+(",
    "issuer:list=a",
    "issuer:list=a&issuer:list=b",
    "theme:list=a",
    "SearchableText:list=a",
    "year:list=2024",
    "year=99999999999999999999999",
    "b_start=99999999999999999999",
    "issuer.x:record=1",
    "issuer:int=1",
]
CALENDAR = [
    "year=0",
    "year=-1",
    "year=10000",
    "year=99999999999999999999",
    "year:list=2024",
    "month:list=6",
    "month=99999999999999999999",
    "unit:list=a",
    "year=9999&month=12",
]
SLOGANS = ["year:list=1", "year=1e5", "year=99999999999999999999", "year.a:record=1"]
# Zope's converters fail while Zope reads the request, before any view runs.
UNREADABLE = [
    "year:int=x",
    "year:float=x",
    "b_start:long=x",
    "theme:date=x",
    "theme:date=%20",
    "theme:date_international=../../etc/passwd",
    "x:required=",
]
# Plone's folder listing and plone.restapi read these without a check.
PLONE_PARAMETERS = [
    "b_size:list=1",
    "b_size=x",
    "b_start.a:record=1",
    "b_start:list=1",
    "limit=x",
    "include_items=maybe",
    "fullobjects:list=1",
]
NEWS = ["b_start=99999999999999999999", "b_start=-5"]


class TestQueryStrings:
    @pytest.mark.parametrize("query", ARCHIVE)
    def test_plans_archive(self, world, functional_app_class, query):
        url = f"{world['portal'].absolute_url()}/@@thdtre-plans?{query}"
        status, _made = status_of(functional_app_class, url)
        assert status == 200

    @pytest.mark.parametrize("query", ["SearchableText=(", "SearchableText=*"])
    def test_unparsable_search_finds_nothing_and_says_so(
        self, world, functional_app_class, query
    ):
        url = f"{world['portal'].absolute_url()}/@@thdtre-plans?{query}"
        _status, made = status_of(functional_app_class, url)
        assert TITLE not in made.contents
        assert by_class(parse(made), "thdtre-search-failed")

    def test_operator_is_searched_as_a_word(self, world, functional_app_class):
        url = f"{world['portal'].absolute_url()}/@@thdtre-plans?SearchableText=and"
        status, made = status_of(functional_app_class, url)
        assert status == 200
        assert not by_class(parse(made), "thdtre-search-failed")

    def test_list_of_issuers_is_ignored(self, world, functional_app_class):
        url = f"{world['portal'].absolute_url()}/@@thdtre-plans?issuer:list=a"
        _status, made = status_of(functional_app_class, url)
        assert TITLE in made.contents

    @pytest.mark.parametrize("query", CALENDAR)
    def test_calendar(self, world, functional_app_class, query):
        url = f"{world['portal'].absolute_url()}/@@thdtre-calendar?{query}"
        status, _made = status_of(functional_app_class, url)
        assert status == 200

    def test_calendar_out_of_range_year_shows_this_year(
        self, world, functional_app_class
    ):
        url = f"{world['portal'].absolute_url()}/@@thdtre-calendar?year=10000"
        _status, made = status_of(functional_app_class, url)
        assert str(date.today().year) in text(parse(made))

    @pytest.mark.parametrize("query", SLOGANS)
    def test_slogans(self, world, functional_app_class, query):
        url = f"{world['portal'].absolute_url()}/@@thdtre-slogans?{query}"
        status, made = status_of(functional_app_class, url)
        assert status == 200
        assert by_class(parse(made), "thdtre-slogans") or made.contents

    @pytest.mark.parametrize("query", UNREADABLE)
    @pytest.mark.parametrize("view", ["@@thdtre-plans", "@@thdtre-calendar"])
    def test_unreadable_values_are_a_400(
        self, world, functional_app_class, view, query
    ):
        url = f"{world['portal'].absolute_url()}/{view}?{query}"
        status, made = status_of(functional_app_class, url)
        assert status == 400
        assert TITLE not in str(made.contents)

    @pytest.mark.parametrize("query", PLONE_PARAMETERS)
    @pytest.mark.parametrize("accept", ["text/html", "application/json"])
    def test_plone_parameters_of_the_wrong_type_are_a_400(
        self, world, functional_app_class, query, accept
    ):
        report = world["report"]
        made = browser(functional_app_class, "admin")
        made.handleErrors = True
        made.raiseHttpErrors = False
        made.addHeader("Accept", accept)
        for url in (report.absolute_url(), world["news"].absolute_url()):
            made.open(f"{url}?{query}")
            assert made.headers["status"].startswith("400")

    @pytest.mark.parametrize(
        "query",
        ["came_from=/a&came_from=/b", "came_from:list=/a", "came_from.x:record=1"],
    )
    def test_a_return_address_given_twice_is_refused_not_a_500(
        self, world, functional_app_class, query
    ):
        """Plone's login challenge fails on a list: a protected page sends to
        the login form without it, a public page answers 400."""
        portal = world["portal"].absolute_url()
        made = browser(functional_app_class)
        made.handleErrors = True
        made.raiseHttpErrors = False
        made.followRedirects = False
        made.open(f"{portal}/@@thdtre-settings?{query}")
        assert made.headers["status"][:3] in ("302", "303")
        assert "login" in made.headers["Location"]
        assert "came_from=%2Fa" not in made.headers["Location"]
        status, _made = status_of(
            functional_app_class, f"{portal}/@@thdtre-plans?{query}"
        )
        assert status == 400

    def test_unreadable_form_body_is_a_400(self, world, functional_app_class):
        made = browser(functional_app_class)
        made.handleErrors = True
        made.raiseHttpErrors = False
        made.post(
            f"{world['portal'].absolute_url()}/@@thdtre-plans",
            "year:int=x",
            content_type="application/x-www-form-urlencoded",
        )
        assert made.headers["status"].startswith("400")

    @pytest.mark.parametrize("query", NEWS)
    def test_news_item(self, world, functional_app_class, query):
        url = f"{world['news'].absolute_url()}?{query}"
        status, _made = status_of(functional_app_class, url)
        assert status == 200
