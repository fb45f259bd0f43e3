"""Who signed a PDF, and is it intact and trusted? pyHanko's answer as plain facts.

Pure Python: no Plone. The caller passes the trust roots (PEM certificates the site's
administrator uploaded) and gets codes, never translated text: the page turns the
codes into words.
"""

from __future__ import annotations

from asn1crypto import x509 as asn1_x509
from concurrent.futures import ThreadPoolExecutor
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import UTC
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext

import asyncio
import hashlib
import io
import logging


logger = logging.getLogger(__name__)

# Larger files are not verified on a page view; a signed plan is a few MB at most.
MAX_BYTES = 30 * 1024 * 1024
MAX_SIGNATURES = 10

# Codes, from the best to the worst.
TRUSTED = "trusted"
EXPIRED = "expired"
UNTRUSTED = "untrusted"
REVOKED = "revoked"
MODIFIED = "modified"
# Codes of the whole document when no signature could be judged.
UNSIGNED = "unsigned"
UNREADABLE = "unreadable"
TOO_LARGE = "too_large"
SEVERITY = (TRUSTED, EXPIRED, UNTRUSTED, REVOKED, MODIFIED)

_EXPIRED_INDICATIONS = {
    "EXPIRED",
    "NOT_YET_VALID",
    "OUT_OF_BOUNDS_NO_POE",
    "OUT_OF_BOUNDS_NOT_REVOKED",
}
_REVOKED_INDICATIONS = {"REVOKED", "REVOKED_NO_POE", "REVOKED_CA_NO_POE"}
# Vietnamese organisation certificates carry digitalSignature, nonRepudiation or both.
_KEY_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)


class CertificateError(ValueError):
    """A trust root that is not a readable X.509 certificate."""


@dataclass(frozen=True)
class SignatureFacts:
    """One signature: who, of which organisation, when, and the verdict."""

    status: str
    signer: str = ""
    organisation: str = ""
    issuer: str = ""
    signing_time: str = ""  # ISO 8601, UTC; empty when the signer gave none
    timestamped: bool = False
    not_after: str = ""  # the end of the signer certificate's validity, ISO 8601


@dataclass(frozen=True)
class DocumentFacts:
    """The verdict on a whole file: the worst of its signatures, and each of them."""

    status: str
    signatures: tuple[SignatureFacts, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "signatures": [asdict(s) for s in self.signatures],
        }

    @classmethod
    def from_dict(cls, data: dict) -> DocumentFacts:
        return cls(
            status=data["status"],
            signatures=tuple(SignatureFacts(**s) for s in data.get("signatures", ())),
        )


def looks_like_pdf(data: bytes) -> bool:
    """True when the bytes start like a PDF (its header may follow some junk)."""
    return b"%PDF-" in data[:1024]


def load_certificates(text: str | bytes) -> list[x509.Certificate]:
    """The certificates of a PEM bundle or of one DER certificate."""
    data = text.encode("ascii", "replace") if isinstance(text, str) else text
    try:
        if b"-----BEGIN" in data:
            certificates = x509.load_pem_x509_certificates(data)
        else:
            certificates = [x509.load_der_x509_certificate(data)]
    except ValueError as error:
        raise CertificateError(
            "This is not an X.509 certificate: upload the CA's certificate as a "
            ".pem, .crt or .cer file."
        ) from error
    return certificates


def load_crl(data: str | bytes) -> x509.CertificateRevocationList:
    """A certificate revocation list from PEM or DER bytes."""
    data = data.encode("ascii", "replace") if isinstance(data, str) else data
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_crl(data)
        return x509.load_der_x509_crl(data)
    except ValueError as error:
        raise CertificateError(
            "This is not a certificate revocation list: upload the CA's .crl file."
        ) from error


def is_crl(data: str | bytes) -> bool:
    """Whether ``data`` looks like a revocation list rather than certificates."""
    data = data.encode("ascii", "replace") if isinstance(data, str) else data
    if b"-----BEGIN X509 CRL-----" in data:
        return True
    if b"-----BEGIN" in data:
        return False
    try:
        x509.load_der_x509_crl(data)
    except ValueError:
        return False
    return True


def to_pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(Encoding.PEM).decode("ascii")


def roots_digest(pems: list[str]) -> str:
    """A short fingerprint of a set of trust roots, for cache keys."""
    digest = hashlib.sha256()
    for pem in sorted(pems):
        digest.update(pem.strip().encode("ascii", "replace"))
    return digest.hexdigest()[:16]


def verify_pdf(
    data: bytes,
    *,
    trust_roots: list[str],
    crls: list[str] = (),
    now: datetime | None = None,
) -> DocumentFacts:
    """Verify every signature of a PDF against the given PEM trust roots and the
    PEM revocation lists the administrator uploaded (nothing is fetched)."""
    if len(data) > MAX_BYTES:
        return DocumentFacts(status=TOO_LARGE)
    if not looks_like_pdf(data):
        return DocumentFacts(status=UNREADABLE)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)[:MAX_SIGNATURES]
    except Exception:  # noqa: BLE001 - any broken PDF is just unreadable
        logger.info("Unreadable PDF", exc_info=True)
        return DocumentFacts(status=UNREADABLE)
    if not embedded:
        return DocumentFacts(status=UNSIGNED)
    roots = [
        asn1_x509.Certificate.load(c.public_bytes(Encoding.DER))
        for pem in trust_roots
        for c in load_certificates(pem)
    ]
    revocations = [load_crl(pem) for pem in crls]
    issuers = [c for pem in trust_roots for c in load_certificates(pem)]
    signatures = tuple(
        _verify_one(sig, roots, revocations, now, issuers) for sig in embedded
    )
    worst = max(signatures, key=lambda s: SEVERITY.index(s.status))
    return DocumentFacts(status=worst.status, signatures=signatures)


def _verify_one(embedded, roots, crls, now, issuers=()) -> SignatureFacts:
    context = ValidationContext(
        trust_roots=roots,
        allow_fetching=False,  # no network from the server: uploaded lists only
        revocation_mode="soft-fail",
        moment=now,
        best_signature_time=now,
    )
    try:
        status = outside_event_loop(
            validate_pdf_signature,
            embedded,
            signer_validation_context=context,
            key_usage_settings=_KEY_USAGE,
        )
    except Exception:  # noqa: BLE001 - a signature pyHanko cannot read proves nothing
        logger.info("Unverifiable signature", exc_info=True)
        return SignatureFacts(status=MODIFIED)
    certificate = status.signing_cert
    timestamp = status.timestamp_validity
    when = timestamp.timestamp if timestamp is not None else status.signer_reported_dt
    verdict = _verdict(status)
    if verdict in (TRUSTED, EXPIRED) and crls:
        carried = [
            x509.load_der_x509_certificate(c.dump())
            for c in embedded.other_embedded_certs
        ]
        if revoked_by(certificate, crls, [*issuers, *carried]):
            verdict = REVOKED
    return SignatureFacts(
        status=verdict,
        signer=_name_part(certificate.subject, "common_name"),
        organisation=_name_part(certificate.subject, "organization_name"),
        issuer=_name_part(certificate.issuer, "common_name")
        or _name_part(certificate.issuer, "organization_name"),
        signing_time=_iso(when),
        timestamped=timestamp is not None,
        not_after=_iso(certificate.not_valid_after),
    )


def outside_event_loop(function, *args, **kwargs):
    """Call one of pyHanko's synchronous functions (``asyncio.run`` inside).

    Where this thread already runs an event loop (a server or tool built on
    asyncio), ``asyncio.run`` refuses: the call then runs in a thread of its own.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def revoked_by(certificate, crls, issuers) -> bool:
    """Whether an uploaded revocation list of the certificate's issuer names it.

    The lists are the administrator's (nothing is fetched). A list counts only
    when its issuer is the certificate's and its signature verifies with the key
    of that issuer, found among ``issuers`` (the trust roots and the certificates
    the signature carries, whose chain pyHanko has just validated).
    """
    cert = x509.load_der_x509_certificate(certificate.dump())
    keys = [c.public_key() for c in issuers if c.subject == cert.issuer]
    for crl in crls:
        if crl.issuer != cert.issuer:
            continue
        if crl.get_revoked_certificate_by_serial_number(cert.serial_number) is None:
            continue
        if any(_signed_with(crl, key) for key in keys):
            return True
    return False


def _signed_with(crl, key) -> bool:
    try:
        return crl.is_signature_valid(key)
    except (TypeError, ValueError):  # a key of a kind a CRL cannot be signed with
        return False


def _verdict(status) -> str:
    if not (status.intact and status.valid):
        return MODIFIED
    level = status.modification_level
    if status.docmdp_ok is False or level == ModificationLevel.OTHER:
        return MODIFIED
    if status.trusted:
        return TRUSTED
    indication = getattr(status.trust_problem_indic, "name", "")
    if indication in _REVOKED_INDICATIONS or status.revoked:
        return REVOKED
    if indication in _EXPIRED_INDICATIONS:
        return EXPIRED
    return UNTRUSTED


def _name_part(name, key: str) -> str:
    value = name.native.get(key, "")
    if isinstance(value, list):  # a name may repeat an attribute
        value = ", ".join(value)
    return str(value).strip()


def _iso(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")
