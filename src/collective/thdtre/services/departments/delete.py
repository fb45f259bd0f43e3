from collective.thdtre.departments.api import delete_department
from collective.thdtre.services.departments.base import DepartmentService


class DepartmentsDelete(DepartmentService):
    def reply(self):
        self.run(delete_department, id=self.department_id)
        return self.reply_no_content()
