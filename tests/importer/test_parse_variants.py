"""The variations real plans show (DOMAIN.md): numbering, quotes, dates, units,
appendix slogans, activity tables, drafts, Word lists, either order of the
signature and the recipients."""

from collective.thdtre.importer.parse import parse_document
from collective.thdtre.importer.parse import parse_plan
from collective.thdtre.importer.parse import to_date
from datetime import date
from importer_docs import fixture_bytes
from importer_docs import fixture_text

import io
import pytest


def plan_of(name: str) -> dict:
    return parse_document(name, fixture_bytes(name))


def test_numbering_units_and_draft():
    result = plan_of("plan_numbering_units.txt")
    plan = result["plan"]
    assert plan["number"] is None  # "Số: /KH- STP"
    assert plan["symbol"] == "KH-STP"  # stray space removed
    assert plan["issue_place"] == "Hà Nội"
    assert plan["issue_date"] is None  # "ngày     tháng 5 năm 2025"
    assert plan["parent_body"] == "UBND THÀNH PHỐ HÀ NỘI"
    assert plan["issuing_body"] == "SỞ TƯ PHÁP"  # "DỰ THẢO" is not a body
    assert plan["title"] == "Tổ chức Tháng hành động vì trẻ em năm 2025"
    assert plan["legal_basis"].split("\n") == [
        "Căn cứ Luật Trẻ em năm 2016;",
        "Căn cứ Kế hoạch số 150/KH-UBND ngày 02 tháng 4 năm 2025 của Ủy ban nhân "
        "dân Thành phố về tổ chức Tháng hành động vì trẻ em năm 2025;",
        "Sở Tư pháp ban hành Kế hoạch thực hiện như sau:",
    ]
    assert result["implements"] == ["150/KH-UBND"]
    assert result["legal_refs"][0]["date"] == "2025-04-02"
    # 1.1./1.2. with a) and + under them
    assert plan["purpose"] == (
        "a) Nâng cao nhận thức của công chức, viên chức về quyền trẻ em.\n"
        "b) Huy động nguồn lực chăm lo cho con em người lao động."
    )
    assert (
        plan["requirements"] == "+ Thiết thực, hiệu quả.\n+ Tiết kiệm, tránh hình thức."
    )
    # straight quotes, long dates, "Label: value" items
    assert plan["theme"] == "Ưu tiên nguồn lực hoàn thành các mục tiêu vì trẻ em"
    assert (plan["period_start"], plan["period_end"]) == ("2025-06-01", "2025-06-30")
    assert plan["year"] == 2025
    assert plan["scope"] == "Các phòng, đơn vị thuộc Sở"
    assert result["slogans"] == [
        "Trẻ em hôm nay, thế giới ngày mai",
        "Gọi 111 khi trẻ em cần giúp đỡ",
    ]
    first, second, third = result["activities"]
    assert first == {
        "title": "Lễ phát động Tháng hành động vì trẻ em",
        "description": None,
        "lead_unit": "Văn phòng Sở",
        "coordinating_units": [
            "Công đoàn Sở",
            "Chi đoàn thanh niên",
            "Phòng Phổ biến, giáo dục pháp luật",
        ],
        "start": "2025-06-01",
        "end": "2025-06-01",
    }
    # units written inline after the item's sentence; a month as its time
    assert second["title"] == (
        "Tuyên truyền pháp luật về trẻ em trên Cổng thông tin điện tử của Sở"
    )
    assert second["lead_unit"] == "Phòng Phổ biến, giáo dục pháp luật"
    assert second["coordinating_units"] == [
        "Trung tâm Trợ giúp pháp lý",
        "Văn phòng Sở",
    ]
    assert (second["start"], second["end"]) == ("2025-06-01", "2025-06-30")
    # "trước ngày 15/6": a deadline without a year takes the plan's
    assert (third["start"], third["end"]) == (None, "2025-06-15")
    assert third["description"] == "- Nội dung: mỗi suất quà trị giá 500.000 đồng."
    assert plan["budget"] == (
        "<p>Kinh phí từ nguồn ngân sách chi thường xuyên năm 2025 của Sở.</p>"
    )
    assert plan["report_recipient"] == "Sở Lao động - Thương binh và Xã hội"
    assert plan["report_deadline"] == "2025-07-10"
    # the signature before the recipients
    assert plan["signing_authority"] == "KT. GIÁM ĐỐC"
    assert plan["signer_title"] == "PHÓ GIÁM ĐỐC"
    assert plan["signer_name"] == "Nguyễn Thị Minh Anh"
    assert plan["recipients"] == [
        "UBND Thành phố (để b/c)",
        "Giám đốc Sở",
        "Lưu: VT, VP.",
    ]


def test_markdown_table_and_appendix():
    result = plan_of("plan_table_appendix.md")
    plan = result["plan"]
    assert (plan["number"], plan["symbol"]) == (45, "KH-UBND")
    assert plan["issuing_body"] == "ỦY BAN NHÂN DÂN HUYỆN TÂN YÊN"
    assert plan["parent_body"] is None
    assert (plan["issue_place"], plan["issue_date"]) == ("Tân Yên", "2024-04-05")
    assert plan["title"] == (
        "Tổ chức Tháng hành động vì trẻ em năm 2024 trên địa bàn huyện"
    )
    assert (
        plan["purpose"]
        == "Bảo đảm mọi trẻ em trên địa bàn huyện được bảo vệ, chăm sóc."
    )
    assert plan["requirements"] == "Thiết thực, hiệu quả, an toàn."
    assert plan["theme"] == "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em"
    # "Từ 01/6 đến 30/6/2024": the start takes the end's year
    assert (plan["period_start"], plan["period_end"]) == ("2024-06-01", "2024-06-30")
    assert result["activities"] == [
        {
            "title": "Lễ phát động Tháng hành động vì trẻ em",
            "description": None,  # the title says it all
            "lead_unit": "Phòng Lao động - Thương binh và Xã hội",
            "coordinating_units": ["Huyện đoàn", "Hội Liên hiệp Phụ nữ huyện"],
            "start": "2024-06-01",
            "end": "2024-06-01",
        },
        {
            "title": "Khám sàng lọc cho trẻ em khuyết tật",
            "description": None,
            "lead_unit": "Trung tâm Y tế huyện",
            "coordinating_units": ["UBND các xã, thị trấn"],
            "start": "2024-06-05",
            "end": "2024-06-10",
        },
    ]
    assert plan["report_recipient"] == "Phòng Lao động - Thương binh và Xã hội"
    assert plan["report_deadline"] == "2024-07-05"
    assert plan["signing_authority"] == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"
    assert plan["signer_title"] == "PHÓ CHỦ TỊCH"
    assert plan["signer_name"] == "Lê Văn An"
    assert plan["recipients"] == ["UBND tỉnh (b/c)", "Lưu: VT."]
    # numbered appendix slogans, curly and straight quotes taken off
    assert result["slogans"] == [
        "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em",
        "Trẻ em hôm nay - Thế giới ngày mai",
        "Bảo vệ trẻ em là trách nhiệm của toàn xã hội",
    ]
    assert result["implements"] == ["26/KH-UBND"]
    assert [r["number"] for r in result["legal_refs"]] == ["26/KH-UBND", "12/LĐTBXH-TE"]


PLAN = """Số: 12/KH-UBND
Lạng Sơn, ngày 02 tháng 01 năm 2025
KẾ HOẠCH
Tổ chức Tháng hành động vì trẻ em năm 2025
Thực hiện Kế hoạch số 5/KH-UBND ngày 01/01/2025 của UBND tỉnh.
{body}
Trên đây là Kế hoạch./.
Nơi nhận:
- Như trên;
- Lưu: VT.
CHỦ TỊCH
Hoàng Văn Bình
"""


def test_units_given_once_for_the_whole_list():
    body = """I. NỘI DUNG
Đơn vị chủ trì: Văn phòng; Đơn vị phối hợp: Công đoàn cơ quan.
1. Tặng quà cho con cán bộ.
2. Khen thưởng học sinh giỏi.
- Đơn vị chủ trì: Công đoàn cơ quan."""
    acts = parse_plan(PLAN.format(body=body))["activities"]
    assert [(a["title"], a["lead_unit"], a["coordinating_units"]) for a in acts] == [
        ("Tặng quà cho con cán bộ", "Văn phòng", ["Công đoàn cơ quan"]),
        ("Khen thưởng học sinh giỏi", "Công đoàn cơ quan", ["Công đoàn cơ quan"]),
    ]


def test_an_item_named_noi_dung_is_an_activity_not_a_group():
    body = """I. NỘI DUNG HOẠT ĐỘNG
1. Nội dung tuyên truyền:
- Treo băng rôn, khẩu hiệu.
- Phát tờ rơi.
2. Thăm hỏi, tặng quà trẻ em."""
    acts = parse_plan(PLAN.format(body=body))["activities"]
    assert [a["title"] for a in acts] == [
        "Nội dung tuyên truyền",
        "Thăm hỏi, tặng quà trẻ em",
    ]
    assert acts[0]["description"] == "- Treo băng rôn, khẩu hiệu.\n- Phát tờ rơi."


def test_page_break_joins_a_split_sentence_but_not_a_new_item():
    body = """I. NỘI DUNG
1. Tổ chức tuyên truyền về bảo vệ,

chăm sóc trẻ em trên địa bàn

2. Khám sức khỏe cho trẻ em."""
    acts = parse_plan(PLAN.format(body=body))["activities"]
    assert [a["description"] for a in acts] == [
        "Tổ chức tuyên truyền về bảo vệ, chăm sóc trẻ em trên địa bàn",
        "Khám sức khỏe cho trẻ em.",
    ]


def test_bold_italic_markers_and_headings_without_numerals():
    body = """**MỤC ĐÍCH, YÊU CẦU**
*Nâng cao nhận thức về quyền trẻ em.*
**CHỦ ĐỀ**
Chủ đề năm 2025: ***"Ưu tiên nguồn lực hoàn thành các mục tiêu vì trẻ em"***.
**THỜI GIAN**
Từ ngày 01/6/2025 đến hết ngày 30/6/2025.
**KHẨU HIỆU**
* Trẻ em hôm nay, thế giới ngày mai.
* Vì lợi ích mười năm trồng cây, vì lợi ích trăm năm trồng người."""
    result = parse_plan(PLAN.format(body=body))
    plan = result["plan"]
    assert plan["issue_date"] == "2025-01-02"
    assert plan["purpose"] == "Nâng cao nhận thức về quyền trẻ em."
    assert plan["theme"] == "Ưu tiên nguồn lực hoàn thành các mục tiêu vì trẻ em"
    assert (plan["period_start"], plan["period_end"]) == ("2025-06-01", "2025-06-30")
    assert result["slogans"] == [
        "Trẻ em hôm nay, thế giới ngày mai.",
        "Vì lợi ích mười năm trồng cây, vì lợi ích trăm năm trồng người.",
    ]
    assert plan["signing_authority"] is None
    assert (plan["signer_title"], plan["signer_name"]) == ("CHỦ TỊCH", "Hoàng Văn Bình")
    assert plan["recipients"] == ["Như trên", "Lưu: VT."]


def test_sections_in_another_order_and_other_sections_kept_as_text():
    body = """I. TỔ CHỨC THỰC HIỆN
Các đơn vị báo cáo kết quả về Văn phòng UBND tỉnh trước ngày 20 tháng 7 năm 2025.
II. MỘT SỐ KẾT QUẢ NĂM 2024
Năm 2024 đã vận động được 2 tỷ đồng cho Quỹ bảo trợ trẻ em.
III. NỘI DUNG
1. Tổ chức diễn đàn trẻ em."""
    plan = parse_plan(PLAN.format(body=body))
    assert plan["plan"]["report_recipient"] == "Văn phòng UBND tỉnh"
    assert plan["plan"]["report_deadline"] == "2025-07-20"
    assert plan["plan"]["text"] == (
        "<h3>II. MỘT SỐ KẾT QUẢ NĂM 2024</h3>"
        "<p>Năm 2024 đã vận động được 2 tỷ đồng cho Quỹ bảo trợ trẻ em.</p>"
    )
    assert [a["title"] for a in plan["activities"]] == ["Tổ chức diễn đàn trẻ em"]


def test_missing_fields_are_none_and_warned():
    result = parse_plan("KẾ HOẠCH\nTổ chức Tháng hành động vì trẻ em năm 2025\n")
    plan = result["plan"]
    assert plan["title"] == "Tổ chức Tháng hành động vì trẻ em năm 2025"
    assert plan["year"] == 2025  # from the summary
    assert plan["number"] is None and plan["symbol"] is None
    assert plan["recipients"] == []
    assert result["activities"] == [] and result["slogans"] == []
    assert {"code": "not_found", "field": "symbol"} in result["warnings"]
    assert {"code": "no_activities"} in result["warnings"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("01/6/2024", date(2024, 6, 1)),
        ("ngày 01 tháng 6 năm 2024", date(2024, 6, 1)),
        ("ngày 11/4/2024", date(2024, 4, 11)),
        ("27/02/2020", date(2020, 2, 27)),
        ("15/6", None),
        ("31/2/2024", None),
    ],
)
def test_dates(text, expected):
    assert to_date(text) == expected


def test_docx_word_lists_are_numbered():
    import docx

    document = docx.Document()
    for text in (
        "Số: 7/KH-SYT",
        "Bắc Giang, ngày 20 tháng 4 năm 2024",
        "KẾ HOẠCH",
        "Tổ chức Tháng hành động vì trẻ em năm 2024",
        "I. NỘI DUNG",
    ):
        document.add_paragraph(text)
    document.add_paragraph("Khám sàng lọc tim bẩm sinh", style="List Number")
    document.add_paragraph("Đơn vị chủ trì: Bệnh viện Sản Nhi", style="List Bullet")
    document.add_paragraph("Truyền thông dinh dưỡng", style="List Number")
    document.add_paragraph("II. KHẨU HIỆU")
    document.add_paragraph("Trẻ em hôm nay, thế giới ngày mai.", style="List Bullet")
    stream = io.BytesIO()
    document.save(stream)
    result = parse_document("kh.docx", stream.getvalue())
    assert [(a["title"], a["lead_unit"]) for a in result["activities"]] == [
        ("Khám sàng lọc tim bẩm sinh", "Bệnh viện Sản Nhi"),
        ("Truyền thông dinh dưỡng", None),
    ]
    assert result["slogans"] == ["Trẻ em hôm nay, thế giới ngày mai."]


def test_docx_activity_table():
    import docx

    document = docx.Document()
    for text in (
        "Số: 8/KH-SYT",
        "KẾ HOẠCH",
        "Tháng hành động năm 2024",
        "II. NỘI DUNG",
    ):
        document.add_paragraph(text)
    rows = [
        ("TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"),
        (
            "1",
            "Lễ phát động",
            "Sở Y tế",
            "Sở Giáo dục và Đào tạo; Tỉnh đoàn",
            "01/6/2024",
        ),
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    stream = io.BytesIO()
    document.save(stream)
    result = parse_document("kh.docx", stream.getvalue())
    assert result["activities"] == [
        {
            "title": "Lễ phát động",
            "description": None,
            "lead_unit": "Sở Y tế",
            "coordinating_units": ["Sở Giáo dục và Đào tạo", "Tỉnh đoàn"],
            "start": "2024-06-01",
            "end": "2024-06-01",
        }
    ]


def test_plan_without_heading_still_parses():
    text = fixture_text("003_c6cfd6b9ad409e01.txt").replace("KẾ HOẠCH\n", "")
    plan = parse_plan(text)["plan"]
    assert plan["title"] == "Tổ chức Tháng hành động vì trẻ em năm 2024"
    assert plan["number"] == 63


def test_header_columns_side_by_side_as_pdf_text_gives_them():
    text = """UBND TỈNH BẮC GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ KHOA HỌC VÀ CÔNG NGHỆ Độc lập - Tự do - Hạnh phúc
Số: 63/KH-KHCN Bắc Giang, ngày 17 tháng 4 năm 2024
KẾ HOẠCH
Tổ chức Tháng hành động vì trẻ em năm 2024
Thực hiện Kế hoạch số 26/KH-UBND ngày 11/4/2024 của UBND tỉnh.
I. TỔ CHỨC THỰC HIỆN
Các phòng gửi báo cáo về Văn phòng Sở. Thời hạn báo cáo trước ngày 15/7/2024.
Trên đây là Kế hoạch./.
Nơi nhận: - Như trên;
- Lưu: VT.
KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC
(Đã ký)
Triệu Ngọc Trung
"""
    plan = parse_plan(text)["plan"]
    assert plan["parent_body"] == "UBND TỈNH BẮC GIANG"
    assert plan["issuing_body"] == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert (plan["number"], plan["symbol"]) == (63, "KH-KHCN")
    assert (plan["issue_place"], plan["issue_date"]) == ("Bắc Giang", "2024-04-17")
    # recipient and deadline in two sentences about the report
    assert plan["report_recipient"] == "Văn phòng Sở"
    assert plan["report_deadline"] == "2024-07-15"
    assert plan["recipients"] == ["Như trên", "Lưu: VT."]
    assert plan["signing_authority"] == "KT. GIÁM ĐỐC"
    assert plan["signer_title"] == "PHÓ GIÁM ĐỐC"
    assert plan["signer_name"] == "Triệu Ngọc Trung"
