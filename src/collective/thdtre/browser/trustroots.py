"""The control panel's trust roots: the CA certificates signatures are checked against.

Vietnamese agencies sign with organisation certificates of a few authorities (the
Government Cipher Committee's CA and licensed public CAs); the administrator uploads
their root certificates here.
"""

from collective.thdtre import _
from collective.thdtre.signatures.facts import clear_cache
from collective.thdtre.signatures.roots import add_revocation_list
from collective.thdtre.signatures.roots import add_trust_roots
from collective.thdtre.signatures.roots import describe
from collective.thdtre.signatures.roots import describe_crl
from collective.thdtre.signatures.roots import get_revocation_lists
from collective.thdtre.signatures.roots import get_trust_roots
from collective.thdtre.signatures.roots import remove_revocation_list
from collective.thdtre.signatures.roots import remove_trust_root
from collective.thdtre.signatures.verify import CertificateError
from collective.thdtre.signatures.verify import is_crl
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import MethodNotAllowed


MAX_UPLOAD = 1024 * 1024


class TrustRootsPanel(BrowserView):
    """The section of @@thdtre-settings that lists, adds and removes trust roots."""

    index = ViewPageTemplateFile("templates/trustroots.pt")

    def __call__(self):
        return self.index()

    def roots(self) -> list[dict]:
        return [describe(pem) for pem in get_trust_roots()]

    def crls(self) -> list[dict]:
        return [describe_crl(pem) for pem in get_revocation_lists()]


class TrustRootsForm(BrowserView):
    """POST target: add a certificate or revocation list (file or pasted PEM text),
    or ``remove`` / ``remove_crl`` by fingerprint."""

    def __call__(self):
        if self.request.method != "POST":
            raise MethodNotAllowed("POST only")
        CheckAuthenticator(self.request)
        form = self.request.form
        messages = IStatusMessage(self.request)
        if form.get("remove"):
            if remove_trust_root(fingerprint=str(form["remove"])):
                messages.add(_("Trust root removed."), type="info")
        elif form.get("remove_crl"):
            if remove_revocation_list(fingerprint=str(form["remove_crl"])):
                messages.add(_("Revocation list removed."), type="info")
        else:
            self._add(str(form.get("pem", "")).strip(), messages)
        clear_cache()
        self.request.response.redirect(
            f"{self.context.absolute_url()}/@@thdtre-settings#thdtre-trust-roots"
        )
        return ""

    def _add(self, pasted: str, messages):
        data = self._uploaded() or pasted
        crl = bool(data) and is_crl(data)
        try:
            if crl:
                added = add_revocation_list(data=data)
            else:
                added = add_trust_roots(data=data) if data else []
        except CertificateError:
            messages.add(
                _(
                    "This is neither a certificate nor a revocation list: upload "
                    "the authority's .pem, .crt, .cer or .crl file."
                ),
                type="error",
            )
        except ValueError as error:
            messages.add(error.args[0], type="error")
        else:
            if added and crl:
                messages.add(_("Revocation list added."), type="info")
            elif added:
                messages.add(_("Trust root added."), type="info")
            else:
                messages.add(_("Nothing new to add."), type="warning")

    def _uploaded(self) -> bytes:
        upload = self.request.form.get("certificate")
        if not upload or not hasattr(upload, "read"):
            return b""
        return upload.read(MAX_UPLOAD)
