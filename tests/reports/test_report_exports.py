"""@@thdtre-reports.xlsx and @@thdtre-reports.csv: Vietnamese headers, numbers
in the Vietnamese format, for those who may see the full summary.

The site speaks Vietnamese, like the sites the add-on is made for; 2025 is
configured with a non-standard indicator, trees planted.
"""

from io import BytesIO
from openpyxl import load_workbook
from plone import api
from reports_world import approver
from reports_world import editor
from reports_world import KHCN
from reports_world import LATE_UNIT
from reports_world import MISSING_UNIT
from reports_world import ON_TIME_UNIT
from reports_world import PROVINCE
from reports_world import refused
from reports_world import results_world
from reports_world import session
from reports_world import set_metrics

import csv
import io
import pytest
import transaction


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ["Đơn vị", "Kế hoạch", "Cấp", "Tình trạng", "Số ngày muộn"]
STANDARD_VI = [
    "Số trẻ em được hỗ trợ",
    "Số suất quà",
    "Trị giá quà (đồng)",
]
TOTAL = "Tổng cộng (báo cáo đã duyệt)"
TREES = "Cây xanh được trồng"


@pytest.fixture(scope="class")
def plans(fworld):
    api.portal.set_registry_record("plone.default_language", "vi")
    api.portal.set_registry_record("plone.available_languages", ["vi"])
    set_metrics(
        {
            "2025": [
                {"id": "children_supported", "title": "Trẻ em được hỗ trợ"},
                {"id": "fund_raised_vnd", "title": "Quỹ vận động (đồng)"},
                {"id": "trees_planted", "title": TREES},
            ]
        }
    )
    created = {
        "2024": results_world(state="published"),
        "2025": results_world(state="published", public_summary=True, year=2025),
    }
    transaction.commit()
    return {key: plan.absolute_url() for key, plan in created.items()}


def export(user_id, url, extension):
    return session(user_id, accept="*/*").get(
        f"{url}/@@thdtre-reports.{extension}", allow_redirects=False
    )


def workbook(response):
    return load_workbook(BytesIO(response.content))


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def by_unit(rows):
    return {row[0]: row for row in rows[1:]}


class TestXlsx:
    def test_a_spreadsheet_named_after_the_plan(self, site, plans):
        response = export(approver(PROVINCE), plans["2024"], "xlsx")

        assert response.status_code == 200, response.text
        assert response.headers["Content-Type"] == XLSX
        assert (
            'filename="bao-cao-26-KH-UBND.xlsx"'
            in response.headers["Content-Disposition"]
        )
        assert workbook(response).sheetnames == ["Tổng hợp", "Các báo cáo"]

    def test_the_summary_sheet_has_vietnamese_headers_and_the_values(self, site, plans):
        sheet = workbook(export(approver(PROVINCE), plans["2024"], "xlsx"))["Tổng hợp"]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]

        assert rows[0][:8] == HEADERS + STANDARD_VI
        assert len(rows[0]) == 5 + 7
        units = by_unit(rows)
        fund = rows[0].index("Số tiền vận động cho Quỹ Bảo trợ trẻ em (đồng)")
        assert units[ON_TIME_UNIT][1:5] == ["12/KH-STP", 1, "Đã duyệt, đúng hạn", 0]
        assert units[ON_TIME_UNIT][5] == 35
        assert units[ON_TIME_UNIT][fund] == 1_250_000
        assert units[LATE_UNIT][3:5] == ["Đã duyệt, muộn", 3]
        assert units[MISSING_UNIT][3] == "Chưa báo cáo"
        assert units[MISSING_UNIT][5:] == [None] * 7
        assert units[TOTAL][5] == 45
        assert units[TOTAL][fund] == 3_250_000

    def test_numbers_stay_numbers_with_a_thousands_format(self, site, plans):
        sheet = workbook(export(approver(PROVINCE), plans["2024"], "xlsx"))["Tổng hợp"]
        cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
        figure = next(c for c in cells if c.value == 1_250_000)

        assert figure.data_type == "n"
        assert figure.number_format == "#,##0"
        assert all(cell.font.bold for cell in sheet[1])

    def test_the_reports_sheet_lists_every_report(self, site, plans):
        sheet = workbook(export(approver(PROVINCE), plans["2024"], "xlsx"))[
            "Các báo cáo"
        ]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]

        assert rows[0][:5] == [
            "Đơn vị",
            "Kế hoạch",
            "Báo cáo",
            "Tình trạng",
            "Ngày gửi",
        ]
        units = by_unit(rows)
        assert set(units) == {ON_TIME_UNIT, LATE_UNIT}  # the missing unit has none
        assert units[ON_TIME_UNIT][3] == "Đã phê duyệt"  # not the workflow's id
        assert units[ON_TIME_UNIT][4] == "2024-07-20"
        assert units[LATE_UNIT][4] == "2024-07-25"
        assert units[LATE_UNIT][5] == 10

    def test_a_configured_year_exports_its_own_indicators(self, site, plans):
        sheet = workbook(export(approver(PROVINCE), plans["2025"], "xlsx"))["Tổng hợp"]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]

        assert rows[0] == HEADERS + [
            "Trẻ em được hỗ trợ",
            "Quỹ vận động (đồng)",
            TREES,
        ]
        assert by_unit(rows)[TOTAL][5:] == [45, 3_250_000, 1_150]


class TestCsv:
    def test_utf8_with_a_bom_for_excel(self, site, plans):
        response = export(approver(PROVINCE), plans["2024"], "csv")

        assert response.status_code == 200, response.text
        assert response.headers["Content-Type"].startswith("text/csv")
        assert "charset=utf-8" in response.headers["Content-Type"]
        assert (
            'filename="bao-cao-26-KH-UBND.csv"'
            in (response.headers["Content-Disposition"])
        )
        assert response.content.startswith(b"\xef\xbb\xbf")
        # Once: the header row starts right after it.
        assert response.content[3:].startswith("Đơn vị".encode())

    def test_vietnamese_headers_and_numbers_like_1_250_000(self, site, plans):
        rows = csv_rows(export(approver(PROVINCE), plans["2024"], "csv"))

        assert rows[0][:8] == HEADERS + STANDARD_VI
        units = by_unit(rows)
        fund = rows[0].index("Số tiền vận động cho Quỹ Bảo trợ trẻ em (đồng)")
        assert units[ON_TIME_UNIT][fund] == "1.250.000"
        assert units[LATE_UNIT][fund] == "2.000.000"
        assert units[TOTAL][fund] == "3.250.000"
        assert units[ON_TIME_UNIT][3:6] == ["Đã duyệt, đúng hạn", "0", "35"]
        assert units[MISSING_UNIT][5:] == [""] * 7

    def test_a_configured_year(self, site, plans):
        rows = csv_rows(export(approver(PROVINCE), plans["2025"], "csv"))

        assert rows[0][5:] == ["Trẻ em được hỗ trợ", "Quỹ vận động (đồng)", TREES]
        assert by_unit(rows)[TOTAL][5:] == ["45", "3.250.000", "1.150"]


class TestWhoMayExport:
    @pytest.mark.parametrize("extension", ["xlsx", "csv"])
    @pytest.mark.parametrize("user_id", ["publisher", "siteadmin"])
    def test_publishers_and_administrators(self, site, plans, user_id, extension):
        assert export(user_id, plans["2024"], extension).status_code == 200

    @pytest.mark.parametrize("extension", ["xlsx", "csv"])
    @pytest.mark.parametrize(
        "user_id", [editor(PROVINCE), editor(KHCN), approver(KHCN), None]
    )
    def test_nobody_else_even_when_the_summary_is_public(
        self, site, plans, user_id, extension
    ):
        response = export(user_id, plans["2025"], extension)

        assert refused(user_id, response), response.status_code
        assert ON_TIME_UNIT.encode() not in response.content
        assert b"1.250.000" not in response.content
