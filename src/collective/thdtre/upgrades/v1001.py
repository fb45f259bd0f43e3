"""1000 -> 1001: caching rules for anonymous visitors (plone.app.caching)."""

from collective.thdtre.caching.rules import install_rules
from plone import api


CACHING_PROFILE = "plone.app.caching:default"


def install_caching_rules(context):
    """Install plone.app.caching when missing (still off), then our rules."""
    setup = api.portal.get_tool("portal_setup")
    if setup.getLastVersionForProfile(CACHING_PROFILE) == "unknown":
        setup.runAllImportStepsFromProfile("profile-" + CACHING_PROFILE)
    install_rules()
