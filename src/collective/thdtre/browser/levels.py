"""The level of government a plan comes from, as the front page groups plans.

Plans record their department and the issuing body as written on the
document. A department without a body above it (``parent_body`` empty in the
departments' registry) is a province or centrally-run city; otherwise the
issuing body's name tells a district's or a commune's People's Committee from a
provincial department, agency or organisation.
"""

from collective.thdtre import _
from collective.thdtre.departments import get_departments


LEVELS = (
    ("province", _("Province")),
    ("department", _("Departments and agencies")),
    ("district", _("Districts")),
    ("commune", _("Communes")),
)
COMMITTEE = ("ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN ", "UBND ")
COMMUNE = ("XÃ ", "PHƯỜNG ", "THỊ TRẤN ", "ĐẶC KHU ")
DISTRICT = ("HUYỆN ", "QUẬN ", "THỊ XÃ ", "THÀNH PHỐ ")


def top_departments() -> list[str]:
    """Departments with no body above them: the province's own."""
    return [d["id"] for d in get_departments() if not (d.get("parent_body") or "")]


def level_of(*, department: str | None, issuing_body: str | None, top=()) -> str:
    """``province``, ``department``, ``district`` or ``commune``."""
    if department and department in top:
        return "province"
    body = " ".join((issuing_body or "").upper().split()) + " "
    for prefix in COMMITTEE:
        if body.startswith(prefix):
            rest = body[len(prefix) :]
            if rest.startswith(COMMUNE):
                return "commune"
            if rest.startswith(DISTRICT):
                return "district"
            return "province"
    return "department"
