"""Trust roots in the control panel: managers add and remove CA certificates; the
panel's verdicts follow at once; nobody else may change them."""

from collective.thdtre.signatures import facts as facts_module
from collective.thdtre.signatures.facts import signature_facts
from collective.thdtre.signatures.roots import add_revocation_list
from collective.thdtre.signatures.roots import add_trust_roots
from collective.thdtre.signatures.roots import describe
from collective.thdtre.signatures.roots import describe_crl
from collective.thdtre.signatures.roots import get_revocation_lists
from collective.thdtre.signatures.roots import get_trust_roots
from collective.thdtre.signatures.roots import remove_revocation_list
from collective.thdtre.signatures.roots import remove_trust_root
from collective.thdtre.signatures.verify import CertificateError
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import TEST_USER_PASSWORD
from plone.namedfile.file import NamedBlobFile
from plone.testing.zope import Browser
from signatures_pki import Authority
from urllib.parse import urlencode
from zope.container.contained import ContainerModifiedEvent
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import io
import pytest
import transaction


@pytest.fixture(scope="module")
def ca():
    return Authority()


def test_a_certificate_is_added_once_described_and_removed(portal, ca):
    assert len(add_trust_roots(data=ca.pem)) == 1
    assert add_trust_roots(data=ca.pem) == []
    (root,) = get_trust_roots()
    info = describe(root)
    assert "CN=Test Root CA" in info["subject"]
    assert remove_trust_root(fingerprint=info["fingerprint"]) is True
    assert get_trust_roots() == []
    assert remove_trust_root(fingerprint=info["fingerprint"]) is False


def test_what_is_not_a_certificate_is_refused(portal):
    with pytest.raises(CertificateError):
        add_trust_roots(data="-----BEGIN CERTIFICATE-----\nAAAA\n")


def test_a_page_view_uses_the_cached_verdict_and_new_roots_apply_at_once(
    portal, ca, monkeypatch
):
    signed = ca.signed_pdf(signer="A", organisation="B")
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        news = api.content.create(
            container=portal,
            type="News Item",
            id="tin",
            title="Tin",
            original_file=NamedBlobFile(
                data=signed, filename="a.pdf", contentType="application/pdf"
            ),
        )
    calls = []
    real = facts_module.verify_pdf
    monkeypatch.setattr(
        facts_module, "verify_pdf", lambda *a, **kw: calls.append(1) or real(*a, **kw)
    )
    facts_module.clear_cache()
    assert signature_facts(news).status == "untrusted"  # kept at creation
    assert signature_facts(news).status == "untrusted"
    assert calls == []
    add_trust_roots(data=ca.pem)
    assert signature_facts(news).status == "trusted"
    assert signature_facts(news).status == "trusted"
    assert calls == [1]


def test_editing_other_fields_or_adding_parts_does_not_verify_again(
    portal, ca, monkeypatch
):
    signed = ca.signed_pdf(signer="A", organisation="B")
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        news = api.content.create(
            container=portal,
            type="News Item",
            id="tin",
            title="Tin",
            original_file=NamedBlobFile(
                data=signed, filename="a.pdf", contentType="application/pdf"
            ),
        )
    kept = facts_module.stored_facts(news)
    calls = []
    monkeypatch.setattr(facts_module, "verify_pdf", lambda *a, **kw: calls.append(1))
    news.title = "Tin mới"
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        notify(ObjectModifiedEvent(news))
        notify(ContainerModifiedEvent(news))
    assert calls == []
    assert facts_module.stored_facts(news) == kept


def _browser(app, user, password):
    made = Browser(app)
    made.handleErrors = False
    made.addHeader("Authorization", f"Basic {user}:{password}")
    return made


def test_a_manager_uploads_a_certificate_file_in_the_control_panel(
    functional_portal, functional_app, ca
):
    transaction.commit()
    admin = _browser(functional_app, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    admin.open(f"{functional_portal.absolute_url()}/@@thdtre-settings")
    form = admin.getForm(action="@@thdtre-trust-roots", index=0)
    form.getControl(name="certificate").add_file(
        io.BytesIO(ca.pem.encode()), "application/x-pem-file", "root.pem"
    )
    form.submit()
    assert "CN=Test Root CA" in admin.contents
    admin.getForm(action="@@thdtre-trust-roots", index=0).submit()
    assert "CN=Test Root CA" not in admin.contents


def test_only_managers_may_change_the_trust_roots(
    functional_portal, functional_app, ca
):
    api.user.grant_roles(username=TEST_USER_NAME, roles=["Editor"])
    transaction.commit()
    editor = _browser(functional_app, TEST_USER_NAME, TEST_USER_PASSWORD)
    editor.handleErrors = True
    editor.raiseHttpErrors = False
    url = functional_portal.absolute_url()
    editor.post(f"{url}/@@thdtre-trust-roots", urlencode({"pem": ca.pem}))
    assert _refused(editor)
    editor.open(f"{url}/@@thdtre-trust-roots-panel")
    assert _refused(editor)
    transaction.begin()
    assert get_trust_roots() == []


def _refused(made) -> bool:
    """Plone answers a logged-in user without the permission with a page saying so."""
    return made.headers["status"][:3] in ("401", "403") or any(
        page in made.url for page in ("insufficient-privileges", "require_login")
    )


def test_a_revocation_list_needs_its_authority_replaces_an_older_one_and_is_removed(
    portal,
):
    ca = Authority()
    with pytest.raises(ValueError):
        add_revocation_list(data=ca.crl())  # its authority is not a trust root
    add_trust_roots(data=ca.pem)
    with pytest.raises(ValueError):  # a list under ca's name signed by another key
        add_revocation_list(data=ca.crl(key=Authority().key))
    assert add_revocation_list(data=ca.crl()) is True
    _key, certificate = ca.issue(signer="X", organisation="Y")
    assert add_revocation_list(data=ca.crl([certificate])) is True
    (kept,) = get_revocation_lists()
    info = describe_crl(kept)
    assert info["revoked"] == 1 and "CN=Test Root CA" in info["issuer"]
    assert remove_revocation_list(fingerprint=info["fingerprint"]) is True
    assert get_revocation_lists() == []


def test_a_manager_uploads_a_revocation_list_and_the_signers_plan_shows_revoked(
    functional_portal, functional_app
):
    ca = Authority()
    signed = ca.signed_pdf(signer="Phạm Văn D", organisation="SỞ NỘI VỤ")
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        add_trust_roots(data=ca.pem)
        news = api.content.create(
            container=functional_portal,
            type="News Item",
            id="tin-thu-hoi",
            title="Tin",
            original_file=NamedBlobFile(
                data=signed, filename="a.pdf", contentType="application/pdf"
            ),
        )
    transaction.commit()
    assert signature_facts(news).status == "trusted"
    admin = _browser(functional_app, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    admin.open(f"{functional_portal.absolute_url()}/@@thdtre-settings")
    forms = list(admin._response.html.find_all("form"))
    index = len(
        [f for f in forms if (f.get("action") or "").endswith("@@thdtre-trust-roots")]
    )
    form = admin.getForm(action="@@thdtre-trust-roots", index=index - 1)
    form.getControl(name="certificate").add_file(
        io.BytesIO(ca.crl([ca.last_signer])), "application/pkix-crl", "ca.crl"
    )
    form.submit()
    assert "thdtre-revocation-lists" in admin.contents
    transaction.begin()
    assert signature_facts(news).status == "revoked"
