"""The control panel @@thdtre-settings shows departments and who holds which role."""

from collective.thdtre.departments import get_department
from conftest import PASSWORD
from conftest import sync
from plone import api
from plone.protect.authenticator import createToken

import pytest
import re
import requests


def browser(user_id):
    """A browser-like session (HTML, not JSON) as ``user_id``."""
    http = requests.Session()
    http.headers.update({"Accept": "text/html", "Accept-Language": "en"})
    if user_id is not None:
        http.auth = (user_id, PASSWORD)
    return http


def page_url(name):
    return f"{api.portal.get().absolute_url()}/@@{name}"


def authenticator(html):
    match = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="_authenticator"', html
    )
    assert match, "no CSRF token in the page"
    return match.group(1)


def refused(response):
    """Plone refuses with 401/403, or by sending the visitor to log in."""
    if response.status_code in (401, 403):
        return True
    return response.status_code in (301, 302, 303) and "login" in response.headers.get(
        "Location", ""
    )


NEW = {"id": "so-tc", "title": "Sở Tài chính", "abbreviation": "STC"}


class TestSettingsPage:
    def test_renders_departments_and_members_for_site_administrator(self, site):
        response = browser("siteadmin").get(page_url("thdtre-settings"))

        assert response.status_code == 200, response.text[:500]
        html = response.text
        section = html[html.index('id="thdtre-departments"') :]
        for text in (
            "Sở Tư pháp",
            "STP",
            "Sở Khoa học và Công nghệ",
            "KHCN",
            "thdtre-so-tu-phap-editors",
            "thdtre-so-tu-phap-approvers",
            "thdtre-so-khcn-editors",
            "thdtre-publishers",
        ):
            assert text in section, text
        rows = section.split("<tr")
        row_a = next(row for row in rows if "so-tu-phap</code>" in row)
        row_b = next(row for row in rows if "so-khcn</code>" in row)
        # Each department's row names its own people.
        for user_id in ("editor-a", "approver-a", "both-a"):
            assert f">{user_id}<" in row_a
            assert f">{user_id}<" not in row_b
        for user_id in ("editor-b", "approver-b"):
            assert f">{user_id}<" in row_b
        # The four eyes switch is in the form.
        assert "four_eyes" in html

    @pytest.mark.parametrize("user_id", ["editor-a", "approver-a", "publisher", None])
    def test_refused_to_others(self, site, user_id):
        response = browser(user_id).get(
            page_url("thdtre-settings"), allow_redirects=False
        )
        assert refused(response), response.status_code
        assert "thdtre-so-tu-phap-editors" not in response.text


class TestAddDepartmentForm:
    def test_without_authenticator_is_refused(self, site):
        response = browser("siteadmin").post(
            page_url("thdtre-add-department"), data=NEW, allow_redirects=False
        )

        assert response.status_code == 403, response.status_code
        sync(site)
        assert get_department(id=NEW["id"]) is None
        assert api.group.get(groupname="thdtre-so-tc-editors") is None

    def test_with_a_wrong_authenticator_is_refused(self, site):
        response = browser("siteadmin").post(
            page_url("thdtre-add-department"),
            data=dict(NEW, _authenticator="forged"),
            allow_redirects=False,
        )

        assert response.status_code == 403, response.status_code
        sync(site)
        assert get_department(id=NEW["id"]) is None

    def test_with_authenticator_creates_the_department(self, site):
        http = browser("siteadmin")
        token = authenticator(http.get(page_url("thdtre-settings")).text)

        response = http.post(
            page_url("thdtre-add-department"),
            data=dict(NEW, _authenticator=token),
            allow_redirects=False,
        )

        assert response.status_code in (302, 303), response.status_code
        assert response.headers["Location"].endswith("/@@thdtre-settings")
        sync(site)
        assert get_department(id=NEW["id"])["abbreviation"] == "STC"
        assert api.group.get(groupname="thdtre-so-tc-editors") is not None
        assert api.group.get(groupname="thdtre-so-tc-approvers") is not None
        page = http.get(page_url("thdtre-settings")).text
        assert "Sở Tài chính" in page
        assert "Department added." in page

    def test_editor_with_a_token_of_their_own_is_refused(self, site):
        http = browser("editor-a")
        with api.env.adopt_user(username="editor-a"):
            token = createToken()  # what any page would give the editor

        response = http.post(
            page_url("thdtre-add-department"),
            data=dict(NEW, id="so-ct", _authenticator=token),
            allow_redirects=False,
        )

        assert refused(response), response.status_code
        sync(site)
        assert get_department(id="so-ct") is None

    def test_bad_input_shows_the_message(self, site):
        http = browser("siteadmin")
        token = authenticator(http.get(page_url("thdtre-settings")).text)

        response = http.post(
            page_url("thdtre-add-department"),
            data=dict(NEW, id="Bad Id", _authenticator=token),
        )

        assert response.status_code == 200
        assert (
            "The id must be 1 to 40 lowercase letters, digits or hyphens"
            in response.text
        )
        sync(site)
        assert get_department(id="Bad Id") is None
