"""@@thdtre-dashboard for administrators: Vietnamese dates, the plan's own report,
an explanation when empty, labelled charts, and "Gửi nhắc" (send the reminders
now, once a day per unit)."""

from collective.thdtre.interfaces import IBrowserLayer
from datetime import date
from datetime import timedelta
from email import message_from_bytes
from lxml import html as lxml_html
from pathlib import Path
from plone import api
from plone.app.testing.utils import MockMailHost
from plone.protect.authenticator import createToken
from plone.registry.interfaces import IRegistry
from Products.MailHost.interfaces import IMailHost
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import Unauthorized
from zope.component import getUtility
from zope.interface import alsoProvides

import pytest
import sys


sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from reports_world import add_report  # noqa: E402
from reports_world import approver  # noqa: E402
from reports_world import editor  # noqa: E402
from reports_world import email_of  # noqa: E402
from reports_world import KHCN  # noqa: E402
from reports_world import LDTBXH  # noqa: E402
from reports_world import make_plan  # noqa: E402
from reports_world import PROVINCE  # noqa: E402
from reports_world import province_plan  # noqa: E402
from reports_world import set_metrics  # noqa: E402
from reports_world import setup_world  # noqa: E402
from reports_world import STP  # noqa: E402
from reports_world import unit_plan  # noqa: E402


REPORTED = "SỞ TƯ PHÁP"
MISSING = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
DRAFT = "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"


@pytest.fixture(scope="class")
def units(portal_class):
    """Built once per class: a province plan (deadline in ten days, the year's
    gifts indicator with its unit and target) with three published unit plans,
    and a province plan that no unit implements yet."""
    setup_world()
    alsoProvides(portal_class.REQUEST, IBrowserLayer)
    set_metrics(
        {"2024": [{"id": "gifts", "title": "Quà tặng", "unit": "suất", "target": 100}]}
    )
    deadline = date.today() + timedelta(days=10)
    province = province_plan(state="published", report_deadline=deadline)
    units = {"year": 2024, "state": "published"}
    reported = unit_plan(
        province, department=STP, issuing_body=REPORTED, number=1, **units
    )
    add_report(reported, state="approved", submitted_date=date(2024, 7, 5), gifts=40)
    unit_plan(province, department=KHCN, issuing_body=MISSING, number=2, **units)
    draft = unit_plan(
        province, department=LDTBXH, issuing_body=DRAFT, number=3, **units
    )
    add_report(draft, state="draft")
    empty = make_plan(
        department=PROVINCE, title="Kế hoạch chưa có đơn vị", state="published"
    )
    return {"province": province, "reported": reported, "empty": empty}


def _swap(portal, mailhost):
    sm = portal.getSiteManager()
    original = portal.MailHost.aq_base
    portal.MailHost = mailhost
    sm.unregisterUtility(provided=IMailHost)
    sm.registerUtility(mailhost, provided=IMailHost)
    return original


@pytest.fixture
def mailhost(units):
    world = api.portal.get()
    registry = getUtility(IRegistry)
    registry["plone.email_from_address"] = "noreply@example.org"
    mock = MockMailHost("MailHost")
    original = _swap(world, mock)
    yield mock
    _swap(world, original)


def render(plan, user_id, name="thdtre-dashboard"):
    with api.env.adopt_user(username=user_id):
        view = plan.restrictedTraverse(f"@@{name}")
        return lxml_html.fromstring(view())


def press_send(plan, user_id, *, token=True):
    """POST "Gửi nhắc" as ``user_id``; the status messages it leaves."""
    request = plan.REQUEST
    request.method = "POST"
    try:
        with api.env.adopt_user(username=user_id):
            request.form["_authenticator"] = createToken() if token else "forged"
            plan.restrictedTraverse("@@thdtre-send-reminders")()
    finally:
        request.method = "GET"
        request.form.clear()
        request.response.setStatus(200)
    return [m.message for m in IStatusMessage(request).show()]


class TestDashboardPage:
    def test_the_deadline_and_submission_dates_read_dd_mm_yyyy(self, units):
        page = render(units["province"], approver(PROVINCE))
        text = page.text_content()

        deadline = units["province"].report_deadline
        assert deadline.strftime("%d/%m/%Y") in text
        assert deadline.isoformat() not in text
        (table,) = page.xpath("//table[contains(@class, 'thdtre-report-rows')]")
        assert "05/07/2024" in table.text_content()
        assert "2024-07-05" not in table.text_content()

    def test_a_unit_plan_shows_its_own_report(self, units):
        page = render(units["reported"], approver(STP))

        (section,) = page.xpath("//section[contains(@class, 'thdtre-own-report')]")
        text = section.text_content()
        assert "Báo cáo kết quả của SỞ TƯ PHÁP" in text
        assert "05/07/2024" in text
        assert "40" in text  # its gifts
        assert "Quà tặng" in text

    def test_the_plan_without_a_report_shows_none(self, units):
        page = render(units["province"], approver(PROVINCE))

        assert not page.xpath("//section[contains(@class, 'thdtre-own-report')]")

    def test_no_implementing_plan_is_explained(self, units):
        page = render(units["empty"], approver(PROVINCE))

        (box,) = page.xpath("//div[contains(@class, 'thdtre-empty')]")
        text = box.text_content()
        assert "No unit's plan implements this plan yet" in text
        assert "What to do" in text
        assert "no report deadline" in text
        assert not page.xpath("//table[contains(@class, 'thdtre-report-rows')]")

    def test_a_plan_with_units_has_no_explanation(self, units):
        page = render(units["province"], approver(PROVINCE))

        assert not page.xpath("//div[contains(@class, 'thdtre-empty')]")

    def test_each_chart_is_a_figure_with_its_own_caption_and_axes(self, units):
        page = render(units["province"], approver(PROVINCE))

        (figure,) = page.xpath("//section[contains(@class, 'thdtre-charts')]//figure")
        (caption,) = figure.xpath("./figcaption")
        assert "Quà tặng" in caption.text_content()
        assert figure.get("aria-labelledby") == caption.get("id")
        (svg,) = figure.xpath(".//svg")
        # Axis titles around the chart, the unit of the indicator on the values.
        assert "Quà tặng (suất)" in figure.text_content()
        assert "Unit" in figure.text_content()
        # A text alternative: every bar's unit and value, read out with the image.
        alternative = page.get_element_by_id(svg.get("aria-describedby"))
        assert f"{REPORTED}: 40" in alternative.text_content()
        # The target is in the table's footer.
        (table,) = page.xpath("//table[contains(@class, 'thdtre-report-rows')]")
        assert "Target" in table.xpath("./tfoot")[0].text_content()


class TestSendReminders:
    def test_the_button_is_a_post_form_with_the_token(self, units):
        page = render(units["province"], approver(PROVINCE))

        (form,) = page.xpath("//form[contains(@action, '@@thdtre-send-reminders')]")
        assert form.get("method") == "post"
        assert form.xpath(".//input[@name='_authenticator']")

    def test_pressing_reminds_the_units_without_a_report_once_a_day(
        self, units, mailhost
    ):
        first = press_send(units["province"], approver(PROVINCE))

        recipients = sorted(message_from_bytes(m)["To"] for m in mailhost.messages)
        assert recipients == [
            email_of(editor(KHCN)),
            email_of(editor(LDTBXH)),
        ]
        assert any("Reminders sent now to 2 units" in m for m in first)

        second = press_send(units["province"], approver(PROVINCE))

        assert len(mailhost.messages) == 2  # nothing new
        assert any("already reminded today" in m for m in second)
        assert MISSING in " ".join(second)

    def test_a_forged_token_sends_nothing(self, units, mailhost):
        from zExceptions import Forbidden

        with pytest.raises(Forbidden):
            press_send(units["province"], approver(PROVINCE), token=False)
        assert mailhost.messages == []

    def test_a_get_sends_nothing(self, units, mailhost):
        from zExceptions import MethodNotAllowed

        with api.env.adopt_user(username=approver(PROVINCE)):
            view = units["province"].restrictedTraverse("@@thdtre-send-reminders")
            with pytest.raises(MethodNotAllowed):
                view()
        assert mailhost.messages == []

    @pytest.mark.parametrize("user_id", [editor(PROVINCE), editor(KHCN)])
    def test_editors_are_refused(self, units, mailhost, user_id):
        with pytest.raises(Unauthorized):
            press_send(units["province"], user_id)
        assert mailhost.messages == []
        page = render(units["province"], approver(PROVINCE))
        assert page.xpath("//form[contains(@action, '@@thdtre-send-reminders')]")
