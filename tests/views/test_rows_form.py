"""@@thdtre-add-rows: a plan's slogans and activities in one form, all or nothing."""

from datetime import date
from plone import api
from urllib.parse import urlencode
from views_world import browser
from views_world import EDITOR_KHCN
from views_world import EDITOR_STP
from views_world import make_plan
from views_world import parse
from views_world import setup_world
from views_world import sync
from zExceptions import Forbidden

import pytest
import transaction


@pytest.fixture(scope="class")
def portal(functional_portal_class):
    """Departments and people, once per class (the tests add their own plans)."""
    api.portal.set_registry_record("plone.default_language", "vi")
    api.portal.set_registry_record("plone.available_languages", ["vi"])
    setup_world()
    transaction.commit()
    return functional_portal_class


@pytest.fixture
def world(portal, functional_app_class):
    sync(portal)
    plan = make_plan(title="Tổ chức Tháng hành động vì trẻ em năm 2024", year=2024)
    with api.env.adopt_user(username="admin"):
        api.content.create(
            container=plan, type="Slogan", title="Khẩu hiệu có sẵn", position=3
        )
    transaction.commit()
    return {"portal": portal, "plan": plan}


@pytest.fixture
def functional_app(functional_app_class):
    return functional_app_class


ACTIONS = '//*[contains(@class, "thdtre-editor-actions")]'


def url(plan) -> str:
    return f"{plan.absolute_url()}/@@thdtre-add-rows"


def token_of(made) -> str:
    (token,) = parse(made).xpath(
        '//form[contains(@class, "thdtre-rows")]//input[@name="_authenticator"]/@value'
    )
    return token


def children(world, portal_type):
    sync(world["portal"])
    found = [o for o in world["plan"].objectValues() if o.portal_type == portal_type]
    return sorted(
        found, key=lambda o: o.position or 0 if portal_type == "Slogan" else 0
    )


def post(made, plan, fields: dict, *, token: str | None = None):
    body = {"form.submitted": "1", "slogans": "12", "activities": "6", **fields}
    if token is not None:
        body["_authenticator"] = token
    made.post(url(plan), urlencode(body))


def refused(made) -> bool:
    """Refused: the login form or "insufficient privileges", not the rows form."""
    return "thdtre-rows" not in made.contents and made.headers["status"] != "302"


def typed(page) -> dict:
    """The rows form's non-empty text inputs, by name."""
    inputs = page.xpath('//form[contains(@class, "thdtre-rows")]//input[@type="text"]')
    return {i.get("name"): i.get("value") for i in inputs if i.get("value")}


def row_counts(page) -> tuple[int, int]:
    slogans = page.xpath('//input[starts-with(@name, "slogan-")]')
    activities = page.xpath('//input[starts-with(@name, "activity-")]')
    return len(slogans), len(activities) // 5


class TestAddRows:
    def test_the_form_offers_rows_of_slogans_and_activities(
        self, world, functional_app
    ):
        made = browser(functional_app, EDITOR_KHCN)
        made.open(url(world["plan"]))
        page = parse(made)
        assert len(page.xpath('//input[starts-with(@name, "slogan-")]')) == 12
        assert len(page.xpath('//input[@name="activity-6-start"]')) == 1
        made.open(url(world["plan"]) + "?slogans=500&activities=3")
        page = parse(made)
        assert len(page.xpath('//input[starts-with(@name, "slogan-")]')) == 50

    def test_valid_rows_are_created_and_empty_rows_ignored(self, world, functional_app):
        made = browser(functional_app, EDITOR_KHCN)
        made.open(url(world["plan"]))
        post(
            made,
            world["plan"],
            {
                "slogan-1": "Trẻ em là tương lai",
                "slogan-3": "  Lắng nghe   trẻ em nói  ",
                "activity-2-title": "Phát động tháng hành động",
                "activity-2-lead_unit": "Văn phòng Sở",
                "activity-2-coordinating_units": "Công đoàn; Đoàn Thanh niên, Phụ nữ",
                "activity-2-start": "01/6/2024",
                "activity-2-end": "05/06/2024",
            },
            token=token_of(made),
        )
        assert made.url == world["plan"].absolute_url()
        slogans = {s.title: s.position for s in children(world, "Slogan")}
        assert slogans == {
            "Khẩu hiệu có sẵn": 3,
            "Trẻ em là tương lai": 4,
            "Lắng nghe trẻ em nói": 5,
        }
        (activity,) = children(world, "Activity")
        assert activity.title == "Phát động tháng hành động"
        assert activity.lead_unit == "Văn phòng Sở"
        assert activity.coordinating_units == ["Công đoàn", "Đoàn Thanh niên, Phụ nữ"]
        assert (activity.start, activity.end) == (date(2024, 6, 1), date(2024, 6, 5))
        assert activity.Creator() == EDITOR_KHCN
        assert api.content.get_state(obj=activity) == "draft"

    def test_one_invalid_row_and_nothing_is_created(self, world, functional_app):
        made = browser(functional_app, EDITOR_KHCN)
        made.addHeader("Accept-Language", "vi")
        made.open(url(world["plan"]))
        post(
            made,
            world["plan"],
            {
                "slogan-1": "Một khẩu hiệu đúng",
                "slogan-2": "x" * 1001,
                "activity-1-title": "Hoạt động đúng",
                "activity-1-start": "01/06/2024",
                "activity-3-lead_unit": "Văn phòng Sở",
                "activity-3-start": "31/02/2024",
                "activity-4-title": "Ngày đảo ngược",
                "activity-4-start": "10/06/2024",
                "activity-4-end": "01/06/2024",
            },
            token=token_of(made),
        )
        page = parse(made)
        errors = [
            " ".join(e.text_content().split())
            for e in page.xpath('//*[contains(@class, "invalid-feedback")]')
        ]
        assert any("quá dài" in e for e in errors), errors
        assert any("dd/mm/yyyy" in e for e in errors), errors
        assert any("tên" in e.lower() or "tiêu đề" in e.lower() for e in errors), errors
        assert len(errors) == 4, errors
        # Every typed row comes back to be corrected, the valid ones too.
        assert typed(page) == {
            "slogan-1": "Một khẩu hiệu đúng",
            "slogan-2": "x" * 1001,
            "activity-1-title": "Hoạt động đúng",
            "activity-1-start": "01/06/2024",
            "activity-3-lead_unit": "Văn phòng Sở",
            "activity-3-start": "31/02/2024",
            "activity-4-title": "Ngày đảo ngược",
            "activity-4-start": "10/06/2024",
            "activity-4-end": "01/06/2024",
        }
        assert [s.title for s in children(world, "Slogan")] == ["Khẩu hiệu có sẵn"]
        assert children(world, "Activity") == []

    def test_a_post_without_the_authenticator_creates_nothing(
        self, world, functional_app
    ):
        made = browser(functional_app, EDITOR_KHCN)
        with pytest.raises(Forbidden):
            post(made, world["plan"], {"slogan-1": "Không có mã xác thực"})
        assert len(children(world, "Slogan")) == 1

    @pytest.mark.parametrize(
        ("user", "state"), [(None, "draft"), (EDITOR_STP, "published")]
    )
    def test_anonymous_and_another_department_are_refused(
        self, world, functional_app, user, state
    ):
        plan = make_plan(title="Kế hoạch khác", year=2024, state=state)
        transaction.commit()
        made = browser(functional_app, user)
        made.handleErrors = True
        made.raiseHttpErrors = False
        made.open(url(plan))
        assert refused(made)
        post(made, plan, {"slogan-1": "Không được phép"}, token="x")
        assert refused(made)
        sync(world["portal"])
        assert plan.objectIds() == []

    def test_the_plan_page_offers_the_form_to_its_editors_only(
        self, world, functional_app
    ):
        made = browser(functional_app, EDITOR_KHCN)
        made.open(world["plan"].absolute_url())
        links = parse(made).xpath(
            '//*[contains(@class, "thdtre-editor-actions")]//a/@href'
        )
        assert url(world["plan"]) in links
        published = make_plan(title="Kế hoạch đã đăng", year=2024, state="published")
        transaction.commit()
        for user in (None, EDITOR_STP):
            other = browser(functional_app, user)
            other.open(published.absolute_url())
            page = parse(other)
            assert page.xpath(f"{ACTIONS}//a[contains(@href, 'add-rows')]") == []

    def test_more_rows_keep_every_typed_value_and_create_nothing(
        self, world, functional_app
    ):
        made = browser(functional_app, EDITOR_KHCN)
        made.open(url(world["plan"]))
        page = parse(made)
        assert page.xpath('//a[contains(@href, "slogans=")]') == []
        more = page.xpath('//button[@name="form.buttons.more"]/@value')
        assert more == ["slogans", "activities"]
        rows = {
            "slogan-1": "Trẻ em là tương lai",
            "slogan-12": "Lắng nghe trẻ em nói",
            "activity-1-title": "Phát động tháng hành động",
            "activity-6-title": "Tổng kết tháng hành động",
            "activity-6-lead_unit": "Văn phòng Sở",
            "activity-6-end": "05/06/2024",
        }
        # The "more" button posts the form; it changes nothing, so it carries
        # no authenticator here and is not refused.
        post(made, world["plan"], {**rows, "form.buttons.more": "slogans"})
        page = parse(made)
        assert typed(page) == rows
        assert row_counts(page) == (22, 6)
        assert page.xpath('//input[@name="slogans"]/@value') == ["22"]
        post(
            made,
            world["plan"],
            {**rows, "form.buttons.more": "activities", "slogans": "22"},
            token=token_of(made),
        )
        page = parse(made)
        assert typed(page) == rows
        assert row_counts(page) == (22, 11)
        # Never more than 50 rows of a kind; at 50 the button is gone.
        post(
            made,
            world["plan"],
            {**rows, "form.buttons.more": "slogans", "slogans": "45"},
        )
        page = parse(made)
        assert row_counts(page) == (50, 6)
        assert page.xpath('//button[@name="form.buttons.more"]/@value') == [
            "activities"
        ]
        assert [s.title for s in children(world, "Slogan")] == ["Khẩu hiệu có sẵn"]
        assert children(world, "Activity") == []
        # The rows kept are then saved by the save button.
        post(made, world["plan"], rows, token=token_of(made))
        assert made.url == world["plan"].absolute_url()
        assert len(children(world, "Slogan")) == 3
        assert len(children(world, "Activity")) == 2
