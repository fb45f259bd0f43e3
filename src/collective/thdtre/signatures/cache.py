"""A small in-memory cache with a size bound and an age bound (no Plone).

Verdicts are cached per process: a page view never re-verifies a file it verified
a moment ago, and an hour later the verdict is made again (certificates expire).
"""

from __future__ import annotations

from collections import OrderedDict

import threading
import time


class TimedCache:
    """Least recently used entries go first; entries older than ``seconds`` too."""

    def __init__(self, *, size: int = 256, seconds: float = 3600, clock=time.monotonic):
        self.size = size
        self.seconds = seconds
        self.clock = clock
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        """The value stored under ``key``, or None when absent or too old."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            stored_at, value = entry
            if self.clock() - stored_at > self.seconds:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._entries[key] = (self.clock(), value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
