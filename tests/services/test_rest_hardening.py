"""The add-on's REST endpoints take JSON only and check every value's type.

``@thdtre-departments`` refuses a list, an object or a number where it wants
text (it used to store ``["a"]`` as a title and empty ``parent_body``); every
``@thdtre-...`` endpoint and the add-on's ``@workflow`` answer 415 to a body that
is not ``application/json``; the content endpoints answer 400, never 500, to
values of the wrong type.
"""

from collective.thdtre.departments import get_department
from collective.thdtre.departments import get_departments
from collective.thdtre.departments.api import create_department
from plone import api as plone_api
from plone.app.testing import SITE_OWNER_NAME
from zope.globalrequest import getRequest

import pytest
import transaction


KHCN = {
    "id": "so-khcn",
    "title": "Sở Khoa học và Công nghệ",
    "abbreviation": "KHCN",
    "parent_body": "UBND TỈNH BẮC GIANG",
}
NOT_TEXT = [["a"], {"a": 1}, 1, 1.5, True, None]


@pytest.fixture
def api(functional_portal, manager_request):
    with plone_api.env.adopt_user(username=SITE_OWNER_NAME):
        create_department(**KHCN)
    transaction.commit()
    return manager_request


@pytest.fixture
def plan(api):
    response = api.post(
        "/ke-hoach/so-khcn",
        json={"@type": "Plan", "title": "Kế hoạch", "symbol": "KH-KHCN"},
    )
    assert response.status_code == 201, response.text
    return response.json()["@id"].split("/plone/", 1)[1]


def sync():
    """See what the requests committed (the registry is cached on the request)."""
    transaction.begin()
    request = getRequest()
    if request is not None:
        request.other.pop("_plone_registry_cache", None)


def departments():
    sync()
    return [dict(d) for d in get_departments()]


def refused(response, status=400) -> str:
    assert response.status_code == status, response.text
    return response.json()["message"]


class TestDepartmentValues:
    @pytest.mark.parametrize("field", ["id", "title", "abbreviation", "parent_body"])
    @pytest.mark.parametrize("value", NOT_TEXT)
    def test_post_refuses_values_that_are_not_text(self, api, field, value):
        before = departments()
        body = {"id": "so-tu-phap", "title": "Sở Tư pháp", "abbreviation": "STP"}
        body[field] = value
        message = refused(api.post("/@thdtre-departments", json=body))
        assert f"'{field}' must be text" in message
        assert departments() == before

    @pytest.mark.parametrize("field", ["title", "abbreviation", "parent_body"])
    @pytest.mark.parametrize("value", NOT_TEXT)
    def test_patch_refuses_values_that_are_not_text(self, api, field, value):
        message = refused(
            api.patch("/@thdtre-departments/so-khcn", json={field: value})
        )
        assert f"'{field}' must be text" in message
        sync()
        assert dict(get_department(id="so-khcn")) == KHCN

    def test_post_refuses_a_huge_title(self, api):
        before = departments()
        body = {"id": "so-tu-phap", "title": "S" * 5001, "abbreviation": "STP"}
        assert "too long" in refused(api.post("/@thdtre-departments", json=body))
        assert departments() == before

    def test_post_refuses_unknown_fields(self, api):
        before = departments()
        body = {"id": "so-tu-phap", "title": "Sở Tư pháp", "abbreviation": "STP"}
        refused(api.post("/@thdtre-departments", json={**body, "folder": "x"}))
        assert departments() == before

    def test_text_values_still_work(self, api):
        body = {"id": "so-tu-phap", "title": "Sở Tư pháp", "abbreviation": "STP"}
        assert api.post("/@thdtre-departments", json=body).status_code == 201
        response = api.patch(
            "/@thdtre-departments/so-tu-phap", json={"parent_body": "UBND TỈNH"}
        )
        assert response.status_code == 200, response.text
        sync()
        assert get_department(id="so-tu-phap")["parent_body"] == "UBND TỈNH"


BODIES = [
    ("text/plain", b'{"id": "so-tu-phap", "title": "T", "abbreviation": "STP"}'),
    ("application/x-www-form-urlencoded", b"id=so-tu-phap&title=T&abbreviation=STP"),
    (
        "multipart/form-data; boundary=x",
        b"--x\r\nContent-Disposition: form-data; "
        b'name="id"\r\n\r\nso-tu-phap\r\n--x--\r\n',
    ),
    ("application/xml", b"<department/>"),
]


class TestJsonOnly:
    @pytest.mark.parametrize("content_type,body", BODIES)
    def test_departments_post(self, api, content_type, body):
        before = departments()
        response = api.post(
            "/@thdtre-departments", data=body, headers={"Content-Type": content_type}
        )
        assert "application/json" in refused(response, 415)
        assert departments() == before

    @pytest.mark.parametrize("content_type,body", BODIES)
    def test_departments_patch_and_delete(self, api, content_type, body):
        headers = {"Content-Type": content_type}
        url = "/@thdtre-departments/so-khcn"
        refused(api.patch(url, data=body, headers=headers), 415)
        refused(api.delete(url, data=body, headers=headers), 415)
        sync()
        assert dict(get_department(id="so-khcn")) == KHCN

    @pytest.mark.parametrize("content_type,body", BODIES)
    def test_import(self, api, content_type, body):
        response = api.post(
            "/ke-hoach/so-khcn/@thdtre-import",
            data=body,
            headers={"Content-Type": content_type},
        )
        refused(response, 415)

    @pytest.mark.parametrize("content_type,body", BODIES)
    def test_workflow(self, api, plan, content_type, body):
        response = api.post(
            f"/{plan}/@workflow/submit",
            data=body,
            headers={"Content-Type": content_type},
        )
        refused(response, 415)
        assert api.get(f"/{plan}").json()["review_state"] == "draft"

    def test_workflow_without_a_body_still_works(self, api, plan):
        response = api.post(f"/{plan}/@workflow/submit")
        assert response.status_code == 200, response.text

    def test_workflow_with_json_still_works(self, api, plan):
        response = api.post(f"/{plan}/@workflow/submit", json={"comment": "ok"})
        assert response.status_code == 200, response.text

    def test_report_summary(self, api, plan):
        response = api.get(
            f"/{plan}/@thdtre-report-summary",
            data=b"x",
            headers={"Content-Type": "text/plain"},
        )
        refused(response, 415)
        assert api.get(f"/{plan}/@thdtre-report-summary").status_code == 200

    def test_json_with_charset_is_json(self, api):
        response = api.post(
            "/@thdtre-departments",
            data=b'{"id": "so-tu-phap", "title": "T", "abbreviation": "STP"}',
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        assert response.status_code == 201, response.text


WRONG_PLAN_VALUES = [
    {"title": ["a"]},
    {"title": {"a": 1}},
    {"title": 5},
    {"number": "abc"},
    {"number": ["1"]},
    {"number": 10**30},
    {"year": {}},
    {"year": "abc"},
    {"period_start": 5},
    {"period_start": ["2024-06-01"]},
    {"period_start": "2024-13-45"},
    {"issue_date": {"a": 1}},
    {"text": 7},
    {"text": ["a"]},
    {"text": {"data": 5}},
    {"recipients": "x"},
    {"recipients": [1, {}]},
    {"implements": 5},
    {"implements": ["no-such-uid"]},
    {"department": []},
    {"department": {"a": 1}},
    {"public_summary": "yes"},
    {"original_file": "x"},
    {"original_file": {"data": 5}},
]


class TestWrongTypes:
    @pytest.mark.parametrize("values", WRONG_PLAN_VALUES)
    def test_post_plan(self, api, values):
        response = api.post(
            "/ke-hoach/so-khcn",
            json={"@type": "Plan", "title": "Kế hoạch", **values},
        )
        assert response.status_code < 500, response.text

    @pytest.mark.parametrize("values", WRONG_PLAN_VALUES)
    def test_patch_plan(self, api, plan, values):
        response = api.patch(f"/{plan}", json=values)
        assert response.status_code < 500, response.text


MALFORMED = [b"null", b'"x"', b"[]", b"1", b"{", b"\xff\xfe"]


class TestMalformedBodies:
    @pytest.mark.parametrize("body", MALFORMED)
    def test_post_to_a_folder(self, api, body):
        response = api.post(
            "/ke-hoach/so-khcn",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        assert "JSON object" in refused(response)

    @pytest.mark.parametrize("body", MALFORMED)
    def test_post_and_patch_on_a_plan(self, api, plan, body):
        headers = {"Content-Type": "application/json"}
        assert api.post(f"/{plan}", data=body, headers=headers).status_code == 400
        assert api.patch(f"/{plan}", data=body, headers=headers).status_code == 400
        assert api.get(f"/{plan}").json()["title"] == "Kế hoạch"
