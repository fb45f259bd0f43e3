"""POST <folder>/@thdtre-import: a plan or news document in, structured content out."""

from collective.thdtre import _
from collective.thdtre.errors import ThdtreError
from collective.thdtre.importer.load import import_document
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides

import base64
import binascii
import plone.protect.interfaces


class ImportPost(Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        filename, data, dry_run = self.read_body()
        try:
            result, created = import_document(
                container=self.context, filename=filename, data=data, dry_run=dry_run
            )
        except ThdtreError as error:
            # Raising makes the publisher abort the transaction: nothing half-made.
            raise self.refuse(error.args[0]) from None
        if created is None:
            return result
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", created.absolute_url())
        return dict(result, **{"@id": created.absolute_url(), "UID": created.UID()})

    def refuse(self, message):
        return BadRequest(translate(message, context=self.request))

    def read_body(self):
        try:
            body = json_body(self.request)
        except DeserializationError:  # not JSON, or not an object: plone.restapi 500s
            body = None
        if not isinstance(body, dict):
            raise self.refuse(_("Send a JSON object with filename, data and encoding."))
        filename = body.get("filename")
        if not isinstance(filename, str) or not filename.strip():
            raise self.refuse(_("Give the file's name in 'filename'."))
        if body.get("encoding", "base64") != "base64":
            raise self.refuse(_("Only 'base64' encoding is supported."))
        try:
            data = base64.b64decode(body.get("data") or "", validate=True)
        except (binascii.Error, ValueError, TypeError):
            raise self.refuse(_("'data' is not valid base64.")) from None
        return filename.strip(), data, bool(body.get("dry_run", False))
