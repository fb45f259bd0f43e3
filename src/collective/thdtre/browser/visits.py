"""The site visit box (Thống kê truy cập), counted outside the ZODB."""

from collective.thdtre.counting import counter_store
from collective.thdtre.counting import counts
from collective.thdtre.counting import visitor_id
from collective.thdtre.exporter.reports import vn_number
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class VisitsViewlet(ViewletBase):
    index = ViewPageTemplateFile("templates/visits.pt")

    def update(self):
        super().update()
        store = counter_store()
        if counts(self.request, self.context):
            store.record_visit(visitor=visitor_id(self.request))
        self.stats = {k: vn_number(v) for k, v in store.visit_stats().items()}
