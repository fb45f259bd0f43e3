"""What happens around thdtre_workflow transitions."""

from collective.thdtre import _
from collective.thdtre.content.plan import IPlan
from collective.thdtre.content.utils import folder_department
from collective.thdtre.content.utils import parent_plan
from collective.thdtre.dates import site_today
from collective.thdtre.departments import get_department
from collective.thdtre.workflow import notify
from collective.thdtre.workflow.numbering import assign_number
from collective.thdtre.workflow.numbering import number_refusal
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.globalrequest import getRequest
from zope.i18n import translate

import contextvars
import logging


logger = logging.getLogger(__name__)

# Parts that follow their container's transitions: a plan's activities, slogans
# and appendices, a report's appendices (reports keep their own workflow).
CASCADING_TYPES = {"Plan": ("Activity", "Slogan", "Appendix"), "Report": ("Appendix",)}
# Set while a plan's parts follow it: one notification for the plan is enough.
_cascading = contextvars.ContextVar("thdtre_cascading", default=False)


def _transition_id(event):
    return event.transition.id if event.transition is not None else None


def _refuse(message):
    raise WorkflowException(translate(message, context=getRequest()))


def before_transition(obj, event):
    """Refuse a rejection without a comment, an approval of an issued number."""
    if _transition_id(event) == "approve" and IPlan.providedBy(obj):
        refusal = number_refusal(obj)
        if refusal is not None:
            _refuse(refusal)
    if _transition_id(event) != "reject":
        return
    comment = (event.kwargs or {}).get("comment", "")
    if not comment.strip():
        raise WorkflowException(
            translate(
                _("Say why the item is sent back: a comment is required."),
                context=getRequest(),
            )
        )


def after_transition(obj, event):
    transition = _transition_id(event)
    if transition is None:
        return
    if transition == "approve":
        if IPlan.providedBy(obj):
            assign_number(obj)
        if obj.portal_type == "Report" and getattr(obj, "submitted_date", None) is None:
            obj.submitted_date = site_today()
            obj.reindexObject()
    if obj.portal_type in CASCADING_TYPES:
        comment = (event.kwargs or {}).get("comment", "")
        _cascade(obj, transition, event.old_state.id, comment)
    if not _cascading.get():
        notify.transition_done(obj, transition, event)


def _cascade(plan, transition, source, comment):
    """The plan's activities and slogans are part of the document: they follow it
    through every transition, from the state the plan left."""
    # The plan's state decides its parts': that rule must hold whoever acts.
    token = _cascading.set(True)
    try:
        _cascade_children(plan, transition, source, comment)
    finally:
        _cascading.reset(token)


def _cascade_children(plan, transition, source, comment):
    with api.env.adopt_roles(["Manager"]):
        for child in plan.objectValues():
            if child.portal_type not in CASCADING_TYPES[plan.portal_type]:
                continue
            if api.content.get_state(obj=child, default=None) != source:
                continue
            try:
                api.content.transition(
                    obj=child, transition=transition, comment=comment
                )
            except (WorkflowException, api.exc.InvalidParameterError):
                logger.warning("Could not %s %s", transition, child.absolute_url())


def default_department(obj, event):
    """A new plan without a department takes its folder's department, and from
    the department its symbol and parent body, so a draft reads ``Số: /KH-STP``."""
    if not getattr(obj, "department", None):
        department = folder_department(obj)
        if department:
            obj.department = department
    info = get_department(id=obj.department) if obj.department else None
    if info is None:
        return
    if not obj.symbol and info.get("abbreviation"):
        obj.symbol = f"KH-{info['abbreviation']}"
    if not obj.parent_body and info.get("parent_body"):
        obj.parent_body = info["parent_body"]


def security_follows_department(obj, event):
    """Department roles come from the field: recompute them when it may have changed.

    A plan's reports carry its department: they move with it."""
    if IPlan.providedBy(obj):
        for child in obj.objectValues():
            if child.portal_type == "Report":
                _take_plans_department(child, obj)
    obj.reindexObjectSecurity()


def _take_plans_department(report, plan) -> bool:
    # A plan of no department (a site administrator's) leaves its reports' own.
    if not plan.department or report.department == plan.department:
        return False
    report.department = plan.department
    report.reindexObject(idxs=["department"])
    return True


def report_follows_plan(obj, event):
    """A report inside a plan belongs to the plan's department, whatever it was
    given: another department's people never read it through its field."""
    plan = parent_plan(obj)
    if plan is not None:
        _take_plans_department(obj, plan)
    obj.reindexObjectSecurity()
