"""The signature facts of an item's original file: verified once, kept and cached.

A subscriber verifies the original when an item is added or its file changes
(imports too, since they fire the same events) and keeps the facts on the item. Pages
read them; when the trust roots changed or the facts are older than an hour, the
file is verified again and the verdict cached in memory, never written on a GET.
"""

from __future__ import annotations

from Acquisition import aq_base
from collective.thdtre.signatures.cache import TimedCache
from collective.thdtre.signatures.roots import get_revocation_lists
from collective.thdtre.signatures.roots import get_trust_roots
from collective.thdtre.signatures.verify import DocumentFacts
from collective.thdtre.signatures.verify import roots_digest
from collective.thdtre.signatures.verify import verify_pdf
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from zope.annotation.interfaces import IAnnotations
from zope.container.interfaces import IContainerModifiedEvent

import hashlib


KEY = "collective.thdtre.signature"
FRESH_FOR = timedelta(hours=1)
_cache = TimedCache(size=256, seconds=FRESH_FOR.total_seconds())


def original_file(obj):
    """The item's original document (plans and items with our behavior), or None."""
    return getattr(aq_base(obj), "original_file", None) or None


def is_pdf(file) -> bool:
    content_type = (getattr(file, "contentType", "") or "").lower()
    filename = (getattr(file, "filename", "") or "").lower()
    return content_type == "application/pdf" or filename.endswith(".pdf")


def stored_facts(obj) -> dict | None:
    """What the subscriber recorded: facts, file digest, roots digest, when."""
    return IAnnotations(obj).get(KEY)


def signature_facts(obj) -> DocumentFacts | None:
    """The verdict on the item's original PDF; None when it has no PDF original."""
    file = original_file(obj)
    if file is None or not is_pdf(file):
        return None
    roots, crls = get_trust_roots(), get_revocation_lists()
    digest = roots_digest(roots + crls)
    key = (obj.UID(), _file_key(file), digest)
    facts = _cache.get(key)
    if facts is not None:
        return facts
    data = file.data
    sha = hashlib.sha256(data).hexdigest()
    stored = stored_facts(obj)
    if _still_valid(stored, sha=sha, digest=digest):
        facts = DocumentFacts.from_dict(stored["facts"])
    else:
        facts = verify_pdf(data, trust_roots=roots, crls=crls)
    _cache.put(key, facts)
    return facts


def record_facts(obj, event=None) -> None:
    """Subscriber: verify a new or changed original PDF and keep the facts."""
    if IContainerModifiedEvent.providedBy(event):
        return  # an activity or slogan was added to the plan: its file is the same
    annotations = IAnnotations(obj)
    file = original_file(obj)
    if file is None or not is_pdf(file):
        annotations.pop(KEY, None)
        return
    data = file.data
    sha = hashlib.sha256(data).hexdigest()
    roots, crls = get_trust_roots(), get_revocation_lists()
    digest = roots_digest(roots + crls)
    stored = annotations.get(KEY)
    if stored and stored.get("sha256") == sha and stored.get("roots") == digest:
        return  # the file did not change: an edit of other fields
    annotations[KEY] = {
        "sha256": sha,
        "roots": digest,
        "verified_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "facts": verify_pdf(data, trust_roots=roots, crls=crls).as_dict(),
    }


def clear_cache() -> None:
    """Forget cached verdicts (after the trust roots changed)."""
    _cache.clear()


def _file_key(file) -> str:
    """Identifies the stored file without reading it: a new upload is a new blob."""
    blob = getattr(file, "_blob", None)
    oid = getattr(blob, "_p_oid", None)
    if oid is not None:
        return f"{oid.hex()}:{file.getSize()}"
    return hashlib.sha256(file.data).hexdigest()


def _still_valid(stored: dict | None, *, sha: str, digest: str) -> bool:
    if not stored or stored.get("sha256") != sha or stored.get("roots") != digest:
        return False
    try:
        verified_at = datetime.fromisoformat(stored["verified_at"])
    except (KeyError, ValueError):
        return False
    return datetime.now(UTC) - verified_at < FRESH_FOR
