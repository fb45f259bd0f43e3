"""The report summary checks the viewer's rights on the catalog's records as
Plone's restricted search does: besides the roles (allowedRolesAndUsers, see
test_hardening_summaries.py), a published plan whose expiration date has passed
is left out for whoever may not see inactive content, and kept for a Manager and
for the trusted jobs (``unrestricted``)."""

from collective.thdtre.reports.summary import report_summary
from DateTime import DateTime
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from reports_world import approver
from reports_world import KHCN
from reports_world import PROVINCE
from reports_world import province_plan
from reports_world import STP
from reports_world import unit_plan


CURRENT = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
EXPIRED = "SỞ TƯ PHÁP (HẾT HIỆU LỰC)"


def units(summary):
    return sorted(row["unit"] for row in summary["rows"])


def test_an_expired_plan_is_left_out_for_those_who_may_not_see_it(world):
    province = province_plan(state="published")
    unit_plan(
        province, department=KHCN, issuing_body=CURRENT, number=5, state="published"
    )
    expired = unit_plan(
        province, department=STP, issuing_body=EXPIRED, number=6, state="published"
    )
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        expired.setExpirationDate(DateTime() - 2)
        expired.reindexObject()

    with api.env.adopt_user(username=approver(PROVINCE)):
        assert units(report_summary(province)) == [CURRENT]
        assert units(report_summary(province, unrestricted=True)) == sorted(
            [CURRENT, EXPIRED]
        )
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        assert units(report_summary(province)) == sorted([CURRENT, EXPIRED])
