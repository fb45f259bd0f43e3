"""Which requests count as views and visits, and where the counts live.

The counts are kept outside the ZODB (``counters``): SQLite in the instance's
``var/`` by default, PostgreSQL when ``THDTRE_COUNTER_DSN`` is set (several
Zope instances then share one count).

Behind a caching proxy a page is not rendered for every visitor, so rendering
cannot count it. The proxy then says so with the header ``X-Thdtre-Counter:
proxy`` on what it forwards, and counts every page, cached or not, itself: nginx
(``cluster/nginx.conf.in``) writes a counting log that the ingester
(``counters/ingest.py``) counts, exactly once, from Plone's mark on each page
(``browser/count.py``: ``mark_page``); a proxy that cannot log sends a copy of
each page request to ``@@thdtre-count`` instead. So that a cached page still
shows the current numbers, the numbers in it are server-side includes the proxy
fills in for each visitor (``ssi_include``: ``@@thdtre-views``, ``@@thdtre-visits``).

Only the proxy may say so: its headers count only on requests whose peer address
(the WSGI ``REMOTE_ADDR``, never ``X-Forwarded-For``) is one of the site's
``counting_proxies`` (default 127.0.0.1 and ::1); from anywhere else they are
ignored and the request counts as any other.

A visitor is the ``thdtre_visitor`` cookie. A request without it is a new visitor
only once per 30 s per address, browser and page (``first_sight``): the page
sets the cookie, so a browser counts once, and a client that never keeps the
cookie (a script) cannot count a view per request. A page shows the count from
before its own view (as behind the proxy, whose include runs beside the count):
the reader's own view shows on their next page.
"""

from App.config import getConfiguration
from collective.thdtre.counters import get_store
from collective.thdtre.counters import is_bot
from collective.thdtre.interfaces import IThdtreSettings
from plone import api

import hashlib
import ipaddress
import os
import secrets
import tempfile


VISITOR_COOKIE = "thdtre_visitor"
DSN_VARIABLE = "THDTRE_COUNTER_DSN"
PROXY_HEADER = "X-Thdtre-Counter"
VISITOR_HEADER = "X-Thdtre-Visitor"
# Set by the proxy when it gave the visitor a new cookie with this request.
NEW_VISITOR_HEADER = "X-Thdtre-New-Visitor"
DEFAULT_PROXIES = ("127.0.0.1", "::1")
# Where one request's decision about a cookieless visitor is kept.
_DECIDED = "collective.thdtre.counted_visitor"
# Where the proxy's server-side includes reach the site (nginx.conf.in).
SSI_PREFIX = "/_thdtre_ssi/"


def counter_store():
    """The process's counter store."""
    home = getattr(getConfiguration(), "clienthome", None)
    if not home or not os.path.isdir(home):
        home = tempfile.gettempdir()  # no instance var/ (tests, scripts)
    return get_store(
        dsn=os.environ.get(DSN_VARIABLE),
        sqlite_path=os.path.join(home, "thdtre-counters.sqlite"),
    )


def _visitor(value) -> str | None:
    """``value`` if it is a visitor id (32 letters and digits), else None."""
    ok = isinstance(value, str) and len(value) == 32 and value.isalnum()
    return value if ok else None


def _cookie_visitor(request) -> str | None:
    return _visitor(request.cookies.get(VISITOR_COOKIE))


def visitor_id(request) -> str:
    """The visitor's anonymous id, from its cookie; set the cookie when new."""
    value = _cookie_visitor(request)
    if value:
        return value
    value = secrets.token_hex(16)
    request.cookies[VISITOR_COOKIE] = value
    request.response.setCookie(
        VISITOR_COOKIE, value, path="/", max_age=400 * 24 * 3600, same_site="Lax"
    )
    return value


def proxy_networks() -> list:
    """The site's counting proxies (``counting_proxies``) as networks."""
    value = api.portal.get_registry_record(
        "counting_proxies", interface=IThdtreSettings, default=None
    )
    if value is None:  # a site not upgraded yet
        value = DEFAULT_PROXIES
    networks = []
    for entry in value:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            continue  # the control panel refuses these; an old value is skipped
    return networks


def from_proxy(request) -> bool:
    """Whether the request's peer is one of the site's counting proxies."""
    peer = request.environ.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(peer.split("%")[0])
    except ValueError:
        return False
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address in network for network in proxy_networks())


def client_address(request) -> str:
    """The visitor's address: the one the proxy saw, or the peer's."""
    if from_proxy(request):
        forwarded = request.get_header("X-Forwarded-For", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.environ.get("REMOTE_ADDR", "")


def fingerprint(request, page: str = "") -> str:
    """A visitor without a cookie told apart by address and browser (and, for
    the repeats of one page, by the page)."""
    seen = f"{client_address(request)}|{request.get_header('User-Agent', '')}"
    if page:
        seen += f"|{page}"
    return hashlib.sha256(seen.encode()).hexdigest()[:32]


def _page(request) -> str:
    """The page a rendering counts: its path, without the query string."""
    return request.get("PATH_INFO", "") or ""


def known_visitor(request, page: str = "") -> str | None:
    """The visitor's id for the proxy's counting copy, or None if not counted.

    The proxy names it (``X-Thdtre-Visitor``: the cookie, or the id of the cookie
    it gives a new visitor, ``X-Thdtre-New-Visitor: 1``); else the cookie; else the
    visitor is told apart by address and browser. A new visitor counts once per
    30 s per address and browser.
    """
    named = (
        _visitor(request.get_header(VISITOR_HEADER)) if from_proxy(request) else None
    )
    new = from_proxy(request) and request.get_header(NEW_VISITOR_HEADER) == "1"
    if named and not new:
        return named
    if not named:
        cookie = _cookie_visitor(request)
        if cookie:
            return cookie
        named = fingerprint(request)
    first = counter_store().first_sight(fingerprint=fingerprint(request, page))
    return named if first else None


def counted_by_proxy(request) -> bool:
    """Whether a caching proxy in front counts this page (not its rendering)."""
    return request.get_header(PROXY_HEADER, "") == "proxy" and from_proxy(request)


def counted_visitor(request) -> str | None:
    """The visitor whose page this is, or None when a page without cookie is not.

    Sets the cookie of a new visitor; decided once per request.
    """
    decided = request.environ.get(_DECIDED)
    if decided is not None:
        return decided or None
    visitor = _cookie_visitor(request)
    if visitor is None:
        visitor = visitor_id(request)
        page = fingerprint(request, _page(request))
        if not counter_store().first_sight(fingerprint=page):
            visitor = None
    request.environ[_DECIDED] = visitor or ""
    return visitor


def ssi_include(view: str) -> str:
    """The proxy's directive to fill in a counter fragment of the site.

    ``view`` is a site view with its query, made by this package (no user input).
    """
    return f'<!--# include virtual="{SSI_PREFIX}{view}" -->'


def counts(request, context) -> bool:
    """Whether rendering this page counts it: no proxy counts it, a visitor's.

    A page without the visitor cookie counts once per 30 s per address and
    browser; ``visitor_id`` then gives the cookie it set.
    """
    if counted_by_proxy(request) or not is_visitor(request, context):
        return False
    return counted_visitor(request) is not None


def is_visitor(request, context) -> bool:
    """Whether this request is a visitor's: not a bot, not an editor of ``context``."""
    if is_bot(request.get_header("User-Agent")):
        return False
    if api.user.is_anonymous():
        return True
    return not api.user.has_permission("Modify portal content", obj=context)
