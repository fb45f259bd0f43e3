"""Remind units that have not reported: N days before the deadline and the day after.

Idempotent: each reminder (plan, unit, kind) is recorded when sent, so running
the job twice a day sends nothing twice. The dashboard's "Gửi nhắc" reminds the
units now, once a day per unit (a unit reminded today, by hand or by the job, is
not reminded again that day). Run it from cron through the instance:
``bin/zconsole run etc/zope.conf scripts/send_reminders.py``.
"""

from BTrees.OOBTree import OOBTree
from collective.thdtre import _
from collective.thdtre.dates import site_today
from collective.thdtre.departments import editors_group
from collective.thdtre.errors import ThdtreError
from collective.thdtre.interfaces import IThdtreSettings
from collective.thdtre.reports.summary import report_summary
from datetime import date
from datetime import timedelta
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate

import logging


logger = logging.getLogger(__name__)
KEY = "collective.thdtre.reminders"
NOT_REPORTED = ("missing", "draft")


def _sent():
    annotations = IAnnotations(api.portal.get())
    if KEY not in annotations:
        annotations[KEY] = OOBTree()
    return annotations[KEY]


def _kind(deadline, today, days_before):
    if today == deadline - timedelta(days=days_before):
        return "before"
    if today == deadline + timedelta(days=1):
        return "after"
    return None


def _recipients(unit_plan_url):
    plan = api.content.get(path=unit_plan_url[len(api.portal.get().absolute_url()) :])
    department = getattr(plan, "department", None) if plan is not None else None
    if not department or api.group.get(groupname=editors_group(department)) is None:
        return []
    users = api.user.get_users(groupname=editors_group(department))
    return sorted({u.getProperty("email") for u in users if u.getProperty("email")})


def _reminded_today(sent, plan, row, today) -> bool:
    """True when the unit was reminded of ``plan`` today, by the job or by hand."""
    prefix = f"{plan.UID()}|{row['plan']['@id']}|"
    return any(
        value == today.isoformat()
        for value in sent.values(min=prefix, max=prefix + "\uffff")
    )


def _remind(plan, row, kind, today, language) -> dict:
    """Mail the unit's editors about its missing report; return what was sent."""
    mapping = {
        "number": plan.document_number,
        "deadline": plan.report_deadline.strftime("%d/%m/%Y"),
        "unit": row["unit"],
    }
    subject = (
        _("Results report due on ${deadline}", mapping=mapping)
        if kind != "after"
        else _("Results report overdue since ${deadline}", mapping=mapping)
    )
    body = _(
        "${unit} has not yet sent its results report on plan ${number}; "
        "the deadline is ${deadline}.",
        mapping=mapping,
    )
    recipients = _recipients(row["plan"]["@id"])
    for recipient in recipients:
        try:
            api.portal.send_email(
                recipient=recipient,
                subject=translate(subject, target_language=language),
                body=translate(body, target_language=language),
                immediate=False,
            )
        except ValueError as error:
            logger.warning("Reminder not sent to %s: %s", recipient, error)
    entry = {
        "plan": plan.document_number,
        "unit": row["unit"],
        "kind": kind,
        "recipients": recipients,
    }
    logger.info(
        "Reminder %(kind)s sent for %(unit)s on %(plan)s to %(recipients)s", entry
    )
    return entry


def send_reminders(*, today: date | None = None) -> list[dict]:
    """Send the reminders due today; return what was sent."""
    today = today or site_today()
    days_before = api.portal.get_registry_record(
        "reminder_days", interface=IThdtreSettings, default=7
    )
    sent, done = _sent(), []
    language = api.portal.get_default_language()
    with api.env.adopt_roles(["Manager"]):
        for brain in api.content.find(portal_type="Plan", unrestricted=True):
            plan = brain._unrestrictedGetObject()
            if not plan.report_deadline:
                continue
            kind = _kind(plan.report_deadline, today, days_before)
            if kind is None:
                continue
            for row in report_summary(plan, today=today, unrestricted=True)["rows"]:
                key = f"{plan.UID()}|{row['plan']['@id']}|{kind}|{plan.report_deadline}"
                if row["status"] not in NOT_REPORTED or key in sent:
                    continue
                # Reminded by hand ("Gửi nhắc") today already: not twice a day.
                if not _reminded_today(sent, plan, row, today):
                    done.append(_remind(plan, row, kind, today, language))
                sent[key] = today.isoformat()
    return done


def send_reminders_now(plan, *, today: date | None = None) -> dict:
    """Remind now ("Gửi nhắc") the units of ``plan`` that have not reported and
    that the current user may see; at most once a day per unit.

    Returns ``{"sent": [...], "already": [units], "reported": bool, "listed": n}``.
    """
    today = today or site_today()
    if not plan.report_deadline:
        raise ThdtreError(
            _(
                "Set the plan's report deadline first: reminders tell the units "
                "the date."
            )
        )
    kind = "now" if today <= plan.report_deadline else "after"
    listed = report_summary(plan, today=today)["rows"]
    rows = [row for row in listed if row["status"] in NOT_REPORTED]
    sent, done, already = _sent(), [], []
    language = api.portal.get_default_language()
    for row in rows:
        if _reminded_today(sent, plan, row, today):
            already.append(row["unit"])
            continue
        with api.env.adopt_roles(["Manager"]):
            done.append(_remind(plan, row, kind, today, language))
        sent[f"{plan.UID()}|{row['plan']['@id']}|now|{today}"] = today.isoformat()
    return {
        "sent": done,
        "already": already,
        "reported": bool(listed) and not rows,
        "listed": len(listed),
    }
