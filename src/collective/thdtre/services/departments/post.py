from collective.thdtre.departments.api import create_department
from collective.thdtre.services.departments.base import DepartmentService


class DepartmentsPost(DepartmentService):
    def reply(self):
        data = self.json_object("Send a JSON object with id, title and abbreviation.")
        info = self.run(
            create_department,
            id=str(data.get("id") or ""),
            title=str(data.get("title") or ""),
            abbreviation=str(data.get("abbreviation") or ""),
            parent_body=str(data.get("parent_body") or ""),
        )
        self.request.response.setStatus(201)
        return info
