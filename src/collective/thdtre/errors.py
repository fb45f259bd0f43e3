"""Exceptions whose messages tell the user what to do."""


class ThdtreError(Exception):
    """Base class of the add-on's errors; ``str(error)`` is a message for the user."""


class InvalidContent(ThdtreError):
    """Content data failed validation; ``errors`` lists ``{"field", "message"}``."""

    def __init__(self, errors: list[dict]):
        self.errors = errors
        super().__init__(
            "; ".join(
                f"{e['field']}: {e['message']}" if e.get("field") else str(e["message"])
                for e in errors
            )
        )


class DepartmentError(ThdtreError):
    """A department cannot be created, changed or removed as asked."""


class WorkflowRefused(ThdtreError):
    """A transition was refused for a reason the user can act on."""


class ImportRefused(ThdtreError):
    """An uploaded document cannot be imported; ``code`` says why."""

    def __init__(self, code: str, message):
        self.code = code
        super().__init__(message)
