"""A news article about a plan (seed 004) becomes a News Item linked to that plan."""

from imports_http import body
from imports_http import counts
from imports_http import document
from imports_http import imported
from imports_http import make_plan
from imports_http import post_import
from imports_http import SEED_004


TITLE = "Kế hoạch tổ chức Tháng hành động vì trẻ em năm 2024 trên địa bàn tỉnh"


def test_news_dry_run_names_the_plan_and_creates_nothing(site, folder):
    make_plan(site, number=777, symbol="KH-UBND", title="Kế hoạch 777 của tỉnh")
    before = counts(site)
    response = post_import(folder, body(*document(SEED_004), dry_run=True))
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["news"]["title"] == TITLE
    assert result["news"]["byline"] == "K.C"
    assert result["implements"] == ["777/KH-UBND"]
    assert result["implements_found"] == ["777/KH-UBND"]
    assert counts(site) == before


def test_news_item_is_linked_to_the_plan_it_names(site, folder):
    plan = make_plan(site, number=777, symbol="KH-UBND", title="Kế hoạch 777 của tỉnh")
    before = counts(site)
    response = post_import(folder, body(*document(SEED_004)))
    news = imported(site, response)
    assert news.portal_type == "News Item"
    assert news.aq_parent == folder
    assert news.title == TITLE
    assert news.description.startswith("Ngày 02/4/2024, Phó Chủ tịch UBND tỉnh")
    assert "777/KH-UBND" in news.description
    assert "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em" in news.text.raw
    assert news.creators == ("K.C",)
    assert news.related_plan.to_object == plan
    after = counts(site)
    assert after["News Item"] == before["News Item"] + 1
    assert after["Plan"] == before["Plan"]


def test_news_item_without_the_plan_has_no_link(site, folder):
    news = imported(site, post_import(folder, body(*document(SEED_004))))
    assert news.portal_type == "News Item"
    assert news.related_plan is None
    assert list(news.creators) == ["K.C"]
