"""Send the results-report reminders due today (run daily from cron).

.venv/bin/zconsole run instance/etc/zope.conf scripts/send_reminders.py
"""

from AccessControl.SecurityManagement import newSecurityManager
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import os
import transaction


def main(app):
    app = makerequest(app)
    site = app[os.environ.get("SITE_ID", "Plone")]
    admin = app.acl_users.getUserById("admin")
    newSecurityManager(None, admin.__of__(app.acl_users))
    setSite(site)
    from collective.thdtre.reports.reminders import send_reminders

    sent = send_reminders()
    transaction.commit()
    print(f"{len(sent)} reminders sent")


main(app)  # noqa: F821 - zconsole provides ``app``
