"""The world of the front page and "Việc của tôi" tests.

The province (UBND tỉnh, a department with no body above it) issues this
year's plan; KHCN and a district implement it, STP too and has reported. A
draft of STP carries another theme and slogan that visitors must never see.
STP's editor and approver, and KHCN's editor, are real users in the groups.
"""

from collective.thdtre.departments import approvers_group
from collective.thdtre.departments import editors_group
from collective.thdtre.departments.api import create_department
from DateTime import DateTime
from datetime import date
from datetime import timedelta
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from views_world import EDITOR_KHCN
from views_world import EDITOR_STP
from views_world import folder_of
from views_world import KHCN
from views_world import make_plan
from views_world import PASSWORD
from views_world import publish
from views_world import setup_world
from views_world import STP

import transaction


TODAY = date.today()
YEAR = TODAY.year
PROVINCE = "ubnd-tinh"
DISTRICT = "ubnd-yen-dung"
THEME = "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em"
DRAFT_THEME = "Chủ đề của một dự thảo"
SLOGAN = "Trẻ em hôm nay, thế giới ngày mai"
DRAFT_SLOGAN = "Khẩu hiệu chưa duyệt"
ACTIVITY = "Lễ phát động Tháng hành động vì trẻ em"
NEWS = "Tỉnh phát động Tháng hành động vì trẻ em"
DRAFT_NEWS = "Tin chưa xuất bản"
APPROVER_STP = "approver-stp"
SENT_BACK = "Kế hoạch bị trả lại"
SENT_BACK_COMMENT = "Bổ sung kinh phí của từng hoạt động."
PENDING = "Kế hoạch chờ duyệt của Sở Tư pháp"
KHCN_DRAFT = "Dự thảo của Sở Khoa học và Công nghệ"


def _user(user_id, group):
    api.user.create(
        username=user_id,
        email=f"{user_id}@example.org",
        password=PASSWORD,
        roles=("Member",),
        properties={"fullname": user_id},
    )
    api.group.add_user(groupname=group, username=user_id)


def _as(user_id, obj, transition, comment=""):
    with api.env.adopt_user(username=user_id):
        api.content.transition(obj=obj, transition=transition, comment=comment)


def build_world(portal) -> dict:
    setup_world()
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        create_department(id=PROVINCE, title="UBND tỉnh", abbreviation="UBND")
        create_department(
            id=DISTRICT,
            title="UBND huyện Yên Dũng",
            abbreviation="UBND",
            parent_body="UBND TỈNH BẮC GIANG",
        )
        _user(APPROVER_STP, approvers_group(STP))
        _user("editor-stp-2", editors_group(STP))
    month = {"start": TODAY.replace(day=1), "end": TODAY.replace(day=1)}
    province = make_plan(
        state="published",
        department=PROVINCE,
        title=f"Tổ chức Tháng hành động vì trẻ em năm {YEAR}",
        number=26,
        symbol="KH-UBND",
        issuing_body="ỦY BAN NHÂN DÂN TỈNH BẮC GIANG",
        year=YEAR,
        theme=THEME,
        period_start=date(YEAR, 6, 1),
        period_end=date(YEAR, 6, 30),
        report_deadline=TODAY + timedelta(days=10),
        public_summary=True,
        slogans=[
            {"title": SLOGAN, "position": 1},
            {"title": SLOGAN + ".", "position": 2},
        ],
        activities=[{"title": ACTIVITY, **month}],
    )
    units = {
        KHCN: make_plan(
            state="published",
            title="Kế hoạch của Sở Khoa học và Công nghệ",
            number=63,
            symbol="KH-KHCN",
            issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            year=YEAR,
        ),
        DISTRICT: make_plan(
            state="published",
            department=DISTRICT,
            title="Kế hoạch của huyện Yên Dũng",
            number=40,
            symbol="KH-UBND",
            issuing_body="ỦY BAN NHÂN DÂN HUYỆN YÊN DŨNG",
            year=YEAR,
        ),
        STP: make_plan(
            state="published",
            department=STP,
            title="Kế hoạch của Sở Tư pháp",
            number=18,
            symbol="KH-STP",
            issuing_body="SỞ TƯ PHÁP",
            year=YEAR,
        ),
    }
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        for plan in units.values():
            api.relation.create(source=plan, target=province, relationship="implements")
        report = api.content.create(
            container=units[STP], type="Report", title="Báo cáo kết quả"
        )
        for transition in ("submit", "approve"):
            api.content.transition(obj=report, transition=transition)
        news_folder = api.content.create(container=portal, type="Folder", title="Tin")
        empty = api.content.create(container=portal, type="Folder", title="Trống")
    publish(news_folder)
    publish(empty)
    for title, state in ((NEWS, "published"), (DRAFT_NEWS, "private")):
        with api.env.adopt_user(username=SITE_OWNER_NAME):
            item = api.content.create(
                container=news_folder, type="News Item", title=title
            )
        if state == "published":
            publish(item)
            item.setEffectiveDate(DateTime(TODAY.isoformat()))
            item.reindexObject()
    make_plan(
        department=STP,
        title="Dự thảo của Sở Tư pháp",
        year=YEAR,
        theme=DRAFT_THEME,
        slogans=[{"title": DRAFT_SLOGAN, "position": 1}],
    )
    transaction.commit()
    return {"portal": portal, "province": province, "empty": empty, **units}


def _plan(folder, plan_id, title):
    # A given id spares the rename from a temporary id, which the editor may
    # not open before the plan has its department.
    return api.content.create(container=folder, type="Plan", id=plan_id, title=title)


def build_work(portal) -> dict:
    """Drafts, a plan waiting for STP's approver and one sent back to its editor."""
    with api.env.adopt_user(username=EDITOR_STP):
        folder = folder_of(STP)
        draft = _plan(folder, "du-thao-stp", "Dự thảo STP")
        sent_back = _plan(folder, "tra-lai", SENT_BACK)
        pending = _plan(folder, "cho-duyet", PENDING)
    with api.env.adopt_user(username=EDITOR_KHCN):
        other = _plan(folder_of(KHCN), "du-thao-khcn", KHCN_DRAFT)
    _as(EDITOR_STP, sent_back, "submit")
    _as(APPROVER_STP, sent_back, "reject", SENT_BACK_COMMENT)
    _as(EDITOR_STP, pending, "submit")
    transaction.commit()
    return {"draft": draft, "sent_back": sent_back, "pending": pending, "khcn": other}
