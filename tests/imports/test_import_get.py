"""Issue 14, finding 10: an import changes the site only on POST. A link (a GET)
carrying the form's fields, its buttons and even a valid ``_authenticator``
imports nothing; neither does a GET of the REST endpoint."""

from imports_http import counts
from imports_http import document
from imports_http import SEED_003
from imports_http import session
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser
from urllib.parse import urlencode

import base64
import html
import pytest
import re


@pytest.fixture
def browser(site, functional_app):
    browser = Browser(functional_app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.addHeader("Accept-Language", "en")
    return browser


def authenticator(browser, folder) -> str:
    browser.open(f"{folder.absolute_url()}/@@thdtre-import")
    return re.search(r"_authenticator=([0-9a-f]+)", browser.contents)[1]


def link(folder, token: str, button: str, **fields) -> str:
    filename, data = document(SEED_003)
    query = {
        "form.widgets.payload": base64.b64encode(data).decode("ascii"),
        "form.widgets.filename": filename,
        f"form.buttons.{button}": button.capitalize(),
        "_authenticator": token,
        **fields,
    }
    return f"{folder.absolute_url()}/@@thdtre-import?{urlencode(query)}"


def test_a_get_with_the_authenticator_imports_nothing(site, folder, browser):
    before = counts(site)
    browser.open(link(folder, authenticator(browser, folder), "import"))
    page = html.unescape(browser.contents)
    assert counts(site) == before
    assert "a link cannot start an import" in page
    assert browser.url.split("?")[0].endswith("@@thdtre-import")


def test_a_get_previews_nothing_either(site, folder, browser):
    """A preview fetches web addresses from the server: not from a link either."""
    query = link(folder, authenticator(browser, folder), "preview")
    browser.open(query + "&" + urlencode({"form.widgets.url": "https://example.org/"}))
    page = html.unescape(browser.contents)
    assert "a link cannot start an import" in page
    assert 'name="form.buttons.import"' not in page  # no preview to confirm


def test_the_form_still_imports_on_post(site, folder, browser):
    before = counts(site)
    filename, data = document(SEED_003)
    browser.open(f"{folder.absolute_url()}/@@thdtre-import")
    browser.getControl(name="form.widgets.document").add_file(
        data, "text/plain", filename
    )
    browser.getControl(name="form.buttons.preview").click()
    browser.getControl(name="form.buttons.import").click()
    after = counts(site)
    assert after["Plan"] == before["Plan"] + 1


def test_a_get_of_the_rest_endpoint_imports_nothing(site, folder):
    before = counts(site)
    filename, data = document(SEED_003)
    query = urlencode(
        {"filename": filename, "data": base64.b64encode(data).decode("ascii")}
    )
    with session(language="en") as http:
        response = http.get(f"{folder.absolute_url()}/@thdtre-import?{query}")
    assert response.status_code >= 400
    assert response.status_code != 500
    assert counts(site) == before
