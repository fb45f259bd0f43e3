"""Open the released site with the current code, upgrade the add-on's profile,
then write the snapshot and what the pages answered to
``$THDTRE_RELEASE_DIR/after.json`` (test_upgrade_from_release.py compares).

.venv/bin/zconsole run <tmp>/zope.conf tests/setup/release_upgrade.py
"""

from AccessControl.SecurityManagement import newSecurityManager
from base64 import b64encode
from pathlib import Path
from release_snapshot import PROFILE
from release_snapshot import snapshot
from webtest import TestApp
from zope.component.hooks import setSite
from ZPublisher.WSGIPublisher import publish_module

import collective.thdtre
import json
import os
import time
import transaction


HERE = Path(os.environ["THDTRE_RELEASE_DIR"])
ADMIN = {"Authorization": "Basic " + b64encode(b"admin:admin").decode()}


def _get(http, path, *, admin, expect):
    """``(path, who, status, found)``: found is ``expect`` in the answer."""
    response = http.get(path, headers=ADMIN if admin else {}, expect_errors=True)
    return {
        "path": path,
        "who": "admin" if admin else "anonymous",
        "status": response.status_int,
        "found": expect in response.text if expect else True,
    }


def pages(content):
    """The pages of the upgraded site, over HTTP (the whole publisher)."""
    http = TestApp(publish_module, extra_environ={"HTTP_HOST": "localhost"})
    answers = []
    for path, item in sorted(content.items()):
        title = item["fields"].get("title") or ""
        if item["portal_type"] == "Plan":
            answers.append(_get(http, f"/Plone{path}", admin=True, expect=title))
            answers.append(
                _get(http, f"/Plone{path}/@@thdtre-dashboard", admin=True, expect="")
            )
        if item["state"] == "published" and item["portal_type"] in (
            "Plan",
            "News Item",
        ):
            answers.append(_get(http, f"/Plone{path}", admin=False, expect=title))
    published = [
        i["fields"]["document_number"]
        for i in content.values()
        if i["portal_type"] == "Plan" and i["state"] == "published"
    ]
    answers.append(
        _get(http, "/Plone/@@thdtre-plans", admin=False, expect=published[0])
    )
    answers.append(_get(http, "/Plone/@@thdtre-slogans", admin=False, expect=""))
    return answers


def main(app):
    admin = app.acl_users.getUserById("admin")
    newSecurityManager(None, admin.__of__(app.acl_users))
    site = app["Plone"]
    setSite(site)
    setup = site.portal_setup
    before = setup.getLastVersionForProfile(PROFILE)
    started = time.monotonic()
    setup.upgradeProfile(PROFILE)
    transaction.commit()
    data = snapshot(site)
    data["code"] = collective.thdtre.__file__
    data["from"] = list(before)
    data["pending"] = [str(u.get("title")) for u in setup.listUpgrades(PROFILE)]
    transaction.commit()
    print(f"upgrade and snapshot: {time.monotonic() - started:.1f} s")
    data["pages"] = pages(data["content"])
    print(f"pages: {time.monotonic() - started:.1f} s")
    (HERE / "after.json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
    print("upgraded from", data["from"], "to", data["version"])


main(app)  # noqa: F821 - zconsole provides ``app``
