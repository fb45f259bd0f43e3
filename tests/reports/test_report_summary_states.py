"""Who has reported on a plan, who is late, and the totals: report_summary.

The province plan 26/KH-UBND asks for reports by 22/07/2024. Five units
implement it, one in each state; a district plan implements one of them (level 2).
"""

from collective.thdtre.reports.summary import report_summary
from datetime import date
from reports_world import add_report
from reports_world import DEADLINE
from reports_world import KHCN
from reports_world import LDTBXH
from reports_world import make_plan
from reports_world import province_plan
from reports_world import rows_by_unit
from reports_world import STP
from reports_world import unit_plan

import pytest


TODAY = date(2024, 7, 30)  # eight days after the deadline
ON_TIME = "SỞ TƯ PHÁP"
LATE = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
SUBMITTED = "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
DRAFT = "SỞ Y TẾ"
MISSING = "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
DISTRICT = "UBND HUYỆN LẠNG GIANG"


@pytest.fixture(scope="class")
def scenario(iworld):
    province = province_plan()
    on_time = unit_plan(province, department=STP, issuing_body=ON_TIME, number=12)
    add_report(
        on_time,
        state="approved",
        submitted_date=date(2024, 7, 20),
        children_supported=35,
        gifts=40,
        fund_raised_vnd=1_250_000,
    )
    late = unit_plan(province, department=KHCN, issuing_body=LATE, number=63)
    add_report(
        late,
        state="approved",
        submitted_date=date(2024, 7, 25),
        children_supported=10,
        fund_raised_vnd=500_000,
    )
    submitted = unit_plan(
        province, department=LDTBXH, issuing_body=SUBMITTED, number=40
    )
    add_report(submitted, state="pending", children_supported=1000, gifts=1000)
    draft = unit_plan(province, department=STP, issuing_body=DRAFT, number=13)
    add_report(draft, state="draft", children_supported=2000)
    unit_plan(province, department=KHCN, issuing_body=MISSING, number=64)
    # Level 2: a district plan implementing the on-time unit's plan.
    district = make_plan(
        department=STP,
        title="Kế hoạch của huyện Lạng Giang",
        implements=[on_time],
        number=5,
        symbol="KH-UBND",
        issuing_body=DISTRICT,
    )
    add_report(
        district,
        state="approved",
        submitted_date=date(2024, 7, 21),
        children_supported=7,
        gifts=3,
    )
    # Not implementing the province plan: never a row.
    make_plan(department=STP, title="Kế hoạch khác", issuing_body="SỞ KHÁC")
    return report_summary(province, today=TODAY, unrestricted=True), province


class TestStates:
    def test_every_implementing_plan_is_a_row(self, scenario):
        summary, _province = scenario
        assert set(rows_by_unit(summary)) == {
            ON_TIME,
            LATE,
            SUBMITTED,
            DRAFT,
            MISSING,
            DISTRICT,
        }

    def test_approved_before_the_deadline_is_on_time(self, scenario):
        row = rows_by_unit(scenario[0])[ON_TIME]
        assert row["status"] == "approved_on_time"
        assert row["days_late"] == 0
        assert row["submitted_date"] == "2024-07-20"
        assert row["report"].endswith(
            "/thuc-hien-thang-hanh-dong-vi-tre-em-so-tu-phap/bao-cao"
        )
        assert row["plan"]["document_number"] == "12/KH-STP"

    def test_approved_after_the_deadline_is_late_by_the_days_after_it(self, scenario):
        row = rows_by_unit(scenario[0])[LATE]
        assert row["status"] == "approved_late"
        assert row["days_late"] == 3  # 25/7 against 22/7
        assert row["submitted_date"] == "2024-07-25"

    def test_pending_is_submitted(self, scenario):
        row = rows_by_unit(scenario[0])[SUBMITTED]
        assert row["status"] == "submitted"
        assert row["days_late"] == (TODAY - DEADLINE).days
        assert row["metrics"] == {}  # not approved: its figures are not shown

    def test_draft_is_draft(self, scenario):
        row = rows_by_unit(scenario[0])[DRAFT]
        assert row["status"] == "draft"
        assert row["days_late"] == 8
        assert row["submitted_date"] is None

    def test_no_report_is_missing_and_late_after_the_deadline(self, scenario):
        summary, _province = scenario
        row = rows_by_unit(summary)[MISSING]
        assert row["status"] == "missing"
        assert row["report"] is None
        assert row["days_late"] == 8
        assert summary["missing"] == [MISSING]

    def test_nobody_is_late_before_the_deadline(self, scenario):
        _summary, province = scenario
        rows = rows_by_unit(
            report_summary(province, today=date(2024, 7, 22), unrestricted=True)
        )
        assert rows[MISSING]["status"] == "missing"
        assert rows[MISSING]["days_late"] == 0
        assert rows[DRAFT]["days_late"] == 0
        # The approved reports keep their own dates.
        assert rows[LATE]["days_late"] == 3

    def test_counts_per_state(self, scenario):
        assert scenario[0]["counts"] == {
            "approved_on_time": 2,  # the district too
            "approved_late": 1,
            "submitted": 1,
            "draft": 1,
            "missing": 1,
        }

    def test_deadline_and_plan(self, scenario):
        summary, province = scenario
        assert summary["deadline"] == "2024-07-22"
        assert summary["plan"]["document_number"] == "26/KH-UBND"
        assert summary["@id"] == (f"{province.absolute_url()}/@thdtre-report-summary")


class TestRecursion:
    def test_a_plan_implementing_an_implementing_plan_is_level_2(self, scenario):
        rows = rows_by_unit(scenario[0])
        assert rows[DISTRICT]["level"] == 2
        assert rows[DISTRICT]["status"] == "approved_on_time"
        assert {rows[unit]["level"] for unit in (ON_TIME, LATE, MISSING)} == {1}

    def test_level_1_comes_before_level_2(self, scenario):
        levels = [row["level"] for row in scenario[0]["rows"]]
        assert levels == sorted(levels)

    def test_the_unit_plan_sees_only_its_own_implementers(self, scenario):
        _summary, province = scenario
        on_time = rows_by_unit(scenario[0])[ON_TIME]
        plan = province.unrestrictedTraverse(
            on_time["plan"]["@id"][len(province.portal_url()) + 1 :]
        )
        summary = report_summary(plan, today=TODAY, unrestricted=True)
        assert [(r["unit"], r["level"]) for r in summary["rows"]] == [(DISTRICT, 1)]


class TestTotals:
    def test_totals_count_approved_reports_only(self, scenario):
        totals = scenario[0]["totals"]
        # 35 (on time) + 10 (late) + 7 (district); not 1000 (pending), 2000 (draft).
        assert totals["children_supported"] == 52
        assert totals["gifts"] == 43
        assert totals["fund_raised_vnd"] == 1_750_000
        assert totals["participants"] == 0

    def test_totals_per_level(self, scenario):
        per_level = scenario[0]["totals_per_level"]
        assert per_level["1"]["children_supported"] == 45
        assert per_level["2"]["children_supported"] == 7
        assert per_level["2"]["fund_raised_vnd"] == 0

    def test_rows_of_approved_reports_carry_their_figures(self, scenario):
        rows = rows_by_unit(scenario[0])
        assert rows[ON_TIME]["metrics"]["fund_raised_vnd"] == 1_250_000
        assert rows[ON_TIME]["metrics"]["participants"] == 0
        assert rows[MISSING]["metrics"] == {}

    def test_the_standard_metrics_when_the_year_is_not_configured(self, scenario):
        assert [m["id"] for m in scenario[0]["metrics"]] == [
            "children_supported",
            "gifts",
            "gift_value_vnd",
            "fund_raised_vnd",
            "communication_items",
            "events_held",
            "participants",
        ]


class TestOneUnitTwoReports:
    def test_the_approved_report_counts_and_a_draft_does_not_hide_it(self, world):
        province = province_plan()
        unit = unit_plan(province, department=KHCN, issuing_body=LATE, number=63)
        add_report(unit, state="approved", submitted_date=date(2024, 7, 1), gifts=5)
        add_report(unit, state="draft", gifts=500)

        summary = report_summary(province, today=TODAY, unrestricted=True)

        (row,) = summary["rows"]
        assert row["status"] == "approved_on_time"
        assert summary["totals"]["gifts"] == 5

    def test_approving_sets_the_date_submitted_to_today(self, world):
        province = province_plan()
        unit = unit_plan(province, department=KHCN, issuing_body=LATE, number=63)
        add_report(unit, state="approved", gifts=5)

        (row,) = report_summary(province, today=TODAY, unrestricted=True)["rows"]

        assert row["submitted_date"] == date.today().isoformat()
        assert row["status"] == "approved_late"  # today is long after 2024
        assert row["days_late"] == (date.today() - DEADLINE).days
