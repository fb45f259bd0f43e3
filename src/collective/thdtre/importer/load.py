"""Create content through plone.restapi's deserializers, so that validation and
events are exactly those of a REST ``POST``. Never commits: a failure aborts the
caller's transaction and leaves nothing behind."""

from Acquisition import aq_base
from collective.thdtre.errors import InvalidContent
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.services.content.utils import add
from plone.restapi.services.content.utils import create
from zExceptions import BadRequest
from zope.component import getMultiAdapter
from zope.event import notify
from zope.globalrequest import getRequest
from zope.lifecycleevent import ObjectCreatedEvent


def create_content(*, container, type: str, data: dict, id: str | None = None):
    """Create one item of ``type`` in ``container`` from REST-style ``data``.

    Raises ``InvalidContent`` with the field messages when validation fails.
    """
    request = getRequest()
    obj = create(container, type, id_=id, title=data.get("title"))
    obj = obj.__of__(container)
    deserializer = getMultiAdapter((obj, request), IDeserializeFromJson)
    try:
        deserializer(validate_all=True, data=data, create=True)
    except BadRequest as error:
        details = error.args[0] if error.args else []
        if not isinstance(details, list):
            details = [{"message": str(details)}]
        raise InvalidContent(
            [
                {"field": d.get("field"), "message": str(d.get("message"))}
                for d in details
            ]
        ) from None
    obj = aq_base(obj)
    if not getattr(deserializer, "notifies_create", False):
        notify(ObjectCreatedEvent(obj))
    return add(container, obj, rename=not bool(id))
