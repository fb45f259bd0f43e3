"""@@thdtre-calendar: the published activities of a month (without a month
asked for, the latest month that has some), each once in the list and on every
day it runs in the grid, filtered by unit, linked to its plan; a month and a
year to choose, and a message for an empty month."""

from datetime import date
from urllib.parse import urlencode
from views_world import browser
from views_world import by_class
from views_world import make_plan
from views_world import parse
from views_world import setup_world
from views_world import STP
from views_world import text

import pytest
import transaction


LAUNCH = "Lễ phát động Tháng hành động vì trẻ em"
VISITS = "Thăm, tặng quà con cán bộ có hoàn cảnh khó khăn"
FROM_MAY = "Tuyên truyền trên Cổng thông tin điện tử"
ONE_DAY = "Tọa đàm về phòng, chống đuối nước"
IN_JULY = "Tổng kết Tháng hành động"
PROVINCE_DAY = "Ngày hội gia đình"
UNPUBLISHED = "Hoạt động của dự thảo"


@pytest.fixture(scope="class")
def world(functional_portal_class):
    setup_world()
    khcn = make_plan(
        state="published",
        title="Tổ chức Tháng hành động vì trẻ em năm 2024",
        number=63,
        symbol="KH-KHCN",
        year=2024,
        activities=[
            {
                "title": LAUNCH,
                "lead_unit": "Văn phòng Sở",
                "start": date(2024, 6, 1),
                "end": date(2024, 6, 1),
            },
            {
                "title": VISITS,
                "lead_unit": "Công đoàn Sở",
                "start": date(2024, 6, 3),
                "end": date(2024, 6, 7),
            },
            {
                "title": FROM_MAY,
                "lead_unit": "Văn phòng Sở",
                "start": date(2024, 5, 25),
                "end": date(2024, 6, 2),
            },
            {"title": ONE_DAY, "lead_unit": "Văn phòng Sở", "start": date(2024, 6, 14)},
            *(
                {
                    "title": f"Buổi tuyên truyền số {n}",
                    "lead_unit": "Văn phòng Sở",
                    "start": date(2024, 5, 10),
                }
                for n in range(1, 8)
            ),
            {
                # The day after June: not in June's calendar.
                "title": IN_JULY,
                "lead_unit": "Văn phòng Sở",
                "start": date(2024, 7, 1),
                "end": date(2024, 7, 6),
            },
        ],
    )
    stp = make_plan(
        department=STP,
        state="published",
        title="Thực hiện Tháng hành động vì trẻ em năm 2024",
        number=12,
        symbol="KH-STP",
        year=2024,
        activities=[
            {
                "title": PROVINCE_DAY,
                "lead_unit": "Đoàn Thanh niên",
                "start": date(2024, 6, 20),
                "end": date(2024, 6, 21),
            }
        ],
    )
    make_plan(
        department=STP,
        title="Dự thảo kế hoạch",
        year=2024,
        activities=[
            {
                "title": UNPUBLISHED,
                "lead_unit": "Đoàn Thanh niên",
                "start": date(2024, 6, 10),
                "end": date(2024, 6, 10),
            }
        ],
    )
    transaction.commit()
    return {"portal": functional_portal_class, "khcn": khcn, "stp": stp}


@pytest.fixture
def calendar(world, functional_app_class):
    """``calendar(user=None, **form)``: the calendar of the site, parsed."""

    def open_calendar(user=None, **form):
        made = browser(functional_app_class, user)
        made.open(
            f"{world['portal'].absolute_url()}/@@thdtre-calendar?{urlencode(form)}"
        )
        return parse(made)

    return open_calendar


def month_rows(page) -> dict[str, list]:
    """The month's table: ``{title: [unit, time, plan number, plan link]}``."""
    (table,) = page.xpath('//table[not(contains(@class, "thdtre-month"))]')
    found = {}
    for tr in table.xpath("./tbody/tr"):
        cells = tr.xpath("./td")
        title = text(cells[0])
        assert title not in found, f"{title} listed twice"
        plan_link = cells[3].xpath("./a")[0]
        found[title] = [
            text(cells[1]),
            text(cells[2]),
            text(plan_link),
            plan_link.get("href"),
        ]
    return found


def grid(page) -> dict[str, list[int]]:
    """``{title: [days of the month whose cell shows it]}``."""
    days = {}
    for td in page.xpath('//table[contains(@class, "thdtre-month")]/tbody/tr/td'):
        day = int(text(td.xpath('./div[@class="thdtre-day"]')[0]))
        for a in td.xpath(".//li/a"):
            days.setdefault(text(a), []).append(day)
    return days


class TestCalendar:
    def test_june_by_default(self, calendar):
        page = calendar(year=2024)
        assert "6/2024" in text(page.xpath("//h1")[0])
        assert set(month_rows(page)) == {
            LAUNCH,
            VISITS,
            FROM_MAY,
            ONE_DAY,
            PROVINCE_DAY,
        }

    def test_an_activity_over_several_days_is_shown_on_each_of_its_days(self, calendar):
        page = calendar(year=2024)
        rows = month_rows(page)
        assert rows[VISITS][:2] == ["Công đoàn Sở", "03/6/2024 – 07/6/2024"]
        days = grid(page)
        assert days[VISITS] == [3, 4, 5, 6, 7]
        assert days[LAUNCH] == [1]
        assert days[ONE_DAY] == [14]
        assert days[PROVINCE_DAY] == [20, 21]
        # Begun in May: shown from the first of June, where the month starts.
        assert days[FROM_MAY] == [1, 2]
        continued = page.xpath('//li[@class="thdtre-continued"]/a')
        assert sorted({text(a) for a in continued}) == sorted(
            {VISITS, PROVINCE_DAY, FROM_MAY}
        )

    def test_opens_on_the_latest_month_with_activities(self, calendar):
        page = calendar()
        assert "7/2024" in text(page.xpath("//h1")[0])
        assert set(month_rows(page)) == {IN_JULY}

    def test_month_and_year_to_choose(self, calendar):
        page = calendar(year=2024, month=6)
        (month,) = page.xpath('//select[@name="month"]/option[@selected]')
        assert month.get("value") == "6"
        assert text(month) == "Month 6"
        assert len(page.xpath('//select[@name="month"]/option')) == 12
        years = page.xpath('//select[@name="year"]/option/@value')
        assert years == ["2024"]
        page = calendar(year=2030, month=1)
        years = page.xpath('//select[@name="year"]/option/@value')
        assert years == ["2030", "2024"]

    def test_an_empty_month_says_so_and_leads_to_the_latest(self, calendar):
        page = calendar(year=2030, month=1)
        (empty,) = page.xpath('//*[contains(@class, "thdtre-empty")]')
        assert "No published activities in this month." in text(empty)
        (link,) = empty.xpath(".//a")
        assert link.get("href").endswith("@@thdtre-calendar?year=2024&month=7")
        assert not page.xpath('//table[contains(@class, "thdtre-month")]')
        assert not by_class(page, "thdtre-activities")

    def test_each_activity_links_to_its_plan(self, world, calendar):
        rows = month_rows(calendar(year=2024))
        khcn, stp = world["khcn"].absolute_url(), world["stp"].absolute_url()
        assert rows[LAUNCH][2:] == ["63/KH-KHCN", khcn]
        assert rows[PROVINCE_DAY][2:] == ["12/KH-STP", stp]

    @pytest.mark.parametrize("user", [None, "admin"])
    def test_only_published_activities(self, calendar, user):
        page = calendar(user, year=2024)
        assert UNPUBLISHED not in month_rows(page)
        assert UNPUBLISHED not in grid(page)

    def test_filter_by_unit(self, calendar):
        page = calendar(year=2024, unit="Công đoàn Sở")
        assert set(month_rows(page)) == {VISITS}
        assert set(grid(page)) == {VISITS}
        units = page.xpath('//select[@name="unit"]/option/@value')
        assert units == ["", "Công đoàn Sở", "Văn phòng Sở", "Đoàn Thanh niên"]
        (selected,) = page.xpath('//select[@name="unit"]/option[@selected]')
        assert selected.get("value") == "Công đoàn Sở"

    def test_another_month(self, calendar):
        page = calendar(year=2024, month=7)
        assert "7/2024" in text(page.xpath("//h1")[0])
        assert set(month_rows(page)) == {IN_JULY}
        assert grid(page) == {IN_JULY: [1, 2, 3, 4, 5, 6]}

    def test_a_busy_day_names_five_and_links_to_the_others(self, calendar):
        page = calendar(year=2024, month=5)
        assert len(month_rows(page)) == 8  # seven on the 10th, one from the 25th
        (busy,) = [
            td
            for td in page.xpath('//table[contains(@class, "thdtre-month")]//td')
            if text(td.xpath('./div[@class="thdtre-day"]')[0]) == "10"
        ]
        assert len(busy.xpath(".//li/a")) == 5
        (more,) = busy.xpath('./a[@href="#thdtre-month-list"]')
        assert text(more) == "and 2 more"
        assert page.xpath('//*[@id="thdtre-month-list"]')
