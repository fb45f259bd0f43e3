"""The site the HTTP fuzz runs against: a department, its editor, a published
plan with its parts and original, a draft plan to change, a news item."""

from collective.thdtre.departments import editors_group
from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import department_folder
from collective.thdtre.interfaces import IThdtreSettings
from datetime import date
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile

import transaction


PASSWORD = "secret-Passw0rd-fuzz"
EDITOR = ("editor-khcn", PASSWORD)
MANAGER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
USERS = (None, EDITOR, MANAGER)
DEPARTMENT = "so-khcn"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _plan(folder, plan_id, *, publish: bool, **fields):
    plan = api.content.create(
        container=folder,
        type="Plan",
        id=plan_id,
        department=DEPARTMENT,
        symbol="KH-KHCN",
        year=2024,
        period_start=date(2024, 6, 1),
        period_end=date(2024, 6, 30),
        **fields,
    )
    api.content.create(container=plan, type="Slogan", id="slogan", title="Khẩu hiệu")
    api.content.create(
        container=plan,
        type="Activity",
        id="activity",
        title="Ngày hội",
        start=date(2024, 6, 1),
        lead_unit="Đoàn",
    )
    api.content.create(container=plan, type="Report", id="report", title="Báo cáo")
    if publish:
        for transition in ("submit", "approve", "publish"):
            api.content.transition(obj=plan, transition=transition)
    return plan


def build() -> dict:
    """Paths of the world's objects below the application root."""
    api.portal.set_registry_record("four_eyes", False, interface=IThdtreSettings)
    api.portal.set_registry_record("plone.available_languages", ["en", "vi"])
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        create_department(
            id=DEPARTMENT,
            title="Sở Khoa học và Công nghệ",
            abbreviation="KHCN",
            parent_body="UBND TỈNH BẮC GIANG",
        )
        api.user.create(
            username=EDITOR[0],
            email="editor@example.org",
            password=PASSWORD,
            roles=("Member",),
        )
        api.group.add_user(groupname=editors_group(DEPARTMENT), username=EDITOR[0])
        folder = department_folder(id=DEPARTMENT)
        published = _plan(
            folder,
            "published",
            publish=True,
            title="Tổ chức Tháng hành động vì trẻ em năm 2024",
            text=RichTextValue("<p>Nội dung</p>", "text/html", "text/x-html-safe"),
            original_file=NamedBlobFile(PDF, filename="ke-hoach.pdf"),
        )
        draft = _plan(folder, "draft", publish=False, title="Dự thảo")
        news = api.content.create(
            container=api.portal.get(), type="News Item", id="news", title="Tin"
        )
        api.content.transition(obj=news, to_state="published")
    transaction.commit()
    path = "/".join
    return {
        "site": path(api.portal.get().getPhysicalPath()),
        "folder": path(folder.getPhysicalPath()),
        "published": path(published.getPhysicalPath()),
        "draft": path(draft.getPhysicalPath()),
        "news": path(news.getPhysicalPath()),
    }
