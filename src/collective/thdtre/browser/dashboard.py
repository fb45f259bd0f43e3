"""@@thdtre-dashboard: who has reported, who is late, totals and bar charts (SVG)."""

from collective.thdtre import _
from collective.thdtre.exporter.reports import vn_number
from collective.thdtre.reports.access import visible_summary
from Products.Five.browser import BrowserView
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

    def status_title(self, status):
        return translate(STATUS_TITLES[status], context=self.request)

    def status_class(self, status):
        return STATUS_CLASSES[status]

    def number(self, value):
        return vn_number(value or 0)

    def charts(self):
        """One server-rendered bar chart per metric: totals per unit."""
        if not self.full:
            return []
        charts = []
        for metric in self.summary["metrics"]:
            bars = [
                (row["unit"], row["metrics"].get(metric["id"], 0) or 0)
                for row in self.summary["rows"]
                if row["metrics"]
            ]
            if not bars:
                continue
            top = max(value for _unit, value in bars) or 1
            span = CHART_WIDTH - LABEL_WIDTH - 80
            charts.append(
                {
                    "title": metric["title"],
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
