"""@@thdtre-home: the year's theme, slogans, plans by level, news, activities and
report progress, from published content only; an empty folder says so."""

from home_world import ACTIVITY
from home_world import build_world
from home_world import DRAFT_NEWS
from home_world import DRAFT_SLOGAN
from home_world import DRAFT_THEME
from home_world import NEWS
from home_world import SLOGAN
from home_world import THEME
from home_world import YEAR
from views_world import browser
from views_world import by_class
from views_world import parse
from views_world import text

import pytest


@pytest.fixture(scope="class")
def world(functional_portal_class):
    return build_world(functional_portal_class)


@pytest.fixture
def home(world, functional_app_class):
    def open_page(user=None, context=None):
        made = browser(functional_app_class, user)
        context = context if context is not None else world["portal"]
        made.open(f"{context.absolute_url()}/@@thdtre-home")
        return parse(made)

    return open_page


def section(page, css_class):
    found = by_class(page, css_class)
    return text(found[0]) if found else ""


PAGES = [
    ("thdtre-plans", "Plan archive"),
    ("thdtre-calendar", "Activities calendar"),
    ("thdtre-slogans", "Slogans"),
    ("thdtre-import", "Import plan"),
]


class TestFrontPage:
    def test_theme_and_period_of_the_top_level_plan(self, home):
        page = home()
        assert str(YEAR) in text(page.xpath("//h1")[0])
        theme = section(page, "thdtre-theme")
        assert THEME in theme
        assert f"01/06/{YEAR} – 30/06/{YEAR}" in theme
        assert "26/KH-UBND" in theme
        assert DRAFT_THEME not in text(page)

    def test_slogans_once_each_and_never_a_drafts(self, home):
        for user in (None, "admin"):
            items = [
                text(li)
                for li in by_class(home(user), "thdtre-front-slogans")[0].xpath(".//li")
            ]
            assert items == [SLOGAN]
            assert DRAFT_SLOGAN not in text(home(user))

    def test_plans_by_level(self, home):
        page = home()
        levels = {
            text(div.xpath("./h3")[0]): text(div)
            for div in by_class(page, "thdtre-level")
        }
        assert list(levels) == ["Province", "Departments and agencies", "Districts"]
        assert "26/KH-UBND" in levels["Province"]
        assert "63/KH-KHCN" in levels["Departments and agencies"]
        assert "18/KH-STP" in levels["Departments and agencies"]
        assert "40/KH-UBND" in levels["Districts"]
        assert "Dự thảo" not in section(page, "thdtre-front-plans")

    def test_latest_news_published_only(self, home):
        news = section(home(), "thdtre-front-news")
        assert NEWS in news
        assert DRAFT_NEWS not in news
        assert DRAFT_NEWS not in section(home("admin"), "thdtre-front-news")

    def test_this_months_activities(self, home):
        activities = by_class(home(), "thdtre-front-activities")[0]
        assert ACTIVITY in text(activities)
        assert "Activities this month" in text(activities)
        assert any(
            "@@thdtre-calendar?year=" in a for a in activities.xpath(".//a/@href")
        )

    def test_report_progress(self, home):
        # The plan's results are public: visitors see how many units reported.
        for user in (None, "admin"):
            progress = section(home(user), "thdtre-front-progress")
            assert "1 of 3 units have reported" in progress
            assert "Not yet reported: 2" in progress

    def test_links_to_archive_calendar_and_slogans(self, world, home):
        links = by_class(home(), "thdtre-front-links")[0].xpath(".//a/@href")
        root = world["portal"].absolute_url()
        assert links == [
            f"{root}/@@thdtre-plans",
            f"{root}/@@thdtre-calendar",
            f"{root}/@@thdtre-slogans",
        ]

    def test_no_my_work_box_for_visitors(self, home):
        assert not by_class(home(), "thdtre-my-work-box")
        assert not by_class(home(), "thdtre-empty")

    def test_an_empty_folder_says_so(self, world, home):
        page = home(context=world["empty"])
        (message,) = by_class(page, "thdtre-empty")
        assert "Nothing has been published" in text(message)
        assert not by_class(page, "thdtre-front-news")
        assert not by_class(page, "thdtre-theme")

    @pytest.mark.parametrize(("name", "title"), PAGES)
    def test_page_title_and_breadcrumbs(self, world, functional_app_class, name, title):
        made = browser(functional_app_class, "admin")
        made.open(f"{world['portal'].absolute_url()}/@@{name}")
        page = parse(made)
        assert text(page.xpath("//title")[0]) == f"{title} — Plone site"
        crumbs = page.xpath('//nav[@id="portal-breadcrumbs"]//li')
        assert [text(li) for li in crumbs] == ["Home", title]
        assert crumbs[-1].get("aria-current") == "page"

    def test_dashboard_of_a_plan(self, world, functional_app_class):
        plan = world["province"]
        made = browser(functional_app_class, "admin")
        made.open(f"{plan.absolute_url()}/@@thdtre-dashboard")
        page = parse(made)
        title = text(page.xpath("//title")[0])
        assert title == f"Results reports — {plan.title} — Plone site"
        crumbs = [text(li) for li in page.xpath('//nav[@id="portal-breadcrumbs"]//li')]
        assert crumbs[-2:] == [plan.title, "Results reports"]

    def test_other_pages_keep_plones_title(self, world, functional_app_class):
        made = browser(functional_app_class)
        made.open(world["province"].absolute_url())
        assert text(parse(made).xpath("//title")[0]).startswith(world["province"].title)

    def test_tabs_lead_to_archive_calendar_and_slogans(self, world, home):
        nav = home().xpath('//*[@id="portal-globalnav"]//a/@href')
        root = world["portal"].absolute_url()
        for name, _title in PAGES[:3]:
            assert f"{root}/@@{name}" in nav
