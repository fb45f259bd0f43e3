"""What a REST client (or an import) may write to a plan's number.

plone.restapi skips a field the user may not write without a word. A department
editor who sends a number (or a client that sends one back changed) is told
instead: only approvers give numbers, and approval gives the next one.
"""

from collective.thdtre import _
from plone import api
from plone.restapi.deserializer.dxcontent import DeserializeFromJson


SET_NUMBER = "collective.thdtre: Set document number"
NOT_AN_APPROVER = _(
    "Only an approver gives a plan its number: leave the number empty, approval "
    "gives the next one of the department's sequence."
)


def may_set_number(obj) -> bool:
    """True when the current user may hand-set the number of ``obj``."""
    return api.user.has_permission(SET_NUMBER, obj=obj)


class PlanDeserializer(DeserializeFromJson):
    def get_schema_data(self, data, validate_all, create=False):
        schema_data, errors = super().get_schema_data(data, validate_all, create)
        if "number" in data and not may_set_number(self.context):
            if data["number"] != getattr(self.context, "number", None):
                errors.append({"field": "number", "message": NOT_AN_APPROVER})
        return schema_data, errors
