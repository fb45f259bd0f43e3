"""Who has reported on a plan, who is late, and the totals: from the catalog only.

Rows are the plans that implement the plan (and, recursively, theirs) that the
current user may open; each row's report is the Report inside that plan. Totals
count the approved reports of those rows only, so a plan the viewer cannot open
(another department's draft) gives away neither its title, its number nor its
figures.
"""

from AccessControl import getSecurityManager
from collective.thdtre.dates import as_date
from collective.thdtre.dates import site_today
from collective.thdtre.reports.metrics import metrics_for
from DateTime import DateTime
from datetime import date
from plone import api


MAX_LEVELS = 5


class _Records:
    """The catalog's records by record id: their metadata columns and paths,
    what a brain reads, without making 1,000 brains for a summary of 500 plans."""

    def __init__(self):
        self.tool = api.portal.get_tool("portal_catalog")
        catalog = self.tool._catalog
        self.data, self.paths, self.schema = catalog.data, catalog.paths, catalog.schema
        self.indexes = catalog.indexes

    def search(self, **query) -> list[int]:
        """The record ids an unrestricted query finds."""
        results = self.tool.unrestrictedSearchResults(**query)
        ids = getattr(results, "_seq", None)  # ZCatalog's lazy result keeps them
        return list(ids if ids is not None else (b.getRID() for b in results))

    def column(self, name: str):
        position = self.schema[name]
        data = self.data
        return lambda rid: data[rid][position]

    def viewable(self, rids) -> set[int]:
        """Those of ``rids`` the current user's searchResults would return: the
        user's roles against each record's ``allowedRolesAndUsers``, and, for a
        user without Access inactive portal content, ``effectiveRange`` now (what
        Plone's catalog adds to every restricted query)."""
        user = getSecurityManager().getUser()
        roles = set(self.tool._listAllowedRolesAndUsers(user))
        allowed = self.indexes["allowedRolesAndUsers"].getEntryForObject
        found = {rid for rid in rids if roles.intersection(allowed(rid, ()))}
        if self.tool.allow_inactive({}):
            return found
        dates = self.indexes["effectiveRange"]
        now = dates._convertDateTime(DateTime())
        return {
            rid
            for rid in found
            if _current(dates.getEntryForObject(rid, (None, None)), now)
        }


def _current(datum, now) -> bool:
    since, until = datum
    return (since is None or since <= now) and (until is None or until >= now)


def implementing_plans(plan, records=None) -> list[tuple[int, int]]:
    """``(level, record id)`` of every plan implementing ``plan``, level 1 first."""
    records = records or _Records()
    uid_of = records.column("UID")
    found, seen, frontier = [], {plan.UID()}, [plan.UID()]
    for level in range(1, MAX_LEVELS + 1):
        rids = (
            records.search(portal_type="Plan", implements=frontier) if frontier else []
        )
        frontier = []
        for rid in rids:
            uid = uid_of(rid)
            if uid in seen:
                continue
            seen.add(uid)
            found.append((level, rid))
            frontier.append(uid)
    return found


def visible_plans(plan, records=None) -> list[tuple[int, int]]:
    """``implementing_plans`` that the current user may open (View)."""
    records = records or _Records()
    found = implementing_plans(plan, records)
    allowed = records.viewable([rid for _level, rid in found])
    return [(level, rid) for level, rid in found if rid in allowed]


class _Urls:
    """URLs from the site's URL and the records' paths (``getURL`` asks the
    request for each one, a third of the summary's time at 500 plans)."""

    def __init__(self):
        portal = api.portal.get()
        self.prefix = "/".join(portal.getPhysicalPath())
        self.url = portal.absolute_url()
        self.request = portal.REQUEST

    def __call__(self, path: str) -> str:
        if path.startswith(self.prefix + "/"):
            return self.url + path[len(self.prefix) :]
        return self.request.physicalPathToURL(path)


def _reports_by_plan(records, paths) -> dict:
    """The record ids of the reports directly inside each of ``paths``."""
    reports = {}
    if not paths:
        return reports
    query = {"portal_type": "Report", "path": {"query": paths, "depth": 1}}
    for rid in records.search(**query):
        reports.setdefault(records.paths[rid].rsplit("/", 1)[0], []).append(rid)
    return reports


ORDER = {"approved": 3, "published": 3, "pending": 2, "draft": 1}


def _status(state, submitted_date, deadline, today):
    """``(status, days_late)`` of a unit's best report (its state, its date;
    ``state`` None: no report)."""
    if state is None:
        late = (today - deadline).days if deadline and today > deadline else 0
        return "missing", late
    if state in ("approved", "published"):
        submitted = as_date(submitted_date) or today
        late = (submitted - deadline).days if deadline and submitted > deadline else 0
        return ("approved_late" if late else "approved_on_time"), late
    late = (today - deadline).days if deadline and today > deadline else 0
    return ("submitted" if state == "pending" else "draft"), late


def report_summary(
    plan, *, today: date | None = None, unrestricted: bool = False
) -> dict:
    """The dashboard's data for ``plan``, over the plans the current user may
    open; ``unrestricted`` (trusted jobs such as the reminders) over all."""
    today = today or site_today()
    deadline = plan.report_deadline
    metrics = metrics_for(plan.year)
    ids = [m["id"] for m in metrics]
    records = _Records()
    found = visible_plans if not unrestricted else implementing_plans
    plans = found(plan, records)
    paths = [records.paths[rid] for _level, rid in plans]
    reports = _reports_by_plan(records, paths)
    url_of = _Urls()
    column = records.column
    title, issuer, number = (
        column("Title"),
        column("issuing_body"),
        column("document_number"),
    )
    state_of, date_of = column("review_state"), column("submitted_date")
    metrics_of = column("report_metrics")
    rows, totals, per_level = [], dict.fromkeys(ids, 0), {}
    for (level, rid), path in zip(plans, paths, strict=True):
        candidates = reports.get(path, [])
        report = max(candidates, key=lambda r: ORDER.get(state_of(r), 0), default=None)
        state = state_of(report) if report is not None else None
        submitted = date_of(report) if report is not None else None
        status, days_late = _status(state, submitted, deadline, today)
        counted = status.startswith("approved")
        values = dict(metrics_of(report) or {}) if counted else {}
        row = {
            "unit": issuer(rid) or title(rid),
            "plan": {
                "@id": url_of(path),
                "title": title(rid),
                "document_number": number(rid) or "",
            },
            "level": level,
            "status": status,
            "days_late": days_late,
            "report": url_of(records.paths[report]) if report is not None else None,
            "submitted_date": as_date(submitted).isoformat() if submitted else None,
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
