"""The add-on's REST endpoints read JSON only: any other body is a 415.

plone.restapi reads a body whatever its Content-Type says; an endpoint that
acts on a ``text/plain`` or form-encoded body can be driven by a plain HTML form
of another site. A request without a body (a GET, a bare ``POST
@workflow/submit``) needs no Content-Type.
"""

from collective.thdtre import _
from zExceptions import HTTPUnsupportedMediaType
from zope.i18n import translate


class UnsupportedMediaType(HTTPUnsupportedMediaType):
    """A 415 for plone.rest too: it takes the status from the class's name."""


def is_json(content_type: str) -> bool:
    """``application/json`` or a ``+json`` type, with any parameters."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def has_body(request) -> bool:
    environ = request.environ
    if "chunked" in (environ.get("HTTP_TRANSFER_ENCODING") or "").lower():
        return True
    try:
        return int(environ.get("CONTENT_LENGTH") or 0) > 0
    except ValueError:
        return True


def require_json(request) -> None:
    """Refuse a body that is not JSON with a 415 that says what to send."""
    if has_body(request) and not is_json(request.getHeader("Content-Type")):
        raise UnsupportedMediaType(
            translate(
                _(
                    "Send the body as JSON, with the header "
                    "Content-Type: application/json."
                ),
                context=request,
            )
        )


class JsonOnly:
    """Mixin in front of a plone.restapi ``Service``: 415 for a body not JSON."""

    def render(self):
        self.check_permission()
        require_json(self.request)
        return super().render()
