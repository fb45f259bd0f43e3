"""@@thdtre-plans: plans by year, newest first, filtered, searched and paged,
published plans for visitors, states for editors, from the catalog alone."""

from collective.thdtre.departments.api import plans_root
from collective.thdtre.interfaces import IBrowserLayer
from datetime import date
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from urllib.parse import urlencode
from views_world import browser
from views_world import by_class
from views_world import EDITOR_KHCN
from views_world import folder_of
from views_world import KHCN
from views_world import make_plan
from views_world import MEMBER
from views_world import parse
from views_world import setup_world
from views_world import STP
from views_world import text
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import pytest
import transaction


THEME_2024 = "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em"
THEME_2023 = "Chung tay vì trẻ em"
KHCN_BODY = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
STP_BODY = "SỞ TƯ PHÁP"


def _plans():
    khcn, stp = folder_of(KHCN), folder_of(STP)
    return {
        "khcn-2024": make_plan(
            khcn,
            state="published",
            title="Tổ chức Tháng hành động vì trẻ em năm 2024",
            number=63,
            symbol="KH-KHCN",
            issuing_body=KHCN_BODY,
            issue_date=date(2024, 4, 17),
            year=2024,
            theme=THEME_2024,
        ),
        "khcn-2023": make_plan(
            khcn,
            state="published",
            title="Tổ chức Tháng hành động vì trẻ em năm 2023",
            number=40,
            symbol="KH-KHCN",
            issuing_body=KHCN_BODY,
            issue_date=date(2023, 5, 2),
            year=2023,
            theme=THEME_2023,
        ),
        "khcn-draft": make_plan(
            khcn,
            title="Dự thảo kế hoạch hoạt động hè 2024",
            symbol="KH-KHCN",
            issuing_body=KHCN_BODY,
            year=2024,
        ),
        "stp-2024": make_plan(
            stp,
            state="published",
            title="Thực hiện Tháng hành động vì trẻ em năm 2024",
            number=12,
            symbol="KH-STP",
            issuing_body=STP_BODY,
            issue_date=date(2024, 4, 20),
            year=2024,
            theme=THEME_2024,
            purpose="Phòng, chống tai nạn đuối nước cho trẻ em trong dịp hè.",
        ),
        "stp-2022": make_plan(
            stp,
            state="published",
            title="Tổ chức Tháng hành động vì trẻ em năm 2022",
            number=5,
            symbol="KH-STP",
            issuing_body=STP_BODY,
            issue_date=date(2022, 5, 10),
            year=2022,
        ),
    }


@pytest.fixture(scope="class")
def world(functional_portal_class):
    """Five plans of two departments under ``ke-hoach``, committed."""
    setup_world()
    plans = _plans()
    transaction.commit()
    return {"portal": functional_portal_class, "plans": plans}


@pytest.fixture
def archive(world, functional_app_class):
    """``archive(folder, user=None, **form)``: the archive page, parsed."""

    def open_archive(folder, user=None, **form):
        made = browser(functional_app_class, user)
        query = f"?{urlencode(form)}" if form else ""
        made.open(f"{folder.absolute_url()}/@@thdtre-plans{query}")
        return parse(made)

    return open_archive


def titles(page) -> list[str]:
    return [
        text(a)
        for a in page.xpath(
            '//table[contains(@class, "thdtre-plan-table")]//tbody//td/a'
        )
    ]


def years(page) -> list[str]:
    return [
        text(h) for h in page.xpath('//section[contains(@class, "thdtre-year")]/h2')
    ]


def rows(page) -> list[list[str]]:
    return [
        [text(td) for td in tr.xpath("./td")]
        for tr in page.xpath('//table[contains(@class, "thdtre-plan-table")]/tbody/tr')
    ]


def title_of(world, *keys) -> set[str]:
    return {world["plans"][key].title for key in keys}


class TestArchive:
    def test_years_newest_first_with_number_date_summary_issuer(self, world, archive):
        page = archive(plans_root(), "admin")
        assert years(page) == ["2024", "2023", "2022"]
        sections = page.xpath('//section[contains(@class, "thdtre-year")]')
        in_2024 = {text(a) for a in sections[0].xpath(".//tbody//td/a")}
        assert in_2024 == title_of(world, "khcn-2024", "khcn-draft", "stp-2024")
        assert [
            "63/KH-KHCN",
            "17/4/2024",
            "Tổ chức Tháng hành động vì trẻ em năm 2024",
            KHCN_BODY,
        ] in [row[:4] for row in rows(page)]
        assert text(by_class(page, "thdtre-count")[0]).startswith("5 ")

    def test_filter_by_year(self, world, archive):
        page = archive(plans_root(), "admin", year=2023)
        assert years(page) == ["2023"]
        assert set(titles(page)) == title_of(world, "khcn-2023")
        (selected,) = page.xpath('//select[@name="year"]/option[@selected]')
        assert selected.get("value") == "2023"

    def test_filter_by_issuer(self, world, archive):
        page = archive(plans_root(), "admin", issuer=STP_BODY)
        assert set(titles(page)) == title_of(world, "stp-2024", "stp-2022")
        assert years(page) == ["2024", "2022"]

    def test_filter_by_theme(self, world, archive):
        page = archive(plans_root(), "admin", theme=THEME_2024)
        assert set(titles(page)) == title_of(world, "khcn-2024", "stp-2024")
        options = page.xpath('//select[@name="theme"]/option/@value')
        assert options == ["", THEME_2023, THEME_2024]

    def test_filters_combine(self, world, archive):
        page = archive(plans_root(), "admin", theme=THEME_2024, issuer=KHCN_BODY)
        assert set(titles(page)) == title_of(world, "khcn-2024")

    def test_full_text_search(self, world, archive):
        page = archive(plans_root(), "admin", SearchableText="đuối nước")
        assert set(titles(page)) == title_of(world, "stp-2024")
        (box,) = page.xpath('//input[@id="thdtre-text"]')
        assert box.get("value") == "đuối nước"
        assert not titles(archive(plans_root(), "admin", SearchableText="xyzzy"))

    @pytest.mark.parametrize("user", [None, MEMBER])
    def test_visitors_see_published_plans_only(self, world, archive, user):
        page = archive(plans_root(), user)
        assert set(titles(page)) == title_of(
            world, "khcn-2024", "khcn-2023", "stp-2024", "stp-2022"
        )
        assert page.xpath('//select[@name="year"]/option/@value') == [
            "",
            "2024",
            "2023",
            "2022",
        ]

    def test_anonymous_sees_no_state(self, world, archive):
        page = archive(plans_root())
        assert not page.xpath(
            '//*[contains(@class, "thdtre-archive")]//*[contains(@class, "badge")]'
        )
        assert "State" not in [text(th) for th in page.xpath("//th")]

    def test_editors_see_their_drafts_with_a_state_badge(self, world, archive):
        page = archive(folder_of(KHCN), EDITOR_KHCN)
        states = {row[2]: row[4] for row in rows(page)}
        assert states == {
            "Tổ chức Tháng hành động vì trẻ em năm 2024": "Published on the website",
            "Tổ chức Tháng hành động vì trẻ em năm 2023": "Published on the website",
            "Dự thảo kế hoạch hoạt động hè 2024": "Draft",
        }
        badges = page.xpath('//td/span[contains(@class, "badge")]')
        assert len(badges) == 3

    def test_a_subfolder_lists_its_own_plans(self, world, archive):
        page = archive(folder_of(STP), "admin")
        assert set(titles(page)) == title_of(world, "stp-2024", "stp-2022")
        issuers = page.xpath('//select[@name="issuer"]/option/@value')
        assert issuers == ["", STP_BODY]
        assert page.xpath("//form[contains(@class, 'thdtre-filters')]/@action") == [
            f"{folder_of(STP).absolute_url()}/@@thdtre-plans"
        ]


ARCHIVE_THEME = "Kho lưu trữ"


@pytest.fixture(scope="class")
def sixty(functional_portal_class):
    """60 plans of 2020 and 2021 on a theme, and 5 of 2019 without, committed."""
    setRoles(functional_portal_class, TEST_USER_ID, ["Manager"])
    setup_world()
    folder = api.content.create(
        container=functional_portal_class, type="Folder", id="kho", title="Kho"
    )
    for n in range(1, 66):
        year = 2019 if n > 60 else 2021 if n % 2 else 2020
        api.content.create(
            container=folder,
            type="Plan",
            id=f"kh-{n:02d}",
            title=f"Kế hoạch lưu trữ {n:02d}",
            year=year,
            theme=ARCHIVE_THEME if n <= 60 else None,
            department=KHCN,
            issue_date=date(year, 1 + n % 12, 1 + n % 28),
        )
    transaction.commit()
    return folder


def test_sixty_plans_make_two_pages_and_keep_the_filter(sixty, functional_app_class):
    made = browser(functional_app_class, "admin")
    made.open(
        f"{sixty.absolute_url()}/@@thdtre-plans?{urlencode({'theme': ARCHIVE_THEME})}"
    )
    first = parse(made)
    assert text(by_class(first, "thdtre-count")[0]).startswith("60 ")
    assert len(titles(first)) == 50
    # Newest year first across the pages: the 30 plans of 2021, then 2020.
    assert years(first) == ["2021", "2020"]
    (page_two,) = [
        a
        for a in first.xpath('//*[contains(@class, "pagination")]//a')
        if text(a) == "2"
    ]
    made.open(page_two.get("href"))
    second = parse(made)
    # The 5 plans without the theme would be here if the link lost the filter.
    assert len(titles(second)) == 10
    assert years(second) == ["2020"]
    assert not set(titles(first)) & set(titles(second))


@pytest.fixture
def integration_archive(portal, http_request):
    """Plans on the integration layer, and the archive view of their folder."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    setup_world()
    folder = api.content.create(container=portal, type="Folder", id="kho", title="Kho")
    for n in range(3):
        api.content.create(
            container=folder,
            type="Plan",
            id=f"kh-{n}",
            title=f"Kế hoạch số {n + 1}",
            number=n + 1,
            symbol="KH-KHCN",
            issuing_body=KHCN_BODY,
            year=2022 + n,
            issue_date=date(2022 + n, 4, 17),
            department=KHCN,
        )
    alsoProvides(http_request, IBrowserLayer)
    return folder, http_request


def test_the_archive_does_not_wake_the_plans(integration_archive):
    """Take the plans away behind the catalog's back: the page is still whole,
    so it was made from catalog metadata alone."""
    folder, request = integration_archive
    for plan_id in list(folder.objectIds()):
        folder._delOb(plan_id)
    assert not folder.objectIds()
    view = getMultiAdapter((folder, request), name="thdtre-plans")
    page = view()
    for n in range(3):
        assert f"Kế hoạch số {n + 1}" in page
        assert f"{n + 1}/KH-KHCN" in page
        assert f"17/4/{2022 + n}" in page
