"""@@thdtre-dashboard: the rows, the totals and SVG bar charts with text
alternatives, for the plan's approvers, publishers and administrators only."""

from lxml import html as lxml_html
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

import pytest
import transaction


MAY_SEE = {
    approver(PROVINCE): True,
    "publisher": True,
    "siteadmin": True,
    editor(PROVINCE): False,
    editor(KHCN): False,  # the editor of a unit that implements the plan
    approver(KHCN): False,
}


@pytest.fixture(scope="class")
def plans(fworld):
    created = {
        "published": results_world(state="published"),
        "public": results_world(state="published", public_summary=True),
    }
    transaction.commit()
    return {key: plan.absolute_url() for key, plan in created.items()}


def dashboard(user_id, url):
    return session(user_id, accept="text/html").get(
        f"{url}/@@thdtre-dashboard", allow_redirects=False
    )


def svgs(text):
    """The charts (Plone's own icons are inline SVG too)."""
    return lxml_html.fromstring(text).xpath(
        "//section[contains(@class, 'thdtre-charts')]//svg"
    )


class TestDashboard:
    def test_the_approver_sees_every_unit_and_its_state(self, site, plans):
        response = dashboard(approver(PROVINCE), plans["published"])

        assert response.status_code == 200, response.text
        document = lxml_html.fromstring(response.text)
        (table,) = document.xpath("//table[contains(@class, 'thdtre-report-rows')]")
        rows = {
            tr.xpath("./td[1]")[0].text_content(): [
                td.text_content().strip() for td in tr.xpath("./td")
            ]
            for tr in table.xpath("./tbody/tr")
        }
        assert set(rows) == {ON_TIME_UNIT, LATE_UNIT, MISSING_UNIT}
        assert rows[ON_TIME_UNIT][1] == "12/KH-STP"
        assert rows[ON_TIME_UNIT][3] == "Approved on time"
        assert rows[LATE_UNIT][3] == "Approved late"
        assert rows[LATE_UNIT][4] == "3"
        assert rows[MISSING_UNIT][3] == "Missing"
        # Figures with the Vietnamese thousands separator; none for a missing unit.
        assert "1.250.000" in rows[ON_TIME_UNIT]
        assert set(rows[MISSING_UNIT][5:]) == {"–"}
        footer = [td.text_content() for td in table.xpath("./tfoot/tr/td")]
        assert "3.250.000" in footer  # 1.250.000 + 2.000.000

    def test_bar_charts_are_svg_with_a_title(self, site, plans):
        response = dashboard(approver(PROVINCE), plans["published"])

        charts = svgs(response.text)
        assert charts, "no <svg> on the dashboard"
        titles = [svg.xpath("./title")[0].text_content() for svg in charts]
        assert "Children supported" in titles
        for svg in charts:
            assert svg.get("role") == "img"
            assert svg.get("aria-label") == svg.xpath("./title")[0].text_content()
        children = charts[titles.index("Children supported")]
        labels = [t.text_content() for t in children.xpath(".//text")]
        # One bar per approved report: unit and value, readable without JavaScript.
        assert labels == [ON_TIME_UNIT, "35", LATE_UNIT, "10"]
        assert len(children.xpath(".//rect")) == 2

    def test_export_links(self, site, plans):
        text = dashboard(approver(PROVINCE), plans["published"]).text

        assert "@@thdtre-reports.xlsx" in text
        assert "@@thdtre-reports.csv" in text

    @pytest.mark.parametrize("user_id,allowed", MAY_SEE.items())
    def test_who_sees_the_dashboard(self, site, plans, user_id, allowed):
        response = dashboard(user_id, plans["published"])

        if allowed:
            assert response.status_code == 200, response.status_code
            assert svgs(response.text)
        else:
            assert refused(user_id, response), response.status_code
            assert ON_TIME_UNIT not in response.text
            assert not svgs(response.text)

    def test_anonymous_is_sent_to_log_in_when_the_summary_is_not_public(
        self, site, plans
    ):
        response = dashboard(None, plans["published"])

        assert refused(None, response), response.status_code
        assert ON_TIME_UNIT not in response.text


class TestPublicDashboard:
    def test_anonymous_sees_the_totals_only(self, site, plans):
        response = dashboard(None, plans["public"])

        assert response.status_code == 200, response.status_code
        assert "3.250.000" in response.text
        for unit in (ON_TIME_UNIT, LATE_UNIT, MISSING_UNIT):
            assert unit not in response.text
        assert not svgs(response.text)
        assert "@@thdtre-reports" not in response.text

    def test_the_approver_still_sees_everything(self, site, plans):
        response = dashboard(approver(PROVINCE), plans["public"])

        assert response.status_code == 200
        assert ON_TIME_UNIT in response.text
        assert svgs(response.text)
