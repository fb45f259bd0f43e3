"""@@thdtre-reports.csv and @@thdtre-reports.xlsx: the summary and every report."""

from collective.thdtre.exporter.reports import summary_table
from collective.thdtre.exporter.reports import to_csv
from collective.thdtre.exporter.reports import to_xlsx
from collective.thdtre.reports.access import PERMISSION
from collective.thdtre.reports.summary import report_summary
from collective.thdtre.workflow import state_title
from plone import api
from Products.Five.browser import BrowserView
from zExceptions import Unauthorized
from zope.i18n import translate


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


SENT_UP = ("approved", "published")


def reports_table(summary):
    """The reports of the summary's plans (only those the viewer may open),
    except drafts and pending ones the viewer may not open themselves."""
    metrics = summary["metrics"]
    headers = ["Đơn vị", "Kế hoạch", "Báo cáo", "Tình trạng", "Ngày gửi"] + [
        m["title"] for m in metrics
    ]
    catalog = api.portal.get_tool("portal_catalog")
    paths = {row["plan"]["@id"]: _path(row["plan"]["@id"]) for row in summary["rows"]}
    query = {
        "portal_type": "Report",
        "path": {"query": list(paths.values()), "depth": 1},
    }
    readable = {b.UID for b in catalog.searchResults(**query)} if paths else set()
    rows = []
    for row in summary["rows"]:
        for brain in catalog.unrestrictedSearchResults(
            portal_type="Report",
            path={"query": paths[row["plan"]["@id"]], "depth": 1},
        ):
            if brain.UID not in readable and brain.review_state not in SENT_UP:
                continue
            values = brain.report_metrics or {}
            rows.append(
                [
                    row["unit"],
                    row["plan"]["document_number"],
                    brain.Title,
                    _state_vi(brain.review_state),
                    brain.submitted_date.isoformat() if brain.submitted_date else "",
                ]
                + [values.get(m["id"]) for m in metrics]
            )
    return headers, rows


def _state_vi(state):
    # The sheet is in Vietnamese whatever the reader's language, like its headers.
    title = state_title(state, "Report")
    return translate(title, domain="plone", target_language="vi", default=title)


def _path(url):
    portal = api.portal.get()
    relative = url[len(portal.absolute_url()) :]
    return "/".join(portal.getPhysicalPath()) + relative


class _Export(BrowserView):
    def summary(self):
        if not api.user.has_permission(PERMISSION, obj=self.context):
            raise Unauthorized("You may not see the results reports of this plan.")
        return report_summary(self.context)

    def send(self, data, content_type, extension):
        number = (self.context.document_number or self.context.getId()).replace(
            "/", "-"
        )
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="bao-cao-{number}.{extension}"',
        )
        return data


class ExportCsv(_Export):
    def __call__(self):
        headers, rows = summary_table(self.summary())
        return self.send(
            to_csv(headers, rows, numeric_from=4),
            "text/csv; charset=utf-8",
            "csv",
        )


class ExportXlsx(_Export):
    def __call__(self):
        summary = self.summary()
        headers, rows = summary_table(summary)
        report_headers, report_rows = reports_table(summary)
        data = to_xlsx(
            [("Tổng hợp", headers, rows), ("Các báo cáo", report_headers, report_rows)]
        )
        return self.send(data, XLSX, "xlsx")
