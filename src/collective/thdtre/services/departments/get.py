from collective.thdtre.departments import get_departments
from collective.thdtre.departments.api import department_info
from collective.thdtre.services.departments.base import DepartmentService


class DepartmentsGet(DepartmentService):
    def reply(self):
        if self.params:
            return self.run(department_info, id=self.department_id)
        return {
            "@id": f"{self.context.absolute_url()}/@thdtre-departments",
            "items": [department_info(id=d["id"]) for d in get_departments()],
        }
