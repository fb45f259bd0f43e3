"""Values of a page's query string, read so that a forged one cannot break it.

Zope's converters (``:list``, ``:int``, ``:record``, ...) let any visitor put a
list, a number or a record where a page expects one word; digits beyond what
``date`` or the catalog take are as easy to send. A page reads its parameters
through these helpers: a value of the wrong type or out of range counts as
absent, and the page shows as it would without it.
"""

from Products.ZCTextIndex.ParseTree import ParseError
from Products.ZCTextIndex.ParseTree import QueryError


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
