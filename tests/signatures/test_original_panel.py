"""'Tải văn bản gốc' and the signature panel: a signed, a tampered and an untrusted
PDF each show their verdict; downloads follow the item's View permission."""

from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import department_folder
from collective.thdtre.interfaces import IThdtreSettings
from collective.thdtre.signatures.facts import stored_facts
from collective.thdtre.signatures.roots import add_trust_roots
from lxml import html as lxml_html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.namedfile.file import NamedBlobFile
from plone.testing.zope import Browser
from signatures_pki import Authority
from signatures_pki import tampered
from zExceptions import Unauthorized

import json
import pytest
import transaction


SIGNER = "Nguyễn Văn An"
ORGANISATION = "SỞ Y TẾ TỈNH BẮC GIANG"
AGENT = "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"


def _pdf(data: bytes) -> NamedBlobFile:
    return NamedBlobFile(
        data=data, filename="KH-107.pdf", contentType="application/pdf"
    )


@pytest.fixture(scope="class")
def world(functional_portal_class):
    """Published plans with a signed, a tampered, an untrusted PDF, a .docx and no
    original; a draft plan with a signed PDF; a published and a private news item."""
    portal = functional_portal_class
    api.portal.set_registry_record("plone.default_language", "vi")
    api.portal.set_registry_record("plone.available_languages", ["vi", "en"])
    api.portal.set_registry_record("plone.use_request_negotiation", True)
    api.portal.set_registry_record("four_eyes", False, interface=IThdtreSettings)
    ca = Authority()
    signed = ca.signed_pdf(signer=SIGNER, organisation=ORGANISATION)
    foreign = Authority("Unknown CA").signed_pdf(signer="X", organisation="Y")
    markup = ca.signed_pdf(signer="<script>alert(1)</script>", organisation="<b>O</b>")
    docx = NamedBlobFile(data=b"PK\x03\x04 docx", filename="KH-107.docx")
    items = {}
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        add_trust_roots(data=ca.pem)
        create_department(id="so-y-te", title="Sở Y tế", abbreviation="SYT")
        folder = department_folder(id="so-y-te")
        for key, original, published in (
            ("signed", _pdf(signed), True),
            ("tampered", _pdf(tampered(signed)), True),
            ("untrusted", _pdf(foreign), True),
            ("draft", _pdf(signed), False),
            ("markup", _pdf(markup), True),
            ("docx", docx, True),
            ("none", None, True),
        ):
            plan = api.content.create(
                container=folder,
                type="Plan",
                id=key,
                title=f"Kế hoạch {key}",
                department="so-y-te",
                original_file=original,
            )
            if published:
                for transition in ("submit", "approve", "publish"):
                    api.content.transition(obj=plan, transition=transition)
            items[key] = plan
        for key, published in (("news", True), ("news-private", False)):
            news = api.content.create(
                container=portal,
                type="News Item",
                id=key,
                title="Tin",
                original_file=_pdf(signed),
            )
            if published:
                api.content.transition(obj=news, to_state="published")
            items[key] = news
    transaction.commit()
    return items


def _browser(app, user=None) -> Browser:
    made = Browser(app)
    made.handleErrors = False
    made.addHeader("User-Agent", AGENT)
    if user == "admin":
        made.addHeader(
            "Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}"
        )
    return made


def _panel(app, item, user=None, language="vi"):
    made = _browser(app, user)
    made.addHeader("Accept-Language", language)
    made.open(item.absolute_url())
    page = lxml_html.fromstring(made.contents)
    found = page.xpath('//*[@id="thdtre-original"]')
    return found[0] if found else None


def _text(node) -> str:
    return " ".join(node.text_content().split())


def _classes(node) -> set:
    (alert,) = node.xpath('.//*[contains(@class, "thdtre-signature ")]')
    return set(alert.get("class").split())


class TestSignaturePanel:
    def test_a_pdf_signed_under_a_trust_root_shows_signer_organisation_and_time(
        self, world, functional_app_class
    ):
        panel = _panel(functional_app_class, world["signed"])
        assert "thdtre-signature-trusted" in _classes(panel)
        text = _text(panel)
        assert f"Đã ký số bởi {SIGNER}" in text
        assert ORGANISATION in text
        assert "(GMT+7)" in text
        assert "Tải văn bản gốc" in text

    def test_an_english_reader_reads_the_panel_in_english(
        self, world, functional_app_class
    ):
        panel = _panel(functional_app_class, world["signed"], language="en")
        text = _text(panel)
        assert f"Digitally signed by {SIGNER}" in text
        assert "Download the original" in text
        assert "The file is intact and the signature is trusted." in text

    def test_a_tampered_pdf_shows_a_warning_that_it_was_changed(
        self, world, functional_app_class
    ):
        panel = _panel(functional_app_class, world["tampered"])
        assert "thdtre-signature-modified" in _classes(panel)
        assert "alert-danger" in _classes(panel)
        assert "đã bị thay đổi" in _text(panel)

    def test_a_pdf_signed_under_an_unknown_authority_shows_it_is_untrusted(
        self, world, functional_app_class
    ):
        panel = _panel(functional_app_class, world["untrusted"])
        assert "thdtre-signature-untrusted" in _classes(panel)
        assert "không do tổ chức" in _text(panel)

    def test_names_from_a_certificate_are_shown_as_text_never_as_markup(
        self, world, functional_app_class
    ):
        made = _browser(functional_app_class)
        made.open(world["markup"].absolute_url())
        assert "<script>alert(1)</script>" not in made.contents
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in made.contents
        assert "<b>O</b>" not in made.contents

    def test_a_word_original_is_offered_without_a_signature_panel(
        self, world, functional_app_class
    ):
        panel = _panel(functional_app_class, world["docx"])
        assert panel is not None
        assert not panel.xpath('.//*[contains(@class, "thdtre-signature ")]')

    def test_a_plan_without_an_original_shows_no_download(
        self, world, functional_app_class
    ):
        assert _panel(functional_app_class, world["none"]) is None

    def test_a_news_item_with_an_original_shows_the_download_and_the_panel(
        self, world, functional_app_class
    ):
        panel = _panel(functional_app_class, world["news"])
        assert "thdtre-signature-trusted" in _classes(panel)

    def test_the_facts_are_kept_on_the_item_when_it_is_created(self, world):
        for key, status in (
            ("signed", "trusted"),
            ("tampered", "modified"),
            ("untrusted", "untrusted"),
            ("news", "trusted"),
        ):
            kept = stored_facts(world[key])
            assert kept["facts"]["status"] == status
            assert kept["sha256"]
        assert stored_facts(world["docx"]) is None
        signature = stored_facts(world["signed"])["facts"]["signatures"][0]
        assert signature["signer"] == SIGNER
        assert signature["organisation"] == ORGANISATION


class TestDownload:
    @pytest.mark.parametrize(
        "key,user,allowed",
        [
            ("signed", None, True),
            ("draft", None, False),
            ("draft", "admin", True),
            ("news", None, True),
            ("news-private", None, False),
            ("news-private", "admin", True),
        ],
    )
    def test_downloading_the_original_needs_the_right_to_view_the_item(
        self, world, functional_app_class, key, user, allowed
    ):
        made = _browser(functional_app_class, user)
        url = f"{world[key].absolute_url()}/@@download/original_file/KH-107.pdf"
        if not allowed:
            with pytest.raises(Unauthorized):
                made.open(url)
            return
        made.open(url)
        assert made.headers["Content-Type"] == "application/pdf"
        assert "%PDF" in str(made.contents[:8])


def _rest(app, item, user=None, *, path="/@thdtre-signature", language="vi"):
    made = _browser(app, user)
    made.raiseHttpErrors = False
    made.handleErrors = True
    made.addHeader("Accept", "application/json")
    made.addHeader("Accept-Language", language)
    made.open(item.absolute_url() + path)
    status = int(made.headers["Status"].split()[0])
    return status, (json.loads(made.contents) if status == 200 else None)


class TestSignatureOverRest:
    def test_the_three_verdicts_and_the_signers_facts(
        self, world, functional_app_class
    ):
        app = functional_app_class
        status, signed = _rest(app, world["signed"])
        assert status == 200
        assert signed["status"] == "trusted"
        (one,) = signed["signatures"]
        assert one["signer"] == SIGNER
        assert one["organisation"] == ORGANISATION
        assert one["signing_time"]
        assert signed["original"]["filename"] == "KH-107.pdf"
        assert "toàn vẹn" in signed["message"] or "tin cậy" in signed["message"]
        assert _rest(app, world["tampered"])[1]["status"] == "modified"
        assert _rest(app, world["untrusted"])[1]["status"] == "untrusted"

    def test_a_draft_plans_signature_is_not_shown_to_visitors(
        self, world, functional_app_class
    ):
        status, _ = _rest(functional_app_class, world["draft"])
        assert status in (401, 403)
        status, facts = _rest(functional_app_class, world["draft"], "admin")
        assert status == 200 and facts["status"] == "trusted"

    def test_items_without_a_signed_pdf(self, world, functional_app_class):
        docx = _rest(functional_app_class, world["docx"])[1]
        assert docx["status"] is None
        assert docx["original"]["filename"] == "KH-107.docx"
        none = _rest(functional_app_class, world["none"])[1]
        assert (none["original"], none["status"], none["signatures"]) == (
            None,
            None,
            [],
        )

    def test_news_items_and_the_expanded_component(self, world, functional_app_class):
        app = functional_app_class
        assert _rest(app, world["news"])[1]["status"] == "trusted"
        status, plan = _rest(app, world["signed"], path="?expand=thdtre-signature")
        assert status == 200
        facts = plan["@components"]["thdtre-signature"]
        assert facts["signatures"][0]["signer"] == SIGNER
        status, plan = _rest(app, world["signed"], path="")
        assert set(plan["@components"]["thdtre-signature"]) == {"@id"}
