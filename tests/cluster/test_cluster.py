"""Two Zope instances on one RelStorage/PostgreSQL database share everything.

A throwaway PostgreSQL server (Debian's packages; installed when missing, as root)
holds the ZODB (RelStorage, history-free, a blob cache per instance) and the view
counters. Two runwsgi processes are built from the cluster templates of
``cluster/``; the demo site is created with ``scripts/create_site.py``. What one
instance writes, the other reads; numbers given at the same moment by both differ.
Skipped, with the reason printed, only when PostgreSQL, RelStorage or psycopg2
are missing.
"""

from cluster_servers import free_port
from cluster_servers import Ingester
from cluster_servers import Instance
from cluster_servers import Nginx
from cluster_servers import Postgres
from cluster_servers import START_TIMEOUT
from cluster_servers import Unavailable
from pathlib import Path
from urllib.parse import urlsplit

import base64
import os
import pytest
import re
import requests
import secrets
import shutil
import tempfile
import threading
import time


ADMIN = ("admin", "admin")
EDITOR = ("editor-stp", "thdtre-demo")  # demo users of the demo profile
APPROVER = ("approver-stp", "thdtre-demo")
DEPARTMENT = "so-tu-phap"
FOLDER = f"ke-hoach/{DEPARTMENT}"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"  # not a bot: it counts
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
TIMEOUT = 60


# No Plone test layer here: these names replace pytest-plone's autouse
# session fixtures, as in tests/counters/conftest.py.
@pytest.fixture(scope="session")
def _keep_functional_session():
    return None


@pytest.fixture(scope="session")
def _keep_integration_session():
    return None


def _skip(request, reason: str):
    """Skip, and say why on the terminal even without ``-rs``."""
    plugins = request.config.pluginmanager
    reporter = plugins.get_plugin("terminalreporter")
    capture = plugins.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\ntests/cluster skipped: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def postgres(request):
    for module, package in (
        ("relstorage", "RelStorage"),
        ("psycopg2", "psycopg2-binary"),
    ):
        try:
            __import__(module)
        except ImportError:
            _skip(request, f"{package} is not installed: the cluster tests need it")
    try:
        server = Postgres()
        server.start()
    except Unavailable as exc:
        _skip(request, str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def cluster(postgres):
    """Instances ``a`` and ``b`` serving the demo site from one database."""
    home = Path(tempfile.mkdtemp(prefix="thdtre-cluster-"))
    a = Instance(home=home / "a", dsn=postgres.dsn)
    b = Instance(home=home / "b", dsn=postgres.dsn)
    a.proxy_port = free_port()  # nginx's, for Plone's purges (see ``proxy``)
    try:
        started = time.monotonic()
        made = a.create_site(
            THDTRE_CACHING_PROXY=f"http://127.0.0.1:{a.proxy_port}/purge"
        )
        assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-3000:]
        assert "Site 'Plone' created" in made.stdout
        a.created_in = time.monotonic() - started
        a.start()
        b.start()
        deadline = time.monotonic() + START_TIMEOUT
        a.wait_until_ready(deadline)
        b.wait_until_ready(deadline)
        yield a, b
    finally:
        a.stop()
        b.stop()
        shutil.rmtree(home, ignore_errors=True)


def rest(method: str, url: str, auth=ADMIN, **kwargs) -> requests.Response:
    response = requests.request(
        method, url, auth=auth, headers=JSON, timeout=TIMEOUT, **kwargs
    )
    assert response.ok, f"{method} {url}: {response.status_code} {response.text[:500]}"
    return response


def test_relstorage_configuration_starts_history_free(cluster, postgres):
    import psycopg2

    a, b = cluster
    for instance in (a, b):
        assert requests.get(instance.url, timeout=TIMEOUT).status_code == 200
    connection = psycopg2.connect(postgres.dsn)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = 'public'"
            )
            tables = {row[0] for row in cursor.fetchall()}
            cursor.execute("SELECT count(*) FROM object_state")
            (objects,) = cursor.fetchone()
    finally:
        connection.close()
    assert {"object_state", "blob_chunk"} <= tables
    # History-preserving RelStorage would have a "transaction" table.
    assert "transaction" not in tables
    assert objects > 1000  # the site and its demo content
    assert "thdtre_views" in tables  # the counters share the database


def test_content_written_through_a_is_read_through_b(cluster):
    a, b = cluster
    created = rest(
        "POST",
        a.url,
        json={"@type": "Document", "id": "written-by-a", "title": "Viết qua A"},
    ).json()
    assert created["@id"].startswith(a.url)

    seen = rest("GET", f"{b.url}/written-by-a").json()
    assert seen["title"] == "Viết qua A"

    rest("PATCH", f"{b.url}/written-by-a", json={"title": "Sửa qua B"})
    assert rest("GET", f"{a.url}/written-by-a").json()["title"] == "Sửa qua B"


def test_blob_uploaded_through_a_downloads_through_b(cluster):
    a, b = cluster
    payload = os.urandom(300_000)  # bigger than a blob chunk of one page
    rest(
        "POST",
        a.url,
        json={
            "@type": "File",
            "id": "blob-by-a",
            "title": "Tệp qua A",
            "file": {
                "data": base64.b64encode(payload).decode(),
                "encoding": "base64",
                "filename": "blob.bin",
                "content-type": "application/octet-stream",
            },
        },
    )
    response = requests.get(
        f"{b.url}/blob-by-a/@@download/file", auth=ADMIN, timeout=TIMEOUT
    )
    assert response.status_code == 200
    assert response.content == payload
    # B has its own blob cache: it fetched the blob from PostgreSQL.
    cached = list((b.home / "var" / "blobcache").rglob("*.blob"))
    assert cached


def _news_url(instance) -> str:
    found = rest(
        "GET",
        f"{instance.url}/@search",
        params={"portal_type": "News Item", "review_state": "published"},
    ).json()["items"]
    assert found, "the demo site has no published news"
    return found[0]["@id"].replace(instance.url, "{base}", 1)


def _views_shown(url: str, **kwargs) -> int:
    response = requests.get(url, timeout=TIMEOUT, **kwargs)
    assert response.status_code == 200
    match = re.search(r'class="thdtre-views"[^>]*>\s*([\d.]+)\s*<', response.text)
    assert match, "no view count on the news page"
    return int(match.group(1).replace(".", ""))


def test_view_counted_through_a_is_seen_through_b(cluster):
    a, b = cluster
    news = _news_url(a)
    # An editor's visit does not count: it only reads the shared count.
    before = _views_shown(news.format(base=b.url), auth=ADMIN)

    for n in range(3):  # three new visitors (no cookie), on three browsers
        agent = f"{BROWSER} visitor/{n}"  # one browser's repeats count once in 30 s
        _views_shown(news.format(base=a.url), headers={"User-Agent": agent})

    assert _views_shown(news.format(base=b.url), auth=ADMIN) == before + 3


def _pending_plan(instance, title: str) -> str:
    plan = rest(
        "POST",
        f"{instance.url}/{FOLDER}",
        auth=EDITOR,
        json={"@type": "Plan", "title": title, "department": DEPARTMENT},
    ).json()["@id"]
    rest("POST", f"{plan}/@workflow/submit", auth=EDITOR)
    return plan.replace(instance.url, "{base}", 1)


def _approve_together(urls: list[str]) -> list[requests.Response]:
    """POST every approval at the same moment, one thread per URL."""
    start = threading.Barrier(len(urls))
    responses = [None] * len(urls)

    def approve(index, url):
        start.wait(timeout=TIMEOUT)
        responses[index] = requests.post(
            f"{url}/@workflow/approve", auth=APPROVER, headers=JSON, timeout=TIMEOUT
        )

    threads = [
        threading.Thread(target=approve, args=(index, url))
        for index, url in enumerate(urls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT * 2)
    return responses


def test_numbering_is_unique_across_instances(cluster):
    a, b = cluster
    numbers = []
    for round_ in range(3):
        plans = [_pending_plan(a, f"Kế hoạch cụm {round_}-{side}") for side in "ab"]
        urls = [plans[0].format(base=a.url), plans[1].format(base=b.url)]

        responses = _approve_together(urls)

        for response in responses:
            assert response is not None and response.status_code == 200, (
                response.text[:500] if response is not None else "no answer"
            )
        for plan in plans:
            data = rest("GET", plan.format(base=b.url), auth=ADMIN).json()
            assert data["review_state"] == "approved"
            numbers.append(data["number"])

    assert None not in numbers
    assert len(set(numbers)) == len(numbers), numbers
    # One sequence: the six approvals took six consecutive numbers.
    assert sorted(numbers) == list(range(min(numbers), min(numbers) + 6))


# nginx in front: pages cached for anonymous visitors, purged by Plone,
# logged-in people always served by Plone, every page counted from nginx's
# counting log by the ingester (issue 15), without a request to Zope.


@pytest.fixture(scope="module")
def proxy(request, cluster, postgres):
    a, b = cluster
    home = Path(tempfile.mkdtemp(prefix="thdtre-cluster-nginx-"))
    try:
        server = Nginx(home, port=a.proxy_port, instances=(a, b))
    except Unavailable as exc:
        _skip(request, str(exc))
    server.ingester = Ingester(
        log=home / "logs" / "count.log", dsn=postgres.dsn, home=home
    )
    server.start()
    server.ingester.start()
    try:
        yield server
    finally:
        server.ingester.stop()
        server.stop()
        errors = server.error_log()
        shutil.rmtree(home, ignore_errors=True)
        assert "exited on signal" not in errors, errors


def _anonymous(url: str, **headers) -> requests.Response:
    headers = {"User-Agent": BROWSER, "Accept": "text/html", **headers}
    return requests.get(url, headers=headers, timeout=TIMEOUT, allow_redirects=False)


def _until(check, seconds: float = 15):
    """Plone purges after the commit, from a thread: wait for it a little."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.3)


def _published_plan(instance, title: str) -> str:
    plan = _pending_plan(instance, title).format(base=instance.url)
    rest("POST", f"{plan}/@workflow/approve", auth=APPROVER)
    rest("POST", f"{plan}/@workflow/publish", auth=ADMIN)
    return plan.replace(instance.url, "{base}", 1)


def test_anonymous_pages_are_cached_and_editors_bypass(cluster, proxy):
    a, _ = cluster
    plan = _published_plan(a, "Kế hoạch được lưu đệm").format(base=proxy.url)
    first, second = _anonymous(plan), _anonymous(plan)
    assert first.status_code == second.status_code == 200
    assert first.headers["X-Cache-Status"] == "MISS"
    assert second.headers["X-Cache-Status"] == "HIT"
    assert second.headers["X-Cache-Rule"] == "collective.thdtre.plan"
    assert second.headers["ETag"] == first.headers["ETag"]
    assert "Kế hoạch được lưu đệm".upper() in second.text.upper()

    editor = requests.get(plan, auth=EDITOR, timeout=TIMEOUT)
    assert editor.headers["X-Cache-Status"] == "BYPASS"
    assert "private" in editor.headers["Cache-Control"]
    json = requests.get(plan, headers={"Accept": "application/json"}, timeout=TIMEOUT)
    assert json.headers["X-Cache-Status"] == "BYPASS"
    assert json.json()["title"] == "Kế hoạch được lưu đệm"


def test_an_edit_purges_the_cached_page(cluster, proxy):
    a, _ = cluster
    plan = _published_plan(a, "Kế hoạch sẽ sửa").format(base=proxy.url)
    _anonymous(plan)
    assert _anonymous(plan).headers["X-Cache-Status"] == "HIT"

    api_url = plan.replace("/Plone/", "/Plone/++api++/", 1)
    rest("PATCH", api_url, json={"theme": "Chủ đề sửa sau khi đăng"})

    assert _until(lambda: "Chủ đề sửa sau khi đăng" in _anonymous(plan).text)
    assert _anonymous(plan).headers["X-Cache-Status"] == "HIT"  # cached again


def test_a_retracted_plan_leaves_the_page_and_the_archive(cluster, proxy):
    a, _ = cluster
    plan = _published_plan(a, "Kế hoạch sẽ rút lại").format(base=proxy.url)
    number = rest("GET", plan.replace("/Plone/", "/Plone/++api++/", 1)).json()[
        "document_number"
    ]
    archive = f"{proxy.url}/@@thdtre-plans"
    _anonymous(plan), _anonymous(archive)
    assert _anonymous(plan).headers["X-Cache-Status"] == "HIT"
    assert number in _anonymous(archive).text

    rest("POST", f"{plan.replace('/Plone/', '/Plone/++api++/', 1)}/@workflow/retract")

    # Purged before the transition answered: the very next request misses.
    assert _anonymous(plan).status_code != 200
    assert number not in _anonymous(archive).text


def _stored_views(postgres, uid: str) -> int:
    from collective.thdtre.counters import get_store

    return get_store(dsn=postgres.dsn, sqlite_path=os.devnull).views(key=uid)


def test_cached_pages_are_counted_once_per_request(cluster, postgres, proxy):
    a, _ = cluster
    news = _news_url(a).format(base=proxy.url)
    uid = rest("GET", news.replace("/Plone/", "/Plone/++api++/", 1)).json()["UID"]
    proxy.ingester.wait_caught_up()  # earlier tests' pages are counted first
    before = _stored_views(postgres, uid)
    statuses = []
    for n in range(6):  # six visitors, each with its own cookie
        cookie = {"Cookie": f"thdtre_visitor={n:032d}"}
        statuses.append(_anonymous(news, **cookie).headers["X-Cache-Status"])
    _anonymous(news, **{"User-Agent": "Googlebot/2.1"})  # a bot: not counted
    requests.get(news, auth=ADMIN, timeout=TIMEOUT)  # an editor: not counted
    _anonymous(f"{proxy.url}/++plone++static/plone-compiled.css")  # not a page

    assert statuses.count("HIT") >= 5
    proxy.ingester.wait_caught_up()
    assert _stored_views(postgres, uid) == before + 6


def _shown(response: requests.Response) -> int:
    match = re.search(r'class="thdtre-views"[^>]*>\s*([\d.]+)\s*<', response.text)
    assert match, "no view count on the news page"
    return int(match.group(1).replace(".", ""))


def test_a_cached_news_page_shows_the_current_count(cluster, postgres, proxy):
    a, _ = cluster
    news = _news_url(a).format(base=proxy.url)
    uid = rest("GET", news.replace("/Plone/", "/Plone/++api++/", 1)).json()["UID"]
    first = _shown(_anonymous(news, Cookie=f"thdtre_visitor={100:032d}"))
    for n in range(1, 4):
        response = _anonymous(news, Cookie=f"thdtre_visitor={n + 100:032d}")
        assert "<!--#" not in response.text
    assert response.headers["X-Cache-Status"] == "HIT"
    proxy.ingester.wait_caught_up()
    stored = _stored_views(postgres, uid)
    assert stored >= first + 4
    # The include is cached for 2 s: a few seconds behind the count at most.
    bot = {"User-Agent": "Googlebot/2.1"}
    assert _until(lambda: _shown(_anonymous(news, **bot)) == stored, seconds=6)
    box = re.search(r"thdtre-visit-numbers.*?</ul>", response.text, re.S)
    assert box and re.search(r"\d", box.group(0))


def test_rich_text_cannot_carry_server_side_includes(cluster, proxy):
    a, _ = cluster
    text = '<p>Tin</p><!--# echo var="http_user_agent" --><p>hết</p>'
    news = rest(
        "POST",
        f"{a.url}/tin-tuc",
        json={
            "@type": "News Item",
            "title": "Tin có chỉ thị SSI",
            "text": {"data": text, "content-type": "text/html"},
        },
    ).json()["@id"]
    rest("POST", f"{news}/@workflow/publish")
    page = _anonymous(news.replace(a.url, proxy.url, 1))
    assert page.status_code == 200
    assert "Tin có chỉ thị SSI" in page.text
    assert BROWSER not in page.text


def test_a_new_visitor_gets_its_cookie_from_nginx_and_a_reload_counts_once(
    cluster, postgres, proxy
):
    a, _ = cluster
    news = _news_url(a).format(base=proxy.url)
    uid = rest("GET", news.replace("/Plone/", "/Plone/++api++/", 1)).json()["UID"]
    # Cached from here on, by a bot: no counting copy still on its way when the
    # count is read (a new visitor's would arrive on its own time).
    _anonymous(news, **{"User-Agent": "Googlebot/2.1"})
    proxy.ingester.wait_caught_up()  # earlier tests' pages are counted first
    before = _stored_views(postgres, uid)

    # A browser of its own: a new visitor counts once per 30 s per address and
    # browser, and other tests' new visitors came from this address too.
    agent = {"User-Agent": f"{BROWSER} new-visitor"}
    first = _anonymous(news, **agent)
    cookie = first.cookies.get("thdtre_visitor")
    assert first.headers["X-Cache-Status"] == "HIT"
    assert cookie and len(cookie) == 32 and cookie.isalnum()
    reload = _anonymous(news, Cookie=f"thdtre_visitor={cookie}", **agent)
    assert "thdtre_visitor" not in reload.headers.get("Set-Cookie", "")
    proxy.ingester.wait_caught_up()
    assert _stored_views(postgres, uid) == before + 1  # within the debounce


def test_only_nginx_counts_and_cookieless_repeats_count_once(cluster, postgres, proxy):
    """Issue 14: no name of the count view reaches it through nginx, a client's
    own X-Thdtre-Visitor is ignored, and a client that never keeps the visitor
    cookie counts once per 30 s, not once per request."""
    a, _ = cluster
    news = _news_url(a).format(base=proxy.url)
    uid = rest("GET", news.replace("/Plone/", "/Plone/++api++/", 1)).json()["UID"]
    _anonymous(news, **{"User-Agent": "Googlebot/2.1"})  # cached, not counted
    proxy.ingester.wait_caught_up()  # earlier tests' pages are counted first
    before = _stored_views(postgres, uid)
    path = urlsplit(news).path
    named = {"X-Original-URI": path, "X-Thdtre-Visitor": "e" * 32}
    for name in (
        "/@@thdtre-count",
        "/%40%40thdtre-count",
        "/thdtre-count",
        "/++view++thdtre-count",
        path.removeprefix("/Plone") + "/thdtre-count",
    ):
        assert _anonymous(f"{proxy.url}/Plone{name}", **named).status_code == 404
    script = {"User-Agent": f"{BROWSER} script"}
    for _ in range(20):
        _anonymous(news, **script, **{"X-Thdtre-Visitor": secrets.token_hex(16)})
    proxy.ingester.wait_caught_up()
    assert _stored_views(postgres, uid) == before + 1


def _zope_lines(cluster) -> list[str]:
    return [
        (instance.home / "var" / "log" / "access.log").read_text(errors="replace")
        for instance in cluster
    ]


def test_cached_pages_are_counted_without_a_request_to_zope(cluster, postgres, proxy):
    """Issue 15: nginx serves a cached page and its counting alone; only the
    micro-cached includes (2 s, 5 s) reach Zope, not once per page."""
    a, _ = cluster
    news = _news_url(a).format(base=proxy.url)
    uid = rest("GET", news.replace("/Plone/", "/Plone/++api++/", 1)).json()["UID"]
    _anonymous(news, **{"User-Agent": "Googlebot/2.1"})  # cached, not counted
    proxy.ingester.wait_caught_up()
    before, logs = _stored_views(postgres, uid), _zope_lines(cluster)
    started = time.monotonic()
    hits = 30
    for n in range(hits):
        response = _anonymous(news, Cookie=f"thdtre_visitor={n + 500:032d}")
        assert response.headers["X-Cache-Status"] == "HIT"
        assert "X-Thdtre-Count" not in response.headers  # Plone's mark: logged only
    elapsed = time.monotonic() - started
    proxy.ingester.wait_caught_up()
    assert _stored_views(postgres, uid) == before + hits
    new = [
        line
        for text, old in zip(_zope_lines(cluster), logs, strict=True)
        for line in text[len(old) :].splitlines()
    ]
    path = urlsplit(news).path
    assert not [line for line in new if f"GET {path} " in line or "count" in line]
    # At most a refresh of each include per its 2 s / 5 s, never one per page.
    assert len(new) <= 2 + elapsed / 2 + elapsed / 5 < hits, new
