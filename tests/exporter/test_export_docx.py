"""@@export-docx gives the official layout, and importing it gives the plan back."""

from collective.thdtre.importer.outline import first_clause
from collective.thdtre.importer.parse import parse_document
from collective.thdtre.interfaces import IBrowserLayer
from docx import Document
from io import BytesIO
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.interface import alsoProvides

import pytest


# Fields a plan's document states, compared after export and re-import.
FIELDS = (
    "title",
    "number",
    "symbol",
    "issue_place",
    "issue_date",
    "year",
    "theme",
    "period_start",
    "period_end",
    "signer_title",
    "signer_name",
    "report_deadline",
)


@pytest.fixture
def demo_plans(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    portal.portal_setup.runAllImportStepsFromProfile("profile-collective.thdtre:demo")
    return [b.getObject() for b in api.content.find(portal_type="Plan")]


def export(plan):
    request = plan.REQUEST
    alsoProvides(request, IBrowserLayer)
    view = api.content.get_view(name="export-docx", context=plan, request=request)
    data = view()
    assert request.response.getHeader("Content-Type").startswith(
        "application/vnd.openxmlformats"
    )
    return data


def iso(value):
    return value.isoformat() if value else None


def test_layout_is_decree_30(demo_plans):
    plan = next(p for p in demo_plans if p.document_number == "63/KH-KHCN")
    document = Document(BytesIO(export(plan)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30
    assert round(section.right_margin.mm) == 15
    assert round(section.top_margin.mm) == 20
    assert round(section.bottom_margin.mm) == 20
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert 13 <= document.styles["Normal"].font.size.pt <= 14
    header = document.tables[0].rows[0].cells
    assert "Số: 63/KH-KHCN" in header[0].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1].text
    place = next(p for p in header[1].paragraphs if "Bắc Giang" in p.text)
    assert place.text == "Bắc Giang, ngày 17 tháng 4 năm 2024"
    assert all(run.italic for run in place.runs)
    texts = [p.text for p in document.paragraphs]
    assert "KẾ HOẠCH" in texts
    signature = document.tables[-1].rows[0].cells[1].text
    assert "KT. GIÁM ĐỐC" in signature and "Triệu Ngọc Trung" in signature
    assert "Nơi nhận:" in document.tables[-1].rows[0].cells[0].text


def test_round_trip_of_every_demo_plan(demo_plans):
    assert len(demo_plans) >= 4
    for plan in demo_plans:
        parsed = parse_document("plan.docx", export(plan))
        fields = parsed["plan"]
        for name in FIELDS:
            expected = getattr(plan, name)
            if hasattr(expected, "isoformat"):
                expected = iso(expected)
            assert fields.get(name) == (expected or None), (plan.id, name)
        slogans = sorted(
            plan.listFolderContents(contentFilter={"portal_type": "Slogan"}),
            key=lambda s: s.position or 0,
        )
        assert parsed["slogans"] == [s.title for s in slogans], plan.id
        activities = plan.listFolderContents(contentFilter={"portal_type": "Activity"})
        # The importer titles an activity by its first clause; the rest of a long
        # title comes back in the description.
        assert [a["title"] for a in parsed["activities"]] == [
            first_clause(a.title) for a in activities
        ], plan.id
        for found, activity in zip(parsed["activities"], activities, strict=True):
            assert found.get("lead_unit") == activity.lead_unit, plan.id
        assert parsed["plan"]["recipients"] == list(plan.recipients), plan.id
