"""Fetch a document from a web address for the importer, without reaching inside.

Pure Python (the standard library's ``http.client``), nothing of Plone. A URL
import runs on the server, inside the intranet, so the address is checked the
way a server-side request forgery guard does it:

- ``http`` and ``https`` only, no user name or password in the address;
- the host is resolved and *every* address checked: loopback, private,
  link-local, shared, multicast, reserved and unspecified addresses (``localhost``,
  127.0.0.0/8, ::1, 10/8, 172.16/12, 192.168/16, 169.254/16, fc00::/7, also as
  IPv4-mapped IPv6) are refused unless the allow-list names the host or a
  network holding the address;
- the connection goes to the address that was checked (no second lookup that a
  rebinding DNS could answer differently);
- redirects are followed ``max_redirects`` times, each hop checked again;
- the whole fetch has one deadline, and the body is read in chunks and dropped
  as soon as it passes ``max_bytes``.

Every refusal is a ``FetchError`` with a stable ``code``, translated by the Plone
side like the readers' ``ParseError``.
"""

from collective.thdtre.importer.addresses import Allowed
from collective.thdtre.importer.addresses import refused
from collective.thdtre.importer.addresses import resolve
from dataclasses import dataclass
from urllib.parse import unquote
from urllib.parse import urljoin
from urllib.parse import urlsplit

import http.client
import os
import posixpath
import socket
import ssl
import time


MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = 15.0  # seconds for the whole fetch, redirects included
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
USER_AGENT = "collective.thdtre importer (Plone)"
# The reader a content type goes to, as the extension read_text knows.
TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
EXTENSIONS = (".html", ".htm", ".xhtml", ".pdf", ".docx", ".txt", ".md")

MESSAGES = {
    "bad_url": "This is not a web address. Give the whole address, starting with "
    "http:// or https://.",
    "bad_scheme": "Only http:// and https:// addresses can be imported.",
    "private_address": "The address {host} is inside the private network. Such "
    "addresses are imported only when the site administrator lists them in the "
    "control panel.",
    "unknown_host": "The server {host} was not found. Check the address.",
    "fetch_failed": "The page could not be fetched: {reason}. Check the address or "
    "try again later.",
    "fetch_timeout": "The server did not send the page within {seconds} seconds. "
    "Try again later, or save the document and upload it.",
    "bad_status": "The server answered {status} instead of the document. Check the "
    "address.",
    "too_many_redirects": "The address redirects more than {limit} times. Give the "
    "document's own address.",
    "page_too_large": "The document at this address is larger than {limit_mb:g} MB.",
    "unknown_type": "The address gives '{content_type}', not a web page, PDF, Word "
    "or text document.",
}


class FetchError(Exception):
    """A web address that cannot be imported; ``code`` is one of ``MESSAGES``."""

    def __init__(self, code: str, **mapping):
        if code not in MESSAGES:
            raise ValueError(f"Unknown FetchError code: {code}")
        self.code = code
        self.mapping = mapping
        self.message = MESSAGES[code].format(**mapping)
        super().__init__(self.message)


@dataclass(frozen=True)
class Fetched:
    """What an address gave: its final URL, content type, body and a file name."""

    url: str
    content_type: str
    data: bytes
    filename: str


def fetch(
    url: str,
    *,
    allow: tuple[str, ...] | list[str] = (),
    max_bytes: int = MAX_BYTES,
    timeout: float | None = None,
    max_redirects: int = MAX_REDIRECTS,
) -> Fetched:
    """The document at ``url``; ``allow`` names intranet hosts or networks."""
    timeout = TIMEOUT if timeout is None else timeout
    allowed = Allowed(allow)
    deadline, seconds = time.monotonic() + timeout, f"{timeout:g}"
    for _hop in range(max_redirects + 1):
        scheme, host, port = check_url(url)
        addresses = permitted(host, port, allowed, deadline, timeout)
        response, connection = request(
            scheme, host, port, addresses, url, deadline, timeout
        )
        try:
            location = response.getheader("Location")
            if response.status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location.strip())
                continue
            if response.status != 200:
                raise FetchError("bad_status", status=f"{response.status}")
            data = read_body(response, max_bytes, deadline, seconds)
            content_type = (response.getheader("Content-Type") or "").split(";")[0]
            content_type = content_type.strip().lower()
            return Fetched(url, content_type, data, filename(url, content_type))
        finally:
            connection.close()
    raise FetchError("too_many_redirects", limit=max_redirects)


def check_url(url: str) -> tuple[str, str, int]:
    """``(scheme, host, port)`` of an address that may be fetched at all."""
    if not isinstance(url, str) or not url.strip():
        raise FetchError("bad_url")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise FetchError("bad_url") from None
    if parts.scheme.lower() not in ("http", "https"):
        # "www.example.vn/page" has no scheme; "file:", "ftp:"... have another.
        raise FetchError("bad_scheme" if parts.scheme else "bad_url")
    if not parts.hostname or parts.username is not None:
        raise FetchError("bad_url")
    scheme = parts.scheme.lower()
    return (
        scheme,
        parts.hostname.lower().rstrip("."),
        port or (443 if scheme == "https" else 80),
    )


def permitted(host, port, allowed: Allowed, deadline: float, timeout: float):
    """The host's addresses, all checked; ``FetchError`` if any is off limits."""
    try:
        addresses = resolve(host, port, seconds=deadline - time.monotonic())
    except TimeoutError:
        raise FetchError("fetch_timeout", seconds=f"{timeout:g}") from None
    except (UnicodeError, OSError):
        raise FetchError("unknown_host", host=host) from None
    if not addresses:
        raise FetchError("unknown_host", host=host)
    if refused(host, addresses, allowed):
        raise FetchError("private_address", host=host)
    return addresses


class _Connection(http.client.HTTPConnection):
    """HTTP to the address that was checked, not to a second lookup's answer."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = str(address)

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _SecureConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = str(address)

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        # The certificate is checked against the host name, as a browser does.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def request(scheme, host, port, addresses, url, deadline, timeout):
    """GET ``url`` from the first of ``addresses`` that answers."""
    parts = urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    factory = _SecureConnection if scheme == "https" else _Connection
    reason = None
    for address in addresses:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        connection = factory(host, port, address, left)
        try:
            connection.request(
                "GET",
                target,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml,application/pdf,"
                    "application/vnd.openxmlformats-officedocument."
                    "wordprocessingml.document,text/plain;q=0.8,*/*;q=0.1",
                    "Accept-Encoding": "identity",
                },
            )
            return connection.getresponse(), connection
        except TimeoutError:
            connection.close()
            break
        except ssl.SSLError as error:
            connection.close()
            reason = error.reason or "TLS"
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            reason = (
                os.strerror(error.errno)
                if getattr(error, "errno", None)
                else (type(error).__name__)
            )
    if reason is None:
        raise FetchError("fetch_timeout", seconds=f"{timeout:g}")
    raise FetchError("fetch_failed", reason=reason)


def read_body(response, max_bytes: int, deadline: float, seconds: str) -> bytes:
    """The body, read in chunks, given up past ``max_bytes`` or the deadline."""
    limit = round(max_bytes / 2**20, 1)
    limit = int(limit) if limit.is_integer() else limit
    too_large = FetchError("page_too_large", limit_mb=limit)
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise too_large
    # Each read waits at most until the deadline (http.client gives no other way
    # to the socket of a response than its file's raw socket).
    sock = getattr(getattr(response.fp, "raw", None), "_sock", None)
    chunks, size = [], 0
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise FetchError("fetch_timeout", seconds=seconds)
            if sock is not None:
                sock.settimeout(left)
            chunk = response.read1(CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise too_large
            chunks.append(chunk)
    except TimeoutError:
        raise FetchError("fetch_timeout", seconds=seconds) from None
    except (OSError, http.client.HTTPException) as error:
        raise FetchError("fetch_failed", reason=type(error).__name__) from None
    return b"".join(chunks)


def filename(url: str, content_type: str) -> str:
    """A file name whose extension picks the reader: from the type, else the path."""
    name = posixpath.basename(unquote(urlsplit(url).path)) or "index"
    stem, extension = posixpath.splitext(name)
    if content_type in TYPES:
        return (stem or "index") + TYPES[content_type]
    if extension.lower() in EXTENSIONS:
        return name
    raise FetchError("unknown_type", content_type=content_type or "?")
