"""Create the demo Plone site ``Plone`` once; a second run upgrades the add-on.

Run with: .venv/bin/zconsole run instance/etc/zope.conf scripts/create_site.py

With ``THDTRE_CACHING_PROXY`` (scripts/cluster.sh sets it to nginx's purge URL)
it also does what a site administrator does in Site Setup > Caching when the
site gets a caching proxy: Plone's "with caching proxy" settings, caching on,
purging on, PURGE requests to that URL. The add-on's rules are its profile's.
"""

from AccessControl.SecurityManagement import newSecurityManager
from Products.CMFPlone.factory import addPloneSite
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import os
import transaction


SITE_ID = os.environ.get("SITE_ID", "Plone")
CACHING_PROXY = os.environ.get("THDTRE_CACHING_PROXY")
ADDON = "collective.thdtre"


def upgrade(site):
    """Run the add-on's pending upgrade steps on an existing site."""
    setSite(site)
    setup = site.portal_setup
    profile = f"{ADDON}:default"
    if setup.listUpgrades(profile):
        before = setup.getLastVersionForProfile(profile)
        setup.upgradeProfile(profile)
        transaction.commit()
        after = setup.getLastVersionForProfile(profile)
        print(f"Upgraded {profile} from {before} to {after}.")


def front_page(site):
    """A demo site made before the front page existed opens on it too."""
    from collective.thdtre.frontpage import set_front_page
    from collective.thdtre.frontpage import VIEW

    setSite(site)
    setup = site.portal_setup
    if setup.getLastVersionForProfile(f"{ADDON}:demo") == "unknown":
        return  # not the demo site
    # Only while it shows Plone's default view: a layout chosen since stays.
    if site.getLayout() == site.getDefaultLayout() != VIEW:
        set_front_page(site)
        transaction.commit()
        print(f"Site {site.getId()!r} opens on the Action Month's front page.")


def configure_caching(site, proxy):
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    setSite(site)
    site.portal_setup.runAllImportStepsFromProfile(
        "profile-plone.app.caching:with-caching-proxy"
    )
    registry = getUtility(IRegistry)
    registry["plone.caching.interfaces.ICacheSettings.enabled"] = True
    registry["plone.cachepurging.interfaces.ICachePurgingSettings.enabled"] = True
    registry["plone.cachepurging.interfaces.ICachePurgingSettings.cachingProxies"] = (
        proxy,
    )
    transaction.commit()
    print(f"Caching on, purges to {proxy}.")


def main(app):
    app = makerequest(app)
    admin = app.acl_users.getUserById("admin")
    if admin is None:
        # A fresh database (the instance's inituser is read only once).
        password = os.environ.get("THDTRE_ADMIN_PASSWORD", "admin")
        app.acl_users._doAddUser("admin", password, ["Manager"], [])
        transaction.commit()
        admin = app.acl_users.getUserById("admin")
    newSecurityManager(None, admin.__of__(app.acl_users))
    if SITE_ID in app.objectIds():
        upgrade(app[SITE_ID])
        front_page(app[SITE_ID])
        print(f"Site {SITE_ID!r} exists: reusing it.")
    else:
        create(app)
    if CACHING_PROXY:
        configure_caching(app[SITE_ID], CACHING_PROXY)


def create(app):
    site = addPloneSite(
        app,
        SITE_ID,
        title="Tháng hành động vì trẻ em",
        distribution_name="classic",
        setup_content=False,
        default_language="vi",
        portal_timezone="Asia/Ho_Chi_Minh",
    )
    setSite(site)
    from plone.base.utils import get_installer

    installer = get_installer(site, site.REQUEST)
    # The demo site uses the REST API and caching; the add-on does not force
    # them on sites it is installed into (README, "What installing changes").
    for product in ("plone.restapi", "plone.app.caching", ADDON):
        installer.install_product(product)
    site.portal_setup.runAllImportStepsFromProfile(f"profile-{ADDON}:demo")
    transaction.commit()
    print(f"Site {SITE_ID!r} created with {ADDON} and its demo content.")


main(app)  # noqa: F821 - zconsole provides ``app``
