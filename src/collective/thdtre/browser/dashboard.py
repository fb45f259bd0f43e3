"""@@thdtre-dashboard: who has reported, who is late, totals and bar charts (SVG),
the plan's own report, and "Gửi nhắc" (send the reminders now)."""

from collective.thdtre import _
from collective.thdtre.dates import day_text
from collective.thdtre.errors import ThdtreError
from collective.thdtre.exporter.reports import vn_number
from collective.thdtre.reports.access import PERMISSION
from collective.thdtre.reports.access import visible_summary
from collective.thdtre.reports.indicators import indicator_details
from collective.thdtre.reports.reminders import send_reminders_now
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import MethodNotAllowed
from zope.i18n import translate


STATUS_TITLES = {
    "approved_on_time": _("Approved on time"),
    "approved_late": _("Approved late"),
    "submitted": _("Submitted"),
    "draft": _("Draft"),
    "missing": _("Missing"),
}
STATUS_CLASSES = {
    "approved_on_time": "text-bg-success",
    "approved_late": "text-bg-warning",
    "submitted": "text-bg-info",
    "draft": "text-bg-secondary",
    "missing": "text-bg-danger",
}
BAR_HEIGHT, LABEL_WIDTH, CHART_WIDTH = 22, 260, 640


class Dashboard(BrowserView):
    def __call__(self):
        self.summary = visible_summary(self.context)
        self.full = "rows" in self.summary
        return self.index()

    def t(self, message):
        return translate(message, context=self.request)

    def status_title(self, status):
        return self.t(STATUS_TITLES[status])

    def status_class(self, status):
        return STATUS_CLASSES[status]

    def number(self, value):
        return vn_number(value or 0)

    def date(self, value):
        return day_text(value)

    def may_remind(self) -> bool:
        return self.full and api.user.has_permission(PERMISSION, obj=self.context)

    def metric_headings(self):
        """Each indicator's title, with its unit and target when configured."""
        details = indicator_details(self.context.year)
        headings = []
        for metric in self.summary["metrics"]:
            extra = details.get(metric["id"], {})
            headings.append(
                dict(
                    metric,
                    unit=extra.get("unit") or "",
                    target=(
                        self.number(extra["target"])
                        if extra.get("target") is not None
                        else ""
                    ),
                )
            )
        return headings

    def own_reports(self):
        """The reports inside this plan that the viewer may open."""
        catalog = api.portal.get_tool("portal_catalog")
        path = "/".join(self.context.getPhysicalPath())
        workflow = api.portal.get_tool("portal_workflow")
        reports = []
        for brain in catalog.searchResults(
            portal_type="Report", path={"query": path, "depth": 1}
        ):
            values = dict(brain.report_metrics or {})
            state = workflow.getTitleForStateOnType(brain.review_state, "Report")
            reports.append(
                {
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "state": translate(state, domain="plone", context=self.request),
                    "submitted": day_text(brain.submitted_date),
                    "figures": [
                        {"title": m["title"], "value": self.number(values.get(m["id"]))}
                        for m in self.summary["metrics"]
                        if values.get(m["id"]) is not None
                    ],
                }
            )
        return reports

    def empty_reasons(self):
        """Why the table is empty, and what to do about it."""
        if not self.full or self.summary["rows"]:
            return []
        reasons = [
            _(
                "No unit's plan implements this plan yet, or none that you may "
                "open. A unit's plan is listed here once it names this plan in "
                "'Implements' (its legal basis) and is approved or published."
            ),
            _(
                "What to do: ask the units to add their plan for this year and "
                "link it to this plan, or open one of their plans and add this "
                "plan under 'Implements'."
            ),
        ]
        if not self.summary["deadline"]:
            reasons.append(
                _(
                    "The plan has no report deadline: set it in the plan's form, "
                    "so that units know it and reminders are sent."
                )
            )
        return reasons

    def charts(self):
        """One server-rendered bar chart per metric: totals per unit."""
        if not self.full:
            return []
        charts = []
        for metric in self.metric_headings():
            bars = [
                (row["unit"], row["metrics"].get(metric["id"], 0) or 0)
                for row in self.summary["rows"]
                if row["metrics"]
            ]
            if not bars:
                continue
            top = max(value for _unit, value in bars) or 1
            span = CHART_WIDTH - LABEL_WIDTH - 80
            number = len(charts) + 1
            axis = metric["title"] + (f" ({metric['unit']})" if metric["unit"] else "")
            charts.append(
                {
                    "id": f"thdtre-chart-{number}",
                    "number": number,
                    "title": metric["title"],
                    "axis": axis,
                    "summary": "; ".join(
                        f"{unit}: {self.number(value)}" for unit, value in bars
                    ),
                    "height": BAR_HEIGHT * len(bars) + 10,
                    "width": CHART_WIDTH,
                    "bars": [
                        {
                            "label": unit,
                            "value": self.number(value),
                            "y": 5 + i * BAR_HEIGHT,
                            "text_y": 5 + i * BAR_HEIGHT + BAR_HEIGHT * 0.65,
                            "x": LABEL_WIDTH,
                            "w": max(int(span * value / top), 1),
                            "value_x": LABEL_WIDTH
                            + max(int(span * value / top), 1)
                            + 6,
                        }
                        for i, (unit, value) in enumerate(bars)
                    ],
                }
            )
        return charts


class SendReminders(BrowserView):
    """POST target of "Gửi nhắc": remind the units now, once a day per unit."""

    def __call__(self):
        if self.request.method != "POST":
            raise MethodNotAllowed("POST only")
        CheckAuthenticator(self.request)
        messages = IStatusMessage(self.request)
        try:
            result = send_reminders_now(self.context)
        except ThdtreError as error:
            messages.add(error.args[0], type="error")
        else:
            for message, kind in self.messages(result):
                messages.add(message, type=kind)
        self.request.response.redirect(
            f"{self.context.absolute_url()}/@@thdtre-dashboard"
        )
        return ""

    def messages(self, result):
        if not result["listed"]:
            yield (
                _("No unit's plan is listed under this plan: nobody to remind."),
                "info",
            )
            return
        if result["reported"]:
            yield _("Every unit has sent its report: nobody to remind."), "info"
            return
        if result["sent"]:
            units = ", ".join(entry["unit"] for entry in result["sent"])
            yield (
                _(
                    "Reminders sent now to ${count} units: ${units}.",
                    mapping={"count": len(result["sent"]), "units": units},
                ),
                "info",
            )
        if result["already"]:
            yield (
                _(
                    "Nothing new for ${units}: already reminded today; "
                    "no reminder is sent twice a day.",
                    mapping={"units": ", ".join(result["already"])},
                ),
                "warning" if not result["sent"] else "info",
            )
