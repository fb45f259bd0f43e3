"""'Tải văn bản gốc' and the signature panel under a plan or a news item.

The download itself is plone.namedfile's ``@@download``, which checks the View
permission and the field's read permission: anonymous visitors get the original of
published items only, like the item itself.
"""

from collective.thdtre.signatures import verify
from collective.thdtre.signatures.facts import is_pdf
from collective.thdtre.signatures.facts import original_file
from collective.thdtre.signatures.facts import signature_facts
from collective.thdtre.signatures.verdicts import MESSAGES
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import quote


VIETNAM = timezone(timedelta(hours=7), "GMT+7")

# Codes from signatures.verify, in words (signatures.verdicts), with the panel's
# Bootstrap colour.
COLOURS = {
    verify.TRUSTED: "success",
    verify.MODIFIED: "danger",
    verify.UNTRUSTED: "warning",
    verify.EXPIRED: "warning",
    verify.REVOKED: "danger",
    verify.UNSIGNED: "secondary",
    verify.UNREADABLE: "warning",
    verify.TOO_LARGE: "secondary",
}
VERDICTS = {code: (COLOURS[code], MESSAGES[code]) for code in COLOURS}


class OriginalViewlet(ViewletBase):
    index = ViewPageTemplateFile("templates/original.pt")

    def update(self):
        super().update()
        self.file = original_file(self.context)

    def render(self):
        return self.index() if self.file is not None else ""

    def download_url(self) -> str:
        filename = quote(self.file.filename or "original")
        return f"{self.context.absolute_url()}/@@download/original_file/{filename}"

    def filename(self) -> str:
        return self.file.filename or ""

    def size(self) -> str:
        kb = max(1, round(self.file.getSize() / 1024))
        return f"{kb:,} KB".replace(",", ".")

    def panel(self) -> dict | None:
        """The verdict and each signature, ready for the template; None for a .docx."""
        if not is_pdf(self.file):
            return None
        facts = signature_facts(self.context)
        colour, message = VERDICTS[facts.status]
        return {
            "status": facts.status,
            "colour": colour,
            "message": message,
            "signatures": [self._signature(s) for s in facts.signatures],
            "many": len(facts.signatures) > 1,
        }

    def _signature(self, signature: verify.SignatureFacts) -> dict:
        return {
            "signer": signature.signer,
            "organisation": signature.organisation,
            "issuer": signature.issuer,
            "time": vietnam_time(signature.signing_time),
            "not_after": vietnam_time(signature.not_after),
            "timestamped": signature.timestamped,
            "trusted": signature.status == verify.TRUSTED,
            "message": VERDICTS[signature.status][1],
        }


def vietnam_time(iso: str) -> str:
    """``17/04/2024 09:30 (GMT+7)`` from an ISO time in UTC; empty for none."""
    if not iso:
        return ""
    moment = datetime.fromisoformat(iso).astimezone(VIETNAM)
    return moment.strftime("%d/%m/%Y %H:%M (GMT+7)")
