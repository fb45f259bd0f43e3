"""A real import answers 201 with the new plan, which holds what the document says:
its fields, slogans in order, activities with their units, the original file, and a
link to the plan it implements when that plan exists."""

from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import department_folder
from imports_http import ACTIVITIES_003
from imports_http import body
from imports_http import counts
from imports_http import document
from imports_http import imported
from imports_http import make_plan
from imports_http import post_import
from imports_http import SEED_000
from imports_http import SEED_001
from imports_http import SEED_003
from imports_http import session
from imports_http import SLOGANS_003
from imports_http import TABLE_PLAN
from imports_http import UNITS_PLAN
from plone import api

import datetime
import pytest
import transaction


def slogans_of(plan) -> list[str]:
    return [s.title for s in plan.objectValues() if s.portal_type == "Slogan"]


def activities_of(plan) -> list:
    return [a for a in plan.objectValues() if a.portal_type == "Activity"]


def implements_of(plan) -> list:
    return [relation.to_object for relation in plan.implements or []]


def download(obj, name: str) -> bytes:
    with session() as http:
        response = http.get(f"{obj.absolute_url()}/@@download/{name}")
    assert response.status_code == 200, response.text
    return response.content


@pytest.mark.parametrize("kind", [SEED_003, "docx", "pdf"])
def test_seed_003_becomes_the_plan_it_describes(site, folder, kind):
    province = make_plan(
        site, number=26, symbol="KH-UBND", title="Kế hoạch của UBND tỉnh Bắc Giang"
    )
    filename, data = document(kind)
    response = post_import(folder, body(filename, data))
    plan = imported(site, response)
    answer = response.json()
    assert answer["@id"] == plan.absolute_url()
    assert response.headers["Location"] == plan.absolute_url()
    assert answer["UID"] == plan.UID()
    assert answer["implements_found"] == ["26/KH-UBND"]
    assert plan.aq_parent == folder
    assert plan.portal_type == "Plan"
    assert plan.title == "Tổ chức Tháng hành động vì trẻ em năm 2024"
    assert (plan.number, plan.symbol) == (63, "KH-KHCN")
    assert plan.document_number == "63/KH-KHCN"
    assert plan.issuing_body.casefold() == "sở khoa học và công nghệ"
    if kind == "docx":  # only the Word version has the header table
        assert plan.parent_body == "UBND TỈNH BẮC GIANG"
    assert plan.issue_place == "Bắc Giang"
    assert plan.issue_date == datetime.date(2024, 4, 17)
    assert plan.year == 2024
    assert plan.theme == "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em"
    assert plan.period_start == datetime.date(2024, 6, 1)
    assert plan.period_end == datetime.date(2024, 6, 30)
    assert plan.legal_basis.startswith("Thực hiện Kế hoạch số 26/KH-UBND")
    assert "Quỹ bảo trợ trẻ em" not in plan.purpose
    assert plan.purpose.startswith("- Truyền thông nâng cao nhận thức")
    assert "tránh phô trương, hình thức" in plan.requirements
    assert "Văn phòng Sở kiểm tra, đôn đốc" in plan.implementation.raw
    assert plan.report_deadline == datetime.date(2024, 7, 22)
    assert plan.report_recipient == "Sở Lao động, Thương binh và Xã hội"
    assert plan.signing_authority == "KT. GIÁM ĐỐC"
    assert plan.signer_title == "PHÓ GIÁM ĐỐC"
    assert plan.signer_name == "Triệu Ngọc Trung"
    assert plan.recipients[-1] == "Lưu: VT, VP."
    assert slogans_of(plan) == SLOGANS_003
    positions = [s.position for s in plan.objectValues() if s.portal_type == "Slogan"]
    assert positions == list(range(1, 13))
    titles = [a.title for a in activities_of(plan)]
    assert len(titles) == len(ACTIVITIES_003)
    for title, start in zip(titles, ACTIVITIES_003, strict=True):
        assert title.startswith(start)
    # The document names no unit per item of its contents section.
    assert all(not a.lead_unit for a in activities_of(plan))
    assert implements_of(plan) == [province]
    assert plan.original_file.filename == filename
    assert download(plan, "original_file") == data
    assert api.content.get_state(obj=plan) == "draft"


def test_the_plan_answers_rest_like_any_plan(site, folder):
    make_plan(site, number=26, symbol="KH-UBND", title="Kế hoạch của UBND tỉnh")
    plan = imported(site, post_import(folder, body(*document(SEED_003))))
    with session() as http:
        answer = http.get(plan.absolute_url()).json()
    assert answer["@type"] == "Plan"
    assert answer["number"] == 63
    assert [item["title"] for item in answer["implements"]] == [
        "Kế hoạch của UBND tỉnh"
    ]
    assert answer["original_file"]["filename"] == "003_c6cfd6b9ad409e01.txt"
    children = [item["@type"] for item in answer["items"]]
    assert children.count("Slogan") == 12
    assert children.count("Activity") == 4


def test_implements_is_empty_without_the_named_plan(site, folder):
    # A plan with another number does not count.
    make_plan(site, number=27, symbol="KH-UBND", title="Kế hoạch khác")
    response = post_import(folder, body(*document(SEED_003)))
    plan = imported(site, response)
    assert response.json()["implements"] == ["26/KH-UBND"]
    assert response.json()["implements_found"] == []
    assert implements_of(plan) == []


def test_seed_000_is_a_draft_without_number_or_day(site, folder):
    plan = imported(site, post_import(folder, body(*document(SEED_000))))
    assert plan.number is None
    assert plan.symbol == "KH-SNgV"
    assert plan.issue_date is None
    assert plan.issue_place == "Cao Bằng"
    assert plan.year == 2022
    assert plan.theme == (
        "Chung tay bảo vệ trẻ em, hãy lên tiếng phòng, chống xâm hại, bạo lực trẻ em"
    )
    assert len(slogans_of(plan)) == 7
    assert slogans_of(plan)[0] == "Trẻ em phải được an toàn trong ngôi nhà của mình."
    assert len(activities_of(plan)) == 3
    assert implements_of(plan) == []
    assert download(plan, "original_file") == document(SEED_000)[1]


def test_seed_001_has_its_number_and_no_slogans(site, folder):
    response = post_import(folder, body(*document(SEED_001)))
    plan = imported(site, response)
    assert plan.document_number == "107/KH-UBND"
    assert plan.issue_date == datetime.date(2020, 4, 14)
    assert plan.issue_place == "Hải Phòng"
    assert plan.scope == "Trên địa bàn toàn thành phố"
    assert slogans_of(plan) == []
    assert [a.title for a in activities_of(plan)][1:3] == [
        "Công tác truyền thông",
        "Hoạt động ngày Quốc tế thiếu nhi (01/6)",
    ]
    assert "No slogans found." in response.json()["warnings"]


def test_activities_keep_their_lead_and_coordinating_units(site, folder):
    province = make_plan(site, number=26, symbol="KH-UBND", title="Kế hoạch tỉnh")
    plan = imported(site, post_import(folder, body(*document(TABLE_PLAN))))
    units = [
        (a.lead_unit, a.coordinating_units, a.start, a.end) for a in activities_of(plan)
    ]
    assert units == [
        (
            "Phòng Lao động - Thương binh và Xã hội",
            ["Huyện đoàn", "Hội Liên hiệp Phụ nữ huyện"],
            datetime.date(2024, 6, 1),
            datetime.date(2024, 6, 1),
        ),
        (
            "Trung tâm Y tế huyện",
            ["UBND các xã, thị trấn"],
            datetime.date(2024, 6, 5),
            datetime.date(2024, 6, 10),
        ),
    ]
    assert implements_of(plan) == [province]


def test_a_plan_imported_into_a_department_folder_belongs_to_it(site):
    with api.env.adopt_roles(["Manager"]):
        create_department(id="so-tu-phap", title="Sở Tư pháp", abbreviation="STP")
    transaction.commit()
    target = department_folder(id="so-tu-phap")
    before = counts(site)
    plan = imported(site, post_import(target, body(*document(UNITS_PLAN))))
    assert plan.aq_parent == target
    assert plan.department == "so-tu-phap"
    # A draft: no number, the department's symbol.
    assert (plan.number, plan.symbol) == (None, "KH-STP")
    first = activities_of(plan)[0]
    assert first.lead_unit == "Văn phòng Sở"
    assert first.coordinating_units[:2] == ["Công đoàn Sở", "Chi đoàn thanh niên"]
    assert counts(site)["Plan"] == before["Plan"] + 1
