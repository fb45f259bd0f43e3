from collective.thdtre import _
from collective.thdtre.departments.api import update_department
from collective.thdtre.departments.retire import set_retired
from collective.thdtre.services.departments.base import DepartmentService


class DepartmentsPatch(DepartmentService):
    def reply(self):
        # The URL names the department; its id cannot change.
        data = self.json_object(
            "Send a JSON object with the fields to change.",
            ("title", "abbreviation", "parent_body", "retired"),
            _("Only title, abbreviation, parent_body and retired can change."),
            booleans=("retired",),
        )
        retired = data.pop("retired", None)
        if data or retired is None:
            info = self.run(update_department, id=self.department_id, **data)
        if retired is not None:
            info = self.run(set_retired, id=self.department_id, retired=retired)
        return info
