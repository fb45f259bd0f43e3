from collective.thdtre import _
from collective.thdtre.departments.api import update_department
from collective.thdtre.services.departments.base import DepartmentService
from zExceptions import BadRequest
from zope.i18n import translate


class DepartmentsPatch(DepartmentService):
    def reply(self):
        data = self.json_object("Send a JSON object with the fields to change.")
        if "id" in data:  # the URL names the department; its id cannot change
            raise BadRequest(
                translate(
                    _("Only title, abbreviation and parent_body can change."),
                    context=self.request,
                )
            )
        return self.run(update_department, id=self.department_id, **data)
