"""The @@thdtre-import form with a web address: the page is fetched once for the
preview, the previewed page is what gets imported; refusals are messages."""

from collective.thdtre.interfaces import IThdtreSettings
from importer_docs import fixture_text
from imports_http import counts
from imports_http import SEED_003
from imports_http import sync
from local_server import plan_page
from local_server import serving
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser

import html
import pytest
import transaction


@pytest.fixture
def web():
    page = plan_page(fixture_text(SEED_003))
    routes = {"/ke-hoach-63": (200, {"Content-Type": "text/html"}, page)}
    with serving(routes) as (base, server):
        yield base, server


@pytest.fixture
def browser(site, functional_app):
    browser = Browser(functional_app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.addHeader("Accept-Language", "en")
    return browser


def preview(browser, folder, url: str) -> str:
    browser.open(f"{folder.absolute_url()}/@@thdtre-import")
    browser.getControl(name="form.widgets.url").value = url
    browser.getControl(name="form.buttons.preview").click()
    return html.unescape(browser.contents)


def test_preview_from_a_url_then_import(site, folder, browser, web):
    base, server = web
    api.portal.set_registry_record(
        "import_url_allowlist", ["127.0.0.1"], interface=IThdtreSettings
    )
    transaction.commit()
    before = counts(site)
    page = preview(browser, folder, f"{base}/ke-hoach-63")
    for text in ("Fetched from", f"{base}/ke-hoach-63", "KH-KHCN", "17/04/2024"):
        assert text in page, text
    assert counts(site) == before
    browser.getControl("Import").click()
    sync(site)
    plans = [obj for obj in folder.objectValues() if obj.portal_type == "Plan"]
    assert [plan.document_number for plan in plans] == ["63/KH-KHCN"]
    assert plans[0].original_file.filename == "ke-hoach-63.html"
    assert server.requests == ["/ke-hoach-63"]  # not fetched again on Import


@pytest.mark.parametrize("language", ["en", "vi"])
def test_an_address_inside_the_network_shows_the_message(
    site, folder, browser, web, language
):
    base, server = web
    browser.addHeader("Accept-Language", language)
    page = preview(browser, folder, f"{base}/ke-hoach-63")
    expected = {
        "en": "The address 127.0.0.1 is inside the private network.",
        "vi": "Địa chỉ 127.0.0.1 thuộc mạng nội bộ.",
    }[language]
    assert expected in page
    with pytest.raises(LookupError):
        browser.getControl("Import")
    assert server.requests == []
    assert counts(site)["Plan"] == 0


def test_neither_file_nor_address(site, folder, browser):
    page = preview(browser, folder, "")
    assert "Choose a file to import, or give its web address." in page


def test_the_control_panel_saves_the_allow_list_one_entry_a_line(site, browser):
    browser.open(f"{site.absolute_url()}/@@thdtre-settings")
    control = browser.getControl(name="form.widgets.import_url_allowlist")
    control.value = "vanban.intranet.gov.vn\n10.20.0.0/16"
    browser.getControl(name="form.buttons.save").click()
    sync(site)
    assert api.portal.get_registry_record(
        "import_url_allowlist", interface=IThdtreSettings
    ) == ["vanban.intranet.gov.vn", "10.20.0.0/16"]
