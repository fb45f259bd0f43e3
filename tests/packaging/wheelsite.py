"""Steps of the wheel test, run with zconsole in the virtualenv the wheel went into.

    THDTRE_STEP=existing|install|uninstall|reinstall THDTRE_OUT=DIR \
        zconsole run etc/zope.conf tests/packaging/wheelsite.py

``existing`` builds two sites the way a government intranet already looks before
anyone hears of the add-on: ``Existing`` (Vietnamese, folders, pages, news, users,
groups, local roles, a custom front page) and ``Multi`` (the same with
plone.app.multilingual, vi and en). Each step dumps both sites to
``DIR/<step>-<site>.json`` (see sitedump.py) and writes what it observed to
``DIR/<step>.json``. Plain Zope/Plone only: no pytest here.
"""

from AccessControl.SecurityManagement import newSecurityManager
from pathlib import Path
from plone import api
from Products.CMFPlone.factory import addPloneSite
from zope.component.hooks import setSite

import json
import os
import sys
import transaction


sys.path.insert(0, os.environ["THDTRE_HERE"])

from sitedump import dump  # noqa: E402


ADDON = "collective.thdtre"
SITES = ("Existing", "Multi")
OUT = Path(os.environ["THDTRE_OUT"])


def existing_content(site, *, root):
    """Content, people and settings an intranet already has."""
    folder = api.content.create(
        container=root, type="Folder", id="phong-ban", title="Phòng ban"
    )
    api.content.transition(obj=folder, transition="publish")
    page = api.content.create(
        container=folder,
        type="Document",
        id="gioi-thieu",
        title="Giới thiệu",
        description="Trang giới thiệu của cơ quan",
    )
    api.content.transition(obj=page, transition="publish")
    news = api.content.create(
        container=root, type="News Item", id="tin-cu", title="Tin cũ của cơ quan"
    )
    api.content.transition(obj=news, transition="publish")
    api.content.create(container=root, type="Document", id="nhap", title="Bản nháp")
    if api.user.get(username="nhanvien") is None:
        api.user.create(
            username="nhanvien", email="nv@example.org", password="secret-12345"
        )
        api.group.create(groupname="van-phong", title="Văn phòng")
        api.group.add_user(groupname="van-phong", username="nhanvien")
    folder.manage_setLocalRoles("van-phong", ["Editor", "Reader"])
    folder.reindexObjectSecurity()
    root.setLayout("folder_listing")


def step_existing(app):
    for site_id in SITES:
        site = addPloneSite(
            app,
            site_id,
            title="Cổng thông tin",
            distribution_name="classic",
            setup_content=False,
            default_language="vi",
            portal_timezone="Asia/Ho_Chi_Minh",
        )
        setSite(site)
        if site_id == "Multi":
            api.portal.set_registry_record("plone.available_languages", ["vi", "en"])
            installer(site).install_product("plone.app.multilingual")
            existing_content(site, root=site["vi"])
        else:
            existing_content(site, root=site)
        transaction.commit()
    return {}


def installer(site):
    from plone.base.utils import get_installer

    return get_installer(site, site.REQUEST)


PEOPLE = {
    "bientap": "thdtre-so-tu-phap-editors",
    "lanhdao": "thdtre-so-tu-phap-approvers",
    "xuatban": "thdtre-publishers",
}


# The three other types, inside the plan.
PARTS = (
    ("Activity", "le-phat-dong", "Lễ phát động"),
    ("Slogan", "khau-hieu-1", "Trẻ em hôm nay, thế giới ngày mai"),
    ("Report", "bao-cao", "Báo cáo kết quả"),
)


def add_content(site):
    """A department, its people, a published plan with its parts, a draft."""
    from collective.thdtre.departments.api import create_department

    create_department(
        id="so-tu-phap", title="Sở Tư pháp", abbreviation="STP", parent_body="UBND"
    )
    for user_id, group_id in PEOPLE.items():
        api.user.create(
            username=user_id, email=f"{user_id}@example.org", password="secret-12345"
        )
        api.group.add_user(groupname=group_id, username=user_id)
    from collective.thdtre.departments.api import department_folder

    folder = department_folder(id="so-tu-phap")
    with api.env.adopt_user(username="bientap"):
        plan = api.content.create(
            container=folder,
            type="Plan",
            id="ke-hoach-2024",
            title="Tổ chức Tháng hành động vì trẻ em năm 2024",
            department="so-tu-phap",
            year=2024,
            theme="Hành động thiết thực, ưu tiên nguồn lực cho trẻ em",
        )
        for type_id, item_id, title in PARTS:
            api.content.create(container=plan, type=type_id, id=item_id, title=title)
        api.content.create(
            container=folder,
            type="Plan",
            id="du-thao",
            title="Bản dự thảo",
            department="so-tu-phap",
            year=2025,
        )
    for user_id, transition in (
        ("bientap", "submit"),
        ("lanhdao", "approve"),
        ("xuatban", "publish"),
    ):
        with api.env.adopt_user(username=user_id):
            # A plan's transition takes its parts along; what is left, by hand.
            for obj in (plan, *plan.objectValues()):
                available = site.portal_workflow.getTransitionsFor(obj)
                if transition in [t["id"] for t in available]:
                    api.content.transition(obj=obj, transition=transition)
    states = {api.content.get_state(obj=o) for o in (plan, *plan.objectValues())}
    assert states == {"published"}, states
    return plan


def step_install(app):
    seen = {}
    for site_id in SITES:
        site = app[site_id]
        setSite(site)
        installer(site).install_product(ADDON)
        transaction.commit()
        save(site, "installed")
        plan = add_content(site)
        transaction.commit()
        seen[site_id] = {
            "installed": installer(site).is_product_installed(ADDON),
            "plan": plan.absolute_url_path(),
            "document_number": plan.document_number,
        }
    return seen


def step_multilingual(app):
    """Translate the Multi site's plan to English and take it through the workflow."""
    from collective.thdtre.departments.api import department_folders
    from plone.app.multilingual.interfaces import ITranslationManager

    site = app["Multi"]
    setSite(site)
    plan = site.unrestrictedTraverse("vi/ke-hoach/so-tu-phap/ke-hoach-2024")
    manager = ITranslationManager(plan)
    manager.add_translation("en")
    english = manager.get_translation("en")
    english.title = "Action Month for Children 2024"
    english.reindexObject()
    transaction.commit()
    seen = {
        "department folders": sorted(
            f.absolute_url_path() for f in department_folders(id="so-tu-phap")
        ),
        "translation": english.absolute_url_path(),
        "behaviors": list(site.portal_types["Plan"].behaviors),
        "document_number": english.document_number,
        "department": english.department,
        "state": api.content.get_state(obj=english),
        "editor may modify": api.user.get_permissions(username="bientap", obj=english)[
            "Modify portal content"
        ],
        "other user may modify": api.user.get_permissions(
            username="nhanvien", obj=english
        )["Modify portal content"],
    }
    for user_id, transition in (
        ("bientap", "submit"),
        ("lanhdao", "approve"),
        ("xuatban", "publish"),
    ):
        with api.env.adopt_user(username=user_id):
            api.content.transition(obj=english, transition=transition)
    seen["published state"] = api.content.get_state(obj=english)
    seen["published number"] = english.document_number
    transaction.commit()
    return {"Multi": seen}


def step_uninstall(app):
    seen = {}
    for site_id in SITES:
        site = app[site_id]
        setSite(site)
        installer(site).uninstall_product(ADDON)
        transaction.commit()
        seen[site_id] = {"installed": installer(site).is_product_installed(ADDON)}
    return seen


def step_reinstall(app):
    seen = {}
    for site_id in SITES:
        site = app[site_id]
        setSite(site)
        installer(site).install_product(ADDON)
        transaction.commit()
        seen[site_id] = {"installed": installer(site).is_product_installed(ADDON)}
    return seen


def save(site, label):
    """Dump ``site`` to ``OUT/<label>-<site id>.json``."""
    data = dump(site)
    (OUT / f"{label}-{site.getId()}.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True)
    )


def main(app):
    from Testing.makerequest import makerequest

    app = makerequest(app)
    admin = app.acl_users.getUserById("admin")
    if admin is None:
        app.acl_users._doAddUser("admin", "admin", ["Manager"], [])
        transaction.commit()
        admin = app.acl_users.getUserById("admin")
    newSecurityManager(None, admin.__of__(app.acl_users))
    step = os.environ["THDTRE_STEP"]
    seen = globals()[f"step_{step}"](app)
    for site_id in SITES:
        setSite(app[site_id])
        save(app[site_id], step)
    (OUT / f"{step}.json").write_text(json.dumps(seen, ensure_ascii=False))
    transaction.commit()
    print(f"step {step}: done")


if "app" in globals():
    main(app)  # noqa: F821 - zconsole provides ``app``
