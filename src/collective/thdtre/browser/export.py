"""@@export-docx: download the plan as a .docx in the official layout."""

from collective.thdtre.content.slogan import slogan_order
from collective.thdtre.exporter.docx import build_docx
from plone.i18n.normalizer.interfaces import IIDNormalizer
from Products.Five.browser import BrowserView
from zope.component import getUtility


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ExportDocx(BrowserView):
    def __call__(self):
        plan = self.context
        slogans = sorted(
            plan.listFolderContents(contentFilter={"portal_type": "Slogan"}),
            key=slogan_order,
        )
        activities = plan.listFolderContents(contentFilter={"portal_type": "Activity"})
        data = build_docx(plan, slogans=slogans, activities=activities)
        name = getUtility(IIDNormalizer).normalize(
            plan.document_number.replace("/", "-") or plan.title
        )
        response = self.request.response
        response.setHeader("Content-Type", DOCX)
        response.setHeader("Content-Disposition", f'attachment; filename="{name}.docx"')
        response.setHeader("Content-Length", str(len(data)))
        return data
