"""Guards of thdtre_workflow, with the reason a transition is refused."""

from collective.thdtre import _
from collective.thdtre.content.plan import IPlan
from collective.thdtre.content.utils import parent_plan
from collective.thdtre.interfaces import IThdtreSettings
from plone import api


def last_actor(obj, action: str) -> str | None:
    """Who performed the last ``action`` on ``obj``, or None."""
    workflow = api.portal.get_tool("portal_workflow")
    for chain_id in workflow.getChainFor(obj):
        history = (
            obj.workflow_history.get(chain_id, ())
            if hasattr(obj, "workflow_history")
            else ()
        )
        for entry in reversed(history):
            if entry.get("action") == action:
                return entry.get("actor")
    return None


def four_eyes() -> bool:
    return bool(
        api.portal.get_registry_record(
            "four_eyes", interface=IThdtreSettings, default=True
        )
    )


def approve_refusal(obj):
    """Why the current user may not approve ``obj``, or None."""
    if not four_eyes():
        return None
    user = api.user.get_current()
    if user is not None and last_actor(obj, "submit") == user.getId():
        return _(
            "You submitted this item, so someone else must approve it (four eyes)."
        )
    return None


def publish_refusal(obj):
    """Why ``obj`` may not be published now, or None."""
    if IPlan.providedBy(obj):
        return None
    plan = parent_plan(obj)
    if plan is not None and api.content.get_state(obj=plan) != "published":
        return _("Publish the plan first: its parts are published with it.")
    return None


def may_approve(obj) -> bool:
    return approve_refusal(obj) is None


def may_publish(obj) -> bool:
    return publish_refusal(obj) is None


REFUSALS = {"approve": approve_refusal, "publish": publish_refusal}


def refusal(obj, transition: str):
    """Why ``transition`` is refused on ``obj`` for a reason beyond roles, or None."""
    check = REFUSALS.get(transition)
    return check(obj) if check else None
