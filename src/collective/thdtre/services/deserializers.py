"""Field deserializers of the add-on's types that check a value's JSON type first.

plone.restapi's own deserializers assume the right JSON type: a list for a
Choice is "unhashable", a number for rich text is "not iterable", a number as a
file's data finds no storage, each a 500. These run first on the add-on's
types (registered for its content and browser layer) and answer a 400 that
names what to send; the value then goes through plone.restapi's deserializer.
"""

from collective.thdtre import _
from collective.thdtre.interfaces import IBrowserLayer
from collective.thdtre.interfaces import IThdtreContent
from plone.app.textfield.interfaces import IRichText
from plone.namedfile.interfaces import INamedField
from plone.restapi.deserializer.dxfields import ChoiceFieldDeserializer
from plone.restapi.deserializer.dxfields import NamedFieldDeserializer
from plone.restapi.deserializer.dxfields import RichTextFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.schema.interfaces import IChoice


SCALARS = (str, int, float, bool, type(None))
ENCODINGS = ("base64", "utf-8", "utf8")


def _refuse(request, message):
    return ValueError(translate(message, context=request))


def _text_keys(value: dict, keys: tuple) -> bool:
    return all(isinstance(value.get(key, ""), str) for key in keys)


@implementer(IFieldDeserializer)
@adapter(IChoice, IThdtreContent, IBrowserLayer)
class ChoiceDeserializer(ChoiceFieldDeserializer):
    def __call__(self, value):
        token = value.get("token", []) if isinstance(value, dict) else value
        if not isinstance(token, SCALARS):
            raise _refuse(
                self.request, _("Give one of the choices as text, e.g. its token.")
            )
        return super().__call__(value)


@implementer(IFieldDeserializer)
@adapter(IRichText, IThdtreContent, IBrowserLayer)
class RichTextDeserializer(RichTextFieldDeserializer):
    def __call__(self, value):
        if not (
            isinstance(value, str)
            or (
                isinstance(value, dict)
                and _text_keys(value, ("data", "content-type", "encoding"))
            )
        ):
            raise _refuse(
                self.request,
                _(
                    "Give the text as a string, or as an object with 'data' "
                    "and 'content-type'."
                ),
            )
        return super().__call__(value)


@implementer(IFieldDeserializer)
@adapter(INamedField, IThdtreContent, IBrowserLayer)
class FileDeserializer(NamedFieldDeserializer):
    def __call__(self, value):
        if value is None:
            return super().__call__(value)
        if not (
            isinstance(value, dict)
            and _text_keys(value, ("data", "content-type", "filename", "encoding"))
            and value.get("encoding", "base64") in ENCODINGS
        ):
            raise _refuse(
                self.request,
                _(
                    "Give the file as an object with 'data' in base64, "
                    "'encoding': 'base64', 'filename' and 'content-type'."
                ),
            )
        return super().__call__(value)
