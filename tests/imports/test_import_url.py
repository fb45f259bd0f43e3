"""POST @thdtre-import with {"url": ...}: a page on a real local HTTP server is
fetched and imported only when the control panel's allow-list names 127.0.0.1;
every refusal is a message in the user's language, and nothing is created."""

from collective.thdtre import _
from collective.thdtre.importer import fetch as fetch_module
from collective.thdtre.importer.mapping import ERROR_MESSAGES
from collective.thdtre.interfaces import IThdtreSettings
from importer_docs import fixture_text
from imports_http import counts
from imports_http import imported
from imports_http import post_import
from imports_http import SEED_003
from imports_http import SLOGANS_003
from local_server import endless
from local_server import news_page
from local_server import plan_page
from local_server import serving
from local_server import slow
from plone import api
from zope.i18n import translate

import pytest
import requests
import transaction


@pytest.fixture
def web():
    """A local web server with a plan page, a news page and awkward routes."""
    html = {"Content-Type": "text/html; charset=utf-8"}
    routes = {
        "/ke-hoach-63.html": (200, html, plan_page(fixture_text(SEED_003))),
        "/tin-777": (200, html, news_page()),
        "/moved": (301, {"Location": "/ke-hoach-63.html"}, b""),
        "/to-private": (302, {"Location": "http://192.168.1.1/ke-hoach.html"}, b""),
        "/huge": endless(3 * 2**20),
        "/slow": slow(3),
    }
    with serving(routes) as (base, server):
        yield base, server


def allow(*entries, max_mb: int | None = None):
    api.portal.set_registry_record(
        "import_url_allowlist", list(entries), interface=IThdtreSettings
    )
    if max_mb is not None:
        api.portal.set_registry_record(
            "import_max_mb", max_mb, interface=IThdtreSettings
        )
    transaction.commit()


def refusal(response, code: str, language: str = "en", **mapping) -> None:
    assert response.status_code == 400, response.text
    message = _(ERROR_MESSAGES[code], mapping=mapping)
    expected = translate(message, target_language=language)
    assert response.json()["message"] == expected


def test_a_dry_run_previews_an_allow_listed_page(site, folder, web):
    base, server = web
    allow("127.0.0.1")
    before = counts(site)
    response = post_import(folder, {"url": f"{base}/moved", "dry_run": True})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["url"] == f"{base}/ke-hoach-63.html"
    assert result["plan"]["number"] == 63
    assert result["plan"]["issuing_body"] == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert result["slogans"] == SLOGANS_003
    assert server.requests == ["/moved", "/ke-hoach-63.html"]
    assert counts(site) == before


def test_an_import_from_a_url_creates_the_plan_with_the_page(site, folder, web):
    base, _server = web
    allow("127.0.0.0/8")
    response = post_import(folder, {"url": f"{base}/ke-hoach-63.html"})
    plan = imported(site, response)
    assert (plan.number, plan.symbol, plan.issue_date.isoformat()) == (
        63,
        "KH-KHCN",
        "2024-04-17",
    )
    assert plan.original_file.filename == "ke-hoach-63.html"
    assert len(plan.objectIds()) == 12 + 4  # slogans and activities


def test_a_news_page_becomes_a_news_item(site, folder, web):
    base, _server = web
    allow("127.0.0.1")
    news = imported(site, post_import(folder, {"url": f"{base}/tin-777"}))
    assert news.portal_type == "News Item"
    assert news.title.startswith("Kế hoạch tổ chức Tháng hành động vì trẻ em")


@pytest.mark.parametrize("language", ["en", "vi"])
def test_without_the_allow_list_the_local_server_is_not_reached(
    site, folder, web, language
):
    base, server = web
    before = counts(site)
    response = post_import(
        folder, {"url": f"{base}/ke-hoach-63.html"}, language=language
    )
    refusal(response, "private_address", language, host="127.0.0.1")
    assert server.requests == []
    assert counts(site) == before


def test_a_redirect_to_a_private_address_is_refused(site, folder, web):
    base, server = web
    allow("127.0.0.1")
    before = counts(site)
    response = post_import(folder, {"url": f"{base}/to-private"})
    refusal(response, "private_address", host="192.168.1.1")
    assert server.requests == ["/to-private"]
    assert counts(site) == before


def test_a_page_over_the_upload_limit_is_refused(site, folder, web):
    base, _server = web
    allow("127.0.0.1", max_mb=1)
    before = counts(site)
    response = post_import(folder, {"url": f"{base}/huge"}, language="vi")
    refusal(response, "page_too_large", "vi", limit_mb="1")
    assert counts(site) == before


def test_a_slow_server_times_out(site, folder, web, monkeypatch):
    base, _server = web
    allow("127.0.0.1")
    monkeypatch.setattr(fetch_module, "TIMEOUT", 1.0)
    response = post_import(folder, {"url": f"{base}/slow"})
    refusal(response, "fetch_timeout", seconds="1")


@pytest.mark.parametrize(
    "url,code",
    [("file:///etc/passwd", "bad_scheme"), ("ftp://127.0.0.1/kh.pdf", "bad_scheme")],
)
def test_other_schemes_are_refused(site, folder, url, code):
    allow("127.0.0.1")
    refusal(post_import(folder, {"url": url}), code)


@pytest.mark.parametrize(
    "payload,message",
    [
        ({"url": ""}, "Give the document's web address in 'url'."),
        ({"url": 42}, "Give the document's web address in 'url'."),
        (
            {"url": "http://127.0.0.1/", "filename": "a.txt", "data": ""},
            "Send either a file (filename and data) or a url.",
        ),
    ],
)
def test_a_bad_body_says_what_to_send(site, folder, payload, message):
    response = post_import(folder, payload)
    assert response.status_code == 400
    assert response.json()["message"] == message


def test_an_anonymous_visitor_cannot_make_the_server_fetch(site, folder, web):
    base, server = web
    allow("127.0.0.1")
    response = requests.post(
        f"{folder.absolute_url()}/@thdtre-import",
        json={"url": f"{base}/ke-hoach-63.html", "dry_run": True},
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 401
    assert server.requests == []
