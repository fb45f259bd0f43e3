"""An imported plan's text as written follows later edits of its fields: a
corrected theme, period date or activity's lead unit shows on the page (and so in
the PDF and the .docx) where the document states it; an edit the text cannot
follow word for word drops the text, and the page lays the document out from the
fields; a new original gives a new text; the text edited by hand is kept."""

from collective.thdtre.importer.follow import follow
from collective.thdtre.importer.load import import_document
from collective.thdtre.official.document import document_of
from collective.thdtre.official.html import document_html
from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


PATTERNS = Path(__file__).resolve().parents[1] / "fixtures" / "patterns"
FIRST = PATTERNS / "plan_province_standard.txt"
OTHER = PATTERNS / "plan_hospital.txt"
THEME = "Chung tay bảo vệ trẻ em, phòng, chống xâm hại trẻ em"


@pytest.fixture
def plan(portal):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="Folder", id="nhap")
        _summary, plan = import_document(
            container=folder, filename=FIRST.name, data=FIRST.read_bytes()
        )
    assert THEME in plan.document_text
    return plan


def edited(obj, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    notify(ObjectModifiedEvent(obj, Attributes(None, *values)))


def page(plan) -> str:
    activities = plan.listFolderContents(contentFilter={"portal_type": "Activity"})
    return document_html(document_of(plan, activities=activities))


def test_a_corrected_theme_shows_where_the_document_states_it(plan):
    edited(plan, theme="Hành động vì trẻ em")
    assert "Hành động vì trẻ em" in plan.document_text
    assert THEME not in plan.document_text
    assert "1. Chủ đề: “Hành động vì trẻ em”" in page(plan)
    # the rest of the document as written is untouched
    assert "IV. NỘI DUNG HOẠT ĐỘNG" in plan.document_text


def test_a_corrected_period_date_follows(plan):
    end = plan.period_end
    edited(plan, period_end=end.replace(day=29))
    assert "đến ngày 29/6/2020" in plan.document_text
    assert "30/6/2020" not in plan.document_text


def test_an_activitys_corrected_lead_unit_follows_into_the_plan(plan):
    (first,) = [
        a
        for a in plan.objectValues()
        if a.portal_type == "Activity" and "Giao thông" in (a.lead_unit or "")
    ]
    edited(first, lead_unit="Sở Xây dựng")
    assert "Đơn vị chủ trì: Sở Xây dựng." in plan.document_text
    assert "Sở Giao thông vận tải" not in plan.document_text


def test_a_rewritten_purpose_replaces_the_documents_purpose(plan):
    edited(plan, purpose="Một mục đích viết lại hoàn toàn.")
    assert "Một mục đích viết lại hoàn toàn." in plan.document_text
    assert "Huy động nguồn lực xã hội" not in plan.document_text


def test_an_edit_the_text_cannot_follow_drops_it_and_the_fields_take_over(plan):
    budget = "<p>Kinh phí do ngân sách tỉnh bảo đảm.</p>"
    edited(plan, budget=RichTextValue(budget, "text/html", "text/html"))
    assert not plan.document_text
    assert "Kinh phí do ngân sách tỉnh bảo đảm." in page(plan)


def test_a_new_original_gives_a_new_text_as_written(plan):
    plan.original_file = NamedBlobFile(
        data=OTHER.read_bytes(), filename=OTHER.name, contentType="text/plain"
    )
    edited(plan)
    assert THEME not in plan.document_text
    assert "IV. NỘI DUNG HOẠT ĐỘNG" not in plan.document_text


def test_the_text_edited_by_hand_is_kept_and_then_followed(plan):
    edited(plan, document_text=plan.document_text + "\nĐoạn thêm của biên tập viên.")
    assert plan.document_text.endswith("Đoạn thêm của biên tập viên.")
    edited(plan, theme="Hành động vì trẻ em")
    assert plan.document_text.endswith("Đoạn thêm của biên tập viên.")
    assert THEME not in plan.document_text


def test_a_typed_plan_has_no_text_to_follow(portal):
    with api.env.adopt_roles(["Manager"]):
        typed = api.content.create(container=portal, type="Plan", title="Gõ tay")
    edited(typed, theme="Chủ đề")
    assert not typed.document_text


def test_follow_refuses_what_it_cannot_find_or_rich_text():
    text = "Chủ đề: A B C. Thời gian: từ ngày 01/6/2024 đến ngày 30/6/2024."
    assert follow(text, {"theme": "A B C"}, {"theme": "X"}) == (
        "Chủ đề: X. Thời gian: từ ngày 01/6/2024 đến ngày 30/6/2024."
    )
    assert follow(text, {"theme": "Z Z Z"}, {"theme": "X"}) is None
    assert (
        follow(text, {"text": "<p>a</p>"}, {"text": "<p>b</p>"}, rich=("text",)) is None
    )
    assert "đến ngày 29/6/2024" in follow(
        text, {"end": "2024-06-30"}, {"end": "2024-06-29"}, dates=("end",)
    )
