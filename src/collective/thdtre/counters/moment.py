"""What every counter method checks: ids, times; and the counters' errors."""

from collective.thdtre.errors import ThdtreError
from datetime import datetime


MAX_ID_LENGTH = 200


class CounterError(ThdtreError):
    """The counter store cannot be used; the message says what to fix."""


class InvalidCounterArgument(CounterError, ValueError):
    """A key, visitor or count given to a counter store is not valid."""


def _check_id(name: str, value: str) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidCounterArgument(f"{name} must be a non-empty string")
    if len(value) > MAX_ID_LENGTH:
        raise InvalidCounterArgument(
            f"{name} is longer than {MAX_ID_LENGTH} characters: pass a UID or the"
            " visitor cookie's value, and drop cookies that are not ours"
        )
    return value


def _moment(when: datetime | None) -> tuple[float, datetime]:
    if when is None:
        when = datetime.now().astimezone()
    return when.timestamp(), when
