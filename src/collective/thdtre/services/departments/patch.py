from collective.thdtre import _
from collective.thdtre.departments.api import update_department
from collective.thdtre.services.departments.base import DepartmentService


class DepartmentsPatch(DepartmentService):
    def reply(self):
        # The URL names the department; its id cannot change.
        data = self.json_object(
            "Send a JSON object with the fields to change.",
            ("title", "abbreviation", "parent_body"),
            _("Only title, abbreviation and parent_body can change."),
        )
        return self.run(update_department, id=self.department_id, **data)
