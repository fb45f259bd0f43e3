"""GET <plan>/@thdtre-report-summary over HTTP, and who may see what.

Department approvers of the plan, publishers and administrators see everything;
anyone else sees the totals of a published plan whose public summary is on, and
nothing otherwise.
"""

from datetime import date
from reports_world import approver
from reports_world import DEADLINE
from reports_world import editor
from reports_world import KHCN
from reports_world import LATE_UNIT
from reports_world import MISSING_UNIT
from reports_world import ON_TIME_UNIT
from reports_world import PROVINCE
from reports_world import results_world
from reports_world import rows_by_unit
from reports_world import session
from reports_world import sync

import pytest
import transaction


DENIED = (401, 403)
PUBLIC_KEYS = {"@id", "plan", "deadline", "metrics", "totals", "counts"}
# Who may see the full summary of the province plan (department ubnd-tinh).
MAY_SEE = {
    approver(PROVINCE): True,
    "publisher": True,
    "siteadmin": True,
    editor(PROVINCE): False,
    editor(KHCN): False,  # a unit's editor
    approver(KHCN): False,  # a unit's approver
    None: False,
}


@pytest.fixture(scope="class")
def plans(fworld):
    created = {
        "draft": results_world(state="draft"),
        "published": results_world(state="published"),
        "public": results_world(state="published", public_summary=True),
    }
    transaction.commit()
    return {key: plan.absolute_url() for key, plan in created.items()}


def summary_of(user_id, url):
    return session(user_id).get(f"{url}/@thdtre-report-summary")


class TestFullSummary:
    def test_the_approver_gets_rows_totals_missing_and_deadline(self, site, plans):
        response = summary_of(approver(PROVINCE), plans["published"])

        assert response.status_code == 200, response.text
        data = response.json()
        assert data["@id"] == f"{plans['published']}/@thdtre-report-summary"
        assert data["deadline"] == "2024-07-22"
        assert data["plan"]["document_number"] == "26/KH-UBND"
        rows = rows_by_unit(data)
        assert set(rows) == {ON_TIME_UNIT, LATE_UNIT, MISSING_UNIT}
        assert rows[ON_TIME_UNIT]["status"] == "approved_on_time"
        assert rows[LATE_UNIT]["status"] == "approved_late"
        assert rows[LATE_UNIT]["days_late"] == 3
        assert rows[MISSING_UNIT]["status"] == "missing"
        assert rows[MISSING_UNIT]["days_late"] == (date.today() - DEADLINE).days
        assert data["missing"] == [MISSING_UNIT]
        assert data["totals"]["children_supported"] == 45
        assert data["totals"]["fund_raised_vnd"] == 3_250_000
        assert data["totals_per_level"]["1"]["children_supported"] == 45
        assert data["counts"]["missing"] == 1

    def test_the_approver_sees_the_rows_of_a_draft_plan_too(self, site, plans):
        response = summary_of(approver(PROVINCE), plans["draft"])

        assert response.status_code == 200, response.text
        assert len(response.json()["rows"]) == 3

    @pytest.mark.parametrize(
        "user_id,allowed", MAY_SEE.items(), ids=lambda v: str(v) if v else "anon"
    )
    def test_who_sees_the_summary_of_a_plan_without_public_summary(
        self, site, plans, user_id, allowed
    ):
        response = summary_of(user_id, plans["published"])

        if allowed:
            assert response.status_code == 200, response.text
            assert len(response.json()["rows"]) == 3
        else:
            assert response.status_code in DENIED, response.text
            assert ON_TIME_UNIT not in response.text
            assert "1250000" not in response.text


class TestPublicSummary:
    def test_anonymous_gets_401_on_an_unpublished_plan(self, site, plans):
        assert summary_of(None, plans["draft"]).status_code == 401

    def test_anonymous_gets_401_when_the_public_summary_is_off(self, site, plans):
        assert summary_of(None, plans["published"]).status_code == 401

    def test_anonymous_gets_only_the_totals_of_a_public_plan(self, site, plans):
        response = summary_of(None, plans["public"])

        assert response.status_code == 200, response.text
        data = response.json()
        assert set(data) == PUBLIC_KEYS
        assert data["totals"]["children_supported"] == 45
        assert data["totals"]["fund_raised_vnd"] == 3_250_000
        assert data["deadline"] == "2024-07-22"
        # No unit, no report, no row: only figures.
        for unit in (ON_TIME_UNIT, LATE_UNIT, MISSING_UNIT):
            assert unit not in response.text
        assert "/bao-cao" not in response.text

    def test_a_units_editor_also_gets_only_the_totals(self, site, plans):
        response = summary_of(editor(KHCN), plans["public"])

        assert response.status_code == 200, response.text
        assert set(response.json()) == PUBLIC_KEYS

    def test_switching_the_public_summary_off_takes_the_totals_away(self, site, plans):
        plan = site.unrestrictedTraverse(
            plans["public"][len(site.absolute_url()) + 1 :]
        )
        plan.public_summary = False
        transaction.commit()
        try:
            assert summary_of(None, plans["public"]).status_code == 401
        finally:
            sync(site)
            plan.public_summary = True
            transaction.commit()
