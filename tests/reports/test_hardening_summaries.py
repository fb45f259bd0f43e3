"""Summaries show only what the viewer may open (issue 14, finding 7).

A province plan is implemented by two units: the KHCN plan is published, the
Sở Tư pháp plan is still a draft, yet its report was approved. The province's
approver, the web publishers and anonymous visitors of a public summary may not
open that draft, so neither its title, number nor figures reach them through
the REST summary, the dashboard or the exports, and the totals are those of the
plans they can open. An administrator, who may open it, still gets it all.
"""

from datetime import date
from io import BytesIO
from openpyxl import load_workbook
from reports_world import add_report
from reports_world import approver
from reports_world import KHCN
from reports_world import PROVINCE
from reports_world import province_plan
from reports_world import session
from reports_world import STP
from reports_world import unit_plan

import pytest
import transaction


HIDDEN_UNIT = "SỞ TƯ PHÁP (BẢN NHÁP)"
HIDDEN_FIGURE = 7_770_000
HIDDEN_MARKS = (HIDDEN_UNIT, "KH-STP", "7770000", "7.770.000", "(BẢN NHÁP)")
DRAFT_FIGURE = 4_242
SEEN_UNIT = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
PUBLISHED_FIGURES = {"children_supported": 10, "fund_raised_vnd": 2_000_000}
RESTRICTED = [approver(PROVINCE), "publisher"]


@pytest.fixture(scope="class")
def plan_url(fworld):
    province = province_plan(state="published", public_summary=True)
    hidden = unit_plan(
        province, department=STP, issuing_body=HIDDEN_UNIT, number=77, state="draft"
    )
    add_report(
        hidden,
        state="approved",
        submitted_date=date(2024, 7, 1),
        children_supported=777,
        fund_raised_vnd=HIDDEN_FIGURE,
    )
    seen = unit_plan(
        province, department=KHCN, issuing_body=SEEN_UNIT, number=63, state="published"
    )
    add_report(
        seen,
        state="approved",
        submitted_date=date(2024, 7, 1),
        **PUBLISHED_FIGURES,
    )
    # A second report, still a draft: the unit's own business until it is sent.
    add_report(seen, state="draft", children_supported=DRAFT_FIGURE)
    transaction.commit()
    return province.absolute_url()


def get(user_id, url, accept="application/json"):
    response = session(user_id, accept=accept).get(url, allow_redirects=False)
    assert response.status_code == 200, (user_id, url, response.status_code)
    return response


def assert_hidden(content: bytes):
    for mark in HIDDEN_MARKS:
        assert mark.encode() not in content, mark


def xlsx_text(response) -> bytes:
    book = load_workbook(BytesIO(response.content))
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ).encode()


@pytest.mark.parametrize("user_id", RESTRICTED)
class TestWhoCannotOpenTheDraft:
    def test_rest_rows_and_totals_are_those_of_the_visible_plans(
        self, site, plan_url, user_id
    ):
        response = get(user_id, f"{plan_url}/@thdtre-report-summary")
        data = response.json()

        assert [row["unit"] for row in data["rows"]] == [SEEN_UNIT]
        for key, value in PUBLISHED_FIGURES.items():
            assert data["totals"][key] == value
        assert sum(data["counts"].values()) == 1
        assert_hidden(response.content)

    def test_the_dashboard(self, site, plan_url, user_id):
        response = get(user_id, f"{plan_url}/@@thdtre-dashboard", "text/html")

        assert SEEN_UNIT in response.text
        assert "2.000.000" in response.text
        assert_hidden(response.content)

    def test_the_csv(self, site, plan_url, user_id):
        response = get(user_id, f"{plan_url}/@@thdtre-reports.csv", "*/*")

        assert SEEN_UNIT.encode() in response.content
        assert_hidden(response.content)

    def test_the_xlsx_both_sheets(self, site, plan_url, user_id):
        text = xlsx_text(get(user_id, f"{plan_url}/@@thdtre-reports.xlsx", "*/*"))

        assert SEEN_UNIT.encode() in text
        assert b"63/KH-KHCN" in text
        assert_hidden(text)
        assert str(DRAFT_FIGURE).encode() not in text  # a draft they cannot open


class TestPublicSummary:
    def test_anonymous_totals_leave_the_draft_out(self, site, plan_url):
        response = get(None, f"{plan_url}/@thdtre-report-summary")
        data = response.json()

        assert "rows" not in data
        for key, value in PUBLISHED_FIGURES.items():
            assert data["totals"][key] == value
        assert_hidden(response.content)

    def test_the_public_dashboard(self, site, plan_url):
        response = get(None, f"{plan_url}/@@thdtre-dashboard", "text/html")

        assert "2.000.000" in response.text
        assert_hidden(response.content)


class TestWhoMayOpenIt:
    def test_an_administrator_gets_both_units(self, site, plan_url):
        data = get("siteadmin", f"{plan_url}/@thdtre-report-summary").json()

        assert {row["unit"] for row in data["rows"]} == {SEEN_UNIT, HIDDEN_UNIT}
        assert data["totals"]["fund_raised_vnd"] == 2_000_000 + HIDDEN_FIGURE

    def test_an_administrator_gets_the_draft_report_in_the_xlsx(self, site, plan_url):
        text = xlsx_text(get("siteadmin", f"{plan_url}/@@thdtre-reports.xlsx", "*/*"))

        assert HIDDEN_UNIT.encode() in text
        assert str(DRAFT_FIGURE).encode() in text
