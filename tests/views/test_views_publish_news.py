"""@@thdtre-publish-as-news: on an approved or published plan, a confirmed POST
makes a draft News Item in /tin-tuc that summarises the plan like the 777 article."""

from datetime import date
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from views_world import browser
from views_world import make_plan
from views_world import MEMBER
from views_world import parse
from views_world import publish
from views_world import setup_world
from views_world import STP
from views_world import sync
from zExceptions import Forbidden

import pytest
import transaction


THEME = "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em"
PLAN = {
    "title": "Tổ chức Tháng hành động vì trẻ em năm 2024",
    "number": 63,
    "symbol": "KH-KHCN",
    "parent_body": "UBND TỈNH BẮC GIANG",
    "issuing_body": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "issue_place": "Bắc Giang",
    "issue_date": date(2024, 4, 17),
    "year": 2024,
    "theme": THEME,
    "period_start": date(2024, 6, 1),
    "period_end": date(2024, 6, 30),
    "signing_authority": "KT. GIÁM ĐỐC",
    "signer_title": "PHÓ GIÁM ĐỐC",
    "signer_name": "Triệu Ngọc Trung",
}
ACTIVITIES = [
    {
        "title": "Lễ phát động Tháng hành động vì trẻ em",
        "lead_unit": "Văn phòng Sở",
        "start": date(2024, 6, 1),
    },
    {
        "title": "Thăm, tặng quà con cán bộ có hoàn cảnh khó khăn",
        "lead_unit": "Công đoàn Sở",
        "start": date(2024, 6, 3),
        "end": date(2024, 6, 7),
    },
]


@pytest.fixture
def world(functional_portal):
    """The news folder, plan 63/KH-KHCN approved, and a draft plan; committed."""
    setup_world()
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        news = api.content.create(
            container=functional_portal, type="Folder", id="tin-tuc", title="Tin tức"
        )
    publish(news)
    plan = make_plan(state="approved", activities=ACTIVITIES, **PLAN)
    draft = make_plan(department=STP, title="Dự thảo kế hoạch", year=2024)
    transaction.commit()
    return {"portal": functional_portal, "news": news, "plan": plan, "draft": draft}


def action_url(plan) -> str:
    return f"{plan.absolute_url()}/@@thdtre-publish-as-news"


def news_items(world) -> list:
    sync(world["portal"])
    return world["news"].contentValues()


def confirmation(app, plan, user="admin"):
    """Open the confirmation page; return the browser and the page's form."""
    made = browser(app, user)
    made.open(action_url(plan))
    (form,) = parse(made).xpath(
        '//form[@method="post" and contains(@action, "publish-as-news")]'
    )
    return made, form


def test_get_asks_to_confirm_with_an_authenticator(world, functional_app):
    made, form = confirmation(functional_app, world["plan"])
    assert form.get("action") == action_url(world["plan"])
    (token,) = form.xpath('.//input[@name="_authenticator"]/@value')
    assert len(token) > 20
    assert news_items(world) == []


def test_a_post_without_the_authenticator_is_refused(world, functional_app):
    made = browser(functional_app, "admin")
    with pytest.raises(Forbidden):
        made.post(action_url(world["plan"]), "")
    assert news_items(world) == []


def test_a_draft_plan_is_refused(world, functional_app):
    made, form = confirmation(functional_app, world["plan"])
    (token,) = form.xpath('.//input[@name="_authenticator"]/@value')
    made.post(action_url(world["draft"]), f"_authenticator={token}")
    assert made.url == world["draft"].absolute_url()
    assert "Only an approved or published plan can become news." in made.contents
    assert news_items(world) == []


def test_a_member_who_may_not_add_news_is_refused(world, functional_app):
    published = make_plan(state="published", title="Kế hoạch đã đăng", year=2024)
    transaction.commit()
    made, _form = confirmation(functional_app, published, user=MEMBER)
    made.getForm(action=action_url(published)).submit()
    assert "You may not add news items" in made.contents
    assert news_items(world) == []


def test_post_makes_a_draft_news_item_about_the_plan(world, functional_app):
    plan = world["plan"]
    made, _form = confirmation(functional_app, plan)
    made.getForm(action=action_url(plan)).submit()
    (item,) = news_items(world)
    assert made.url == f"{item.absolute_url()}/edit"
    assert item.portal_type == "News Item"
    assert api.content.get_state(obj=item) != "published"
    assert item.related_plan.to_object == plan
    assert item.title == PLAN["title"]
    lead = item.description
    assert lead.startswith("Ngày 17/4/2024, Phó giám đốc Triệu Ngọc Trung")
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in lead
    assert "đã ký ban hành Kế hoạch số 63/KH-KHCN" in lead
    assert lead.endswith("về việc tổ chức Tháng hành động vì trẻ em năm 2024.")
    body = item.text.raw
    assert f"năm 2024 có chủ đề: “{THEME}”" in body
    assert "từ ngày 01/6/2024 đến ngày 30/6/2024" in body
    for activity in ACTIVITIES:
        assert f"<li>{activity['title']} ({activity['lead_unit']})</li>" in body
