"""1000 -> 1001: caching rules for anonymous visitors (plone.app.caching)."""

from collective.thdtre.caching.rules import install_rules


def install_caching_rules(context):
    """Our rules, where the site has plone.app.caching activated (still off)."""
    install_rules()
