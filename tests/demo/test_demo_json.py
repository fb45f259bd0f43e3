"""The demo content file: its structure and the facts transcribed from the seed plans.

Plain pytest, no Plone: the file is read as package data, as the demo loader reads it.
"""

from datetime import date
from importlib.resources import files

import json
import pytest
import re
import unicodedata


PLAN_FIELDS = {
    "public_summary",
    "title",
    "description",
    "number",
    "symbol",
    "parent_body",
    "issuing_body",
    "issue_place",
    "issue_date",
    "year",
    "theme",
    "period_start",
    "period_end",
    "scope",
    "legal_basis",
    "purpose",
    "requirements",
    "text",
    "budget",
    "implementation",
    "recipients",
    "signing_authority",
    "signer_title",
    "signer_name",
    "report_deadline",
    "report_recipient",
}
PLAN_DATES = ("issue_date", "period_start", "period_end", "report_deadline")
ACTIVITY_KEYS = {
    "title",
    "description",
    "lead_unit",
    "coordinating_units",
    "start",
    "end",
    "location",
    "target_group",
    "budget_vnd",
    "progress",
    "text",
}
SLOGAN_7 = "Tổng đài 111 - tiếp nhận thông tin mọi lúc, bảo vệ trẻ em mọi nơi."


@pytest.fixture(scope="module")
def demo():
    resource = files("collective.thdtre") / "demo" / "demo.json"
    return json.loads(resource.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plans(demo):
    return {plan["id"]: plan for plan in demo["plans"]}


def by_number(plans, number, symbol):
    found = [
        p
        for p in plans.values()
        if p["fields"].get("number") == number and p["fields"].get("symbol") == symbol
    ]
    assert len(found) == 1, f"{number}/{symbol}"
    return found[0]


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_top_level_keys(demo):
    assert set(demo) == {"departments", "plans", "news"}


def test_departments(demo):
    ids = [d["id"] for d in demo["departments"]]
    assert len(ids) == len(set(ids))
    for dep in demo["departments"]:
        assert set(dep) == {"id", "title", "abbreviation", "parent_body"}
        assert dep["title"] and dep["abbreviation"]
    titles = {d["id"]: d["title"] for d in demo["departments"]}
    assert titles["so-khcn"] == "Sở Khoa học và Công nghệ"
    assert titles["so-tu-phap"] == "Sở Tư pháp"


def test_every_plan_has_title_year_and_known_department(demo, plans):
    departments = {d["id"] for d in demo["departments"]}
    assert len(plans) == len(demo["plans"])
    for plan_id, plan in plans.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", plan_id)
        assert plan["department"] in departments
        fields = plan["fields"]
        assert set(fields) <= PLAN_FIELDS, set(fields) - PLAN_FIELDS
        assert fields["title"].strip()
        assert isinstance(fields["year"], int)
        symbol = fields.get("symbol")
        assert symbol is None or re.fullmatch(r"KH-[^\W_][\w&.\-]*", symbol)


def test_document_numbers_present(plans):
    numbers = {
        f"{p['fields']['number']}/{p['fields']['symbol']}"
        for p in plans.values()
        if p["fields"].get("number") is not None
    }
    assert {"63/KH-KHCN", "107/KH-UBND", "26/KH-UBND"} <= numbers


def test_draft_has_blank_number_and_day(plans):
    draft = plans["kh-sngv-2022-du-thao"]["fields"]
    assert draft["symbol"] == "KH-SNgV"
    assert draft["number"] is None
    assert draft["issue_date"] is None
    assert draft["year"] == 2022
    assert draft["signing_authority"] == "GIÁM ĐỐC"
    assert len(plans["kh-sngv-2022-du-thao"]["slogans"]) == 7
    assert len(plans["kh-sngv-2022-du-thao"]["activities"]) == 3


def test_plan_63_khcn(plans):
    plan = by_number(plans, 63, "KH-KHCN")
    fields = plan["fields"]
    assert fields["title"] == "Tổ chức Tháng hành động vì trẻ em năm 2024"
    assert fields["issue_date"] == "2024-04-17"
    assert fields["theme"] == "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em"
    assert fields["report_deadline"] == "2024-07-22"
    assert fields["signing_authority"] == "KT. GIÁM ĐỐC"
    assert fields["signer_name"] == "Triệu Ngọc Trung"
    assert fields["recipients"][-1] == "Lưu: VT, VP."
    assert plan["implements"] == ["kh-26-ubnd-bac-giang"]
    slogans = plan["slogans"]
    assert len(slogans) == 12
    assert [s["position"] for s in slogans] == list(range(1, 13))
    assert slogans[6]["title"] == SLOGAN_7
    assert len(plan["activities"]) == 4


def test_plan_107_hai_phong(plans):
    plan = by_number(plans, 107, "KH-UBND")
    fields = plan["fields"]
    assert fields["issue_date"] == "2020-04-14"
    assert fields["scope"] == "Trên địa bàn toàn thành phố"
    assert fields["signer_name"] == "Lê Khắc Nam"
    assert "Cấp quận, huyện" in fields["budget"]
    assert fields["recipients"][-1] == "Lưu: VT."
    assert plan["slogans"] == []
    assert len(plan["activities"]) == 6


def test_slogan_positions_are_unique_per_plan(plans):
    for plan in plans.values():
        positions = [s["position"] for s in plan["slogans"]]
        assert positions == list(range(1, len(positions) + 1))
        assert all(s["title"].strip() for s in plan["slogans"])


def test_activities_have_all_keys(plans):
    for plan in plans.values():
        for activity in plan["activities"]:
            assert set(activity) == ACTIVITY_KEYS
            assert activity["title"].strip() and len(activity["title"]) <= 130
            assert isinstance(activity["coordinating_units"], list)


def test_implements_resolve(plans):
    for plan_id, plan in plans.items():
        for target in plan["implements"]:
            assert target in plans and target != plan_id


def test_dates_parse(demo, plans):
    for plan in plans.values():
        fields = plan["fields"]
        for key in PLAN_DATES:
            if fields.get(key) is not None:
                date.fromisoformat(fields[key])
        if fields.get("period_start") and fields.get("period_end"):
            assert fields["period_start"] <= fields["period_end"]
        for activity in plan["activities"]:
            for key in ("start", "end"):
                if activity[key] is not None:
                    date.fromisoformat(activity[key])
            if activity["start"] and activity["end"]:
                assert activity["start"] <= activity["end"]
    for item in demo["news"]:
        date.fromisoformat(item["effective"])


def test_news_item(demo, plans):
    (item,) = demo["news"]
    assert item["id"] == "ke-hoach-777-kh-ubnd-2024"
    assert item["description"].startswith("Ngày 02/4/2024,")
    assert item["creators"] == ["K.C"]
    assert item["effective"] == "2024-04-03"
    assert item["view_count"] == 254
    assert item["related_plan"] is None or item["related_plan"] in plans
    for leftover in ("Lượt xem", "Tin khác", "Thống kê truy cập"):
        assert leftover not in item["text"]


def test_strings_are_nfc_without_markdown(demo):
    for value in strings(demo):
        assert unicodedata.normalize("NFC", value) == value, value
        assert "*" not in value, value
        assert "\u00a0" not in value, value
