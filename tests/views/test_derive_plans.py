"""@@thdtre-implement and @@thdtre-copy-next-year: drafts made from a plan."""

from collective.thdtre.departments.retire import reactivate_department
from collective.thdtre.departments.retire import retire_department
from datetime import date
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from views_world import browser
from views_world import EDITOR_KHCN
from views_world import EDITOR_STP
from views_world import folder_of
from views_world import KHCN
from views_world import make_plan
from views_world import parse
from views_world import setup_world
from views_world import STP
from views_world import sync
from zExceptions import Forbidden

import itertools
import pytest
import transaction


NUMBERS = itertools.count(26)


PROVINCE = {
    "title": "Tổ chức Tháng hành động vì trẻ em năm 2024",
    "number": 26,
    "symbol": "KH-STP",
    "issuing_body": "SỞ TƯ PHÁP",
    "issue_date": date(2024, 4, 5),
    "year": 2024,
    "theme": "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em",
    "period_start": date(2024, 6, 1),
    "period_end": date(2024, 6, 30),
    "report_deadline": date(2024, 7, 10),
}
SLOGANS = [
    {"title": "Khẩu hiệu thứ hai", "position": 2},
    {"title": "Khẩu hiệu thứ nhất", "position": 1},
]
ACTIVITIES = [
    {
        "title": "Phát động tháng hành động",
        "lead_unit": "Văn phòng",
        "coordinating_units": ["Công đoàn"],
        "start": date(2024, 6, 1),
        "end": date(2024, 6, 2),
        "progress": "done",
    }
]


@pytest.fixture(scope="class")
def portal(functional_portal_class):
    api.portal.set_registry_record("plone.default_language", "vi")
    api.portal.set_registry_record("plone.available_languages", ["vi"])
    setup_world()
    transaction.commit()
    return functional_portal_class


@pytest.fixture
def source(portal):
    """A plan of Sở Tư pháp (STP), published, with two slogans and an activity
    (26/KH-STP for the first test, then 27, ...: the class shares one site)."""
    sync(portal)
    plan = make_plan(
        department=STP,
        state="published",
        slogans=SLOGANS,
        activities=ACTIVITIES,
        **dict(PROVINCE, number=next(NUMBERS)),
    )
    transaction.commit()
    return plan


def token(made, url) -> str:
    made.open(url)
    (value,) = parse(made).xpath(
        f'//form[@action="{url}"]//input[@name="_authenticator"]/@value'
    )
    return value


def all_plans(portal) -> dict:
    sync(portal)
    return {
        b.UID: b._unrestrictedGetObject()
        for b in api.content.find(portal_type="Plan", unrestricted=True)
    }


@pytest.fixture
def new_plans(portal, source):
    """``new_plans()``: the plans made since the test began."""
    before = set(all_plans(portal))
    return lambda: [p for uid, p in all_plans(portal).items() if uid not in before]


def parts(plan, portal_type) -> list:
    found = [o for o in plan.objectValues() if o.portal_type == portal_type]
    return sorted(found, key=lambda o: getattr(o, "position", 0) or 0)


class TestDerive:
    def test_implementing_plan_takes_basis_theme_period_and_slogans(
        self, source, new_plans, functional_app_class
    ):
        url = f"{source.absolute_url()}/@@thdtre-implement"
        made = browser(functional_app_class, EDITOR_KHCN)
        made.post(url, f"_authenticator={token(made, url)}&department={KHCN}")
        (draft,) = new_plans()
        assert made.url == draft.absolute_url()
        assert draft.aq_parent == folder_of(KHCN)
        assert api.content.get_state(obj=draft) == "draft"
        assert draft.number is None and draft.issue_date is None
        assert draft.Creator() == EDITOR_KHCN
        assert (draft.title, draft.theme) == (PROVINCE["title"], PROVINCE["theme"])
        assert (draft.period_start, draft.period_end, draft.year) == (
            date(2024, 6, 1),
            date(2024, 6, 30),
            2024,
        )
        assert [r.to_object for r in draft.implements] == [source]
        assert draft.legal_basis == (
            "Thực hiện Kế hoạch số 26/KH-STP ngày 05/4/2024 của Sở Tư pháp về "
            "tổ chức Tháng hành động vì trẻ em năm 2024."
        )
        # The department's own header, not the implemented plan's.
        assert draft.issuing_body == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
        assert draft.symbol == "KH-KHCN"
        assert [s.title for s in parts(draft, "Slogan")] == [
            "Khẩu hiệu thứ nhất",
            "Khẩu hiệu thứ hai",
        ]
        assert parts(draft, "Activity") == []

    def test_copy_for_next_year_moves_dates_and_clears_the_number(
        self, source, new_plans, functional_app_class
    ):
        with api.env.adopt_user(username=SITE_OWNER_NAME):
            api.content.create(container=source, type="Report", title="Báo cáo")
        transaction.commit()
        url = f"{source.absolute_url()}/@@thdtre-copy-next-year"
        made = browser(functional_app_class, EDITOR_STP)
        made.post(url, f"_authenticator={token(made, url)}")
        assert "2025" in made.contents or made.url != url
        (draft,) = new_plans()
        assert made.url == draft.absolute_url()
        assert api.content.get_state(obj=draft) == "draft"
        assert draft.title == "Tổ chức Tháng hành động vì trẻ em năm 2025"
        assert (draft.number, draft.issue_date) == (None, None)
        assert (draft.period_start, draft.period_end, draft.report_deadline) == (
            date(2025, 6, 1),
            date(2025, 6, 30),
            date(2025, 7, 10),
        )
        assert (draft.symbol, draft.theme) == ("KH-STP", PROVINCE["theme"])
        assert [s.title for s in parts(draft, "Slogan")] == [
            "Khẩu hiệu thứ nhất",
            "Khẩu hiệu thứ hai",
        ]
        (activity,) = parts(draft, "Activity")
        assert (activity.start, activity.end) == (date(2025, 6, 1), date(2025, 6, 2))
        assert activity.coordinating_units == ["Công đoàn"]
        assert activity.progress == "planned"
        assert parts(draft, "Report") == []
        assert api.content.get_state(obj=activity) == "draft"

    def test_get_only_asks_and_a_post_needs_the_authenticator(
        self, source, new_plans, functional_app_class
    ):
        made = browser(functional_app_class, EDITOR_STP)
        for name in ("thdtre-implement", "thdtre-copy-next-year"):
            url = f"{source.absolute_url()}/@@{name}"
            made.open(url)
            assert parse(made).xpath(f'//form[@action="{url}"][@method="post"]')
            with pytest.raises(Forbidden):
                made.post(url, f"department={STP}")
        assert new_plans() == []

    @pytest.mark.parametrize(
        ("user", "name"),
        [(None, "thdtre-implement"), (EDITOR_KHCN, "thdtre-copy-next-year")],
    )
    def test_who_may_not_add_plans_there_is_refused(
        self, source, new_plans, functional_app_class, user, name
    ):
        made = browser(functional_app_class, user)
        made.handleErrors = True
        made.raiseHttpErrors = False
        url = f"{source.absolute_url()}/@@{name}"
        made.open(url)
        assert "_authenticator" not in made.contents
        made.post(url, f"_authenticator=x&department={KHCN}")
        assert new_plans() == []

    def test_implementing_in_a_department_one_does_not_work_for_is_refused(
        self, source, new_plans, functional_app_class
    ):
        url = f"{source.absolute_url()}/@@thdtre-implement"
        made = browser(functional_app_class, EDITOR_KHCN)
        made.post(url, f"_authenticator={token(made, url)}&department={STP}")
        assert "thdtre-implement" in made.url
        assert new_plans() == []

    def test_a_retired_department_is_not_offered_and_is_refused(
        self, portal, source, new_plans, functional_app_class
    ):
        url = f"{source.absolute_url()}/@@thdtre-implement"
        made = browser(functional_app_class, "admin")
        made.addHeader("Accept-Language", "vi")
        made.open(url)
        offered = '//form//input[@name="department"]/@value'
        assert sorted(parse(made).xpath(offered)) == sorted([KHCN, STP])
        with api.env.adopt_user(username=SITE_OWNER_NAME):
            retire_department(id=KHCN)
        transaction.commit()
        try:
            made.open(url)
            # The administrator keeps the add permission everywhere, yet the
            # retired department's folder takes no new plan: not offered.
            assert parse(made).xpath(offered) == [STP]
            made.post(url, f"_authenticator={token(made, url)}&department={KHCN}")
            assert "thdtre-implement" in made.url
            assert "ngừng sử dụng" in made.contents
            assert new_plans() == []
            # Its only editor may not create implementing plans any more.
            editor = browser(functional_app_class, EDITOR_KHCN)
            editor.handleErrors = True
            editor.raiseHttpErrors = False
            editor.open(source.absolute_url())
            assert "@@thdtre-implement" not in editor.contents
        finally:
            sync(portal)
            with api.env.adopt_user(username=SITE_OWNER_NAME):
                reactivate_department(id=KHCN)
            transaction.commit()
