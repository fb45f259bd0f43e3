"""Caching for anonymous visitors (plone.app.caching) and counting behind a proxy.

With caching on, our four kinds of page answer with moderate caching (ETag,
Last-Modified, s-maxage for the proxy), revalidate to 304 while unchanged, and
change ETag when edited; logged-in people never get a shared-cacheable page.
A change sends PURGE requests for every URL that shows it. Behind a proxy the
page's rendering does not count: ``@@thdtre-count`` does, for cached pages too.
"""

from collective.thdtre.caching.purge import item_paths
from collective.thdtre.caching.rules import RULESETS
from collective.thdtre.counting import counter_store
from collective.thdtre.counting import PROXY_HEADER
from datetime import date
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.cachepurging.interfaces import IPurger
from views_world import browser
from views_world import EDITOR_KHCN
from views_world import folder_of
from views_world import GOOGLEBOT
from views_world import make_plan
from views_world import publish
from views_world import setup_world
from views_world import sync
from zope.component import getUtility

import pytest
import requests
import threading
import time
import transaction


CACHING = "plone.caching.interfaces.ICacheSettings.enabled"
PURGING = "plone.cachepurging.interfaces.ICachePurgingSettings.enabled"
PROXIES = "plone.cachepurging.interfaces.ICachePurgingSettings.cachingProxies"


class PurgeRecorder(BaseHTTPRequestHandler):
    """A caching proxy that only writes down what it is told to purge."""

    seen: list = []

    def do_PURGE(self):  # noqa: N802 (HTTP method name)
        self.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="class")
def proxy():
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/purge"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="class")
def world(functional_portal_class, proxy):
    """A published plan with a slogan and an activity, a draft plan, a
    published news item; caching and purging on, purges to ``proxy``."""
    portal = functional_portal_class
    api.portal.set_registry_record("plone.default_language", "vi")
    api.portal.set_registry_record("plone.available_languages", ["vi"])
    setup_world()
    api.portal.set_registry_record(CACHING, True)
    api.portal.set_registry_record(PURGING, True)
    api.portal.set_registry_record(PROXIES, (proxy,))
    plan = make_plan(
        state="published",
        title="Tổ chức Tháng hành động vì trẻ em năm 2024",
        number=63,
        symbol="KH-KHCN",
        year=2024,
        issue_date=date(2024, 4, 17),
        slogans=[
            {"title": "Toàn dân chăm sóc, giáo dục và bảo vệ trẻ em.", "position": 1}
        ],
        activities=[{"title": "Tặng quà nhân ngày 1/6", "lead_unit": "Công đoàn Sở"}],
    )
    draft = make_plan(title="Dự thảo", year=2024)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        news = api.content.create(
            container=portal, type="News Item", id="tin", title="Tin Tháng hành động"
        )
        hidden = api.content.create(
            container=portal, type="News Item", id="tin-an", title="Tin chưa đăng"
        )
    publish(news)
    transaction.commit()
    return {"plan": plan, "draft": draft, "news": news, "hidden": hidden}


def _get(made, url, **headers):
    for name, value in headers.items():
        made.addHeader(name, value)
    made.open(url)
    return made


def pages(world):
    portal = api.portal.get().absolute_url()
    return {
        "collective.thdtre.plan": world["plan"].absolute_url(),
        "collective.thdtre.archive": portal + "/@@thdtre-plans",
        "collective.thdtre.slogans": portal + "/@@thdtre-slogans",
        "collective.thdtre.news": world["news"].absolute_url(),
    }


class TestAnonymousCaching:
    @pytest.mark.parametrize("ruleset", sorted(RULESETS))
    def test_each_page_is_moderately_cached(self, world, functional_app_class, ruleset):
        made = _get(browser(functional_app_class), pages(world)[ruleset])
        headers = made.headers
        assert headers["X-Cache-Rule"] == ruleset
        assert headers["X-Cache-Operation"] == "plone.app.caching.moderateCaching"
        smaxage = RULESETS[ruleset]["smaxage"]
        assert headers["Cache-Control"] == (
            f"max-age=0, s-maxage={smaxage}, must-revalidate"
        )
        assert headers["ETag"]
        assert ("Last-Modified" in headers) is RULESETS[ruleset]["lastModified"]

    def test_calendar_is_cached_as_the_archive(self, world, functional_app_class):
        url = api.portal.get().absolute_url() + "/@@thdtre-calendar"
        made = _get(browser(functional_app_class), url)
        assert made.headers["X-Cache-Rule"] == "collective.thdtre.archive"

    def test_unchanged_page_revalidates_and_an_edit_changes_it(
        self, world, functional_app_class
    ):
        plan = world["plan"]
        first = _get(browser(functional_app_class), plan.absolute_url())
        etag = first.headers["ETag"]
        again = browser(functional_app_class)
        again.handleErrors = True  # plone.caching answers 304 with an exception
        again.raiseHttpErrors = False
        _get(again, plan.absolute_url(), **{"If-None-Match": etag})
        assert again.headers["Status"].startswith("304")
        assert not again.contents

        with api.env.adopt_user(username=SITE_OWNER_NAME):
            plan.theme = "Chủ đề mới sau khi sửa"
            plan.reindexObject()
        transaction.commit()
        after = browser(functional_app_class)
        _get(after, plan.absolute_url(), **{"If-None-Match": etag})
        assert after.headers["Status"].startswith("200")
        assert after.headers["ETag"] != etag
        assert "Chủ đề mới sau khi sửa" in after.contents


class TestEditorsAreNeverShared:
    def test_editor_page_is_not_cacheable_by_the_proxy(
        self, world, functional_app_class
    ):
        made = _get(
            browser(functional_app_class, EDITOR_KHCN), world["plan"].absolute_url()
        )
        assert made.headers["Cache-Control"] == "max-age=0, must-revalidate, private"
        etag = made.headers["ETag"]
        # An editor never gets a 304 for an ETag (it is made unique per answer).
        again = browser(functional_app_class, EDITOR_KHCN)
        again.handleErrors = True
        _get(again, world["plan"].absolute_url(), **{"If-None-Match": etag})
        assert again.headers["Status"].startswith("200")

    def test_draft_is_never_cacheable(self, world, functional_app_class):
        made = _get(
            browser(functional_app_class, EDITOR_KHCN), world["draft"].absolute_url()
        )
        assert "DỰ THẢO" in made.contents
        assert "private" in made.headers["Cache-Control"]
        assert "s-maxage" not in made.headers["Cache-Control"]


class TestPurge:
    def test_plan_parts_purge_the_plan_page_and_the_listings(self, world):
        plan = world["plan"]
        (activity,) = [o for o in plan.objectValues() if o.portal_type == "Activity"]
        from collective.thdtre.caching.purge import PlanPartPurgePaths

        paths = set(PlanPartPurgePaths(activity).getRelativePaths())
        assert set(item_paths(plan)) <= paths
        folder = "/" + folder_of(plan.department).virtual_url_path()
        site = "/" + api.portal.get().virtual_url_path()
        for prefix in (folder, site):
            assert f"{prefix}/@@thdtre-plans" in paths
            assert f"{prefix}/@@thdtre-slogans" in paths

    def _wait_for(self, wanted, seconds=10):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not wanted <= set(PurgeRecorder.seen):
            time.sleep(0.1)
        return set(PurgeRecorder.seen)

    def test_a_transition_through_the_web_purges_every_url_that_shows_it(self, world):
        plan = make_plan(title="Kế hoạch sẽ rút lại", state="published", year=2024)
        transaction.commit()
        PurgeRecorder.seen.clear()
        response = requests.post(
            plan.absolute_url() + "/@workflow/retract",
            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
            headers={"Accept": "application/json"},
            timeout=60,
        )
        assert response.status_code == 200, response.text
        sync(api.portal.get())
        assert api.content.get_state(obj=plan) != "published"
        path = "/" + plan.virtual_url_path()
        site = "/" + api.portal.get().virtual_url_path()
        wanted = {
            f"/purge{path}",
            f"/purge{path}/",
            f"/purge{path}/view",
            f"/purge{site}/@@thdtre-plans",
            f"/purge{site}/@@thdtre-slogans",
        }
        # Sent and answered before the transition's answer: no waiting.
        assert wanted <= set(PurgeRecorder.seen)

    def test_editing_a_news_item_purges_its_bare_url(self, world, functional_app_class):
        news = world["news"]
        PurgeRecorder.seen.clear()
        admin = browser(functional_app_class, "admin")
        admin.open(news.absolute_url() + "/edit")
        admin.getControl(name="form.widgets.IDublinCore.title").value = "Tin đã sửa"
        admin.getControl(name="form.buttons.save").click()
        wanted = {"/purge/" + news.virtual_url_path()}
        assert wanted <= self._wait_for(wanted)

    def test_nothing_is_sent_when_purging_is_off(self, world, functional_app_class):
        api.portal.set_registry_record(PURGING, False)
        transaction.commit()
        try:
            # Purges queued by the tests before (the ++api++ URL may come after
            # the one they waited for) are sent first, then forgotten.
            getUtility(IPurger).stopThreads(wait=True)
            PurgeRecorder.seen.clear()
            admin = browser(functional_app_class, "admin")
            admin.open(world["news"].absolute_url() + "/edit")
            admin.getControl(name="form.buttons.save").click()
            getUtility(IPurger).stopThreads(wait=True)
            assert PurgeRecorder.seen == []
        finally:
            api.portal.set_registry_record(PURGING, True)
            transaction.commit()


def _from_proxy(made):
    """Requests from the counting proxy's address (counting_proxies, issue 14)."""
    made.testapp.extra_environ["REMOTE_ADDR"] = "127.0.0.1"
    return made


class TestCountingBehindTheProxy:
    def _count(self, app, uri, *, agent=None, user=None):
        made = browser(app, user) if agent is None else browser(app, user, agent=agent)
        _from_proxy(made)
        made.addHeader("X-Original-URI", uri)
        made.open(api.portal.get().absolute_url() + "/@@thdtre-count")
        assert made.headers["Status"].startswith("204")
        assert made.headers["Cache-Control"] == "no-store"
        return made

    def _views(self, item):
        return counter_store().views(key=item.UID())

    def test_rendering_behind_the_proxy_does_not_count(
        self, world, functional_app_class
    ):
        news = world["news"]
        made = _from_proxy(browser(functional_app_class))
        made.addHeader(PROXY_HEADER, "proxy")
        made.open(news.absolute_url())
        assert self._views(news) == 0
        assert "Set-Cookie" not in str(made.headers)
        # The numbers are the proxy's to fill in, fresh for each visitor.
        uid = news.UID()
        assert (
            f'<!--# include virtual="/_thdtre_ssi/@@thdtre-views?uid={uid}" -->'
            in made.contents
        )
        assert '<!--# include virtual="/_thdtre_ssi/@@thdtre-visits" -->' in (
            made.contents
        )
        direct = browser(functional_app_class)
        direct.open(news.absolute_url())
        assert "<!--#" not in direct.contents

    def test_the_fragments_give_the_current_numbers(self, world, functional_app_class):
        news, hidden = world["news"], world["hidden"]
        store = counter_store()
        for visitor in ("v1", "v2", "v3"):
            store.record_view(key=news.UID(), visitor=visitor)
        store.record_view(key=hidden.UID(), visitor="v1")
        portal = api.portal.get().absolute_url()

        def fragment(query):
            made = browser(functional_app_class)
            made.open(f"{portal}/@@thdtre-views?{query}")
            assert made.headers["Cache-Control"] == "no-store"
            return made.contents

        assert fragment(f"uid={news.UID()}") == "3"
        assert fragment(f"uid={hidden.UID()}") == ""  # not the visitor's to see
        assert fragment("uid=<script>") == ""
        visits = browser(functional_app_class)
        visits.open(f"{portal}/@@thdtre-visits")
        assert visits.contents.lstrip().startswith("<ul")
        assert "Tổng lượt truy cập:" in visits.contents

    @pytest.mark.parametrize(
        "suffix", ["", "/", "/view", "/@@newsitem_view?b_start=10"]
    )
    def test_the_counting_copy_counts_a_view_and_a_visit(
        self, world, functional_app_class, suffix
    ):
        news = world["news"]
        store = counter_store()
        visits = store.visit_stats()["total"]
        self._count(functional_app_class, "/" + news.virtual_url_path() + suffix)
        assert self._views(news) == 1
        assert store.visit_stats()["total"] == visits + 1

    def test_distinct_cookies_count_apart_and_a_reload_once(
        self, world, functional_app_class
    ):
        news = world["news"]
        uri = "/" + news.virtual_url_path()
        for cookie in ("a" * 32, "b" * 32, "a" * 32):
            made = _from_proxy(browser(functional_app_class))
            made.addHeader("Cookie", f"thdtre_visitor={cookie}")
            made.addHeader("X-Original-URI", uri)
            made.open(api.portal.get().absolute_url() + "/@@thdtre-count")
        assert self._views(news) == 2

    def test_the_proxy_names_the_visitor(self, world, functional_app_class):
        news = world["news"]
        uri = "/" + news.virtual_url_path()
        for named in ("c" * 32, "d" * 32, "c" * 32, "not-an-id"):
            made = _from_proxy(browser(functional_app_class))
            made.addHeader("X-Thdtre-Visitor", named)
            made.addHeader("X-Original-URI", uri)
            made.open(api.portal.get().absolute_url() + "/@@thdtre-count")
        # c, d; c again within the debounce; the bad name falls back to the
        # address and browser: a third visitor.
        assert self._views(news) == 3

    def test_bots_editors_hidden_items_and_foreign_paths_are_not_counted(
        self, world, functional_app_class
    ):
        news, hidden = world["news"], world["hidden"]
        store = counter_store()
        visits = store.visit_stats()["total"]
        uri = "/" + news.virtual_url_path()
        self._count(functional_app_class, uri, agent=GOOGLEBOT)
        self._count(functional_app_class, uri, user="admin")
        self._count(functional_app_class, "/" + hidden.virtual_url_path())
        self._count(functional_app_class, "/elsewhere" + uri)
        assert self._views(news) == 0
        assert self._views(hidden) == 0
        # The hidden item's page is a visit all the same (Plone answers it
        # with the login page), the bot's, the editor's and a foreign one not.
        assert store.visit_stats()["total"] == visits + 1
