"""Below a plan: the plans that implement it, with issuer, number and state,
only those the visitor may see."""

from datetime import date
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from views_world import browser
from views_world import by_class
from views_world import EDITOR_KHCN
from views_world import EDITOR_STP
from views_world import KHCN
from views_world import make_plan
from views_world import parse
from views_world import setup_world
from views_world import STP
from views_world import text

import pytest
import transaction


KHCN_BODY = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
STP_BODY = "SỞ TƯ PHÁP"


@pytest.fixture(scope="class")
def world(functional_portal_class):
    """A province plan; STP implements it (published, and a draft), KHCN too
    (approved); an unrelated published plan implements nothing."""
    setup_world()
    province = make_plan(
        state="published",
        title="Tổ chức Tháng hành động vì trẻ em năm 2024",
        number=26,
        symbol="KH-UBND",
        issuing_body="UBND TỈNH BẮC GIANG",
        issue_date=date(2024, 4, 5),
        year=2024,
    )
    plans = {
        "stp-published": make_plan(
            department=STP,
            state="published",
            title="Thực hiện Kế hoạch số 26/KH-UBND",
            number=12,
            symbol="KH-STP",
            issuing_body=STP_BODY,
            year=2024,
        ),
        "stp-draft": make_plan(
            department=STP,
            title="Dự thảo kế hoạch bổ sung",
            symbol="KH-STP",
            issuing_body=STP_BODY,
            year=2024,
        ),
        "khcn-approved": make_plan(
            department=KHCN,
            state="approved",
            title="Triển khai Kế hoạch số 26/KH-UBND",
            number=63,
            symbol="KH-KHCN",
            issuing_body=KHCN_BODY,
            year=2024,
        ),
    }
    make_plan(
        department=STP,
        state="published",
        title="Kế hoạch không liên quan",
        number=13,
        symbol="KH-STP",
        issuing_body=STP_BODY,
        year=2024,
    )
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        for plan in plans.values():
            api.relation.create(source=plan, target=province, relationship="implements")
    transaction.commit()
    return {"province": province, **plans}


def implementing(world, app, user) -> list[list[str]]:
    """The rows under "Plans implementing this plan": number, issuer, title, state."""
    made = browser(app, user)
    made.open(world["province"].absolute_url())
    sections = by_class(parse(made), "thdtre-implementing")
    if not sections:
        return []
    (section,) = sections
    return [
        [text(td) for td in tr.xpath("./td")] for tr in section.xpath(".//tbody/tr")
    ]


PUBLISHED_ROW = [
    "12/KH-STP",
    STP_BODY,
    "Thực hiện Kế hoạch số 26/KH-UBND",
    "Published on the website",
]
APPROVED_ROW = [
    "63/KH-KHCN",
    KHCN_BODY,
    "Triển khai Kế hoạch số 26/KH-UBND",
    "Approved",
]
DRAFT_ROW = ["/KH-STP", STP_BODY, "Dự thảo kế hoạch bổ sung", "Draft"]


class TestImplementingPlans:
    def test_the_site_owner_sees_every_implementing_plan(
        self, world, functional_app_class
    ):
        rows = implementing(world, functional_app_class, "admin")
        assert sorted(rows) == sorted([PUBLISHED_ROW, APPROVED_ROW, DRAFT_ROW])

    def test_a_visitor_sees_the_published_ones(self, world, functional_app_class):
        assert implementing(world, functional_app_class, None) == [PUBLISHED_ROW]

    @pytest.mark.parametrize(
        "user,rows",
        [
            (EDITOR_KHCN, [APPROVED_ROW, PUBLISHED_ROW]),
            (EDITOR_STP, [PUBLISHED_ROW, DRAFT_ROW]),
        ],
    )
    def test_an_editor_sees_their_own_and_the_published(
        self, world, functional_app_class, user, rows
    ):
        assert sorted(implementing(world, functional_app_class, user)) == sorted(rows)

    def test_rows_link_to_the_plans(self, world, functional_app_class):
        made = browser(functional_app_class)
        made.open(world["province"].absolute_url())
        (section,) = by_class(parse(made), "thdtre-implementing")
        assert section.xpath(".//tbody//a/@href") == [
            world["stp-published"].absolute_url()
        ]

    def test_a_plan_nobody_implements_has_no_such_section(
        self, world, functional_app_class
    ):
        made = browser(functional_app_class, "admin")
        made.open(world["stp-published"].absolute_url())
        assert not by_class(parse(made), "thdtre-implementing")
