"""Shared traversal and error handling of the @thdtre-departments services."""

from collective.thdtre import _
from collective.thdtre.errors import DepartmentError
from collective.thdtre.services.json_only import JsonOnly
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.services import Service
from zExceptions import BadRequest
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import plone.protect.interfaces


# Longer than any department's name; a longer value is refused, not cut.
MAX_LENGTH = 200


@implementer(IPublishTraverse)
class DepartmentService(JsonOnly, Service):
    """``@thdtre-departments`` or ``@thdtre-departments/<id>``."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    @property
    def department_id(self):
        if len(self.params) != 1:
            raise NotFound("Name the department: @thdtre-departments/<id>")
        return self.params[0]

    def json_object(
        self, hint: str, fields: tuple, refusal, booleans: tuple = ()
    ) -> dict:
        """The request's JSON object of text ``fields`` (true/false ``booleans``);
        else a 400 saying why."""
        try:
            data = json_body(self.request)
        except DeserializationError:  # not JSON, or not an object: plone.restapi 500s
            raise BadRequest(hint) from None
        if not isinstance(data, dict):
            raise BadRequest(hint)
        if set(data) - set(fields):
            raise BadRequest(translate(refusal, context=self.request))
        for field, value in data.items():
            if field in booleans:
                if not isinstance(value, bool):
                    raise self.bad(
                        _("'${name}' must be true or false.", mapping={"name": field})
                    )
                continue
            if not isinstance(value, str):
                raise self.bad(_("'${field}' must be text.", mapping={"field": field}))
            if len(value) > MAX_LENGTH:
                raise self.bad(
                    _(
                        "'${field}' is too long: at most ${max} characters.",
                        mapping={"field": field, "max": MAX_LENGTH},
                    )
                )
        return data

    def bad(self, message) -> BadRequest:
        return BadRequest(translate(message, context=self.request))

    def run(self, function, **kwargs):
        """Call an api function; its refusal becomes a 400 in the user's language."""
        # plone.restapi authenticates writes itself; CSRF tokens are for forms.
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        try:
            return function(**kwargs)
        except DepartmentError as error:
            raise BadRequest(translate(error.args[0], context=self.request)) from None
