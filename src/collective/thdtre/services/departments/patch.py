from collective.thdtre.departments.api import update_department
from collective.thdtre.services.departments.base import DepartmentService
from plone.restapi.deserializer import json_body
from zExceptions import BadRequest


class DepartmentsPatch(DepartmentService):
    def reply(self):
        data = json_body(self.request)
        if not isinstance(data, dict):
            raise BadRequest("Send a JSON object with the fields to change.")
        return self.run(update_department, id=self.department_id, **data)
