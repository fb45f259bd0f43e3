"""The mark Plone puts on a page rendered behind the counting proxy
(``X-Thdtre-Count``, read by nginx's counting log): what it says, and that only
a request from a counting proxy to a site with the add-on gets it."""

from collective.thdtre.browser.count import MARK_HEADER
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import TEST_USER_PASSWORD
from plone.base.utils import get_installer
from plone.testing.zope import Browser

import pytest
import transaction


PROXY = "127.0.0.1"
ELSEWHERE = "203.0.113.7"


@pytest.fixture(scope="class")
def news(functional_portal_class):
    portal = functional_portal_class
    setRoles(portal, TEST_USER_ID, ["Manager"])
    item = api.content.create(container=portal, type="News Item", title="Tin đánh dấu")
    api.content.transition(obj=item, transition="publish")
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return item


def _mark(app, url, *, address=PROXY, proxy=True, login=False):
    made = Browser(app)
    made.handleErrors = True
    made.raiseHttpErrors = False
    made.testapp.extra_environ["REMOTE_ADDR"] = address
    if proxy:
        made.addHeader("X-Thdtre-Counter", "proxy")
    if login:
        made.addHeader("Authorization", f"Basic {TEST_USER_NAME}:{TEST_USER_PASSWORD}")
    made.open(url)
    return made.headers.get(MARK_HEADER)


class TestPageMark:
    def test_a_news_page_is_marked_with_its_item(self, functional_app_class, news):
        mark = _mark(functional_app_class, news.absolute_url())
        assert mark == f"view:{news.UID()}"

    def test_any_other_page_is_a_visit(self, functional_app_class, news):
        site = api.portal.get().absolute_url()
        assert _mark(functional_app_class, site) == "visit"

    def test_an_editor_of_the_item_is_not_counted(
        self, functional_app_class, functional_portal_class, news
    ):
        setRoles(functional_portal_class, TEST_USER_ID, ["Editor"])
        transaction.commit()
        try:
            mark = _mark(functional_app_class, news.absolute_url(), login=True)
        finally:
            setRoles(functional_portal_class, TEST_USER_ID, ["Member"])
            transaction.commit()
        assert mark == "no"

    def test_no_mark_without_the_proxy(self, functional_app_class, news):
        url = news.absolute_url()
        assert _mark(functional_app_class, url, proxy=False) is None
        assert _mark(functional_app_class, url, address=ELSEWHERE) is None

    def test_no_mark_on_a_site_without_the_addon(
        self, functional_app_class, functional_portal_class, news
    ):
        installer = get_installer(functional_portal_class)
        installer.uninstall_product("collective.thdtre")
        transaction.commit()
        try:
            mark = _mark(functional_app_class, news.absolute_url())
        finally:
            installer.install_product("collective.thdtre")
            transaction.commit()
        assert mark is None
