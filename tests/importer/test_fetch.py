"""Fetching a document by its web address: a real HTTP server on 127.0.0.1, reached
only when the allow-list names it; nothing inside the network otherwise."""

from collective.thdtre.importer.addresses import Allowed
from collective.thdtre.importer.addresses import internal
from collective.thdtre.importer.fetch import fetch
from collective.thdtre.importer.fetch import FetchError
from collective.thdtre.importer.fetch import MESSAGES
from collective.thdtre.importer.parse import parse_document
from importer_docs import fixture_text
from local_server import drip
from local_server import endless
from local_server import plan_page
from local_server import serving
from local_server import slow

import ipaddress
import pytest
import time


LOCAL = ["127.0.0.1"]


@pytest.fixture
def server():
    page = plan_page(fixture_text("003_c6cfd6b9ad409e01.txt"))
    routes = {
        "/plan.html": (200, {"Content-Type": "text/html; charset=utf-8"}, page),
        "/ke-hoach-63": (302, {"Location": "/plan.html"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/to-private": (302, {"Location": "http://10.255.255.1/plan.html"}, b""),
        "/to-metadata": (301, {"Location": "http://169.254.169.254/latest"}, b""),
        "/declared-large": (
            200,
            {"Content-Type": "text/html", "Content-Length": str(50 * 2**20)},
            b"<p>short</p>",
        ),
        "/endless": endless(4 * 2**20),
        "/slow": slow(3),
        "/drip": drip(4),
        "/picture": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n"),
        "/gone": (404, {"Content-Type": "text/html"}, b"<p>not here</p>"),
    }
    with serving(routes) as (base, httpd):
        yield base, httpd


def test_a_page_on_an_allow_listed_address_is_fetched_and_parsed(server):
    base, _httpd = server
    fetched = fetch(f"{base}/plan.html", allow=LOCAL)
    assert fetched.content_type == "text/html"
    assert fetched.filename == "plan.html"
    plan = parse_document(fetched.filename, fetched.data)["plan"]
    assert (plan["number"], plan["symbol"]) == (63, "KH-KHCN")
    assert plan["issue_date"] == "2024-04-17"
    assert plan["issuing_body"] == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"


def test_the_same_address_is_refused_when_the_allow_list_does_not_name_it(server):
    base, httpd = server
    with pytest.raises(FetchError) as info:
        fetch(f"{base}/plan.html")
    assert info.value.code == "private_address"
    assert info.value.mapping == {"host": "127.0.0.1"}
    assert httpd.requests == []  # refused before connecting


@pytest.mark.parametrize("allow", [["10.0.0.0/8"], ["example.gov.vn"], []])
def test_another_allow_list_entry_does_not_open_loopback(server, allow):
    base, httpd = server
    with pytest.raises(FetchError) as info:
        fetch(f"{base}/plan.html", allow=allow)
    assert info.value.code == "private_address"
    assert httpd.requests == []


def test_a_network_in_the_allow_list_opens_its_addresses(server):
    base, _httpd = server
    assert fetch(f"{base}/plan.html", allow=["127.0.0.0/8"]).data


def test_localhost_by_name_is_refused(server):
    base, httpd = server
    port = base.rsplit(":", 1)[1]
    with pytest.raises(FetchError) as info:
        fetch(f"http://localhost:{port}/plan.html")
    assert info.value.code == "private_address"
    assert httpd.requests == []


def test_redirects_are_followed_and_each_hop_is_checked(server):
    base, httpd = server
    fetched = fetch(f"{base}/ke-hoach-63", allow=LOCAL)
    assert fetched.url == f"{base}/plan.html"
    assert httpd.requests == ["/ke-hoach-63", "/plan.html"]


@pytest.mark.parametrize("path", ["/to-private", "/to-metadata"])
def test_a_redirect_to_a_private_address_is_refused(server, path):
    base, httpd = server
    with pytest.raises(FetchError) as info:
        fetch(f"{base}{path}", allow=LOCAL)
    assert info.value.code == "private_address"
    assert httpd.requests == [path]


def test_a_redirect_loop_stops(server):
    base, httpd = server
    with pytest.raises(FetchError) as info:
        fetch(f"{base}/loop", allow=LOCAL, max_redirects=3)
    assert info.value.code == "too_many_redirects"
    assert info.value.mapping == {"limit": 3}
    assert len(httpd.requests) == 4


def test_a_body_over_the_limit_is_refused_without_reading_it_all(server):
    base, _httpd = server
    for path in ("/endless", "/declared-large"):
        with pytest.raises(FetchError) as info:
            fetch(f"{base}{path}", allow=LOCAL, max_bytes=2**20)
        assert info.value.code == "page_too_large"
        assert info.value.message == (
            "The document at this address is larger than 1 MB."
        )


@pytest.mark.parametrize("path", ["/slow", "/drip"])
def test_a_slow_server_runs_into_the_timeout(server, path):
    base, _httpd = server
    start = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch(f"{base}{path}", allow=LOCAL, timeout=1)
    assert info.value.code == "fetch_timeout"
    assert time.monotonic() - start < 2


def test_an_error_status_and_an_unknown_type_are_refused(server):
    base, _httpd = server
    with pytest.raises(FetchError) as info:
        fetch(f"{base}/gone", allow=LOCAL)
    assert (info.value.code, info.value.mapping) == ("bad_status", {"status": "404"})
    with pytest.raises(FetchError) as info:
        fetch(f"{base}/picture", allow=LOCAL)
    assert info.value.code == "unknown_type"


@pytest.mark.parametrize(
    "url,code",
    [
        ("ftp://127.0.0.1/plan.html", "bad_scheme"),
        ("file:///etc/passwd", "bad_scheme"),
        ("gopher://127.0.0.1:70/", "bad_scheme"),
        ("javascript:alert(1)", "bad_scheme"),
        ("www.example.gov.vn/ke-hoach", "bad_url"),
        ("", "bad_url"),
        ("http://", "bad_url"),
        ("http://user:secret@127.0.0.1/", "bad_url"),
        ("http://127.0.0.1:99999/", "bad_url"),
        ("http://10.1.2.3/plan.html", "private_address"),
        ("http://[::1]/plan.html", "private_address"),
        ("http://[::ffff:127.0.0.1]/plan.html", "private_address"),
        ("http://2130706433/plan.html", "private_address"),  # 127.0.0.1 as a number
        ("http://0.0.0.0/plan.html", "private_address"),
    ],
)
def test_addresses_refused_before_any_connection(url, code):
    with pytest.raises(FetchError) as info:
        fetch(url)
    assert info.value.code == code


INTERNAL = [
    "127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.0.1", "172.31.255.255",
    "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
    "255.255.255.255", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1",
    "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1",
]  # fmt: skip
PUBLIC = ["8.8.8.8", "172.32.0.1", "203.113.131.1", "2001:4860:4860::8888"]


@pytest.mark.parametrize("address", INTERNAL)
def test_internal_addresses(address):
    assert internal(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses(address):
    assert not internal(ipaddress.ip_address(address))


def test_allow_list_entries():
    allowed = Allowed(["intranet.tinh.gov.vn", " 10.1.0.0/16 ", "192.168.5.7", "#", ""])
    assert allowed.permits("intranet.tinh.gov.vn", ipaddress.ip_address("10.9.9.9"))
    assert allowed.permits("other", ipaddress.ip_address("10.1.200.3"))
    assert allowed.permits("other", ipaddress.ip_address("192.168.5.7"))
    assert not allowed.permits("other", ipaddress.ip_address("192.168.5.8"))


def test_every_code_has_a_message():
    assert sorted(MESSAGES) == sorted(
        [
            "bad_url", "bad_scheme", "private_address", "unknown_host",
            "fetch_failed", "fetch_timeout", "bad_status", "too_many_redirects",
            "page_too_large", "unknown_type",
        ]
    )  # fmt: skip
    with pytest.raises(ValueError):
        FetchError("no_such_code")
