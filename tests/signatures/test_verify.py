"""verify_pdf: pure verification of signed PDFs against uploaded trust roots."""

from collective.thdtre.signatures import verify
from datetime import datetime
from datetime import UTC
from signatures_pki import Authority
from signatures_pki import blank_pdf
from signatures_pki import tampered

import pytest


@pytest.fixture(scope="module")
def ca():
    return Authority()


@pytest.fixture(scope="module")
def signed(ca):
    return ca.signed_pdf(signer="Nguyễn Văn An", organisation="SỞ Y TẾ TỈNH BẮC GIANG")


def test_a_pdf_signed_under_a_trust_root_is_trusted_with_signer_and_organisation(
    ca, signed
):
    facts = verify.verify_pdf(signed, trust_roots=[ca.pem])
    assert facts.status == verify.TRUSTED
    (signature,) = facts.signatures
    assert signature.signer == "Nguyễn Văn An"
    assert signature.organisation == "SỞ Y TẾ TỈNH BẮC GIANG"
    assert signature.issuer == "Test Root CA"
    assert signature.signing_time.startswith(str(datetime.now(UTC).year))
    assert signature.not_after


def test_a_pdf_changed_after_signing_is_modified(ca, signed):
    facts = verify.verify_pdf(tampered(signed), trust_roots=[ca.pem])
    assert facts.status == verify.MODIFIED


def test_a_pdf_signed_under_another_authority_is_untrusted(signed):
    facts = verify.verify_pdf(signed, trust_roots=[Authority("Other CA").pem])
    assert facts.status == verify.UNTRUSTED
    assert facts.signatures[0].signer == "Nguyễn Văn An"


def test_without_trust_roots_every_signature_is_untrusted(signed):
    assert verify.verify_pdf(signed, trust_roots=[]).status == verify.UNTRUSTED


def test_a_signature_checked_after_the_certificate_ended_is_expired(ca, signed):
    later = datetime(2100, 1, 1, tzinfo=UTC)
    facts = verify.verify_pdf(signed, trust_roots=[ca.pem], now=later)
    assert facts.status == verify.EXPIRED


def test_an_unsigned_pdf_is_unsigned():
    assert verify.verify_pdf(blank_pdf(), trust_roots=[]).status == verify.UNSIGNED


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 a docx", b"%PDF-1.7 broken"])
def test_what_is_not_a_readable_pdf_is_unreadable(data):
    assert verify.verify_pdf(data, trust_roots=[]).status == verify.UNREADABLE


def test_files_above_the_limit_are_not_verified(monkeypatch, signed):
    monkeypatch.setattr(verify, "MAX_BYTES", 10)
    assert verify.verify_pdf(signed, trust_roots=[]).status == verify.TOO_LARGE


def test_facts_survive_a_round_trip_through_a_dict(ca, signed):
    facts = verify.verify_pdf(signed, trust_roots=[ca.pem])
    assert verify.DocumentFacts.from_dict(facts.as_dict()) == facts


def test_a_pem_bundle_gives_each_certificate_and_junk_is_refused(ca):
    bundle = ca.pem + Authority("Second CA").pem
    assert len(verify.load_certificates(bundle)) == 2
    with pytest.raises(verify.CertificateError):
        verify.load_certificates("not a certificate")


def test_the_roots_digest_ignores_order():
    assert verify.roots_digest(["a", "b"]) == verify.roots_digest(["b", "a"])


def test_verifying_where_an_event_loop_runs_in_the_thread_still_works(ca, signed):
    """pyHanko's calls use asyncio.run, which refuses inside a running loop."""
    from concurrent.futures import ThreadPoolExecutor

    import asyncio

    async def inside_a_loop():
        return verify.verify_pdf(signed, trust_roots=[ca.pem])

    # A thread of its own: this one may run a loop already (Playwright's).
    with ThreadPoolExecutor(max_workers=1) as pool:
        facts = pool.submit(asyncio.run, inside_a_loop()).result()
    assert facts.status == verify.TRUSTED


def test_a_signer_named_in_an_uploaded_revocation_list_is_revoked():
    ca = Authority()
    signed = ca.signed_pdf(signer="Trần Thị Bình", organisation="UBND HUYỆN A")
    revoked = ca.crl([ca.last_signer]).decode()
    facts = verify.verify_pdf(signed, trust_roots=[ca.pem], crls=[revoked])
    assert facts.status == verify.REVOKED
    # a list of the same authority that names another certificate changes nothing
    _key, other = ca.issue(signer="X", organisation="Y")
    clean = ca.crl([other]).decode()
    assert verify.verify_pdf(signed, trust_roots=[ca.pem], crls=[clean]).status == (
        verify.TRUSTED
    )


def test_a_revocation_list_is_told_from_certificates(ca):
    assert verify.is_crl(ca.crl())
    assert not verify.is_crl(ca.pem)
    with pytest.raises(verify.CertificateError):
        verify.load_crl(b"not a list")


def test_a_forged_revocation_list_under_the_authoritys_name_is_ignored():
    ca = Authority()
    signed = ca.signed_pdf(signer="Lê Văn C", organisation="SỞ TƯ PHÁP")
    impostor = Authority()  # its own key, but the list claims ca's name
    forged = ca.crl([ca.last_signer], key=impostor.key).decode()
    facts = verify.verify_pdf(signed, trust_roots=[ca.pem], crls=[forged])
    assert facts.status == verify.TRUSTED
