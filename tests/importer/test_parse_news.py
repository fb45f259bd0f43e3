"""News articles about a plan, as public sites print them."""

from collective.thdtre.importer.parse import parse_document
from collective.thdtre.importer.parse import parse_news


ARTICLE = "\n".join(
    [
        "Huyện Tân Yên triển khai Tháng hành động vì trẻ em",
        "Cập nhật: 10/5/2024 08:30",
        "Số lượt xem: 1.204",
        "",
        "Ngày 05 tháng 4 năm 2024, Chủ tịch UBND huyện Nguyễn Văn Bình đã ký Kế "
        "hoạch số 45/KH-UBND tổ chức Tháng hành động vì trẻ em.",
        "",
        "Theo kế hoạch, các xã tổ chức vui chơi cho trẻ em.",
        "",
        "Các trường học tuyên truyền phòng, chống đuối nước.",
        "",
        "Thu Hà",
        "",
        "Bài viết liên quan",
        "Trang 1",
    ]
)


def test_article_with_other_counters_and_byline():
    result = parse_document("tin.txt", ARTICLE.encode())
    assert result["kind"] == "news"
    assert result["title"] == "Huyện Tân Yên triển khai Tháng hành động vì trẻ em"
    assert result["view_count"] == 1204
    assert result["plan_number"] == "45/KH-UBND"
    assert result["issue_date"] == "2024-04-05"
    assert result["signer"] == "Nguyễn Văn Bình"
    assert result["signer_title"] == "Chủ tịch UBND huyện"
    assert result["byline"] == "Thu Hà"
    assert result["paragraphs"] == [
        "Theo kế hoạch, các xã tổ chức vui chơi cho trẻ em.",
        "Các trường học tuyên truyền phòng, chống đuối nước.",
    ]
    assert result["text"] == (
        "<p>Theo kế hoạch, các xã tổ chức vui chơi cho trẻ em.</p>"
        "<p>Các trường học tuyên truyền phòng, chống đuối nước.</p>"
    )


def test_article_without_counter_or_plan():
    result = parse_news(
        "Vui Tết thiếu nhi\n\nCác em nhận quà.\n\nCác em vui chơi cả ngày."
    )
    assert result["view_count"] is None
    assert result["plan_number"] is None
    assert result["byline"] is None
    assert result["warnings"] == [{"code": "no_plan_number"}]
