"""HTML pages (.html, .htm, a fetched page): the main content without the page's
furniture, the header's layout table read like Word's, bounds on size and count."""

from collective.thdtre.importer.parse import parse_document
from collective.thdtre.importer.parse import ParseError
from collective.thdtre.importer.readers import html as html_reader
from collective.thdtre.importer.readers import read_text
from importer_docs import fixture_text
from importer_docs import to_cp1258
from local_server import news_page
from local_server import plan_page

import pytest


SEED_003 = "003_c6cfd6b9ad409e01.txt"


def test_a_plan_page_parses_like_the_document():
    result = parse_document("ke-hoach.html", plan_page(fixture_text(SEED_003)))
    plan = result["plan"]
    assert result["kind"] == "plan"
    assert (plan["number"], plan["symbol"]) == (63, "KH-KHCN")
    assert plan["issue_date"] == "2024-04-17"
    assert plan["issuing_body"] == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert plan["parent_body"] == "UBND TỈNH BẮC GIANG"
    assert plan["signer_name"] == "Triệu Ngọc Trung"
    assert len(result["slogans"]) == 12
    assert len(result["activities"]) == 4


def test_menus_banners_and_footers_are_left_out():
    text = read_text("page.htm", plan_page(fixture_text(SEED_003)))
    for furniture in ("Trang chủ", "Thứ Hai, 17/06/2024", "Bản quyền", "Tin khác"):
        assert furniture not in text
    lines = text.split("\n\n")
    # The layout table's cells come one after the other, left cell first.
    assert lines[:3] == [
        "UBND TỈNH BẮC GIANG",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "Số: 63/KH-KHCN",
    ]


def test_a_news_page_keeps_its_headline_and_names_its_plan():
    result = parse_document("tin.html", news_page())
    assert result["kind"] == "news"
    assert result["title"].startswith("Kế hoạch tổ chức Tháng hành động vì trẻ em")
    assert result["plan_number"] == "777/KH-UBND"
    assert "Lịch tiếp công dân" not in result["text"]


def test_activity_tables_stay_tables():
    page = """<html><body><article><p>KẾ HOẠCH</p>
<table><tr><th>TT</th><th>Nội dung</th><th>Đơn vị chủ trì</th></tr>
<tr><td>1</td><td>Tuyên truyền về quyền trẻ em</td><td>Văn phòng Sở</td></tr></table>
</article></body></html>"""
    text = read_text("bang.html", page.encode())
    assert "| 1 | Tuyên truyền về quyền trẻ em | Văn phòng Sở |" in text


@pytest.mark.parametrize(
    "charset,data",
    [
        ("utf-8", "Kế hoạch số 63/KH-KHCN".encode()),
        ("windows-1258", to_cp1258("Kế hoạch số 63/KH-KHCN")),
    ],
)
def test_the_declared_charset_is_used(charset, data):
    page = f'<html><head><meta charset="{charset}"></head><body><p>'.encode()
    text = read_text("a.html", page + data + b"</p></body></html>")
    assert "Kế hoạch số 63/KH-KHCN" in text


def test_an_xhtml_page_with_an_xml_declaration_is_read():
    page = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Kế hoạch</p></body>'
    assert read_text("a.xhtml", (page + "</html>").encode()) == "Kế hoạch"


def test_an_empty_page_says_so():
    with pytest.raises(ParseError) as info:
        read_text("a.html", b"<html><body><nav></nav></body></html>")
    assert info.value.code == "empty"


def test_a_page_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(html_reader, "MAX_BYTES", 1024)
    page = b"<html><body>" + b"<p>tr\xe1\xba\xbb em</p>" * 200 + b"</body></html>"
    with pytest.raises(ParseError) as info:
        html_reader.read_html(page, max_bytes=1024)
    assert info.value.code == "too_large"


def test_a_page_with_too_many_elements_is_refused(monkeypatch):
    monkeypatch.setattr(html_reader, "MAX_ELEMENTS", 500)
    page = b"<html><body>" + b"<span>x</span>" * 1000 + b"</body></html>"
    with pytest.raises(ParseError) as info:
        read_text("a.html", page)
    assert info.value.code == "too_large"


def test_a_headline_outside_the_article_comes_first():
    page = """<html><head><title>Kế hoạch hành động vì trẻ em năm 2025</title></head>
<body><nav><a href="/">Trang chủ</a></nav><div class="content">
<p>Kế hoạch số 55/KH-UBND ngày 03/4/2025 của UBND huyện đã được ban hành với nhiều
hoạt động thiết thực cho trẻ em trên địa bàn, trong đó có tặng quà và khám sức khỏe
cho trẻ em có hoàn cảnh khó khăn.</p>
<p>Các xã, thị trấn tổ chức lễ phát động trước ngày 01/6/2025 và báo cáo kết quả về
Phòng Văn hóa - Xã hội trước ngày 10/7/2025.</p></div></body></html>"""
    text = read_text("tin.html", page.encode())
    assert text.split("\n\n")[0] == "Kế hoạch hành động vì trẻ em năm 2025"
