"""Values of a page's query string, read so that a forged one cannot break it.

Zope's converters (``:list``, ``:int``, ``:record``, ...) let any visitor put a
list, a number or a record where a page expects one word; digits beyond what
``date`` or the catalog take are as easy to send. A page reads its parameters
through these helpers: a value of the wrong type or out of range counts as
absent, and the page shows as it would without it.
"""

from collective.thdtre import _
from collective.thdtre.interfaces import IBrowserLayer
from io import BytesIO
from plone.base.utils import boolean_value
from Products.ZCTextIndex.ParseTree import ParseError
from Products.ZCTextIndex.ParseTree import QueryError
from zExceptions import BadRequest
from zope.i18n import translate
from ZPublisher.HTTPRequest import HTTPRequest
from ZPublisher.HTTPResponse import HTTPResponse


# A form body checked before Zope reads it; a larger upload is left to Zope.
MAX_CHECKED_BODY = 1_000_000
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
ENVIRON = ("QUERY_STRING", "REQUEST_METHOD", "CONTENT_TYPE", "CONTENT_LENGTH")
# What a copy of the request needs besides its inputs.
SERVER = {"SERVER_NAME": "localhost", "SERVER_PORT": "80"}
# Longer than any title or search a person types; a longer value is cut there.
MAX_TEXT = 200
# ZCTextIndex refuses some searches ("(", "and", "not x") when it runs them.
SEARCH_ERRORS = (ParseError, QueryError)


def text_param(request, name: str, *, max_length: int = MAX_TEXT) -> str:
    """The parameter as stripped text; "" when absent or not a single string."""
    value = request.form.get(name)
    if not isinstance(value, str):
        return ""
    return value.replace("\x00", "").strip()[:max_length]


def int_param(
    request,
    name: str,
    *,
    default: int | None = None,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int | None:
    """The parameter as an int within bounds; ``default`` when absent or invalid."""
    value = request.form.get(name)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return default
    try:
        # A 5,000-digit string is a ValueError (Python's limit on int digits).
        number = int(value)
    except ValueError:
        return default
    if (minimum is not None and number < minimum) or (
        maximum is not None and number > maximum
    ):
        return default
    return number


def _form_body(request) -> bytes | None:
    """A small form body, read (Zope reads the copy); None when none to check."""
    environ = request.environ
    if environ.get("REQUEST_METHOD", "GET") == "GET":
        return None
    if not (environ.get("CONTENT_TYPE") or "").lower().startswith(FORM_TYPES):
        return None
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if not 0 < length <= MAX_CHECKED_BODY:
        return None
    data = request.stdin.read(length)
    request.stdin = BytesIO(data)
    return data


UNREADABLE = "collective.thdtre.unreadable"


# The return address after logging in: Plone's login challenge reads it as one
# string and fails (a 500) when it is given twice (a list) or as a record.
CAME_FROM = "came_from"


def _checked(text) -> bool:
    """Whether a query string or url-encoded body needs the trial reading."""
    if isinstance(text, bytes):
        return _names_a_converter(text) or CAME_FROM.encode() in text
    return _names_a_converter(text) or CAME_FROM in text


def _names_a_converter(text) -> bool:
    """Whether a query string or url-encoded body names a Zope converter (``:``)."""
    if isinstance(text, bytes):
        return b":" in text or b"%3a" in text.lower()
    return ":" in text or "%3a" in text.lower()


def readable_inputs(event) -> None:
    """Keep Zope from failing on a query string or form its converters cannot read.

    Zope's converters (``year:int=x``, ``d:date=x``, ``a.b:records`` after
    ``a:record``) raise while Zope reads the request, before any view runs, and
    the visitor gets a 500; so does Plone's login challenge on a protected page
    when ``came_from`` is given twice. At the start of publishing the same reading is
    tried on a copy; when it fails, the request's inputs are emptied (so that
    Zope reads nothing) and ``refuse_unreadable`` answers 400 once the request
    is traversed. (An exception raised this early is not handled by Zope.)
    """
    request = event.request
    environ = {k: v for k, v in request.environ.items() if k in ENVIRON}
    environ.update(SERVER)
    body = _form_body(request)
    query = environ.get("QUERY_STRING", "")
    content_type = (request.environ.get("CONTENT_TYPE") or "").lower()
    urlencoded = content_type.startswith(FORM_TYPES[0])
    if body is not None and urlencoded and not _checked(body):
        body = None  # a plain form: only its query string can name a converter
    if body is None:
        if not _checked(query):
            return  # no converter, no return address: nothing to fail on
        environ["REQUEST_METHOD"] = "GET"
        environ.pop("CONTENT_TYPE", None)
        environ.pop("CONTENT_LENGTH", None)
    try:
        trial = HTTPRequest(BytesIO(body or b""), environ, HTTPResponse())
        trial.processInputs()
        if not isinstance(trial.form.get(CAME_FROM, ""), str):
            raise ValueError(f"'{CAME_FROM}' must be given once")
    except Exception as error:
        request.environ[UNREADABLE] = str(error)[:200]
        request.environ["QUERY_STRING"] = ""
        if body is not None:
            request.stdin = BytesIO(b"")
            request.environ["CONTENT_LENGTH"] = "0"
    else:
        trial.close()


# Paging and expansion parameters Plone's listings and plone.restapi read with
# int() or boolean_value() and no error handling.
PLONE_INTEGERS = ("b_start", "b_size", "limit")
PLONE_BOOLEANS = ("include_items", "fullobjects")


def _plone_parameter_error(form: dict):
    for name in PLONE_INTEGERS:
        if name in form:
            value = form[name]
            try:
                int(value)
                assert isinstance(value, (int, str))
            except (AssertionError, TypeError, ValueError):
                return _("'${name}' must be a whole number.", mapping={"name": name})
    for name in PLONE_BOOLEANS:
        if name in form:
            try:
                boolean_value(form[name])
            except (TypeError, ValueError):
                return _("'${name}' must be true or false.", mapping={"name": name})
    return None


def refuse_unreadable(event) -> None:
    """A 400 for what Zope or Plone would fail on with a 500 (after traversal).

    A request ``readable_inputs`` found unreadable, and, on a site with the
    add-on, paging and expansion parameters of the wrong type.
    """
    request = event.request
    error = request.environ.get(UNREADABLE)
    if error is not None:
        message = _(
            "A value of the request cannot be read: ${error}",
            mapping={"error": error},
        )
        raise BadRequest(translate(message, context=request))
    if IBrowserLayer.providedBy(request):
        message = _plone_parameter_error(request.form)
        if message is not None:
            raise BadRequest(translate(message, context=request))
