"""@@thdtre-plans' filters: each value with the number of plans the visitor may
see, counted in the catalog's indexes; issuers as the plans write them; a
"Clear filters" (Bỏ lọc) link once a filter or a search narrows the list."""

from collections import Counter
from collective.thdtre.departments.api import plans_root
from collective.thdtre.interfaces import IBrowserLayer
from datetime import date
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from urllib.parse import urlencode
from views_world import browser
from views_world import by_class
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
import re
import transaction


# As the documents write them: a header in capitals, a body in running text.
KHCN_BODY = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
STP_BODY = "Sở Tư pháp tỉnh Bắc Giang"
THEME = "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em"
# (department, issuer, year, state, theme)
PLANS = [
    (KHCN, KHCN_BODY, 2024, "published", THEME),
    (KHCN, KHCN_BODY, 2023, "published", None),
    (KHCN, KHCN_BODY, 2024, "draft", THEME),
    (STP, STP_BODY, 2024, "published", THEME),
    (STP, STP_BODY, 2022, "published", None),
    (STP, STP_BODY, 2022, "pending", None),
    (STP, "SỞ TƯ PHÁP", 2021, "draft", None),  # another spelling, drafts only
]
FILTERS = {"year": 2, "issuer": 1, "theme": 4}  # select name: PLANS column


@pytest.fixture(scope="class")
def world(functional_portal_class):
    setup_world()
    for n, (department, issuer, year, state, theme) in enumerate(PLANS, 1):
        make_plan(
            folder_of(department),
            state=state,
            department=department,
            title=f"Kế hoạch lọc số {n}",
            number=n if state != "draft" else None,
            symbol="KH-KHCN" if department == KHCN else "KH-STP",
            issuing_body=issuer,
            issue_date=date(year, 4, n) if state != "draft" else None,
            year=year,
            theme=theme,
        )
    transaction.commit()
    return functional_portal_class


@pytest.fixture
def archive(world, functional_app_class):
    def open_archive(user=None, **form):
        made = browser(functional_app_class, user)
        query = f"?{urlencode(form)}" if form else ""
        made.open(f"{plans_root().absolute_url()}/@@thdtre-plans{query}")
        return made

    return open_archive


def options(page, name: str) -> dict:
    """``{value: count}`` of a filter's options (the "all" option left out)."""
    found = {}
    for option in page.xpath(f'//select[@name="{name}"]/option[@value!=""]'):
        match = re.fullmatch(r"(.*) \((\d+)\)", text(option))
        assert match, text(option)
        assert match.group(1) == option.get("value")  # shown as it is sent
        found[option.get("value")] = int(match.group(2))
    return found


def expected(name: str, states: set[str]) -> dict:
    column = FILTERS[name]
    counts = Counter(str(p[column]) for p in PLANS if p[3] in states and p[column])
    return dict(counts)


class TestFilters:
    @pytest.mark.parametrize("name", sorted(FILTERS))
    def test_a_manager_sees_every_plan_counted(self, archive, name):
        page = parse(archive("admin"))
        states = {"draft", "pending", "published"}
        assert options(page, name) == expected(name, states)

    @pytest.mark.parametrize("user", [None, MEMBER])
    @pytest.mark.parametrize("name", sorted(FILTERS))
    def test_visitors_see_published_plans_counted_only(self, archive, user, name):
        page = parse(archive(user))
        assert options(page, name) == expected(name, {"published"})

    def test_issuers_are_listed_as_the_plans_write_them(self, archive):
        page = parse(archive("admin"))
        issuers = page.xpath('//select[@name="issuer"]/option[@value!=""]/@value')
        assert issuers == sorted([KHCN_BODY, STP_BODY, "SỞ TƯ PHÁP"])
        # Choosing one lists that issuer's plans, not the other spelling's.
        page = parse(archive("admin", issuer=STP_BODY))
        listed = {text(td) for td in page.xpath("//tbody/tr/td[4]")}
        assert listed == {STP_BODY}

    def test_counts_match_what_the_filter_lists(self, archive):
        for year, count in options(parse(archive()), "year").items():
            page = parse(archive(year=year))
            assert text(by_class(page, "thdtre-count")[0]).startswith(f"{count} ")


class TestClearFilters:
    def test_no_reset_link_without_a_filter(self, archive):
        assert not by_class(parse(archive()), "thdtre-reset")

    @pytest.mark.parametrize(
        "form",
        [
            {"year": "2024"},
            {"issuer": KHCN_BODY},
            {"theme": THEME},
            {"SearchableText": "lọc"},
        ],
    )
    def test_a_filter_brings_the_reset_link_to_the_whole_list(self, archive, form):
        made = archive(None, **form)
        (link,) = by_class(parse(made), "thdtre-reset")
        assert link.get("href") == f"{plans_root().absolute_url()}/@@thdtre-plans"
        assert text(link) == "Clear filters"
        made.getLink(url=link.get("href")).click()
        page = parse(made)
        assert text(by_class(page, "thdtre-count")[0]).startswith("4 ")
        assert not by_class(page, "thdtre-reset")


@pytest.fixture
def integration_archive(portal, http_request):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    setup_world()
    for n, year in enumerate((2022, 2023, 2023), 1):
        api.content.create(
            container=folder_of(KHCN),
            type="Plan",
            id=f"kh-{n}",
            title=f"Kế hoạch số {n}",
            issuing_body=KHCN_BODY,
            year=year,
            department=KHCN,
        )
    alsoProvides(http_request, IBrowserLayer)
    return folder_of(KHCN), http_request


def test_the_filters_are_counted_in_the_catalog_indexes(integration_archive):
    """Take a plan out of the year index only: its brain still says 2023, but
    the filter no longer counts it, so the counts come from the index."""
    folder, request = integration_archive
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog(portal_type="Plan", id="kh-3")
    catalog._catalog.getIndex("year").unindex_object(brain.getRID())
    assert brain.year == 2023
    view = getMultiAdapter((folder, request), name="thdtre-plans")
    view.start = 0
    assert view.facets()["years"] == [(2023, 1), (2022, 1)]
