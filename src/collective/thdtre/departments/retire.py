"""Retire a department (merged, dissolved) and bring it back: nothing is lost.

A retired department stays in the registry with ``"retired": true``:

- its folders stay where they are, published as before, with all their content;
  they take no new plan (the folder allows no type to be added, for anyone);
- it leaves the department choices of new content (the vocabulary keeps it for
  the content that already names it, so that content can still be edited);
- its groups stay with their members; the editors keep reading the folder but
  lose the right to add to it, and the roles the department's groups hold on
  their own existing content (``localroles``) stay, so work in progress (a
  draft, a results report) can still be finished and approved.

Reactivating it gives the folder back its add right and its place in the choices.
Library code: the callers check ``collective.thdtre: Manage departments``.
"""

from collective.thdtre import _
from collective.thdtre.departments import get_department
from collective.thdtre.departments import get_departments
from collective.thdtre.departments import is_retired
from collective.thdtre.departments import set_departments
from collective.thdtre.departments.api import _ensure_folder
from collective.thdtre.departments.api import department_info
from collective.thdtre.errors import DepartmentError


def set_retired(*, id: str, retired: bool) -> dict:
    """Retire (``retired=True``) or reactivate a department; return its info."""
    current = get_department(id=id)
    if current is None:
        raise DepartmentError(_("There is no department with this id."))
    if is_retired(current) == bool(retired):
        return department_info(id=id)
    department = dict(current)
    if retired:
        department["retired"] = True
    else:
        department.pop("retired", None)
    set_departments([department if d["id"] == id else d for d in get_departments()])
    _ensure_folder(department)
    return department_info(id=id)


def retire_department(*, id: str) -> dict:
    """Retire a department: no new plans in it, hidden from new content's choices."""
    return set_retired(id=id, retired=True)


def reactivate_department(*, id: str) -> dict:
    """Bring a retired department back into use."""
    return set_retired(id=id, retired=False)
