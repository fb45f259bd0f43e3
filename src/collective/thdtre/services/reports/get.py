"""GET <plan>/@thdtre-report-summary: the results dashboard's data."""

from collective.thdtre.reports.access import visible_summary
from collective.thdtre.services.json_only import JsonOnly
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service


class ReportSummaryGet(JsonOnly, Service):
    def reply(self):
        return json_compatible(visible_summary(self.context))
