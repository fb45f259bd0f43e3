"""The visitor's pages in a real browser, on a desktop and on a 390 px phone:
the calendar (grid on a desktop, list on a phone, an activity on each of its
days), the slogans (each once, with its plan), the news item (date, plan,
share links, copying the link). Screenshots of calendar, slogans, news and
archive at 1280 and 390 px go to tests/artifacts/.
"""

from pathlib import Path
from visitor_world import ACTIVITIES
from visitor_world import DESKTOP
from visitor_world import NEWS_TITLE
from visitor_world import path_of
from visitor_world import PHONE
from visitor_world import SLOGANS

import pytest


pytest_plugins = ["visitor_world"]
WHOLE_MONTH = ACTIVITIES[0][0]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def visit(page, world, path):
    """Open ``path`` on a desktop (the class's page may be laid out as a phone)."""
    page.set_viewport_size(DESKTOP)
    response = page.goto(f"{world['url']}/{path}")
    assert response.status == 200, f"{response.status} {response.url}"
    return page


@pytest.fixture(scope="class")
def shots():
    def shoot(page, name):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)  # git-ignored
        page.screenshot(path=str(ARTIFACTS / f"visitor-{name}.png"), full_page=True)

    return shoot


def as_phone(page):
    """Lay the page out again for a 390 px phone."""
    page.set_viewport_size(PHONE)
    return page


class TestVisitorPages:
    def test_calendar_a_grid_on_a_desktop_a_list_on_a_phone(self, world, pages, shots):
        page = visit(pages(DESKTOP), world, "@@thdtre-calendar")
        # Without a month asked for: the latest month with activities.
        assert "6/2024" in page.locator("h1").inner_text()
        grid = page.locator("table.thdtre-month")
        assert grid.is_visible()
        # The whole-month activity is on each of the 30 days of June.
        assert grid.get_by_role("link", name=WHOLE_MONTH).count() == 30
        assert page.locator("#thdtre-month").input_value() == "6"
        assert page.locator("#thdtre-year").input_value() == "2024"
        shots(page, "calendar-1280")
        as_phone(page)
        assert not grid.is_visible()
        rows = page.locator("table.thdtre-activities tbody tr")
        assert rows.count() == len(ACTIVITIES)
        assert rows.first.bounding_box()["width"] <= PHONE["width"]
        # Each value under the other, not side by side: a list.
        cells = rows.first.locator("td")
        assert cells.nth(1).bounding_box()["y"] > cells.nth(0).bounding_box()["y"]
        shots(page, "calendar-390")

    def test_choosing_an_empty_month_says_so(self, world, pages):
        page = visit(pages(DESKTOP), world, "@@thdtre-calendar")
        page.select_option("#thdtre-month", "1")
        with page.expect_navigation():
            page.get_by_role("button", name="Xem").click()
        assert "1/2024" in page.locator("h1").inner_text()
        empty = page.locator(".thdtre-empty")
        assert "Không có hoạt động" in empty.inner_text()
        with page.expect_navigation():
            empty.get_by_role("link").click()
        assert "6/2024" in page.locator("h1").inner_text()

    def test_slogans_each_once_with_its_plan(self, world, pages, shots):
        page = visit(pages(DESKTOP), world, "@@thdtre-slogans")
        texts = page.locator(".thdtre-slogan-text").all_inner_texts()
        assert texts == [SLOGANS[0], SLOGANS[2]]
        sources = page.locator(".thdtre-slogan-source a")
        assert sources.first.get_attribute("href").endswith(path_of(world["plan"]))
        assert "63/KH-KHCN" in sources.first.inner_text()
        switch = page.locator("nav.thdtre-year-switch a")
        assert switch.all_inner_texts() == ["2024"]
        shots(page, "slogans-1280")
        shots(as_phone(page), "slogans-390")

    def test_news_item_date_plan_and_share(self, world, pages, shots):
        page = visit(pages(DESKTOP), world, path_of(world["news"]))
        assert page.locator("h1").inner_text() == NEWS_TITLE
        assert page.locator(".thdtre-news-date").inner_text() == "20/04/2024"
        plan = page.locator(".thdtre-news-meta a")
        assert plan.inner_text() == "63/KH-KHCN"
        share = page.locator(".thdtre-share")
        assert share.get_by_role("link", name="Zalo").is_visible()
        assert share.get_by_role("link", name="Facebook").is_visible()
        shots(page, "news-1280")
        as_phone(page)
        assert share.get_by_role("link", name="Zalo").is_visible()
        shots(page, "news-390")

    def test_copy_link(self, world, chromium_browser):
        context = chromium_browser.new_context(viewport=DESKTOP, locale="vi-VN")
        try:
            origin = world["url"].rsplit("/", 1)[0]
            context.grant_permissions(
                ["clipboard-read", "clipboard-write"], origin=origin
            )
            page = visit(context.new_page(), world, path_of(world["news"]))
            page.get_by_role("button", name="Sao chép liên kết").click()
            status = page.locator(".thdtre-copied")
            status.wait_for()
            assert status.inner_text() == "Đã sao chép liên kết."
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied == f"{world['url']}/{path_of(world['news'])}"
        finally:
            context.close()

    def test_archive_screenshots(self, world, pages, shots):
        page = visit(pages(DESKTOP), world, "@@thdtre-plans")
        shots(page, "archive-1280")
        shots(as_phone(page), "archive-390")
