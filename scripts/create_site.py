"""Create the demo Plone site ``Plone`` once; a second run leaves it alone.

Run with: .venv/bin/zconsole run instance/etc/zope.conf scripts/create_site.py
"""

from AccessControl.SecurityManagement import newSecurityManager
from Products.CMFPlone.factory import addPloneSite
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import os
import transaction


SITE_ID = os.environ.get("SITE_ID", "Plone")
ADDON = "collective.thdtre"


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
        print(f"Site {SITE_ID!r} exists: reusing it.")
        return
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

    get_installer(site, site.REQUEST).install_product(ADDON)
    site.portal_setup.runAllImportStepsFromProfile(f"profile-{ADDON}:demo")
    transaction.commit()
    print(f"Site {SITE_ID!r} created with {ADDON} and its demo content.")


main(app)  # noqa: F821 - zconsole provides ``app``
