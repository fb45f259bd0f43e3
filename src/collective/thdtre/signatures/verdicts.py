"""What each verdict on a signed original means, in the user's language.

The panel under a plan or a news item and the REST endpoint say the same words.
"""

from collective.thdtre import _
from collective.thdtre.signatures import verify


MESSAGES = {
    verify.TRUSTED: _("The file is intact and the signature is trusted."),
    verify.MODIFIED: _(
        "Warning: the file was changed after it was signed, or its signature "
        "is damaged. Do not rely on it."
    ),
    verify.UNTRUSTED: _(
        "Warning: the signer's certificate was not issued by an authority "
        "this site trusts."
    ),
    verify.EXPIRED: _(
        "Warning: the signer's certificate has expired or was not yet valid, "
        "and no timestamp proves when the file was signed."
    ),
    verify.REVOKED: _("Warning: the signer's certificate has been revoked."),
    verify.UNSIGNED: _("The original has no digital signature."),
    verify.UNREADABLE: _(
        "The original could not be read as a PDF file; its signature is unknown."
    ),
    verify.TOO_LARGE: _(
        "The original is too large to be checked here: verify its signature "
        "in a PDF reader."
    ),
}
