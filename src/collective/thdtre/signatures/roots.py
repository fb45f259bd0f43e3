"""The trust roots the site's administrator uploaded, kept in an annotation of the site.

An annotation, not the registry: certificates are managed in the control panel's own
table (add, remove, see who they are), never edited as raw text.
"""

from __future__ import annotations

from collective.thdtre import _
from collective.thdtre.signatures.verify import load_certificates
from collective.thdtre.signatures.verify import load_crl
from collective.thdtre.signatures.verify import to_pem
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
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
            _(
                "At most ${limit} trust roots: remove the ones no longer used first.",
                mapping={"limit": MAX_ROOTS},
            )
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


# Revocation lists (CRL) the administrator uploads: nothing is fetched from the
# network, so a revoked certificate is known only from a list uploaded here.
CRL_KEY = "collective.thdtre.revocation_lists"
MAX_CRLS = 50
MAX_REVOKED = 200_000  # entries of one list: a national CA's list stays far below


def get_revocation_lists() -> list[str]:
    """The PEM revocation lists signatures are checked against."""
    return list(IAnnotations(api.portal.get()).get(CRL_KEY, ()))


def add_revocation_list(*, data: str | bytes) -> bool:
    """Add a list (PEM or DER) issued by a trust root; it replaces an older list of
    the same authority. ``ValueError`` (with the reason) when it is not one."""
    crl = load_crl(data)
    if sum(1 for _ in crl) > MAX_REVOKED:
        raise ValueError(_("This revocation list is too long to be used here."))
    roots = [c for pem in get_trust_roots() for c in load_certificates(pem)]
    issuers = [c for c in roots if c.subject == crl.issuer]
    if not any(_valid_signature(crl, c) for c in issuers):
        raise ValueError(
            _(
                "This revocation list was not issued by one of the trust roots: "
                "add the authority's certificate first."
            )
        )
    pem = crl.public_bytes(Encoding.PEM).decode("ascii")
    kept = []
    for old_pem in get_revocation_lists():
        old = load_crl(old_pem)
        if old_pem == pem:
            return False
        if old.issuer == crl.issuer and old.last_update_utc > crl.last_update_utc:
            return False  # a newer list of the same authority is already here
        if old.issuer != crl.issuer:
            kept.append(old_pem)
    if len(kept) >= MAX_CRLS:
        raise ValueError(
            _(
                "At most ${limit} revocation lists: remove the ones no longer used "
                "first.",
                mapping={"limit": MAX_CRLS},
            )
        )
    IAnnotations(api.portal.get())[CRL_KEY] = (*kept, pem)
    return True


def remove_revocation_list(*, fingerprint: str) -> bool:
    current = get_revocation_lists()
    kept = [pem for pem in current if describe_crl(pem)["fingerprint"] != fingerprint]
    if len(kept) == len(current):
        return False
    IAnnotations(api.portal.get())[CRL_KEY] = tuple(kept)
    return True


def describe_crl(pem: str) -> dict:
    """Issuer, dates, size and fingerprint of a PEM revocation list, for display."""
    crl = load_crl(pem)
    return {
        "issuer": crl.issuer.rfc4514_string(),
        "last_update": crl.last_update_utc.date().isoformat(),
        "next_update": (
            crl.next_update_utc.date().isoformat() if crl.next_update_utc else ""
        ),
        "revoked": sum(1 for _ in crl),
        "fingerprint": crl.fingerprint(hashes.SHA256()).hex(),
    }


def _valid_signature(crl, certificate) -> bool:
    try:
        return crl.is_signature_valid(certificate.public_key())
    except (TypeError, ValueError):
        return False
