"""A dry run answers what would be created and creates nothing."""

from imports_http import ACTIVITIES_003
from imports_http import body
from imports_http import counts
from imports_http import document
from imports_http import post_import
from imports_http import SEED_003
from imports_http import SLOGANS_003
from imports_http import TABLE_PLAN

import pytest


@pytest.mark.parametrize("kind", [SEED_003, "docx", "pdf"])
def test_dry_run_answers_the_plan_and_creates_nothing(site, folder, kind):
    before = counts(site)
    response = post_import(folder, body(*document(kind), dry_run=True))
    assert response.status_code == 200, response.text
    result = response.json()
    assert "@id" not in result
    plan = result["plan"]
    assert plan["title"] == "Tổ chức Tháng hành động vì trẻ em năm 2024"
    assert (plan["number"], plan["symbol"]) == (63, "KH-KHCN")
    assert plan["issue_place"] == "Bắc Giang"
    assert plan["issue_date"] == "2024-04-17"
    assert plan["year"] == 2024
    assert plan["theme"] == "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em"
    assert (plan["period_start"], plan["period_end"]) == ("2024-06-01", "2024-06-30")
    assert plan["report_deadline"] == "2024-07-22"
    assert plan["report_recipient"] == "Sở Lao động, Thương binh và Xã hội"
    assert plan["signer_name"] == "Triệu Ngọc Trung"
    assert plan["implementation"]["content-type"] == "text/html"
    assert result["slogans"] == SLOGANS_003
    titles = [a["title"] for a in result["activities"]]
    assert len(titles) == len(ACTIVITIES_003)
    for title, start in zip(titles, ACTIVITIES_003, strict=True):
        assert title.startswith(start)
    assert result["implements"] == ["26/KH-UBND"]
    assert result["implements_found"] == []
    assert isinstance(result["warnings"], list)
    assert counts(site) == before


def test_dry_run_lists_the_units_of_each_activity(site, folder):
    response = post_import(folder, body(*document(TABLE_PLAN), dry_run=True))
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["activities"] == [
        {
            "title": "Lễ phát động Tháng hành động vì trẻ em",
            "lead_unit": "Phòng Lao động - Thương binh và Xã hội",
            "coordinating_units": ["Huyện đoàn", "Hội Liên hiệp Phụ nữ huyện"],
            "start": "2024-06-01",
            "end": "2024-06-01",
        },
        {
            "title": "Khám sàng lọc cho trẻ em khuyết tật",
            "lead_unit": "Trung tâm Y tế huyện",
            "coordinating_units": ["UBND các xã, thị trấn"],
            "start": "2024-06-05",
            "end": "2024-06-10",
        },
    ]
    assert result["slogans"] == [
        "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em",
        "Trẻ em hôm nay - Thế giới ngày mai",
        "Bảo vệ trẻ em là trách nhiệm của toàn xã hội",
    ]
    assert result["warnings"] == []
    assert counts(site)["Plan"] == 0


def test_dry_run_warns_about_a_draft(site, folder):
    response = post_import(
        folder, body(*document("000_90b970af89c5eac0.txt"), dry_run=True)
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert "number" not in result["plan"]
    assert result["plan"]["symbol"] == "KH-SNgV"
    assert any("draft" in warning for warning in result["warnings"])
    assert counts(site)["Plan"] == 0
