"""A body plone.restapi cannot read is the client's error: a 400, not a 500.

plone.restapi raises ``DeserializationError`` for a body that is not JSON or not
an object (``POST`` of ``null`` to a folder), and plone.rest's error view gives
any exception it does not know a 500. This view, more specific than plone.rest's,
answers the same JSON with 400 and a message that says what to send.
"""

from collective.thdtre import _
from collective.thdtre.interfaces import IBrowserLayer
from plone.rest.errors import ErrorHandling
from plone.restapi.exceptions import DeserializationError
from zope.component import adapter
from zope.i18n import translate

import json


@adapter(DeserializationError, IBrowserLayer)
class MalformedBody(ErrorHandling):
    def __call__(self):
        data = self.render_exception(self.context) or {}
        data["type"] = "BadRequest"
        data["message"] = translate(
            _(
                "Send a JSON object in the body, with the header "
                "Content-Type: application/json."
            ),
            context=self.request,
        )
        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        response.setStatus(400, lock=1)
        response.setBody(json.dumps(data, indent=2, sort_keys=True), lock=1)
        response._has_challenged = True
