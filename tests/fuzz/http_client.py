"""Requests to the functional layer's Zope in the test's own process.

The publisher is called as a WSGI application, the way a server calls it, with
no test browser and no sockets between: a request costs what Zope and Plone
spend on it. A 500 is replayed with ``x-wsgiorg.throw_errors`` to get the
exception that caused it.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from dataclasses import dataclass
from dataclasses import field
from io import BytesIO
from zope.component.hooks import getSite
from zope.component.hooks import setSite
from ZPublisher.utils import basic_auth_encode
from ZPublisher.WSGIPublisher import publish_module

import traceback


@dataclass
class Case:
    """One generated request."""

    user: str | None  # None: anonymous; (name, password) otherwise
    method: str
    path: str  # below the application root, e.g. /plone/@@thdtre-plans
    query: str = ""
    headers: dict = field(default_factory=dict)
    body: bytes = b""

    def describe(self) -> str:
        who = self.user[0] if self.user else "anonymous"
        body = self.body[:300]
        return (
            f"{who} {self.method} {self.path}?{self.query[:300]} "
            f"headers={self.headers} body={body!r}"
        )


def _environ(case: Case) -> dict:
    # A WSGI server passes the decoded path's bytes as latin-1 characters.
    path = case.path.encode("utf-8", "surrogatepass").decode("latin-1")
    environ = {
        "REQUEST_METHOD": case.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": case.query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(case.body),
        "wsgi.errors": BytesIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "CONTENT_LENGTH": str(len(case.body)),
    }
    for name, value in case.headers.items():
        key = name.upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            environ[key] = value
        else:
            environ[f"HTTP_{key}"] = value
    if case.user:
        environ["HTTP_AUTHORIZATION"] = basic_auth_encode(*case.user)
    return environ


class Client:
    def __init__(self, app):
        self.app = app

    def _publish(self, environ) -> tuple[int, bytes]:
        status = []

        def start_response(line, headers, exc_info=None):
            status.append(int(line.split()[0]))

        security, site = getSecurityManager(), getSite()
        try:
            chunks = publish_module(environ, start_response)
            body = b"".join(
                c if isinstance(c, bytes) else c.read() for c in chunks if c
            )
        finally:
            setSecurityManager(security)
            setSite(site)
            self.app._p_jar.sync()
        return status[0], body

    def send(self, case: Case) -> tuple[int, bytes]:
        return self._publish(_environ(case))

    def exception(self, case: Case) -> str:
        """The traceback of the exception behind a 5xx (replays the request)."""
        environ = _environ(case)
        environ["x-wsgiorg.throw_errors"] = True
        try:
            self._publish(environ)
        except Exception:
            return traceback.format_exc(limit=-8)
        return "(no exception on replay)"
