"""1005 -> 1006: hardening of plans' parts and numbers (issue 14).

- The profile's types, workflow bindings and role map again: the Appendix type
  (a file under thdtre_workflow), plans and reports that hold only their parts
  and appendices, and the permission to set document numbers.
- Plone Files and Images inside plans and reports become Appendices. One that was
  there when its plan (or report) was last approved takes the plan's state; one
  added afterwards, which never went through approval, waits for it (pending).
- A report inside a plan takes the plan's department.
"""

from Acquisition import aq_base
from collective.thdtre import logger
from DateTime import DateTime
from plone import api
from plone.namedfile.file import NamedBlobFile


PROFILE = "profile-collective.thdtre:default"
STEPS = ("typeinfo", "workflow", "rolemap")
WORKFLOW = "thdtre_workflow"
OLD_TYPES = ("File", "Image")
COMMENT = "Upgrade 1006: an appendix of its plan or report"


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    for step in STEPS:
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    moved = files = 0
    with api.env.adopt_roles(["Manager"]):
        for brain in api.content.find(
            portal_type=["Plan", "Report"], unrestricted=True
        ):
            container = brain._unrestrictedGetObject()
            if container.portal_type == "Report":
                moved += report_takes_plans_department(container)
            for child in list(container.objectValues()):
                if child.portal_type in OLD_TYPES:
                    to_appendix(container, child)
                    files += 1
    logger.info(
        "Upgrade 1006: %s files made appendices, %s reports moved to their "
        "plan's department",
        files,
        moved,
    )


def report_takes_plans_department(report) -> bool:
    plan = report.__parent__
    department = getattr(plan, "department", None)
    if plan.portal_type != "Plan" or not department or report.department == department:
        return False
    report.department = department
    report.reindexObject()
    report.reindexObjectSecurity()
    return True


def _file_of(obj):
    if obj.portal_type == "File":
        return obj.file
    image = obj.image
    if image is None:
        return None
    return NamedBlobFile(
        data=image.data, filename=image.filename, contentType=image.contentType
    )


def _last_approval(obj):
    history = getattr(aq_base(obj), "workflow_history", {}).get(WORKFLOW, ())
    times = [entry["time"] for entry in history if entry.get("action") == "approve"]
    return max(times) if times else None


def _state_for(old, container) -> str:
    state = api.content.get_state(obj=container, default="draft")
    if state in ("draft", "pending"):
        return state
    approved = _last_approval(container)
    if approved is not None and old.created() <= approved:
        return state
    return "pending"


def to_appendix(container, old):
    """Replace the File or Image ``old`` by an Appendix with its id, file and place."""
    new_id = old.getId()
    position = container.getObjectPosition(new_id)
    state = _state_for(old, container)
    values = {
        "title": old.title,
        "description": old.description,
        "file": _file_of(old),
    }
    created, creators = old.created(), old.creators
    api.content.delete(obj=old, check_linkintegrity=False)
    new = api.content.create(
        container=container, type="Appendix", id=new_id, safe_id=False, **values
    )
    new.creation_date = created
    new.creators = creators
    container.moveObjectToPosition(new_id, position)
    _set_state(new, state)
    return new


def _set_state(obj, state):
    workflow = api.portal.get_tool("portal_workflow")
    workflow.setStatusOf(
        WORKFLOW,
        obj,
        {
            "action": None,
            "actor": api.user.get_current().getId(),
            "comments": COMMENT,
            "review_state": state,
            "time": DateTime(),
        },
    )
    workflow.getWorkflowById(WORKFLOW).updateRoleMappingsFor(obj)
    obj.reindexObject()
    obj.reindexObjectSecurity()
