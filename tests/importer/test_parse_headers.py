"""Documents copied from legal-text sites and PDFs: headers in any shape and
order, numbering variants, signature blocks flattened, slogans where they stand."""

from collective.thdtre.importer.parse import parse_document
from collective.thdtre.importer.parse import parse_plan

import pytest


BODY = """KẾ HOẠCH
Thực hiện Tháng hành động vì trẻ em năm 2019
Căn cứ hướng dẫn của Bộ Lao động - Thương binh và Xã hội.
I. NỘI DUNG
1. Lễ phát động tại trung tâm huyện.
2. Thăm hỏi trẻ em khó khăn.
"""


def test_header_flattened_into_table_cells_with_pipes():
    plan = parse_plan(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "TỈNH SÓC TRĂNG | Độc lập - Tự do - Hạnh phúc |\n"
        "Số: 45/KH-UBND | Sóc Trăng, ngày 9 tháng 5 năm 2019 |\n" + BODY
    )["plan"]
    assert plan["issuing_body"] == "ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG"
    assert plan["parent_body"] is None
    assert (plan["number"], plan["symbol"]) == (45, "KH-UBND")
    assert (plan["issue_place"], plan["issue_date"]) == ("Sóc Trăng", "2019-05-09")


def test_words_of_the_header_broken_over_lines():
    plan = parse_plan(
        "ỦY\nBAN NHÂN DÂN\nTỈNH\nSÓC TRĂNG\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "|\nSố: 45/KH-UBND\n|\nSóc Trăng, ngày 09 tháng 05 năm 2019\n|\n" + BODY
    )["plan"]
    assert plan["issuing_body"] == "ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG"
    assert plan["issue_date"] == "2019-05-09"


def test_header_printed_after_the_title_as_a_pdf_orders_it():
    plan = parse_plan(
        "KẾ HOẠCH\nTriển khai Tháng hành động vì trẻ em năm 2019\ntại huyện Ea Súp\n"
        "ỦY BAN NHÂN DÂN\nHUYỆN EA SÚP\nSố: 31/KH-UBND\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nEa Súp, ngày 3 tháng 5 năm 2019\n"
        "I. NỘI DUNG\n1. Lễ phát động.\n"
    )["plan"]
    assert (
        plan["title"]
        == "Triển khai Tháng hành động vì trẻ em năm 2019 tại huyện Ea Súp"
    )
    assert plan["issuing_body"] == "ỦY BAN NHÂN DÂN HUYỆN EA SÚP"
    assert plan["number"] == 31
    assert plan["issue_place"] == "Ea Súp"


@pytest.mark.parametrize(
    "line,written,number,symbol",
    [
        ("Số: 173-KH/UBND", "173-KH/UBND", 173, "KH/UBND"),
        ("Số: 15/KHPH-HLHPN", "15/KHPH-HLHPN", 15, "KHPH-HLHPN"),
        ("Số: 08/KH-BCĐ", "08/KH-BCĐ", 8, "KH-BCĐ"),
        ("Số:      /KH-SYT", "/KH-SYT", None, "KH-SYT"),
        ("Số: 21/KH- SGDĐT", "21/KH-SGDĐT", 21, "KH-SGDĐT"),
        ("Số: 9 /KH-UBND", "9/KH-UBND", 9, "KH-UBND"),
    ],
)
def test_numbering_variants(line, written, number, symbol):
    plan = parse_plan(f"UBND HUYỆN KỲ SƠN\n{line}\n{BODY}")["plan"]
    assert plan["document_number"] == written
    assert (plan["number"], plan["symbol"]) == (number, symbol)


def test_a_dateline_in_figures():
    plan = parse_plan("BAN DÂN TỘC\nSố: 12/KH-BDT\nLào Cai, 12/5/2019\n" + BODY)["plan"]
    assert (plan["issue_place"], plan["issue_date"]) == ("Lào Cai", "2019-05-12")


def test_a_document_inside_a_page_keeps_the_page_out():
    result = parse_document(
        "trang.txt",
        (
            "https://truong.example.edu.vn/van-ban/ke-hoach-12\n"
            "Trang nhất » Văn bản\n"
            "Ngày ban hành 10/05/2019\n"
            "Người ký Phan Thị Lan\n"
            "THÔNG BÁO MỚI\n"
            "PHÒNG GD&ĐT HUYỆN ĐỨC THỌ\nTRƯỜNG TIỂU HỌC ĐỨC LẠC\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/KH-THĐL\n"
            "Đức Thọ, ngày 10 tháng 5 năm 2019\n" + BODY
        ).encode(),
    )
    plan = result["plan"]
    assert plan["parent_body"] == "PHÒNG GD&ĐT HUYỆN ĐỨC THỌ"  # not the page's caps
    assert plan["issuing_body"] == "TRƯỜNG TIỂU HỌC ĐỨC LẠC"
    assert plan["signer_name"] == "Phan Thị Lan"  # from the site's metadata block
    assert result["sources"]["signer_name"] == "Người ký Phan Thị Lan"


def test_the_pages_related_links_after_the_signature_are_not_read():
    result = parse_document(
        "trang.txt",
        (
            "Lượt xem: 120\nUBND HUYỆN MÈO VẠC\nSố: 12/KH-UBND\n"
            + BODY
            + "CHỦ TỊCH\nNguyễn Thị Hạnh\nTin khác\nHội nghị giao ban (12/5/2019)\n"
        ).encode(),
    )
    assert result["plan"]["signer_name"] == "Nguyễn Thị Hạnh"


def test_the_youth_unions_motto_is_not_a_body_and_a_plan_type_is_not_the_title():
    plan = parse_plan(
        "HUYỆN ĐOÀN CAN LỘC\n***\nĐOÀN TNCS HỒ CHÍ MINH\nSố: 05/KHPH-HĐ\n"
        "Can Lộc, ngày 2 tháng 5 năm 2022\nKẾ HOẠCH LIÊN TỊCH\n"
        "Tổ chức hè và Tháng hành động vì trẻ em năm 2022\nI. NỘI DUNG\n1. Ra quân.\n"
    )["plan"]
    assert plan["issuing_body"] == "HUYỆN ĐOÀN CAN LỘC"
    assert plan["title"] == "Tổ chức hè và Tháng hành động vì trẻ em năm 2022"


def test_a_templates_blanks_are_not_bodies_places_or_dates():
    plan = parse_plan(
        "UBND HUYỆN ...........\nTRƯỜNG ...........\nSố: ....../KH-TH\n"
        "..........., ngày ....tháng ....năm 2020\n" + BODY
    )["plan"]
    assert plan["issuing_body"] is None
    assert plan["issue_place"] is None and plan["issue_date"] is None


def test_signature_flattened_into_one_cell_and_a_degree_before_the_name():
    flat = parse_plan(
        BODY + "Nơi nhận: - Như trên; - Lưu: VT. | TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH "
        "PHÓ CHỦ TỊCH Trần Văn Nam |\n"
    )["plan"]
    assert flat["signing_authority"] == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"
    assert flat["signer_title"] == "PHÓ CHỦ TỊCH"
    assert flat["signer_name"] == "Trần Văn Nam"
    assert flat["recipients"] == ["Như trên", "Lưu: VT."]
    doctor = parse_plan(BODY + "GIÁM ĐỐC\n\nBSCKI. Lò Thị Mai\n")["plan"]
    assert doctor["signer_name"] == "Lò Thị Mai"


@pytest.mark.parametrize("name", ["Y Bhin Niê", "K' Sơn", "Nguyễn Văn An"])
def test_names_with_one_letter_words(name):
    plan = parse_plan(BODY + f"CHỦ TỊCH\n{name}\n")["plan"]
    assert plan["signer_name"] == name


def test_slogans_listed_inside_an_activity_keep_the_activity():
    result = parse_plan(
        "Số: 14/KH-SCT\nKẾ HOẠCH\nHưởng ứng Tháng hành động vì trẻ em năm 2022\n"
        "I. NỘI DUNG\n"
        "1. Tuyên truyền: treo băng rôn với các khẩu hiệu có nội dung cụ thể:\n"
        "- Trẻ em hôm nay, thế giới ngày mai;\n"
        "- Hãy gọi 111 để bảo vệ trẻ em.\n"
        "2. Tặng quà con của người lao động.\n"
    )
    assert result["slogans"] == [
        "Trẻ em hôm nay, thế giới ngày mai",
        "Hãy gọi 111 để bảo vệ trẻ em.",
    ]
    assert len(result["activities"]) == 2


def test_slogans_come_from_the_most_specific_heading():
    result = parse_plan(
        "Số: 3/KH-SVH\nKẾ HOẠCH\nHưởng ứng Tháng hành động vì trẻ em năm 2023\n"
        "I. CHỦ ĐỀ, THỜI GIAN, KHẨU HIỆU\n"
        "1.1. Chủ đề: “Chung tay giảm thiểu tổn hại trẻ em”.\n"
        "1.2. Khẩu hiệu:\n+ Sân chơi an toàn cho trẻ;\n+ Đọc sách mỗi ngày.\n"
    )
    assert result["slogans"] == ["Sân chơi an toàn cho trẻ", "Đọc sách mỗi ngày."]
    assert result["plan"]["theme"] == "Chung tay giảm thiểu tổn hại trẻ em"


def test_theme_and_period_only_in_the_legal_basis():
    plan = parse_plan(
        "Số: 41/KH-UBND\nKẾ HOẠCH\nTriển khai Tháng hành động vì trẻ em năm 2017\n"
        "Căn cứ hướng dẫn của Bộ, Tháng hành động năm 2017 diễn ra từ 01/6/2017 - "
        "30/6/2017 với chủ đề “Triển khai Luật trẻ em”.\nI. MỤC ĐÍCH\n1. Nâng cao.\n"
    )["plan"]
    assert plan["theme"] == "Triển khai Luật trẻ em"
    assert (plan["period_start"], plan["period_end"]) == ("2017-06-01", "2017-06-30")


def test_a_results_report_and_a_guidance_letter_are_told_apart_from_plans():
    report = parse_document(
        "bc.txt",
        (
            "UBND XÃ AN PHÚ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 40/BC-UBND\n"
            "An Phú, ngày 20 tháng 7 năm 2021\nBÁO CÁO\n"
            "Kết quả Tháng hành động vì trẻ em năm 2021\nI. KẾT QUẢ\n1. Tặng quà.\n"
        ).encode(),
    )
    assert report["kind"] == "report"
    assert report["plan"]["document_number"] == "40/BC-UBND"
    letter = parse_document(
        "cv.txt",
        (
            "SỞ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 220/SYT-NVY\n"
            "V/v tổ chức Tháng hành động vì trẻ em năm 2024\n"
            "Bến Tre, ngày 6 tháng 5 năm 2024\nKính gửi:\n- Các bệnh viện;\n"
            "- Các trung tâm y tế.\n1. Khẩu hiệu:\n- Trẻ em khỏe, gia đình vui.\n"
        ).encode(),
    )
    assert letter["kind"] == "letter"
    assert letter["plan"]["title"] == "tổ chức Tháng hành động vì trẻ em năm 2024"
    assert letter["plan"]["issue_date"] == "2024-05-06"
    assert letter["slogans"] == ["Trẻ em khỏe, gia đình vui."]


def test_every_value_names_the_line_it_came_from():
    result = parse_plan("UBND TỈNH AN GIANG\nSỞ Y TẾ\nSố: 7/KH-SYT\n" + BODY)
    sources = result["sources"]
    assert sources["issuing_body"] == "SỞ Y TẾ"
    assert sources["parent_body"] == "UBND TỈNH AN GIANG"
    assert sources["number"] == sources["symbol"] == "Số: 7/KH-SYT"
    assert sources["title"] == "Thực hiện Tháng hành động vì trẻ em năm 2019"
    assert "theme" not in sources  # nothing stated, nothing claimed
