"""The trust roots the site's administrator uploaded, kept in an annotation of the site.

An annotation, not the registry: certificates are managed in the control panel's own
table (add, remove, see who they are), never edited as raw text.
"""

from __future__ import annotations

from collective.thdtre.signatures.verify import load_certificates
from collective.thdtre.signatures.verify import to_pem
from cryptography.hazmat.primitives import hashes
from plone import api
from zope.annotation.interfaces import IAnnotations


KEY = "collective.thdtre.trust_roots"
MAX_ROOTS = 50


def get_trust_roots() -> list[str]:
    """The PEM certificates signatures are checked against."""
    return list(IAnnotations(api.portal.get()).get(KEY, ()))


def add_trust_roots(*, data: str | bytes) -> list[str]:
    """Add the certificates of a PEM bundle or a DER file; returns the new ones."""
    current = get_trust_roots()
    added = []
    for certificate in load_certificates(data):
        pem = to_pem(certificate)
        if pem not in current and pem not in added:
            added.append(pem)
    if len(current) + len(added) > MAX_ROOTS:
        raise ValueError(
            f"At most {MAX_ROOTS} trust roots: remove the ones no longer used first."
        )
    if added:
        IAnnotations(api.portal.get())[KEY] = tuple(current + added)
    return added


def remove_trust_root(*, fingerprint: str) -> bool:
    """Remove the certificate with this SHA-256 fingerprint; False when unknown."""
    current = get_trust_roots()
    kept = [pem for pem in current if describe(pem)["fingerprint"] != fingerprint]
    if len(kept) == len(current):
        return False
    IAnnotations(api.portal.get())[KEY] = tuple(kept)
    return True


def describe(pem: str) -> dict:
    """Subject, issuer, validity and fingerprint of a PEM certificate, for display."""
    (certificate,) = load_certificates(pem)[:1]
    return {
        "subject": certificate.subject.rfc4514_string(),
        "issuer": certificate.issuer.rfc4514_string(),
        "not_before": certificate.not_valid_before_utc.date().isoformat(),
        "not_after": certificate.not_valid_after_utc.date().isoformat(),
        "fingerprint": certificate.fingerprint(hashes.SHA256()).hex(),
    }
