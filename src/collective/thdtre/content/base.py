"""Base classes of the four content classes.

After the add-on is uninstalled its content stays in the database (people's
data, found again on reinstall) but its types are gone: Plone's default view
would fail on it. Such an item answers "not found" instead.

Subclasses of dexterity's own classes, not a mixin: a plain mixin class in
front of them would get zope.interface's default ``__providedBy__`` and hide
dexterity's, and with it every behavior's marker interface.
"""

from plone.dexterity.content import Container
from plone.dexterity.content import Item
from zExceptions import NotFound


def _found(obj) -> None:
    if obj.getTypeInfo() is None:
        raise NotFound(obj.getId())


class ThdtreContainer(Container):
    """A folderish item of the add-on (Plan, Report)."""

    def __call__(self):
        _found(self)
        return super().__call__()


class ThdtreItem(Item):
    """A non-folderish item of the add-on (Activity, Slogan)."""

    def __call__(self):
        _found(self)
        return super().__call__()
