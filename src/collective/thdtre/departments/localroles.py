"""Department groups get their roles on the department's content, wherever it is.

A borg.localrole provider, not copied local roles: the roles follow the content's
``department`` (or its plan's), so they stay right when content moves or changes
department.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from collective.thdtre.content.utils import department_of
from collective.thdtre.departments import approvers_group
from collective.thdtre.departments import editors_group
from collective.thdtre.interfaces import IThdtreContent
from zope.component import adapter
from zope.interface import implementer


EDITOR_ROLE = "Thdtre Editor"
APPROVER_ROLE = "Thdtre Approver"
PUBLISHER_ROLE = "Thdtre Publisher"


@implementer(ILocalRoleProvider)
@adapter(IThdtreContent)
class DepartmentRoles:
    def __init__(self, context):
        self.context = context

    def _grants(self):
        department = department_of(self.context)
        if not department:
            return {}
        return {
            editors_group(department): (EDITOR_ROLE,),
            approvers_group(department): (APPROVER_ROLE,),
        }

    def getRoles(self, principal_id):
        return self._grants().get(principal_id, ())

    def getAllRoles(self):
        yield from self._grants().items()
