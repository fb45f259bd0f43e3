"""The front page (@@thdtre-home) as a display view of the site and folders.

Plone offers a folder the views its type lists in ``view_methods``; the add-on
adds its front page to Plone Site's and Folder's list (profile and upgrade
1009) and takes it out again on uninstall, where the site and folders that
show it go back to their type's default view.
"""

from Acquisition import aq_base
from plone import api


VIEW = "thdtre-home"
TYPES = ("Plone Site", "Folder")


def offer_front_page() -> None:
    """Add the front page to the display views of Plone Site and Folder."""
    types = api.portal.get_tool("portal_types")
    for name in TYPES:
        fti = types.getTypeInfo(name)
        if fti is not None and VIEW not in fti.view_methods:
            fti.manage_changeProperties(view_methods=(*fti.view_methods, VIEW))


def set_front_page(folder) -> None:
    """Show the front page on ``folder`` (the demo site's root)."""
    if folder.getLayout() != VIEW:
        folder.setLayout(VIEW)


def _reset(obj) -> bool:
    if getattr(aq_base(obj), "layout", None) != VIEW:
        return False
    if obj.hasProperty("layout"):
        obj.manage_delProperties(["layout"])
    else:
        del obj.layout
    return True


def remove_front_page() -> int:
    """Uninstall: the site and folders showing the front page get their default view."""
    portal = api.portal.get()
    count = int(_reset(portal))
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=list(TYPES)):
        obj = brain._unrestrictedGetObject()
        count += int(_reset(obj))
    return count
