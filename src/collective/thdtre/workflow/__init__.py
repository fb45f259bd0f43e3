"""The thdtre_workflow: guards, numbering, cascades and notifications."""

from AccessControl import ModuleSecurityInfo


# Workflow guard expressions run as restricted Python and reach the guards
# through ``modules[...]``.
ModuleSecurityInfo("collective.thdtre.workflow.guards").declarePublic(
    "may_approve", "may_publish"
)


def state_title(state: str, portal_type: str = "Plan") -> str:
    """The workflow's title of ``state`` (translate it in the ``plone`` domain)."""
    from plone import api

    workflow = api.portal.get_tool("portal_workflow")
    return workflow.getTitleForStateOnType(state, portal_type) or state
