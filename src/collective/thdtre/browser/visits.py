"""The site visit box (Thống kê truy cập), counted outside the ZODB."""

from collective.thdtre.counting import counted_by_proxy
from collective.thdtre.counting import counter_store
from collective.thdtre.counting import counts
from collective.thdtre.counting import ssi_include
from collective.thdtre.counting import visitor_id
from collective.thdtre.exporter.reports import vn_number
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


numbers_template = ViewPageTemplateFile("templates/visits_numbers.pt")


def visit_numbers(view) -> str:
    """The box's numbers, now, as HTML."""
    stats = {k: vn_number(v) for k, v in counter_store().visit_stats().items()}
    return numbers_template(view, stats=stats)


class VisitsViewlet(ViewletBase):
    index = ViewPageTemplateFile("templates/visits.pt")

    def update(self):
        super().update()
        if counts(self.request, self.context):
            counter_store().record_visit(visitor=visitor_id(self.request))

    def numbers(self) -> str:
        """The numbers; behind a caching proxy, the proxy's include of them."""
        if counted_by_proxy(self.request):
            return ssi_include("@@thdtre-visits")
        return visit_numbers(self)
