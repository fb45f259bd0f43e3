"""POST <folder>/@thdtre-import: a plan or news document in, structured content out.

The body names a file (``filename``, ``data`` in base64) or a web address
(``url``), with ``dry_run`` for a preview that creates nothing.
"""

from collective.thdtre import _
from collective.thdtre.errors import ThdtreError
from collective.thdtre.importer.load import import_document
from collective.thdtre.importer.load import import_url
from collective.thdtre.services.json_only import JsonOnly
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides

import base64
import binascii
import plone.protect.interfaces


class ImportPost(JsonOnly, Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        body = self.read_body()
        dry_run = bool(body.get("dry_run", False))
        try:
            if "url" in body:
                result, created = import_url(
                    container=self.context, url=self.read_url(body), dry_run=dry_run
                )
            else:
                filename, data = self.read_file(body)
                result, created = import_document(
                    container=self.context,
                    filename=filename,
                    data=data,
                    dry_run=dry_run,
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

    def read_body(self) -> dict:
        try:
            body = json_body(self.request)
        except DeserializationError:  # not JSON, or not an object: plone.restapi 500s
            body = None
        if not isinstance(body, dict):
            raise self.refuse(_("Send a JSON object with filename, data and encoding."))
        return body

    def read_url(self, body: dict) -> str:
        url = body.get("url")
        if "filename" in body or "data" in body:
            raise self.refuse(_("Send either a file (filename and data) or a url."))
        if not isinstance(url, str) or not url.strip():
            raise self.refuse(_("Give the document's web address in 'url'."))
        return url.strip()

    def read_file(self, body: dict) -> tuple[str, bytes]:
        filename = body.get("filename")
        if not isinstance(filename, str) or not filename.strip():
            raise self.refuse(_("Give the file's name in 'filename'."))
        if body.get("encoding", "base64") != "base64":
            raise self.refuse(_("Only 'base64' encoding is supported."))
        try:
            data = base64.b64decode(body.get("data") or "", validate=True)
        except (binascii.Error, ValueError, TypeError):
            raise self.refuse(_("'data' is not valid base64.")) from None
        return filename.strip(), data
