from collective.thdtre import _
from collective.thdtre.departments.api import create_department
from collective.thdtre.services.departments.base import DepartmentService


FIELDS = ("id", "title", "abbreviation", "parent_body")


class DepartmentsPost(DepartmentService):
    def reply(self):
        data = self.json_object(
            "Send a JSON object with id, title and abbreviation.",
            FIELDS,
            _("Only id, title, abbreviation and parent_body can be given."),
        )
        info = self.run(
            create_department, **{field: data.get(field, "") for field in FIELDS}
        )
        self.request.response.setStatus(201)
        return info
