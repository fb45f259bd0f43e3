"""Install and uninstall handlers."""

from collective.thdtre import logger
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Hide the uninstall profile from the add-ons control panel."""
        return ["collective.thdtre:uninstall"]

    def getNonInstallableProducts(self):
        return []


def post_install(context):
    """Post install script."""
    logger.info("collective.thdtre installed")


def uninstall(context):
    """Uninstall script."""
    logger.info("collective.thdtre uninstalled")
