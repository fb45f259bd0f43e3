"""Who may see a plan's results: the full summary or, when public, the totals."""

from collective.thdtre.reports.summary import report_summary
from plone import api
from zExceptions import Unauthorized


PERMISSION = "collective.thdtre: View reports"


def visible_summary(plan) -> dict:
    """The summary the current user may see; ``Unauthorized`` when none."""
    if api.user.has_permission(PERMISSION, obj=plan):
        return report_summary(plan)
    if getattr(plan, "public_summary", False):
        summary = report_summary(plan)
        return {
            key: summary[key]
            for key in ("@id", "plan", "deadline", "metrics", "totals", "counts")
        }
    raise Unauthorized("You may not see the results reports of this plan.")
