"""@@export-pdf: the plan as PDF in its print layout, made on the server, kept until
the plan changes; anonymous visitors get published plans only."""

from collective.thdtre.browser import pdf
from collective.thdtre.exporter.pdf import write_pdf
from collective.thdtre.official.document import document_of
from datetime import date
from io import BytesIO
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from types import SimpleNamespace

import pytest


PLAN = {
    "title": "Tổ chức Tháng hành động vì trẻ em năm 2024",
    "number": 63,
    "symbol": "KH-KHCN",
    "parent_body": "UBND TỈNH BẮC GIANG",
    "issuing_body": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "issue_place": "Bắc Giang",
    "issue_date": date(2024, 4, 17),
    "year": 2024,
    "theme": "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em",
    "period_start": date(2024, 6, 1),
    "period_end": date(2024, 6, 30),
    "signing_authority": "KT. GIÁM ĐỐC",
    "signer_title": "PHÓ GIÁM ĐỐC",
    "signer_name": "Triệu Ngọc Trung",
    "recipients": ["Lãnh đạo Sở", "Lưu: VT, VP"],
}


def pdf_pages(data: bytes):
    pypdf = pytest.importorskip("pypdf")
    return pypdf.PdfReader(BytesIO(data))


def plain_plan(**extra):
    fields = dict.fromkeys(
        "scope legal_basis purpose requirements text budget implementation "
        "report_deadline report_recipient document_text".split()
    )
    fields.update(PLAN, **extra)
    return SimpleNamespace(**fields)


def test_pdf_is_a4_with_the_documents_text_and_properties():
    data = write_pdf(document_of(plain_plan()))
    assert data.startswith(b"%PDF")
    reader = pdf_pages(data)
    box = reader.pages[0].mediabox
    assert (
        round(float(box.width) * 25.4 / 72),
        round(float(box.height) * 25.4 / 72),
    ) == (210, 297)
    text = " ".join(reader.pages[0].extract_text().split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Số: 63/KH-KHCN" in text
    assert "Triệu Ngọc Trung" in " ".join(p.extract_text() for p in reader.pages)
    assert reader.metadata.title == PLAN["title"]
    assert reader.metadata.author == PLAN["issuing_body"]


@pytest.fixture
def plan(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return api.content.create(container=portal, type="Plan", **PLAN)


def export(plan):
    from collective.thdtre.interfaces import IBrowserLayer
    from zope.interface import alsoProvides

    alsoProvides(plan.REQUEST, IBrowserLayer)
    view = api.content.get_view(name="export-pdf", context=plan, request=plan.REQUEST)
    data = view()
    assert plan.REQUEST.response.getHeader("Content-Type") == "application/pdf"
    return data


def test_pdf_download_is_made_once_and_again_when_the_plan_changes(plan, monkeypatch):
    made = []
    real = pdf.write_pdf

    def counting(doc, **kw):
        made.append(doc.title)
        return real(doc, **kw)

    monkeypatch.setattr(pdf, "write_pdf", counting)
    pdf._CACHE.clear()
    first = export(plan)
    assert export(plan) == first and len(made) == 1
    plan.title = "Triển khai Tháng hành động vì trẻ em năm 2024"
    plan.setModificationDate(plan.modified() + 1)
    export(plan)
    assert made[-1] == "Triển khai Tháng hành động vì trẻ em năm 2024"


def test_a_visitor_never_gets_a_pdf_made_for_someone_who_sees_more(plan, portal):
    from plone.app.testing import logout

    api.portal.set_registry_record(
        "collective.thdtre.interfaces.IThdtreSettings.four_eyes", False
    )
    for transition in ("submit", "approve", "publish"):
        api.content.transition(obj=plan, transition=transition)
    api.content.create(
        container=plan, type="Activity", id="nhap", title="Hoạt động chưa duyệt"
    )
    assert api.content.get_state(obj=plan["nhap"]) == "draft"
    pdf._CACHE.clear()

    def text(data):
        return " ".join(p.extract_text() for p in pdf_pages(data).pages)

    assert "Hoạt động chưa duyệt" in " ".join(text(export(plan)).split())
    logout()
    shown = " ".join(text(export(plan)).split())
    assert "Số: 63/KH-KHCN" in shown
    assert "Hoạt động chưa duyệt" not in shown


def test_pdf_numbers_pages_from_page_two_and_keeps_decree_30_margins():
    purpose = "\n".join(
        f"- Mục đích thứ {i}: nâng cao nhận thức về quyền trẻ em, phòng, chống "
        "xâm hại, bạo lực trẻ em trong cơ quan, đơn vị."
        for i in range(1, 61)
    )
    reader = pdf_pages(write_pdf(document_of(plain_plan(purpose=purpose))))
    assert len(reader.pages) >= 2
    mm = 72 / 25.4

    def texts(page):
        found = []

        def visit(text, cm, tm, font_dict, font_size):
            if text.strip():
                found.append(
                    (cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3], text.strip())
                )

        page.extract_text(visitor_text=visit)
        return found

    height = float(reader.pages[0].mediabox.height)
    top_first = [t for _x, y, t in texts(reader.pages[0]) if y > height - 20 * mm]
    top_second = [t for _x, y, t in texts(reader.pages[1]) if y > height - 20 * mm]
    assert top_first == []
    assert top_second == ["2"]
    body = [x for x, y, _t in texts(reader.pages[1]) if y <= height - 20 * mm]
    assert 29 <= min(body) / mm <= 36
