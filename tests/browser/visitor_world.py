"""The visitor's world for the browser tests, made once a test class.

A published plan 63/KH-KHCN with slogans (one given twice, with and without a
full stop), activities across June 2024, a draft plan its editor may edit, and
a published news item about the plan: every public page has something to show.
"""

from App.config import getConfiguration
from collective.thdtre.departments import editors_group
from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import department_folder
from collective.thdtre.interfaces import IThdtreSettings
from DateTime import DateTime
from datetime import date
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.textfield.value import RichTextValue
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import pytest
import transaction


PASSWORD = "secret-Passw0rd-thdtre"
EDITOR = "editor-khcn"
SLOGANS = (
    "Trẻ em hôm nay, thế giới ngày mai.",
    "Trẻ em hôm nay, thế giới ngày mai",
    "Lắng nghe tiếng nói của trẻ em",
)
ACTIVITIES = (
    ("Tuyên truyền trong cả tháng", date(2024, 6, 1), date(2024, 6, 30)),
    ("Thăm, tặng quà trẻ em có hoàn cảnh khó khăn", date(2024, 6, 3), date(2024, 6, 5)),
    ("Tọa đàm về phòng, chống đuối nước cho trẻ em", date(2024, 6, 14), None),
)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
NEWS_TITLE = "Sở Khoa học và Công nghệ triển khai Tháng hành động vì trẻ em"


def _walk(obj, transitions):
    for transition in transitions:
        api.content.transition(obj=obj, transition=transition)


def make_world(portal) -> dict:
    """Make the world in ``portal`` (the functional layer's) and commit it."""
    api.portal.set_registry_record("plone.default_language", "vi")
    api.portal.set_registry_record("plone.available_languages", ["vi"])
    api.portal.set_registry_record("four_eyes", False, interface=IThdtreSettings)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        create_department(
            id="so-khcn",
            title="Sở Khoa học và Công nghệ",
            abbreviation="KHCN",
            parent_body="UBND TỈNH BẮC GIANG",
        )
        api.user.create(
            username=EDITOR,
            email=f"{EDITOR}@example.org",
            password=PASSWORD,
            roles=("Member",),
            properties={"fullname": "Nguyễn Văn Biên"},
        )
        api.group.add_user(groupname=editors_group("so-khcn"), username=EDITOR)
        folder = department_folder(id="so-khcn")
        plan = api.content.create(
            container=folder,
            type="Plan",
            department="so-khcn",
            title="Tổ chức Tháng hành động vì trẻ em năm 2024",
            number=63,
            symbol="KH-KHCN",
            year=2024,
            issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            issue_date=date(2024, 4, 17),
            period_start=date(2024, 6, 1),
            period_end=date(2024, 6, 30),
        )
        for position, title in enumerate(SLOGANS, start=1):
            api.content.create(
                container=plan, type="Slogan", title=title, position=position
            )
        for title, start, end in ACTIVITIES:
            api.content.create(
                container=plan,
                type="Activity",
                title=title,
                lead_unit="Văn phòng Sở",
                start=start,
                end=end,
            )
        _walk(plan, ("submit", "approve", "publish"))
        draft = api.content.create(
            container=folder,
            type="Plan",
            department="so-khcn",
            title="Dự thảo kế hoạch năm 2025",
            year=2025,
        )
        news_folder = api.content.create(
            container=portal, type="Folder", id="tin-tuc", title="Tin tức"
        )
        api.content.transition(obj=news_folder, to_state="published")
        news = api.content.create(
            container=news_folder,
            type="News Item",
            id="tin-trien-khai",
            title=NEWS_TITLE,
            description="Ngày 17/4/2024, Sở ban hành Kế hoạch số 63/KH-KHCN.",
            text=RichTextValue(
                "<p>Sở tổ chức nhiều hoạt động cho trẻ em.</p>",
                "text/html",
                "text/x-html-safe",
            ),
            related_plan=RelationValue(getUtility(IIntIds).getId(plan)),
        )
        api.content.transition(obj=news, to_state="published")
        news.setEffectiveDate(DateTime("2024/04/20 09:30 GMT+7"))
        news.reindexObject()
    transaction.commit()
    activity = plan.listFolderContents(contentFilter={"portal_type": "Activity"})[0]
    slogan = plan.listFolderContents(contentFilter={"portal_type": "Slogan"})[0]
    return {
        "folder": folder,
        "plan": plan,
        "draft": draft,
        "activity": activity,
        "slogan": slogan,
        "news": news,
    }


def path_of(obj) -> str:
    """The path of ``obj`` below the site, for the test server's URL."""
    portal_path = api.portal.get().getPhysicalPath()
    return "/".join(obj.getPhysicalPath()[len(portal_path) :])


@pytest.fixture(scope="class")
def world(functional_class, functional_portal_class, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        home = tmp_path_factory.mktemp("thdtre-var")
        patch.setattr(getConfiguration(), "clienthome", str(home))
        made = make_world(functional_portal_class)
        site = functional_portal_class.getId()
        made["url"] = f"http://localhost:{functional_class['port']}/{site}"
        yield made


@pytest.fixture(scope="class")
def pages(chromium_browser, world):
    """``pages(viewport, user=None)``: a page in a browser context of the class
    (one context a viewport and user, logged in through Plone's form)."""
    contexts = {}

    def page_for(viewport, user=None):
        key = (viewport["width"], user)
        if key not in contexts:
            context = chromium_browser.new_context(viewport=viewport, locale="vi-VN")
            context.set_default_timeout(30_000)
            page = context.new_page()
            if user:
                page.goto(f"{world['url']}/login")
                page.fill("#__ac_name", user)
                page.fill("#__ac_password", PASSWORD)
                with page.expect_navigation():
                    page.click("#buttons-login")
                cookies = {c["name"] for c in context.cookies()}
                assert "__ac" in cookies, f"{user} could not log in"
            contexts[key] = (context, page)
        return contexts[key][1]

    yield page_for
    for context, _page in contexts.values():
        context.close()
