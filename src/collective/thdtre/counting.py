"""Which requests count as views and visits, and where the counts live.

The counts are kept outside the ZODB (``counters``): SQLite in the instance's
``var/`` by default, PostgreSQL when ``THDTRE_COUNTER_DSN`` is set (several
Zope instances then share one count).

Behind a caching proxy a page is not rendered for every visitor, so rendering
cannot count it. The proxy then says so with the header ``X-Thdtre-Counter:
proxy`` on what it forwards, and sends a copy of every page request, cached or
not, to ``@@thdtre-count`` (``browser/count.py``; nginx's ``mirror`` in
``cluster/nginx.conf.in``), which counts it instead. So that a cached page still
shows the current numbers, the numbers in it are server-side includes the proxy
fills in for each visitor (``ssi_include``: ``@@thdtre-views``, ``@@thdtre-visits``).
"""

from App.config import getConfiguration
from collective.thdtre.counters import get_store
from collective.thdtre.counters import is_bot
from plone import api

import hashlib
import os
import secrets
import tempfile


VISITOR_COOKIE = "thdtre_visitor"
DSN_VARIABLE = "THDTRE_COUNTER_DSN"
PROXY_HEADER = "X-Thdtre-Counter"
VISITOR_HEADER = "X-Thdtre-Visitor"
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


def known_visitor(request) -> str:
    """The visitor's id without setting a cookie, for the proxy's counting copy.

    The proxy names it (``X-Thdtre-Visitor``: the cookie, or the id of the
    cookie it gives a new visitor); else the cookie; else the visitor is told
    apart by address and browser.
    """
    value = _visitor(request.get_header(VISITOR_HEADER)) or _cookie_visitor(request)
    if value:
        return value
    seen = f"{request.getClientAddr()}|{request.get_header('User-Agent', '')}"
    return hashlib.sha256(seen.encode()).hexdigest()[:32]


def counted_by_proxy(request) -> bool:
    """Whether a caching proxy in front counts this page (not its rendering)."""
    return request.get_header(PROXY_HEADER, "") == "proxy"


def ssi_include(view: str) -> str:
    """The proxy's directive to fill in a counter fragment of the site.

    ``view`` is a site view with its query, made by this package (no user input).
    """
    return f'<!--# include virtual="{SSI_PREFIX}{view}" -->'


def counts(request, context) -> bool:
    """Whether rendering this page counts it: no proxy counts it, a visitor's."""
    return not counted_by_proxy(request) and is_visitor(request, context)


def is_visitor(request, context) -> bool:
    """Whether this request is a visitor's: not a bot, not an editor of ``context``."""
    if is_bot(request.get_header("User-Agent")):
        return False
    if api.user.is_anonymous():
        return True
    return not api.user.has_permission("Modify portal content", obj=context)
