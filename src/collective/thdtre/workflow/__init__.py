"""The thdtre_workflow: guards, numbering, cascades and notifications."""

from AccessControl import ModuleSecurityInfo


# Workflow guard expressions run as restricted Python and reach the guards
# through ``modules[...]``.
ModuleSecurityInfo("collective.thdtre.workflow.guards").declarePublic(
    "may_approve", "may_publish"
)
