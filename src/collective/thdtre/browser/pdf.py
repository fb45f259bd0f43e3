"""@@export-pdf: the plan as PDF in its print layout, kept until the plan changes.

Made by WeasyPrint on the server (a second or so); kept in memory per instance,
keyed by the plan and the modification times of the plan and its parts, so a
change to the plan, a slogan or an activity makes a new one.
"""

from collections import OrderedDict
from collective.thdtre import _
from collective.thdtre.browser.plan import PlanView
from collective.thdtre.exporter.pdf import write_pdf
from plone.i18n.normalizer.interfaces import IIDNormalizer
from threading import Lock
from zope.component import getUtility
from zope.i18n import translate


_CACHE: "OrderedDict[tuple, bytes]" = OrderedDict()
_LOCK = Lock()
CACHED = 32


def _stamp(obj) -> tuple:
    """When ``obj`` was last stored, and its modification date."""
    return (float(getattr(obj, "_p_mtime", None) or 0), obj.modified().millis())


def cache_key(plan, parts) -> tuple:
    """The plan's path, its last change, and the parts shown with their changes.

    ``parts`` are those the visitor may see: a visitor who sees fewer parts
    (a draft activity of a published plan) never gets an editor's PDF.
    """
    shown = tuple(sorted((part.getId(), *_stamp(part)) for part in parts))
    return ("/".join(plan.getPhysicalPath()), _stamp(plan), shown)


def cached_pdf(key: tuple, make) -> bytes:
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    data = make()
    with _LOCK:
        _CACHE[key] = data
        while len(_CACHE) > CACHED:
            _CACHE.popitem(last=False)
    return data


class ExportPdf(PlanView):
    def __call__(self):
        plan = self.context
        mark = translate(_("DRAFT"), context=self.request) if self.is_draft() else ""
        key = (*cache_key(plan, [*self.slogans(), *self.activities()]), mark)
        data = cached_pdf(key, lambda: write_pdf(self.document(), draft_mark=mark))
        name = getUtility(IIDNormalizer).normalize(
            plan.document_number.replace("/", "-") or plan.title
        )
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader("Content-Disposition", f'attachment; filename="{name}.pdf"')
        response.setHeader("Content-Length", str(len(data)))
        return data
