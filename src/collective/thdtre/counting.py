"""Which requests count as views and visits, and where the counts live.

The counts are kept outside the ZODB (``counters``): SQLite in the instance's
``var/`` by default, PostgreSQL when ``THDTRE_COUNTER_DSN`` is set (several
Zope instances then share one count).
"""

from App.config import getConfiguration
from collective.thdtre.counters import get_store
from collective.thdtre.counters import is_bot
from plone import api

import os
import secrets
import tempfile


VISITOR_COOKIE = "thdtre_visitor"
DSN_VARIABLE = "THDTRE_COUNTER_DSN"


def counter_store():
    """The process's counter store."""
    home = getattr(getConfiguration(), "clienthome", None)
    if not home or not os.path.isdir(home):
        home = tempfile.gettempdir()  # no instance var/ (tests, scripts)
    return get_store(
        dsn=os.environ.get(DSN_VARIABLE),
        sqlite_path=os.path.join(home, "thdtre-counters.sqlite"),
    )


def visitor_id(request) -> str:
    """The visitor's anonymous id, from its cookie; set the cookie when new."""
    value = request.cookies.get(VISITOR_COOKIE, "")
    if len(value) == 32 and value.isalnum():
        return value
    value = secrets.token_hex(16)
    request.cookies[VISITOR_COOKIE] = value
    request.response.setCookie(
        VISITOR_COOKIE, value, path="/", max_age=400 * 24 * 3600, same_site="Lax"
    )
    return value


def counts(request, context) -> bool:
    """Whether this request is a visitor's: not a bot, not an editor of ``context``."""
    if is_bot(request.get_header("User-Agent")):
        return False
    if api.user.is_anonymous():
        return True
    return not api.user.has_permission("Modify portal content", obj=context)
