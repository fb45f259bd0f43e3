"""Create, change and remove departments: their registry entry, groups and folder.

Library code: the REST service and the control panel check the permission
(``collective.thdtre: Manage departments``) before calling these functions.
"""

from collective.thdtre import _
from collective.thdtre.departments import approvers_group
from collective.thdtre.departments import editors_group
from collective.thdtre.departments import get_department
from collective.thdtre.departments import get_departments
from collective.thdtre.departments import is_retired
from collective.thdtre.departments import set_departments
from collective.thdtre.errors import DepartmentError
from collective.thdtre.interfaces import IDepartmentFolder
from collective.thdtre.multilingual import language_roots
from collective.thdtre.multilingual import link_translations
from collective.thdtre.multilingual import set_language_of_root
from plone import api
from Products.CMFPlone.interfaces.constrains import ENABLED
from Products.CMFPlone.interfaces.constrains import ISelectableConstrainTypes
from zope.i18n import translate
from zope.interface import alsoProvides

import re


ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
ABBREVIATION_RE = re.compile(r"^[^\W_][\w&.\-]{0,19}$")
PLANS_ROOT = "ke-hoach"
FIELDS = ("title", "abbreviation", "parent_body")


def _t(message):
    return translate(message, target_language=api.portal.get_default_language())


def plans_root(root=None):
    """The folder that holds the department folders (created on first use).

    ``root`` is the site, or on a multilingual site one of its language roots
    (the default language's when not given).
    """
    root = root if root is not None else language_roots()[0]
    if PLANS_ROOT not in root.objectIds():
        with api.env.adopt_roles(["Manager"]):
            folder = api.content.create(
                container=root,
                type="Folder",
                id=PLANS_ROOT,
                title="Kế hoạch",
                # The navigation's "Kế hoạch" tab is the archive (actions.xml,
                # thdtre_plans); a second tab of the same name would be this folder.
                exclude_from_nav=True,
            )
            _publish(folder)
    set_language_of_root(root[PLANS_ROOT], root)
    return root[PLANS_ROOT]


def _publish(folder):
    if api.content.get_state(obj=folder, default=None) != "published":
        api.content.transition(obj=folder, to_state="published")


def department_folders(*, id: str) -> list:
    """The department's own folders: one, or one per language root."""
    results = api.content.find(
        object_provides=IDepartmentFolder.__identifier__, unrestricted=True
    )
    folders = []
    for brain in results:
        obj = brain._unrestrictedGetObject()
        if getattr(obj, "thdtre_department", None) == id:
            folders.append(obj)
    return folders


def department_folder(*, id: str, root=None):
    """The department's folder in ``root`` (default: the first language), or None."""
    folders = department_folders(id=id)
    if not folders:
        return None
    root = root if root is not None else language_roots()[0]
    prefix = "/".join(root.getPhysicalPath()) + "/"
    for folder in folders:
        if "/".join(folder.getPhysicalPath()).startswith(prefix):
            return folder
    return folders[0]


def found_departments() -> list[dict]:
    """Departments as their folders remember them (to find them again on reinstall)."""
    found = {}
    for brain in api.content.find(
        object_provides=IDepartmentFolder.__identifier__, unrestricted=True
    ):
        obj = brain._unrestrictedGetObject()
        info = getattr(obj, "thdtre_department_info", None)
        department_id = getattr(obj, "thdtre_department", None)
        if not department_id or department_id in found:
            continue
        info = dict(info or {})
        found[department_id] = {
            "id": department_id,
            "title": info.get("title") or obj.title,
            "abbreviation": info.get("abbreviation") or "",
            "parent_body": info.get("parent_body") or "",
        }
        if info.get("retired"):
            found[department_id]["retired"] = True
    return list(found.values())


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _validate(department: dict, *, creating: bool) -> dict:
    # Anything but text (a list, a number from JSON) is as good as empty.
    cleaned = {k: _text(department.get(k)) for k in ("id",) + FIELDS}
    if creating and not ID_RE.match(cleaned["id"]):
        raise DepartmentError(
            _(
                "The id must be 1 to 40 lowercase letters, digits or hyphens, "
                "e.g. so-tu-phap."
            )
        )
    if not cleaned["title"]:
        raise DepartmentError(_("Give the department a title, e.g. Sở Tư pháp."))
    if not ABBREVIATION_RE.match(cleaned["abbreviation"]):
        raise DepartmentError(
            _(
                "The abbreviation is used in document symbols (KH-STP): give letters "
                "without spaces, e.g. STP."
            )
        )
    if creating and get_department(id=cleaned["id"]) is not None:
        raise DepartmentError(_("A department with this id exists already."))
    return cleaned


def _ensure_groups(department: dict):
    name = {"department": department["title"]}
    for group_id, title in (
        (editors_group(department["id"]), _("${department}: editors", mapping=name)),
        (
            approvers_group(department["id"]),
            _("${department}: approvers", mapping=name),
        ),
    ):
        title = _t(title)
        group = api.group.get(groupname=group_id)
        if group is None:
            api.group.create(groupname=group_id, title=title)
        else:
            group.setGroupProperties({"title": title})


def _ensure_folder(department: dict):
    """The department's folder in every language root; the first is returned."""
    folders = [_ensure_folder_in(department, root) for root in language_roots()]
    link_translations([plans_root(root) for root in language_roots()])
    link_translations(folders)
    return folders[0]


def _ensure_folder_in(department: dict, root):
    folder = department_folder(id=department["id"], root=root)
    prefix = "/".join(root.getPhysicalPath()) + "/"
    if folder is not None and not "/".join(folder.getPhysicalPath()).startswith(prefix):
        folder = None
    if folder is None:
        with api.env.adopt_roles(["Manager"]):
            folder = api.content.create(
                container=plans_root(root),
                type="Folder",
                id=department["id"],
                title=department["title"],
            )
            alsoProvides(folder, IDepartmentFolder)
            folder.thdtre_department = department["id"]
            _publish(folder)
    elif folder.title != department["title"]:
        folder.title = department["title"]
    set_language_of_root(folder, root)
    # The folder remembers its department, so that a reinstall finds it again.
    folder.thdtre_department_info = {k: department[k] for k in ("id",) + FIELDS}
    retired = is_retired(department)
    if retired:
        folder.thdtre_department_info["retired"] = True
    # A retired department's folder takes no new plan, from anyone; its
    # editors keep reading it (and their content's own roles, see localroles).
    addable = [] if retired else ["Plan"]
    constraints = ISelectableConstrainTypes(folder)
    with api.env.adopt_roles(["Manager"]):  # the types one may add are checked
        constraints.setConstrainTypesMode(ENABLED)
        constraints.setLocallyAllowedTypes(addable)
        constraints.setImmediatelyAddableTypes(addable)
    folder.manage_setLocalRoles(
        editors_group(department["id"]),
        ["Reader"] if retired else ["Contributor", "Reader"],
    )
    folder.manage_setLocalRoles(approvers_group(department["id"]), ["Reader"])
    folder.reindexObject()
    folder.reindexObjectSecurity()
    return folder


def create_department(*, id: str, title: str, abbreviation: str, parent_body: str = ""):
    """Create a department with its two groups and its folder; return its info."""
    department = _validate(
        {
            "id": id,
            "title": title,
            "abbreviation": abbreviation,
            "parent_body": parent_body,
        },
        creating=True,
    )
    set_departments(get_departments() + [department])
    _ensure_groups(department)
    _ensure_folder(department)
    return department_info(id=department["id"])


def update_department(*, id: str, **changes):
    """Change the title, abbreviation or parent body of a department."""
    current = get_department(id=id)
    if current is None:
        raise DepartmentError(_("There is no department with this id."))
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise DepartmentError(_("Only title, abbreviation and parent_body can change."))
    department = _validate(dict(current, **changes), creating=False)
    if is_retired(current):
        department["retired"] = True
    set_departments([department if d["id"] == id else d for d in get_departments()])
    _ensure_groups(department)
    _ensure_folder(department)
    return department_info(id=id)


def delete_department(*, id: str) -> None:
    """Remove a department that no content belongs to any more."""
    if get_department(id=id) is None:
        raise DepartmentError(_("There is no department with this id."))
    owned = len(api.content.find(department=id, unrestricted=True))
    if owned:
        raise DepartmentError(
            _(
                "${count} items still belong to this department: move them to "
                "another department first.",
                mapping={"count": owned},
            )
        )
    folders = department_folders(id=id)
    if any(folder.objectIds() for folder in folders):
        raise DepartmentError(_("The department's folder is not empty."))
    for folder in folders:
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(obj=folder, check_linkintegrity=False)
    for group_id in (editors_group(id), approvers_group(id)):
        if api.group.get(groupname=group_id) is not None:
            api.group.delete(groupname=group_id)
    set_departments([d for d in get_departments() if d["id"] != id])


def _members(group_id):
    if api.group.get(groupname=group_id) is None:
        return []
    return sorted(user.getId() for user in api.user.get_users(groupname=group_id))


def department_info(*, id: str) -> dict:
    """A department with its folder's URL and the members of its groups."""
    department = get_department(id=id)
    if department is None:
        raise DepartmentError(_("There is no department with this id."))
    folder = department_folder(id=id)
    return dict(
        department,
        folder=folder.absolute_url() if folder is not None else None,
        editors_group=editors_group(id),
        approvers_group=approvers_group(id),
        retired=is_retired(department),
        editors=_members(editors_group(id)),
        approvers=_members(approvers_group(id)),
    )
