"""1001 -> 1002: versions, translatable types, departments that survive a reinstall."""

from collective.thdtre.departments import get_departments
from collective.thdtre.departments.api import department_folders
from collective.thdtre.departments.api import FIELDS
from collective.thdtre.multilingual import enable_translation
from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from zope.component import queryUtility


def upgrade(context):
    """Versions of the four types; translatable types; folders keep their department."""
    for type_id in ("Activity", "Slogan"):
        fti = queryUtility(IDexterityFTI, name=type_id)
        if fti is not None and "plone.versioning" not in fti.behaviors:
            fti.behaviors = (*fti.behaviors, "plone.versioning")
    for step in ("repositorytool", "workflow"):
        context.runImportStepFromProfile(
            "profile-collective.thdtre:default", step, run_dependencies=False
        )
    # The workflow now manages versioning permissions on the add-on's content.
    workflow = api.portal.get_tool("portal_workflow")
    workflow.updateRoleMappings()
    enable_translation()
    for department in get_departments():
        for folder in department_folders(id=department["id"]):
            folder.thdtre_department_info = {
                k: department.get(k, "") for k in ("id",) + FIELDS
            }
