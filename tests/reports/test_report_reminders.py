"""Reminders: N days before the deadline and the day after, to the editors of the
units that have not reported, once.

Deadline 22/07/2024, N = 7 by default: the reminder days are 15/07 and 23/07.
"""

from collective.thdtre.interfaces import IThdtreSettings
from collective.thdtre.reports.reminders import send_reminders
from datetime import date
from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from plone import api
from reports_world import add_report
from reports_world import approver
from reports_world import editor
from reports_world import email_of
from reports_world import KHCN
from reports_world import LDTBXH
from reports_world import province_plan
from reports_world import STP
from reports_world import transition
from reports_world import unit_plan
from reports_world import USERS

import logging
import pytest


BEFORE = date(2024, 7, 15)
AFTER = date(2024, 7, 23)
REPORTED = "SỞ TƯ PHÁP"
PENDING = "SỞ Y TẾ"
MISSING = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
DRAFT = "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"


@pytest.fixture
def units(world):
    """Four units: approved and pending (reported), missing and draft (not)."""
    province = province_plan()
    reported = unit_plan(province, department=STP, issuing_body=REPORTED, number=1)
    add_report(reported, state="approved", submitted_date=date(2024, 7, 1))
    pending = unit_plan(province, department=STP, issuing_body=PENDING, number=2)
    add_report(pending, state="pending")
    missing = unit_plan(province, department=KHCN, issuing_body=MISSING, number=3)
    draft = unit_plan(province, department=LDTBXH, issuing_body=DRAFT, number=4)
    draft_report = add_report(draft, state="draft")
    return {"province": province, "missing": missing, "draft": draft_report}


def mails(mailhost) -> list[dict]:
    result = []
    for raw in mailhost.messages:
        message = message_from_bytes(raw)
        result.append(
            {
                "to": message["To"],
                "subject": str(make_header(decode_header(message["Subject"]))),
                "body": message.get_payload(decode=True).decode("utf-8"),
            }
        )
    return sorted(result, key=lambda m: m["to"])


class TestBeforeTheDeadline:
    def test_the_editors_of_units_without_a_report_are_reminded(self, units, mailhost):
        sent = send_reminders(today=BEFORE)

        assert sorted((e["unit"], e["kind"]) for e in sent) == [
            (MISSING, "before"),
            (DRAFT, "before"),
        ]
        assert [m["to"] for m in mails(mailhost)] == [
            email_of(editor(KHCN)),
            email_of(editor(LDTBXH)),
        ]

    def test_the_mail_says_which_plan_and_when(self, units, mailhost):
        send_reminders(today=BEFORE)

        khcn = mails(mailhost)[0]
        assert khcn["subject"] == "Results report due on 22/07/2024"
        assert MISSING in khcn["body"]
        assert "26/KH-UBND" in khcn["body"]
        assert "22/07/2024" in khcn["body"]

    def test_only_the_departments_editors_get_it(self, units, mailhost):
        send_reminders(today=BEFORE)

        recipients = {m["to"] for m in mails(mailhost)}
        others = {email_of(u) for u in USERS} - {
            email_of(editor(KHCN)),
            email_of(editor(LDTBXH)),
        }
        assert recipients.isdisjoint(others)
        # Not the approvers of the reminded units, not the units that reported.
        assert email_of(approver(KHCN)) in others
        assert email_of(editor(STP)) in others

    def test_what_was_sent_is_logged(self, units, mailhost, caplog):
        with caplog.at_level(logging.INFO, logger="collective.thdtre.reports"):
            send_reminders(today=BEFORE)

        logged = [
            r.getMessage() for r in caplog.records if "Reminder" in r.getMessage()
        ]
        assert len(logged) == 2
        assert any(MISSING in line and editor(KHCN) in line for line in logged)

    def test_the_number_of_days_is_configurable(self, units, mailhost):
        api.portal.set_registry_record("reminder_days", 3, interface=IThdtreSettings)

        assert send_reminders(today=BEFORE) == []
        assert len(send_reminders(today=date(2024, 7, 19))) == 2
        assert len(mailhost.messages) == 2


class TestAfterTheDeadline:
    def test_the_day_after_the_units_still_missing_are_reminded(self, units, mailhost):
        sent = send_reminders(today=AFTER)

        assert {(e["unit"], e["kind"]) for e in sent} == {
            (DRAFT, "after"),
            (MISSING, "after"),
        }
        overdue = mails(mailhost)
        assert [m["to"] for m in overdue] == [
            email_of(editor(KHCN)),
            email_of(editor(LDTBXH)),
        ]
        assert overdue[0]["subject"] == "Results report overdue since 22/07/2024"

    def test_a_unit_that_submitted_meanwhile_is_not_reminded_again(
        self, units, mailhost
    ):
        send_reminders(today=BEFORE)
        transition(editor(LDTBXH), units["draft"], "submit")
        mailhost.reset()

        sent = send_reminders(today=AFTER)

        assert [e["unit"] for e in sent] == [MISSING]
        assert [m["to"] for m in mails(mailhost)] == [email_of(editor(KHCN))]


class TestIdempotent:
    def test_a_second_run_the_same_day_sends_nothing(self, units, mailhost):
        assert len(send_reminders(today=BEFORE)) == 2
        assert len(mailhost.messages) == 2

        assert send_reminders(today=BEFORE) == []
        assert len(mailhost.messages) == 2

    def test_the_after_reminder_is_sent_once_too(self, units, mailhost):
        send_reminders(today=BEFORE)
        assert len(send_reminders(today=AFTER)) == 2
        assert send_reminders(today=AFTER) == []
        assert len(mailhost.messages) == 4

    @pytest.mark.parametrize(
        "today",
        [date(2024, 7, 14), date(2024, 7, 16), date(2024, 7, 22), date(2024, 7, 24)],
        ids=["day before N", "day after N", "deadline", "two days after"],
    )
    def test_a_day_that_is_no_reminder_day_sends_nothing(self, units, mailhost, today):
        assert send_reminders(today=today) == []
        assert mailhost.messages == []

    def test_a_plan_without_a_deadline_reminds_nobody(self, units, mailhost):
        units["province"].report_deadline = None

        assert send_reminders(today=BEFORE) == []
        assert mailhost.messages == []
