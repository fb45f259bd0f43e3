"""Who has reported on a plan, who is late, and the totals: from the catalog only.

Rows are the plans that implement the plan (and, recursively, theirs) that the
current user may open; each row's report is the Report inside that plan. Totals
count the approved reports of those rows only, so a plan the viewer cannot open
(another department's draft) gives away neither its title, its number nor its
figures.
"""

from collective.thdtre.dates import as_date
from collective.thdtre.reports.metrics import metrics_for
from datetime import date
from plone import api


MAX_LEVELS = 5


def implementing_plans(plan) -> list[tuple[int, object]]:
    """``(level, brain)`` of every plan implementing ``plan``, level 1 first."""
    catalog = api.portal.get_tool("portal_catalog")
    found, seen, frontier = [], {plan.UID()}, [plan.UID()]
    for level in range(1, MAX_LEVELS + 1):
        brains = (
            catalog.unrestrictedSearchResults(portal_type="Plan", implements=frontier)
            if frontier
            else []
        )
        frontier = []
        for brain in brains:
            if brain.UID in seen:
                continue
            seen.add(brain.UID)
            found.append((level, brain))
            frontier.append(brain.UID)
    return found


def visible_plans(plan) -> list[tuple[int, object]]:
    """``implementing_plans`` that the current user may open (View)."""
    found = implementing_plans(plan)
    if not found:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    # Each level asked again with the user's roles (allowedRolesAndUsers = View):
    # the same queries as the walk, where a list of every UID would cost more.
    parents, allowed = {1: [plan.UID()]}, set()
    for level, brain in found:
        parents.setdefault(level + 1, []).append(brain.UID)
    for level in sorted({level for level, _brain in found}):
        results = catalog.searchResults(portal_type="Plan", implements=parents[level])
        # ZCatalog's lazy result keeps the record ids: no brain made for them.
        ids = getattr(results, "_seq", None)
        allowed.update(ids if ids is not None else (b.getRID() for b in results))
    return [(level, brain) for level, brain in found if brain.getRID() in allowed]


class _Urls:
    """Brains' URLs from the site's URL and their paths (``getURL`` asks the
    request for each one, a third of the summary's time at 500 plans)."""

    def __init__(self):
        portal = api.portal.get()
        self.prefix = "/".join(portal.getPhysicalPath())
        self.url = portal.absolute_url()

    def __call__(self, brain, path: str) -> str:
        if path.startswith(self.prefix + "/"):
            return self.url + path[len(self.prefix) :]
        return brain.getURL()


def _reports_by_plan(paths):
    catalog = api.portal.get_tool("portal_catalog")
    reports = {}
    if not paths:
        return reports
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Report", path={"query": paths, "depth": 1}
    ):
        reports.setdefault(brain.getPath().rsplit("/", 1)[0], []).append(brain)
    return reports


ORDER = {"approved": 3, "published": 3, "pending": 2, "draft": 1}


def _status(report, deadline, today):
    """``(status, days_late)`` of a unit's best report."""
    if report is None:
        late = (today - deadline).days if deadline and today > deadline else 0
        return "missing", late
    state = report.review_state
    if state in ("approved", "published"):
        submitted = as_date(report.submitted_date) or today
        late = (submitted - deadline).days if deadline and submitted > deadline else 0
        return ("approved_late" if late else "approved_on_time"), late
    late = (today - deadline).days if deadline and today > deadline else 0
    return ("submitted" if state == "pending" else "draft"), late


def report_summary(
    plan, *, today: date | None = None, unrestricted: bool = False
) -> dict:
    """The dashboard's data for ``plan``, over the plans the current user may
    open; ``unrestricted`` (trusted jobs such as the reminders) over all."""
    today = today or date.today()
    deadline = plan.report_deadline
    metrics = metrics_for(plan.year)
    ids = [m["id"] for m in metrics]
    plans = implementing_plans(plan) if unrestricted else visible_plans(plan)
    paths = [b.getPath() for _level, b in plans]
    reports = _reports_by_plan(paths)
    url_of = _Urls()
    rows, totals, per_level = [], dict.fromkeys(ids, 0), {}
    for (level, brain), path in zip(plans, paths, strict=True):
        candidates = reports.get(path, [])
        report = max(
            candidates, key=lambda r: ORDER.get(r.review_state, 0), default=None
        )
        status, days_late = _status(report, deadline, today)
        values = dict(report.report_metrics or {}) if report is not None else {}
        counted = status.startswith("approved")
        row = {
            "unit": brain.issuing_body or brain.Title,
            "plan": {
                "@id": url_of(brain, path),
                "title": brain.Title,
                "document_number": brain.document_number or "",
            },
            "level": level,
            "status": status,
            "days_late": days_late,
            "report": url_of(report, report.getPath()) if report is not None else None,
            "submitted_date": (
                as_date(report.submitted_date).isoformat()
                if report is not None and report.submitted_date
                else None
            ),
            "metrics": {k: values.get(k, 0) for k in ids} if counted else {},
        }
        rows.append(row)
        if counted:
            level_totals = per_level.setdefault(str(level), dict.fromkeys(ids, 0))
            for key in ids:
                totals[key] += values.get(key, 0) or 0
                level_totals[key] += values.get(key, 0) or 0
    return {
        "@id": f"{plan.absolute_url()}/@thdtre-report-summary",
        "plan": {
            "@id": plan.absolute_url(),
            "title": plan.title,
            "document_number": plan.document_number,
        },
        "deadline": deadline.isoformat() if deadline else None,
        "metrics": metrics,
        "rows": rows,
        "totals": totals,
        "totals_per_level": per_level,
        "missing": [r["unit"] for r in rows if r["status"] == "missing"],
        "counts": {
            s: sum(1 for r in rows if r["status"] == s)
            for s in (
                "approved_on_time",
                "approved_late",
                "submitted",
                "draft",
                "missing",
            )
        },
    }
