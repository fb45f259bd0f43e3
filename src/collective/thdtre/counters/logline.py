"""What one line of nginx's counting log says, and whether it counts; pure.

nginx writes one JSON object per line (``log_format thdtre_count escape=json``
in ``cluster/nginx.conf.in``)::

    {"t":1717228800.123,"s":200,"v":"<visitor>","n":"1","a":"<address>",
     "ua":"<User-Agent>","p":"<path>","m":"<Plone's mark>"}

- ``t``: when nginx answered (``$msec``), ``s``: the status it answered with.
- ``v``: the visitor (nginx's ``$thdtre_visitor``: the ``thdtre_visitor`` cookie,
  or the id of the cookie nginx gave a new visitor), ``n``: "1" for a new visitor.
- ``a``, ``ua``, ``p``: address, browser and path, which tell a new visitor apart
  (30 s per address, browser and page, as ``counting.known_visitor``).
- ``m``: what Plone said of the page when it rendered it (``X-Thdtre-Count``,
  ``browser/count.py``), kept with a cached page: ``view:<UID>`` for a news item
  the visitor counts a view of, ``visit`` for another page, ``no`` for a page
  rendered for an editor of it. Only Plone sets it (a response header); nothing a
  client sends can name an item or an editor.

The client controls ``v`` (its own cookie), ``ua`` and ``p``: each is checked and
bounded, and can only change how that client itself is counted.
"""

from collective.thdtre.counters.bots import is_bot
from dataclasses import dataclass
from datetime import datetime

import hashlib
import json
import math


MAX_LINE = 16 * 1024
MAX_FIELD = 4096
MAX_UID = 64
COUNTED_STATUS = (range(200, 300), (304,))


@dataclass(frozen=True)
class Hit:
    """A counted request: a visit, and a view of ``item`` when it is not None."""

    visitor: str
    when: datetime
    item: str | None
    # Set for a new visitor: counts only if first seen within the debounce.
    fingerprint: str | None


def _visitor(value) -> str | None:
    ok = isinstance(value, str) and len(value) == 32 and value.isalnum()
    return value if ok and value.isascii() else None


def _text(record: dict, name: str) -> str | None:
    value = record.get(name, "")
    if not isinstance(value, str) or len(value) > MAX_FIELD:
        return None
    return value


def _item(mark: str) -> tuple[bool, str | None] | None:
    """(counted, item) for Plone's mark; None when it is not one of ours."""
    if mark == "no":
        return False, None
    if mark in ("", "visit"):
        # No mark: a page Plone rendered before it marked pages; counted as a
        # visit, as the counting view counts every page (browser/count.py).
        return True, None
    kind, _, uid = mark.partition(":")
    if kind == "view" and 0 < len(uid) <= MAX_UID and uid.isascii() and uid.isalnum():
        return True, uid
    return None


def fingerprint(address: str, agent: str, path: str) -> str:
    """A cookieless visitor of one page, as ``counting.fingerprint`` tells it."""
    seen = f"{address}|{agent}|{path.rstrip('/')}"
    return hashlib.sha256(seen.encode()).hexdigest()[:32]


def parse(line: bytes) -> Hit | None:
    """The hit a log line counts, or None (not counted, or not a line of ours)."""
    if len(line) > MAX_LINE:
        return None
    try:
        # nginx passes a client's non-ASCII bytes as they came: a broken
        # User-Agent or path must not drop the visitor's page.
        record = json.loads(line.decode("utf-8", "replace"))
    except (ValueError, RecursionError):
        return None
    if not isinstance(record, dict):
        return None
    stamp, status = record.get("t"), record.get("s")
    if isinstance(stamp, bool) or not isinstance(stamp, int | float):
        return None
    if isinstance(status, bool) or not isinstance(status, int):
        return None
    if not math.isfinite(stamp) or not 0 < stamp < 2**33:
        return None
    if not any(status in allowed for allowed in COUNTED_STATUS):
        return None
    fields = [_text(record, name) for name in ("v", "n", "a", "ua", "p", "m")]
    if None in fields:
        return None
    visitor, new, address, agent, path, mark = fields
    visitor = _visitor(visitor)
    decided = _item(mark)
    if visitor is None or decided is None or is_bot(agent):
        return None
    counted, item = decided
    if not counted:
        return None
    when = datetime.fromtimestamp(stamp).astimezone()
    first = fingerprint(address, agent, path) if new == "1" else None
    return Hit(visitor=visitor, when=when, item=item, fingerprint=first)
