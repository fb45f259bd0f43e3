"""A year's indicators come from the control panel, so a new indicator needs no code.

2025 is configured with a non-standard indicator, ``trees_planted``, whose
figures a report keeps in ``extra_metrics``; 2024 is not configured and uses
the seven standard indicators.
"""

from collective.thdtre.content.report import METRICS
from collective.thdtre.interfaces import IThdtreSettings
from collective.thdtre.reports.metrics import metrics_for
from collective.thdtre.reports.summary import report_summary
from datetime import date
from plone import api
from reports_world import add_report
from reports_world import KHCN
from reports_world import province_plan
from reports_world import rows_by_unit
from reports_world import set_metrics
from reports_world import STP
from reports_world import unit_plan

import pytest


STANDARD = [name for name, _title in METRICS]
CONFIGURED_2025 = {
    "2025": [
        {"id": "children_supported", "title": "Trẻ em được hỗ trợ"},
        {"id": "trees_planted", "title": "Cây xanh được trồng"},
    ]
}


class TestMetricsFor:
    def test_a_year_not_configured_uses_the_standard_list(self, portal):
        set_metrics(CONFIGURED_2025)

        metrics = metrics_for(2024)

        assert [m["id"] for m in metrics] == STANDARD
        assert metrics[0]["title"] == "Children supported"

    def test_without_configuration_every_year_is_standard(self, portal):
        assert [m["id"] for m in metrics_for(2025)] == STANDARD
        assert [m["id"] for m in metrics_for(None)] == STANDARD

    def test_a_configured_year_uses_its_own_list(self, portal):
        set_metrics(CONFIGURED_2025)

        assert metrics_for(2025) == CONFIGURED_2025["2025"]

    def test_a_title_defaults_to_the_id(self, portal):
        set_metrics({"2026": [{"id": "trees_planted"}]})

        assert metrics_for(2026) == [{"id": "trees_planted", "title": "trees_planted"}]

    @pytest.mark.parametrize("raw", ["not json", "[]", '{"2025": []}'])
    def test_an_unusable_record_falls_back_to_the_standard_list(self, portal, raw):
        api.portal.set_registry_record("metrics", raw, interface=IThdtreSettings)

        assert [m["id"] for m in metrics_for(2025)] == STANDARD


class TestSummaryOfAConfiguredYear:
    @pytest.fixture
    def summary(self, world):
        set_metrics(CONFIGURED_2025)
        province = province_plan(year=2025, report_deadline=date(2025, 7, 22))
        stp = unit_plan(
            province, department=STP, issuing_body="SỞ TƯ PHÁP", number=1, year=2025
        )
        add_report(
            stp,
            state="approved",
            submitted_date=date(2025, 7, 10),
            children_supported=20,
            gifts=99,
            extra_metrics={"trees_planted": 150},
        )
        khcn = unit_plan(
            province,
            department=KHCN,
            issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            number=2,
            year=2025,
        )
        add_report(
            khcn,
            state="approved",
            submitted_date=date(2025, 7, 11),
            children_supported=5,
            extra_metrics={"trees_planted": 1_000},
        )
        # A draft's trees are not counted.
        draft = unit_plan(
            province, department=STP, issuing_body="SỞ Y TẾ", number=3, year=2025
        )
        add_report(draft, state="draft", extra_metrics={"trees_planted": 7})
        return report_summary(province, today=date(2025, 7, 30), unrestricted=True)

    def test_the_configured_indicators_are_the_columns(self, summary):
        assert summary["metrics"] == CONFIGURED_2025["2025"]
        assert set(summary["totals"]) == {"children_supported", "trees_planted"}

    def test_the_custom_indicator_is_totalled_from_extra_metrics(self, summary):
        assert summary["totals"]["trees_planted"] == 1_150
        assert summary["totals"]["children_supported"] == 25
        assert summary["totals_per_level"]["1"]["trees_planted"] == 1_150

    def test_each_row_carries_its_custom_figure(self, summary):
        rows = rows_by_unit(summary)
        assert rows["SỞ TƯ PHÁP"]["metrics"] == {
            "children_supported": 20,
            "trees_planted": 150,
        }
        assert rows["SỞ Y TẾ"]["metrics"] == {}

    def test_a_plan_of_another_year_keeps_the_standard_list(self, summary, world):
        province = province_plan(year=2024)

        other = report_summary(province, today=date(2024, 7, 30), unrestricted=True)

        assert [m["id"] for m in other["metrics"]] == STANDARD
        assert "trees_planted" not in other["totals"]
