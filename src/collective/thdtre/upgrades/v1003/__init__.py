"""1002 -> 1003: the allow-list of intranet addresses that URL imports may fetch."""

from collective.thdtre.interfaces import IThdtreSettings
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def upgrade(context):
    """Add the settings' new record; every existing setting keeps its value."""
    getUtility(IRegistry).registerInterface(
        IThdtreSettings, prefix=IThdtreSettings.__identifier__
    )
