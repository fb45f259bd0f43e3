"""Install and uninstall handlers."""

from collective.thdtre import _
from collective.thdtre import logger
from collective.thdtre.caching.rules import install_rules
from collective.thdtre.caching.rules import remove_rules
from collective.thdtre.departments import PUBLISHERS_GROUP
from collective.thdtre.departments.localroles import PUBLISHER_ROLE
from plone import api
from plone.base.interfaces import INonInstallable
from zope.i18n import translate
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Hide the uninstall profile from the add-ons control panel."""
        return ["collective.thdtre:uninstall"]

    def getNonInstallableProducts(self):
        return []


def post_install(context):
    """Create the site-wide group of the web editorial board (publishers)."""
    if api.group.get(groupname=PUBLISHERS_GROUP) is None:
        title = translate(
            _("Action Month publishers (web editorial board)"),
            target_language=api.portal.get_default_language(),
        )
        api.group.create(
            groupname=PUBLISHERS_GROUP, title=title, roles=[PUBLISHER_ROLE]
        )
    install_rules()
    logger.info("collective.thdtre installed")


def uninstall(context):
    """Remove what the default profile's handler added (our caching rules)."""
    remove_rules()
    logger.info("collective.thdtre uninstalled")
