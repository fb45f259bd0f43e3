"""Spreadsheet cells that cannot run: text a spreadsheet would read as a formula
gets a leading ``'`` (OWASP, CSV injection). Numbers are left as they are.

The full-width signs are there because some East Asian Excel builds read
``＝SUM(...)`` as a formula too.
"""

FORMULA_STARTS = (
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    "\uff1d",
    "\uff0b",
    "\uff0d",
    "\uff20",
)


def neutralise(value):
    """``value``, or ``'`` + ``value`` when it is text starting like a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
