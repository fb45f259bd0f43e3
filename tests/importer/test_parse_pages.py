"""News pages as portals and newspapers print them: the furniture around the
article is skipped and the plan the article reports on is read from its prose."""

from collective.thdtre.importer.parse import parse_document
from collective.thdtre.importer.parse import ParseError

import pytest


def news(*lines: str) -> dict:
    result = parse_document("trang.txt", "\n".join(lines).encode())
    assert result["kind"] == "news"
    return result


PORTAL = (
    "https://donghai.example.gov.vn/tin-tuc/ke-hoach-thang-hanh-dong-2023",
    "Cổng thông tin điện tử huyện Đông Hải",
    "Thứ Ba, 09/05/2023 08:15",
    "Trang chủ » Tin tức » Xã hội",
    "A A",
    "Đông Hải ban hành kế hoạch Tháng hành động vì trẻ em năm 2023",
    "Lượt xem: 2.045",
    "Chia sẻ: Facebook | Zalo | In bài",
    "",
    "Ngày 3/5/2023, UBND huyện Đông Hải ban hành Kế hoạch số 52/KH-UBND về tổ "
    "chức Tháng hành động vì trẻ em năm 2023.",
    "",
    "Ảnh: Các em nhỏ tham gia buổi học bơi (ảnh tư liệu)",
    "",
    "Năm nay Tháng hành động có chủ đề “Chung tay giảm thiểu tổn hại trẻ em”, "
    "kéo dài từ ngày 01/6/2023 đến hết ngày 30/6/2023.",
    "",
    "Bảo Ngọc",
    "",
    "Tin liên quan",
    "- Đông Hải tổng kết công tác trẻ em năm 2022 (15/01/2023)",
    "Thống kê truy cập",
    "Đang truy cập: 12",
)


def test_portal_furniture_is_neither_title_nor_date_nor_text():
    result = news(*PORTAL)
    assert result["title"] == (
        "Đông Hải ban hành kế hoạch Tháng hành động vì trẻ em năm 2023"
    )
    assert result["view_count"] == 2045
    assert result["byline"] == "Bảo Ngọc"
    assert result["issue_date"] == "2023-05-03"  # the lead's, not the banner's
    for furniture in ("Chia sẻ", "Ảnh:", "Tin liên quan", "Đang truy cập", "A A"):
        assert furniture not in result["text"]


def test_a_news_page_yields_the_plan_it_reports_on():
    plan = news(*PORTAL)["plan"]
    assert plan["document_number"] == "52/KH-UBND"
    assert (plan["number"], plan["symbol"]) == (52, "KH-UBND")
    assert plan["issuing_body"] == "UBND huyện Đông Hải"
    assert plan["issue_date"] == "2023-05-03"
    assert plan["title"] == "Tổ chức Tháng hành động vì trẻ em năm 2023"
    assert plan["theme"] == "Chung tay giảm thiểu tổn hại trẻ em"
    assert (plan["period_start"], plan["period_end"]) == ("2023-06-01", "2023-06-30")
    assert plan["year"] == 2023


def test_every_value_of_the_reported_plan_names_its_line():
    sources = news(*PORTAL)["plan"]["sources"]
    assert sources["document_number"].startswith("Ngày 3/5/2023, UBND huyện")
    assert sources["theme"].startswith("Năm nay Tháng hành động có chủ đề")
    assert sources["period_start"] == sources["theme"]


def test_the_own_plan_is_the_one_issued_not_the_one_implemented():
    plan = news(
        "Phòng Giáo dục hưởng ứng Tháng hành động vì trẻ em",
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 1/4/2022 của UBND huyện, ngày "
        "20/4/2022 Phòng Giáo dục và Đào tạo đã ban hành Kế hoạch số 40/KH-PGDĐT "
        "về hưởng ứng Tháng hành động vì trẻ em năm 2022.",
    )["plan"]
    assert plan["document_number"] == "40/KH-PGDĐT"
    assert plan["issue_date"] == "2022-04-20"
    assert plan["issuing_body"] == "Phòng Giáo dục và Đào tạo"


def test_a_plan_named_without_its_symbol_keeps_its_number():
    plan = news(
        "Huyện Vũ Thư có kế hoạch cho Tháng hành động",
        "UBND huyện Vũ Thư vừa ban hành kế hoạch số 61 về triển khai Tháng hành "
        "động vì trẻ em năm 2018 với chủ đề “Vì cuộc sống an toàn, lành mạnh cho "
        "trẻ em trong thế giới công nghệ số”.",
    )["plan"]
    assert (plan["document_number"], plan["number"]) == ("61", 61)
    assert plan["title"] == "Triển khai Tháng hành động vì trẻ em năm 2018"


def test_the_leader_before_the_body_is_the_signer_not_part_of_its_name():
    result = news(
        "Hải An triển khai Tháng hành động vì trẻ em",
        "Ngày 6/5/2024, Phó Chủ tịch UBND quận Hải An Nguyễn Văn Tùng đã ký ban "
        "hành Kế hoạch số 7/KH-UBND về Tháng hành động vì trẻ em năm 2024.",
    )
    assert result["plan"]["issuing_body"] == "UBND quận Hải An"
    assert result["signer"] == "Nguyễn Văn Tùng"
    assert result["signer_title"] == "Phó Chủ tịch UBND quận Hải An"


def test_the_body_advised_is_not_the_issuer():
    plan = news(
        "Tháng hành động vì trẻ em năm 2022",
        "Sở Lao động - Thương binh và Xã hội vừa tham mưu UBND tỉnh ban hành Kế hoạch "
        "số 100/KH-UBND ngày 5/5/2022 về tổ chức Tháng hành động vì trẻ em năm 2022.",
    )["plan"]
    assert plan["issuing_body"] == "UBND tỉnh"
    assert plan["issue_date"] == "2022-05-05"


def test_a_plan_named_with_its_issuer_after_it():
    plan = news(
        "Tháng hành động vì trẻ em ở Lai Châu",
        "Kế hoạch số 45/KH-UBND ngày 2/4/2021 của UBND tỉnh Lai Châu về tổ chức "
        "Tháng hành động vì trẻ em năm 2021 nêu rõ mục tiêu giữ an toàn cho trẻ em.",
    )["plan"]
    assert plan["issuing_body"] == "UBND tỉnh Lai Châu"
    assert plan["title"] == "Tổ chức Tháng hành động vì trẻ em năm 2021"
    assert plan["issue_date"] == "2021-04-02"


def test_a_signer_named_in_a_sentence_of_its_own():
    plan = news(
        "Kế hoạch Tháng hành động vì trẻ em của huyện",
        "UBND huyện Tiên Lữ ban hành Kế hoạch số 30/KH-UBND về Tháng hành động vì "
        "trẻ em năm 2021. Kế hoạch do Phó Chủ tịch UBND huyện Lê Thị Hoa ký.",
    )["plan"]
    assert plan["signer_name"] == "Lê Thị Hoa"


def test_a_place_in_brackets_and_a_date_before_the_verb():
    plan = news(
        "Xã Tân Lập có kế hoạch Tháng hành động vì trẻ em",
        "UBND xã Tân Lập (huyện Đan Phượng) ngày 12/5/2022 đã ban hành Kế hoạch số "
        "20/KH-UBND thực hiện Tháng hành động vì trẻ em năm 2022.",
    )["plan"]
    assert plan["issuing_body"] == "UBND xã Tân Lập"
    assert plan["issue_date"] == "2022-05-12"


def test_the_body_that_acts_when_no_plan_is_named():
    plan = news(
        "Phát động Tháng hành động vì trẻ em ở xã Yên Lạc",
        "Sáng 2/6, tại nhà văn hóa thôn Đông, UBND xã Yên Lạc đã tổ chức lễ phát "
        "động Tháng hành động vì trẻ em năm 2016. Nhân dịp này Quỹ Bảo trợ trẻ em "
        "huyện trao 30 suất quà.",
    )["plan"]
    assert plan["issuing_body"] == "UBND xã Yên Lạc"
    assert plan["document_number"] is None
    assert plan["year"] == 2016


def test_a_results_report_named_by_an_article():
    plan = news(
        "Kết quả Tháng hành động vì trẻ em ở huyện Na Rì",
        "Ngày 18/7/2021, UBND huyện Na Rì có Báo cáo số 95/BC-UBND về kết quả thực "
        "hiện Tháng hành động vì trẻ em năm 2021.",
    )["plan"]
    assert plan["document_number"] == "95/BC-UBND"
    assert plan["title"] == "Kết quả thực hiện Tháng hành động vì trẻ em năm 2021"


def test_slogans_inline_and_an_item_cut_by_the_end_of_the_page():
    plan = news(
        "Thông điệp Tháng hành động vì trẻ em năm 2022",
        "Các khẩu hiệu năm nay gồm: Trẻ em cần được lắng nghe; Gọi 111 khi trẻ em "
        "gặp nguy hiểm; Mỗi gia đình là một mái ấm an toàn; Không để trẻ em bơi một",
    )["plan"]
    assert plan["slogans"] == [
        "Trẻ em cần được lắng nghe",
        "Gọi 111 khi trẻ em gặp nguy hiểm",
        "Mỗi gia đình là một mái ấm an toàn",
    ]


def test_slogans_in_one_pair_of_quotes_and_numbered_under_a_heading():
    quoted = news(
        "Khẩu hiệu Tháng hành động vì trẻ em",
        "Tỉnh chọn các khẩu hiệu: “Trẻ em là hạnh phúc của gia đình; Bảo vệ trẻ em "
        "là việc của mọi người”.",
    )["plan"]
    assert quoted["slogans"] == [
        "Trẻ em là hạnh phúc của gia đình",
        "Bảo vệ trẻ em là việc của mọi người",
    ]
    numbered = news(
        "Tháng hành động vì trẻ em năm 2019",
        "Thông điệp của Tháng hành động",
        "1. Mọi trẻ em đều được đến trường.",
        "2. Hãy dạy trẻ biết bơi.",
        "",
        "Tin: Hà My",
    )["plan"]
    assert numbered["slogans"] == [
        "Mọi trẻ em đều được đến trường",
        "Hãy dạy trẻ biết bơi",
    ]


def test_activities_in_a_prose_list():
    plan = news(
        "Huyện Lục Yên vào Tháng hành động vì trẻ em năm 2020",
        "Các hoạt động chính gồm: lễ phát động tại thị trấn; dạy bơi cho học sinh; "
        "thăm, tặng quà trẻ em mồ côi.",
    )["plan"]
    assert [a["title"] for a in plan["activities"]] == [
        "lễ phát động tại thị trấn",
        "dạy bơi cho học sinh",
        "thăm, tặng quà trẻ em mồ côi",
    ]


@pytest.mark.parametrize(
    "written,start,end",
    [
        ("diễn ra từ ngày 1 - 30/6/2019", "2019-06-01", "2019-06-30"),
        ("diễn ra từ ngày 01 – 30/6/2019", "2019-06-01", "2019-06-30"),
        ("(1/6/2019 - 30/6/2019)", "2019-06-01", "2019-06-30"),
        ("từ Thứ Bảy ngày 1/6/2019 và kết thúc vào Chủ nhật ngày 30/6/2019",
         "2019-06-01", "2019-06-30"),
        ("từ ngày 1-6 đến 30-6; lễ phát động từ ngày 25-5 đến 1-6",
         "2019-06-01", "2019-06-30"),
    ],
)  # fmt: skip
def test_the_month_in_the_ways_articles_write_it(written, start, end):
    plan = news(
        "Tháng hành động vì trẻ em năm 2019",
        f"Tháng hành động vì trẻ em năm 2019 {written}.",
    )["plan"]
    assert (plan["period_start"], plan["period_end"]) == (start, end)


def test_an_unquoted_theme_and_a_theme_after_a_colon():
    plain = news(
        "Kế hoạch của thành phố",
        "UBND thành phố vừa ký kế hoạch thực hiện Tháng hành động vì trẻ em năm 2017 "
        "với chủ đề triển khai Luật Trẻ em và phòng, chống bạo lực trẻ em.",
    )["plan"]
    assert plain["theme"] == "triển khai Luật Trẻ em và phòng, chống bạo lực trẻ em"
    colon = news(
        "Bài tuyên truyền Tháng hành động vì trẻ em",
        "Chủ đề Tháng hành động vì trẻ em năm 2025: Ưu tiên nguồn lực hoàn thành "
        "các mục tiêu vì trẻ em.",
    )["plan"]
    assert colon["theme"] == "Ưu tiên nguồn lực hoàn thành các mục tiêu vì trẻ em"


def test_a_crawler_stamp_is_not_text_but_gives_the_year():
    result = news(
        " date 2022-05 Tỉnh đoàn phát động hè và hưởng ứng tháng hành động vì trẻ em",
        "",
        "Sáng 30/5, Tỉnh đoàn tổ chức lễ ra quân chiến dịch hè.",
    )
    assert result["title"].startswith("Tỉnh đoàn phát động hè")
    assert result["plan"]["year"] == 2022


def test_a_page_about_something_else_is_refused():
    with pytest.raises(ParseError) as info:
        parse_document("trang.txt", "Lịch tiếp công dân tháng 5.".encode())
    assert info.value.code == "not_a_plan"
