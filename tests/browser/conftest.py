"""A real browser on the functional layer's server: Debian's chromium via Playwright.

Playwright's own browser builds cannot be downloaded here, so the tests drive
``/usr/bin/chromium`` (installed by ``scripts/ensure_chromium.sh`` when missing;
they are skipped only when it cannot be had). Pages are opened on the host
``localhost``: Plone switches theming off for ``127.0.0.1``. The site speaks
Vietnamese, like the sites the add-on is made for. Full-page screenshots go to
``tests/artifacts/`` (git-ignored) on every run.
"""

from App.config import getConfiguration
from collective.thdtre.departments import editors_group
from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import department_folder
from collective.thdtre.interfaces import IThdtreSettings
from datetime import date
from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.textfield.value import RichTextValue

import pytest
import subprocess
import transaction


ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
ENSURE_CHROMIUM = ROOT / "scripts" / "ensure_chromium.sh"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 30_000

PASSWORD = "secret-Passw0rd-thdtre"
DEPARTMENT = "so-khcn"
# Plan 63/KH-KHCN as Decree 30 lays it out; the tests check the page against it.
PLAN = {
    "title": "Tổ chức Tháng hành động vì trẻ em năm 2024",
    "number": 63,
    "symbol": "KH-KHCN",
    "parent_body": "UBND TỈNH BẮC GIANG",
    "issuing_body": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "issue_place": "Bắc Giang",
    "issue_date": date(2024, 4, 17),
    "theme": "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em",
    "period_start": date(2024, 6, 1),
    "period_end": date(2024, 6, 30),
    "legal_basis": (
        "Thực hiện Kế hoạch số 26/KH-UBND ngày 05/4/2024 của UBND tỉnh Bắc Giang "
        "về tổ chức Tháng hành động vì trẻ em năm 2024."
    ),
    "purpose": "Nâng cao nhận thức của cán bộ, công chức về quyền trẻ em.",
    "signing_authority": "KT. GIÁM ĐỐC",
    "signer_title": "PHÓ GIÁM ĐỐC",
    "signer_name": "Triệu Ngọc Trung",
    "recipients": [
        "UBND tỉnh (b/c);",
        "Sở Lao động, Thương binh và Xã hội;",
        "Lưu: VT, VP.",
    ],
}
SLOGAN = "Trẻ em hôm nay, thế giới ngày mai"
ACTIVITY = {
    "title": "Thăm, tặng quà con cán bộ có hoàn cảnh khó khăn",
    "lead_unit": "Công đoàn Sở",
    "coordinating_units": ["Văn phòng Sở", "Đoàn Thanh niên Sở"],
    "start": date(2024, 6, 1),
    "end": date(2024, 6, 5),
}


def _ensure_chromium() -> str | None:
    """Install chromium when missing; return why it cannot be had, or None."""
    if CHROMIUM.exists():
        return None
    try:
        done = subprocess.run(
            ["bash", str(ENSURE_CHROMIUM)],
            capture_output=True,
            text=True,
            timeout=1300,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{CHROMIUM} is missing and {ENSURE_CHROMIUM.name} failed: {exc}"
    if not CHROMIUM.exists():
        output = (done.stdout + done.stderr).strip().splitlines()
        return f"{CHROMIUM} is missing and cannot be installed: {output[-1:]}"
    return None


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless chromium for the whole session."""
    reason = _ensure_chromium()
    if reason:
        pytest.skip(reason)
    # Not importorskip: a missing playwright is a broken install, not a reason to skip.
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
    except Exception:
        playwright.stop()
        raise
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def new_page(chromium_browser):
    """Open a page in a fresh browser context: a new visitor, without cookies."""
    contexts = []

    def open_page(**options):
        options.setdefault("viewport", VIEWPORT)
        options.setdefault("locale", "vi-VN")
        context = chromium_browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def counter_home(tmp_path_factory) -> str:
    """A ``clienthome`` for the counters' SQLite file, one per test session."""
    return str(tmp_path_factory.mktemp("thdtre-var"))


@pytest.fixture
def site(functional_portal, counter_home, monkeypatch):
    """The functional site in Vietnamese, four eyes off; committed for the server.

    The functional layer's zope.conf makes ``clienthome`` ``<tmp>/var``, a folder
    that does not exist, where the counter store cannot open its SQLite file; a
    folder of the session's own also keeps earlier runs' counts out of the tests.
    """
    monkeypatch.setattr(getConfiguration(), "clienthome", counter_home)
    api.portal.set_registry_record("plone.default_language", "vi")
    api.portal.set_registry_record("plone.available_languages", ["vi"])
    api.portal.set_registry_record("four_eyes", False, interface=IThdtreSettings)
    transaction.commit()
    return functional_portal


@pytest.fixture
def site_url(functional, site) -> str:
    """The site's URL on ``localhost`` (themed), not ``127.0.0.1`` (unthemed)."""
    return f"http://localhost:{functional['port']}/{site.getId()}"


@pytest.fixture
def url_of(site_url):
    """``url_of(obj)``: its URL on the test server (absolute_url says ``nohost``)."""

    def url(obj) -> str:
        portal_path = api.portal.get().getPhysicalPath()
        return "/".join([site_url, *obj.getPhysicalPath()[len(portal_path) :]])

    return url


def _add_user(username: str, *, roles=("Member",), groups=(), fullname=""):
    """A real user (who logs in with PASSWORD), put into ``groups``."""
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        api.user.create(
            username=username,
            email=f"{username}@example.org",
            password=PASSWORD,
            roles=roles,
            properties={"fullname": fullname or username},
        )
        for group in groups:
            api.group.add_user(groupname=group, username=username)


@pytest.fixture
def add_user(site):
    """``add_user(username, roles=, groups=)``: a real user, committed."""

    def add_user(username: str, **options):
        _add_user(username, **options)
        transaction.commit()

    return add_user


@pytest.fixture
def department(site):
    """A department, its editor (a real user in its editors group) and its folder."""
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        create_department(
            id=DEPARTMENT,
            title="Sở Khoa học và Công nghệ",
            abbreviation="KHCN",
            parent_body="UBND TỈNH BẮC GIANG",
        )
    _add_user(
        "editor-khcn",
        groups=[editors_group(DEPARTMENT)],
        fullname="Nguyễn Văn Biên",
    )
    transaction.commit()
    return {
        "id": DEPARTMENT,
        "folder": department_folder(id=DEPARTMENT),
        "editor": "editor-khcn",
    }


@pytest.fixture
def make_plan(department):
    """``make_plan(publish=, **changes)``: plan 63/KH-KHCN with a slogan and an
    activity in the department's folder, taken to published by the site owner."""

    def make_plan(*, publish: bool, **changes):
        return _plan(department["folder"], publish=publish, **changes)

    return make_plan


def _plan(folder, *, publish: bool, **changes):
    fields = dict(PLAN, department=folder.thdtre_department, **changes)
    # Four eyes is off (``site``): one Manager may submit, approve and publish.
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        plan = api.content.create(container=folder, type="Plan", **fields)
        plan.implementation = RichTextValue(
            "<p>Văn phòng Sở chủ trì, phối hợp với Công đoàn Sở tổ chức thực hiện.</p>",
            "text/html",
            "text/x-html-safe",
        )
        api.content.create(container=plan, type="Slogan", title=SLOGAN, position=1)
        api.content.create(container=plan, type="Activity", **ACTIVITY)
        if publish:
            for transition in ("submit", "approve", "publish"):
                api.content.transition(obj=plan, transition=transition)
        plan.reindexObject()
    transaction.commit()
    return plan


@pytest.fixture
def log_in(site_url):
    """``log_in(page, username)`` through Plone's own login form, as a person would."""

    def log_in(page, username: str, password: str = PASSWORD) -> None:
        page.goto(f"{site_url}/login")
        page.fill("#__ac_name", username)
        page.fill("#__ac_password", password)
        with page.expect_navigation():
            page.click("#buttons-login")
        cookies = {c["name"] for c in page.context.cookies()}
        assert "__ac" in cookies, f"{username} could not log in: {page.url}"

    return log_in


@pytest.fixture(scope="session")
def screenshot():
    """``screenshot(page, name)``: a full-page PNG under tests/artifacts/."""

    def screenshot(page, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return screenshot


def _sync(portal) -> None:
    transaction.begin()
    portal._p_jar.sync()


@pytest.fixture
def sync(site):
    """``sync()``: see in the test what the server's thread has committed."""
    return lambda: _sync(site)


@pytest.fixture
def server_error(site):
    """``server_error(response)``: what the server answered, for assertion messages."""

    def server_error(response) -> str:
        _sync(site)
        entries = site.error_log.getLogEntries()
        logged = entries[-1]["tb_text"] if entries else "(nothing in error_log)"
        return f"{response.status} {response.url}\n{response.text()[:3000]}\n{logged}"

    return server_error
