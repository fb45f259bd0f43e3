"""Install and uninstall handlers.

Installing adds only what the add-on owns (README, "What installing changes").
Uninstalling removes all of it but people's data: content and groups stay, so
that a reinstall finds the departments and the plans again, as they were.
"""

from AccessControl.Permission import pname
from collective.thdtre import _
from collective.thdtre import logger
from collective.thdtre.caching.rules import install_rules
from collective.thdtre.caching.rules import remove_rules
from collective.thdtre.departments import get_departments
from collective.thdtre.departments import PUBLISHERS_GROUP
from collective.thdtre.departments import set_departments
from collective.thdtre.departments.localroles import APPROVER_ROLE
from collective.thdtre.departments.localroles import EDITOR_ROLE
from collective.thdtre.departments.localroles import PUBLISHER_ROLE
from collective.thdtre.frontpage import remove_front_page
from collective.thdtre.interfaces import IThdtreContent
from collective.thdtre.multilingual import enable_translation
from plone import api
from plone.base.interfaces import INonInstallable
from zope.i18n import translate
from zope.interface import implementer


TYPES = ("Plan", "Activity", "Slogan", "Report", "Appendix")
ROLES = (EDITOR_ROLE, APPROVER_ROLE, PUBLISHER_ROLE)
PERMISSIONS = (
    "collective.thdtre: Add Plan",
    "collective.thdtre: Add Activity",
    "collective.thdtre: Add Slogan",
    "collective.thdtre: Add Report",
    "collective.thdtre: Set document number",
    "collective.thdtre: Manage departments",
    "collective.thdtre: View history",
    "collective.thdtre: View reports",
)


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Hide the uninstall profile from the add-ons control panel."""
        return ["collective.thdtre:uninstall"]

    def getNonInstallableProducts(self):
        return []


def post_install(context):
    """Publishers group, caching rules, translations; find earlier content again."""
    group = api.group.get(groupname=PUBLISHERS_GROUP)
    if group is None:
        title = translate(
            _("Action Month publishers (web editorial board)"),
            target_language=api.portal.get_default_language(),
        )
        api.group.create(
            groupname=PUBLISHERS_GROUP, title=title, roles=[PUBLISHER_ROLE]
        )
    elif PUBLISHER_ROLE not in group.getRoles():
        api.group.grant_roles(groupname=PUBLISHERS_GROUP, roles=[PUBLISHER_ROLE])
    install_rules()
    enable_translation()
    if restore_departments():
        # A reinstall: the content of before is back in the catalog. A first
        # install has none, and need not wake up every folder of the site.
        reindex_content()
    logger.info("collective.thdtre installed")


def restore_departments() -> bool:
    """After a reinstall: the departments again, from their folders and groups.

    True when the site had the add-on's departments before (a reinstall)."""
    from collective.thdtre.departments import api as departments

    if get_departments():
        return True
    found = departments.found_departments()
    if not found:
        return False
    set_departments(found)
    for department in found:
        departments._ensure_groups(department)
        departments._ensure_folder(department)
    logger.info("Found %d departments again", len(found))
    return True


def _our_content():
    """Our content anywhere in the site, catalogued or not (after an uninstall)."""
    catalog = api.portal.get_tool("portal_catalog")
    portal = api.portal.get()
    containers = [portal] + [
        b._unrestrictedGetObject()
        for b in catalog.unrestrictedSearchResults(is_folderish=True)
    ]
    seen = set()
    for container in containers:
        if IThdtreContent.providedBy(container):
            continue
        for obj in container.objectValues():
            if IThdtreContent.providedBy(obj):
                yield from _tree(obj, seen)


def _tree(obj, seen):
    key = "/".join(obj.getPhysicalPath())
    if key in seen:
        return
    seen.add(key)
    yield obj
    if getattr(obj, "isPrincipiaFolderish", False):
        for child in obj.objectValues():
            if IThdtreContent.providedBy(child):
                yield from _tree(child, seen)


def reindex_content() -> None:
    """Every catalog value of our content, as before an uninstall."""
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for obj in _our_content():
        # Not obj.reindexObject(): that would also change its modification date.
        catalog.catalog_object(obj, "/".join(obj.getPhysicalPath()))
        count += 1
    if count:
        logger.info("Reindexed %d items of collective.thdtre", count)


def uninstall(context):
    """Remove what the profile's steps cannot: rules, roles, settings, entries."""
    remove_rules()
    remove_front_page()
    portal = api.portal.get()
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=TYPES):
        catalog.uncatalog_object(brain.getPath())
    workflow = api.portal.get_tool("portal_workflow")
    workflow.setChainForPortalTypes(TYPES, "(Default)")
    for permission in PERMISSIONS:
        attribute = pname(permission)
        if attribute in portal.__dict__:
            delattr(portal, attribute)
    roles = portal.__dict__.get("__ac_roles__")
    if roles is not None:
        portal.__ac_roles__ = tuple(r for r in roles if r not in ROLES)
    role_manager = portal.acl_users.portal_role_manager
    for role in ROLES:
        if role in role_manager.listRoleIds():
            role_manager.removeRole(role)
    logger.info("collective.thdtre uninstalled")
