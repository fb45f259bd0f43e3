"""``@thdtre-signature``: the verdict on an item's original PDF over REST.

The same facts as the panel under the page ("Đã ký số bởi ..."): the file's
verdict and, for each signature, who signed, the organisation, the issuing
authority, the signing time and whether it is trusted. Also a component of the
item's own answer (``?expand=thdtre-signature``). The View permission of the
item guards it, like the original's download.
"""

from collective.thdtre.signatures.facts import is_pdf
from collective.thdtre.signatures.facts import original_file
from collective.thdtre.signatures.facts import signature_facts
from collective.thdtre.signatures.verdicts import MESSAGES
from plone.restapi.interfaces import IExpandableElement
from plone.restapi.services import Service
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import Interface


NAME = "thdtre-signature"


@implementer(IExpandableElement)
@adapter(Interface, Interface)
class Signature:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, expand=False):
        url = f"{self.context.absolute_url()}/@{NAME}"
        result = {NAME: {"@id": url}}
        if expand:
            result[NAME].update(self.facts())
        return result

    def facts(self) -> dict:
        file = original_file(self.context)
        if file is None:
            return {"original": None, "status": None, "signatures": []}
        original = {
            "filename": file.filename or "",
            "size": file.getSize(),
            "content-type": file.contentType or "",
            "download": f"{self.context.absolute_url()}/@@download/original_file",
        }
        if not is_pdf(file):
            return {"original": original, "status": None, "signatures": []}
        facts = signature_facts(self.context)
        return {
            "original": original,
            "status": facts.status,
            "message": self._say(MESSAGES[facts.status]),
            "signatures": [
                {
                    "status": s.status,
                    "message": self._say(MESSAGES[s.status]),
                    "signer": s.signer,
                    "organisation": s.organisation,
                    "issuer": s.issuer,
                    "signing_time": s.signing_time or None,
                    "timestamped": s.timestamped,
                    "certificate_valid_until": s.not_after or None,
                }
                for s in facts.signatures
            ],
        }

    def _say(self, message) -> str:
        return translate(message, context=self.request)


class SignatureGet(Service):
    def reply(self):
        return Signature(self.context, self.request)(expand=True)[NAME]
