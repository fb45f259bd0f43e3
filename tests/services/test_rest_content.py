"""REST over HTTP: the four types with the field names of the REST contract."""

from collective.thdtre.departments import set_departments

import base64
import pytest
import transaction


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGA"
    "hKmMIQAAAABJRU5ErkJggg=="
)

PLAN = {
    "@type": "Plan",
    "title": "Tổ chức Tháng hành động vì trẻ em năm 2024",
    "description": "Kế hoạch của Sở Khoa học và Công nghệ",
    "number": 63,
    "symbol": "KH-KHCN",
    "parent_body": "UBND TỈNH BẮC GIANG",
    "issuing_body": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "department": "skhcn",
    "issue_place": "Bắc Giang",
    "issue_date": "2024-04-17",
    "theme": "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em",
    "period_start": "2024-06-01",
    "period_end": "2024-06-30",
    "scope": "Trên địa bàn toàn tỉnh",
    "legal_basis": "Thực hiện Kế hoạch số 26/KH-UBND ngày 11/4/2024 của UBND tỉnh",
    "purpose": "Nâng cao nhận thức về quyền trẻ em.",
    "requirements": "Thiết thực, hiệu quả.",
    "text": {"data": "<p>Nội dung khác</p>", "content-type": "text/html"},
    "budget": {"data": "<p>Kinh phí chi thường xuyên</p>", "content-type": "text/html"},
    "implementation": {"data": "<p>1. Văn phòng Sở</p>", "content-type": "text/html"},
    "recipients": ["UBND tỉnh (b/c)", "Lưu: VT, VP."],
    "signing_authority": "KT. GIÁM ĐỐC",
    "signer_title": "PHÓ GIÁM ĐỐC",
    "signer_name": "Triệu Ngọc Trung",
    "report_deadline": "2024-07-22",
    "report_recipient": "Sở Lao động, Thương binh và Xã hội",
    "original_file": {
        "data": base64.b64encode(PDF).decode(),
        "encoding": "base64",
        "filename": "63-KH-KHCN.pdf",
        "content-type": "application/pdf",
    },
}

# Fields whose JSON comes back exactly as it was sent.
PLAN_PLAIN = [
    "title",
    "description",
    "number",
    "symbol",
    "parent_body",
    "issuing_body",
    "issue_place",
    "issue_date",
    "theme",
    "period_start",
    "period_end",
    "scope",
    "legal_basis",
    "purpose",
    "requirements",
    "recipients",
    "signing_authority",
    "signer_title",
    "signer_name",
    "report_deadline",
    "report_recipient",
]

ACTIVITY = {
    "@type": "Activity",
    "title": "Lễ phát động Tháng hành động vì trẻ em",
    "description": "Tổ chức lễ phát động",
    "lead_unit": "Văn phòng Sở",
    "coordinating_units": ["Công đoàn Sở", "Chi đoàn Sở"],
    "start": "2024-06-01",
    "end": "2024-06-03",
    "location": "Hội trường Sở",
    "target_group": "Con cán bộ, công chức",
    "budget_vnd": 15000000,
    "progress": "ongoing",
    "text": {"data": "<p>Chi tiết</p>", "content-type": "text/html"},
}

SLOGAN = {
    "@type": "Slogan",
    "title": "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em!",
    "position": 1,
    "source": "Bộ LĐ-TB&XH",
}

REPORT = {
    "@type": "Report",
    "title": "Báo cáo kết quả Tháng hành động vì trẻ em năm 2024",
    "reporting_unit": "Sở Khoa học và Công nghệ",
    "department": "skhcn",
    "submitted_date": "2024-07-15",
    "children_supported": 120,
    "gifts": 150,
    "gift_value_vnd": 45000000,
    "fund_raised_vnd": 12500000,
    "communication_items": 8,
    "events_held": 3,
    "participants": 400,
    "text": {"data": "<p>Kết quả</p>", "content-type": "text/html"},
}
REPORT_PLAIN = [k for k in REPORT if k not in ("@type", "department", "text")]


@pytest.fixture
def api(functional_portal, manager_request):
    set_departments(
        [
            {
                "id": "skhcn",
                "title": "Sở Khoa học và Công nghệ",
                "abbreviation": "KHCN",
            },
            {"id": "ubnd", "title": "UBND tỉnh Bắc Giang", "abbreviation": "UBND"},
        ]
    )
    transaction.commit()
    return manager_request


def post(api, path, data):
    response = api.post(path, json=data)
    assert response.status_code == 201, response.text
    return response.json()


def path_of(item):
    """The path of ``item`` below the portal, for the RelativeSession."""
    return item["@id"].split("/plone/", 1)[1]


@pytest.fixture
def plan(api):
    return post(api, "/", PLAN)


class TestPlan:
    def test_post_returns_the_fields(self, api, plan):
        for name in PLAN_PLAIN:
            assert plan[name] == PLAN[name], name
        assert plan["@type"] == "Plan"
        assert plan["department"]["token"] == "skhcn"
        assert plan["document_number"] == "63/KH-KHCN"
        assert plan["year"] == 2024

    def test_get(self, api, plan):
        response = api.get(path_of(plan))
        assert response.status_code == 200
        data = response.json()
        for name in PLAN_PLAIN:
            assert data[name] == PLAN[name], name
        assert data["department"] == {
            "token": "skhcn",
            "title": "Sở Khoa học và Công nghệ",
        }
        assert data["document_number"] == "63/KH-KHCN"
        assert data["year"] == 2024
        for name in ("text", "budget", "implementation"):
            assert data[name]["data"] == PLAN[name]["data"], name
        assert data["original_file"]["filename"] == "63-KH-KHCN.pdf"
        assert data["original_file"]["size"] == len(PDF)
        assert data["implements"] == []

    def test_original_file_downloads(self, api, plan):
        data = api.get(path_of(plan)).json()
        download = api.get(data["original_file"]["download"])
        assert download.status_code == 200
        assert download.content == PDF

    def test_patch(self, api, plan):
        path = path_of(plan)
        response = api.patch(
            path,
            json={
                "number": 70,
                "symbol": "KH-SKHCN",
                "theme": "Chủ đề mới",
                "year": 2025,
            },
        )
        assert response.status_code == 204, response.text
        data = api.get(path).json()
        assert data["number"] == 70
        assert data["symbol"] == "KH-SKHCN"
        assert data["theme"] == "Chủ đề mới"
        assert data["year"] == 2025
        assert data["document_number"] == "70/KH-SKHCN"

    def test_patch_number_to_null_makes_a_draft_number(self, api, plan):
        path = path_of(plan)
        assert api.patch(path, json={"number": None}).status_code == 204
        assert api.get(path).json()["document_number"] == "/KH-KHCN"

    def test_document_number_is_read_only(self, api, plan):
        path = path_of(plan)
        api.patch(path, json={"document_number": "999/KH-GIA"})
        assert api.get(path).json()["document_number"] == "63/KH-KHCN"

    def test_draft_plan_document_number(self, api):
        data = post(
            api,
            "/",
            {"@type": "Plan", "title": "Dự thảo kế hoạch", "symbol": "KH-STP"},
        )
        assert data["number"] is None
        assert data["document_number"] == "/KH-STP"

    def test_year_defaults_from_the_period(self, api):
        data = post(
            api,
            "/",
            {
                "@type": "Plan",
                "title": "Kế hoạch năm 2022",
                "period_start": "2022-06-01",
                "period_end": "2022-06-30",
            },
        )
        assert data["year"] == 2022

    def test_given_year_is_kept(self, api):
        data = post(
            api,
            "/",
            {
                "@type": "Plan",
                "title": "Kế hoạch năm 2025",
                "year": 2025,
                "period_start": "2024-06-01",
            },
        )
        assert data["year"] == 2025

    def test_delete(self, api, plan, functional_portal):
        path = path_of(plan)
        assert api.delete(path).status_code == 204
        assert api.get(path).status_code == 404
        transaction.begin()
        assert plan["id"] not in functional_portal.objectIds()

    def test_vietnamese_title_gives_an_ascii_id(self, api, plan):
        data = post(
            api,
            "/",
            {"@type": "Plan", "title": "Kế hoạch Tổ chức Tháng hành động vì trẻ em"},
        )
        assert data["id"].startswith("ke-hoach-to-chuc-thang-hanh-dong")
        assert data["id"].isascii()
        assert plan["id"].startswith("to-chuc-thang-hanh-dong-vi-tre-em")


class TestImplements:
    def test_round_trip(self, api, plan):
        province = post(
            api,
            "/",
            {
                "@type": "Plan",
                "title": "Tổ chức Tháng hành động vì trẻ em năm 2024 (tỉnh)",
                "number": 26,
                "symbol": "KH-UBND",
            },
        )
        unit = post(
            api,
            "/",
            {
                "@type": "Plan",
                "title": "Kế hoạch của huyện",
                "symbol": "KH-UBND",
                "implements": [province["UID"]],
            },
        )
        assert [t["UID"] for t in unit["implements"]] == [province["UID"]]
        path = path_of(unit)

        data = api.get(path).json()
        assert [t["UID"] for t in data["implements"]] == [province["UID"]]
        assert data["implements"][0]["@id"] == province["@id"]

        # PATCH to another plan, then to both
        assert api.patch(path, json={"implements": [plan["UID"]]}).status_code == 204
        data = api.get(path).json()
        assert [t["UID"] for t in data["implements"]] == [plan["UID"]]
        assert (
            api.patch(
                path, json={"implements": [province["UID"], plan["UID"]]}
            ).status_code
            == 204
        )
        data = api.get(path).json()
        assert {t["UID"] for t in data["implements"]} == {province["UID"], plan["UID"]}

        # PATCH to [] clears it
        assert api.patch(path, json={"implements": []}).status_code == 204
        assert api.get(path).json()["implements"] == []


class TestChildren:
    def test_activity(self, api, plan):
        activity = post(api, path_of(plan), ACTIVITY)
        path = path_of(activity)
        data = api.get(path).json()
        for name in (
            "title",
            "description",
            "lead_unit",
            "coordinating_units",
            "start",
            "end",
            "location",
            "target_group",
            "budget_vnd",
        ):
            assert data[name] == ACTIVITY[name], name
        assert data["progress"]["token"] == "ongoing"
        assert data["text"]["data"] == "<p>Chi tiết</p>"
        assert data["parent"]["@id"] == plan["@id"]

        assert api.patch(path, json={"progress": "done"}).status_code == 204
        assert api.get(path).json()["progress"]["token"] == "done"

        assert api.delete(path).status_code == 204
        assert api.get(path).status_code == 404

    def test_activity_progress_defaults_to_planned(self, api, plan):
        activity = post(
            api, path_of(plan), {"@type": "Activity", "title": "Hội thi vẽ tranh"}
        )
        assert activity["progress"]["token"] == "planned"

    def test_slogan(self, api, plan):
        slogan = post(api, path_of(plan), SLOGAN)
        path = path_of(slogan)
        data = api.get(path).json()
        for name in ("title", "position", "source"):
            assert data[name] == SLOGAN[name], name
        assert api.patch(path, json={"position": 4}).status_code == 204
        assert api.get(path).json()["position"] == 4
        assert api.delete(path).status_code == 204
        assert api.get(path).status_code == 404

    def test_report(self, api, plan):
        report = post(api, path_of(plan), REPORT)
        path = path_of(report)
        data = api.get(path).json()
        for name in REPORT_PLAIN:
            assert data[name] == REPORT[name], name
        assert data["department"]["token"] == "skhcn"
        assert data["text"]["data"] == "<p>Kết quả</p>"

        assert api.patch(path, json={"participants": 450}).status_code == 204
        assert api.get(path).json()["participants"] == 450

        attachment = post(
            api,
            path,
            {
                "@type": "Appendix",
                "title": "Biểu số liệu",
                "file": {
                    "data": base64.b64encode(PDF).decode(),
                    "encoding": "base64",
                    "filename": "bieu.pdf",
                    "content-type": "application/pdf",
                },
            },
        )
        assert attachment["parent"]["@id"] == report["@id"]

        assert api.delete(path).status_code == 204
        assert api.get(path).status_code == 404

    @pytest.mark.parametrize(
        "filename,payload,mimetype",
        [("kh.pdf", PDF, "application/pdf"), ("anh.png", PNG, "image/png")],
        ids=["pdf", "png"],
    )
    def test_plan_allows_appendices(self, api, plan, filename, payload, mimetype):
        # Plone's File and Image would skip the plan's workflow (issue 14).
        data = {
            "@type": "Appendix",
            "title": "Phụ lục",
            "file": {
                "filename": filename,
                "data": base64.b64encode(payload).decode(),
                "encoding": "base64",
                "content-type": mimetype,
            },
        }
        item = post(api, path_of(plan), data)
        assert item["parent"]["@id"] == plan["@id"]
        assert item["@type"] == "Appendix"
        assert item["review_state"] == "draft"

    @pytest.mark.parametrize(
        "data", [ACTIVITY, SLOGAN, REPORT], ids=["Activity", "Slogan", "Report"]
    )
    def test_cannot_be_added_outside_a_plan(self, api, functional_portal, data):
        before = set(functional_portal.objectIds())
        response = api.post("/", json=data)
        assert response.status_code in (400, 403), response.text
        assert data["@type"] in response.text
        transaction.begin()
        assert set(functional_portal.objectIds()) == before

    @pytest.mark.parametrize(
        "data", [ACTIVITY, SLOGAN, REPORT], ids=["Activity", "Slogan", "Report"]
    )
    def test_cannot_be_added_inside_a_report(self, api, plan, data):
        report = post(api, path_of(plan), REPORT)
        response = api.post(path_of(report), json=data)
        assert response.status_code == 403, response.text
        assert api.get(path_of(report)).json()["items"] == []

    def test_plan_lists_its_children(self, api, plan):
        path = path_of(plan)
        post(api, path, ACTIVITY)
        post(api, path, SLOGAN)
        post(api, path, REPORT)
        data = api.get(path).json()
        assert sorted(i["@type"] for i in data["items"]) == [
            "Activity",
            "Report",
            "Slogan",
        ]


class TestSearch:
    FIELDS = ["document_number", "year", "department", "issuing_body"]

    def search(self, api, **query):
        params = list(query.items())
        params += [("metadata_fields", name) for name in self.FIELDS]
        params += [("metadata_fields", "period_start"), ("metadata_fields", "progress")]
        response = api.get("/@search", params=params)
        assert response.status_code == 200, response.text
        return response.json()["items"]

    def test_plans_listed_with_their_metadata(self, api, plan):
        (item,) = self.search(api, portal_type="Plan")
        assert item["@id"] == plan["@id"]
        assert item["document_number"] == "63/KH-KHCN"
        assert item["year"] == 2024
        assert item["department"] == "skhcn"
        assert item["issuing_body"] == PLAN["issuing_body"]
        assert item["period_start"] == "2024-06-01"

    def test_parts_follow_a_patched_plan(self, api, plan):
        path = path_of(plan)
        post(api, path, ACTIVITY)
        (item,) = self.search(api, portal_type="Activity")
        assert item["department"] == "skhcn"
        assert item["year"] == 2024
        assert item["progress"] == "ongoing"

        patch = {"department": "ubnd", "year": 2025, "number": 70}
        assert api.patch(path, json=patch).status_code == 204
        (item,) = self.search(api, portal_type="Activity", department="ubnd")
        assert item["year"] == 2025
        assert item["document_number"] == "70/KH-KHCN"
        assert self.search(api, portal_type="Activity", department="skhcn") == []
