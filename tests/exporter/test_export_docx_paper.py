"""The .docx is ready to sign: rules under the issuing body and the motto, page
numbers from page 2, the appendix line, room for signature and seal, and the
document's properties from the plan."""

from collective.thdtre.exporter.docx import build_docx
from datetime import date
from docx import Document
from io import BytesIO
from types import SimpleNamespace


def plan(**extra):
    fields = dict.fromkeys(
        "parent_body scope legal_basis purpose requirements text budget "
        "implementation report_deadline report_recipient document_text".split()
    )
    fields.update(
        title="Tổ chức Tháng hành động vì trẻ em năm 2024",
        number=63,
        symbol="KH-KHCN",
        issuing_body="Sở Khoa học và Công nghệ",
        issue_place="Bắc Giang",
        issue_date=date(2024, 4, 17),
        year=2024,
        theme="Hành động thiết thực, ưu tiên nguồn lực cho trẻ em",
        period_start=date(2024, 6, 1),
        period_end=date(2024, 6, 30),
        signing_authority="KT. GIÁM ĐỐC",
        signer_title="PHÓ GIÁM ĐỐC",
        signer_name="Triệu Ngọc Trung",
        recipients=["Lãnh đạo Sở", "Lưu: VT, VP"],
    )
    fields.update(extra)
    return SimpleNamespace(**fields)


def word(**extra):
    slogan = SimpleNamespace(title="Toàn dân chăm sóc, giáo dục và bảo vệ trẻ em.")
    return Document(BytesIO(build_docx(plan(**extra), slogans=[slogan])))


def borders(cell):
    return [
        p
        for p in cell.paragraphs
        if p._p.pPr is not None
        and p._p.pPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr"
        )
        is not None
    ]


def test_short_rules_under_the_issuing_body_and_the_motto():
    left, right = word().tables[0].rows[0].cells
    assert len(borders(left)) == 1 and len(borders(right)) == 1


def test_page_numbers_start_on_page_two():
    section = word().sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_appendix_names_the_plan_it_goes_with():
    texts = [p.text for p in word().paragraphs]
    assert "PHỤ LỤC" in texts
    assert any(
        t.startswith("(Kèm theo Kế hoạch số 63/KH-KHCN ngày 17/4/2024") for t in texts
    )
    assert "1. Toàn dân chăm sóc, giáo dục và bảo vệ trẻ em." in texts


def test_room_for_signature_and_seal_between_title_and_name():
    signature = [p.text for p in word().tables[-1].rows[0].cells[1].paragraphs]
    title, name = signature.index("PHÓ GIÁM ĐỐC"), signature.index("Triệu Ngọc Trung")
    assert name - title >= 4 and not any(signature[title + 1 : name])


def test_recipients_keep_their_punctuation():
    recipients = [
        p.text for p in word().tables[-1].rows[0].cells[0].paragraphs if p.text
    ]
    assert recipients == ["Nơi nhận:", "- Lãnh đạo Sở;", "- Lưu: VT, VP."]


def test_document_properties_come_from_the_plan():
    properties = word().core_properties
    assert properties.title == "Tổ chức Tháng hành động vì trẻ em năm 2024"
    assert properties.author == "Sở Khoa học và Công nghệ"
    assert properties.created.date() == date(2024, 4, 17)
