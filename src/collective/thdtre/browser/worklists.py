"""What waits for the current person: "Việc của tôi" and the front page's box.

Every list is a catalog query with a small limit, run with the person's own
permissions; only the few items found are woken (for the workflow history, the
four-eyes rule or the report deadline of the plan they implement).
"""

from collective.thdtre import _
from collective.thdtre.dates import day_text as day
from collective.thdtre.dates import site_today
from collective.thdtre.departments import approvers_group
from collective.thdtre.departments import editors_group
from collective.thdtre.departments import get_departments
from collective.thdtre.reports.summary import ORDER
from collective.thdtre.workflow import state_title
from collective.thdtre.workflow.guards import last_actor
from collective.thdtre.workflow.guards import may_approve
from datetime import date
from plone import api
from zope.i18n import translate


LIMIT = 20
# Drafts worth a look for "sent back": the most recently changed ones.
CANDIDATES = 20
# A report is "due" from this many days before its deadline, and stays due after.
SOON_DAYS = 30
WORK_TYPES = ("Plan", "Activity", "Report")
REVIEWED_TYPES = ("Plan", "Report")
# Roles that approve for every department.
EVERY_DEPARTMENT = {"Manager", "Site Administrator"}


class Worklists:
    """The current person's lists, each computed once."""

    def __init__(self, request, today: date | None = None):
        self.request = request
        self.today = today or site_today()
        self.user = api.user.get_current()
        self.user_id = self.user.getId()
        self.catalog = api.portal.get_tool("portal_catalog")
        groups = set(self.user.getGroups() or ())
        departments = get_departments()
        self.titles = {d["id"]: d.get("title") or d["id"] for d in departments}
        self.edits = {d["id"] for d in departments if editors_group(d["id"]) in groups}
        self.approves = {
            d["id"] for d in departments if approvers_group(d["id"]) in groups
        }
        self.approves_all = bool(EVERY_DEPARTMENT & set(self.user.getRoles()))
        self._lists = {}

    # -- entries ---------------------------------------------------------------

    def _state(self, state, portal_type):
        title = state_title(state, portal_type)
        return translate(title, domain="plone", context=self.request)

    def _entry(self, brain, **extra):
        entry = {
            "title": brain.Title,
            "url": brain.getURL(),
            "type": brain.portal_type,
            "department": self.titles.get(brain.department, brain.department or ""),
            "state": self._state(brain.review_state, brain.portal_type),
            "date": day(brain.modified),
            "note": "",
        }
        entry.update(extra)
        return entry

    def _search(self, limit, **query):
        query.setdefault("sort_on", "modified")
        query.setdefault("sort_order", "descending")
        return self.catalog.searchResults(sort_limit=limit, **query)[:limit]

    # -- the lists ---------------------------------------------------------------

    def _memo(self, name, compute):
        if name not in self._lists:
            self._lists[name] = compute()
        return self._lists[name]

    def sent_back(self) -> list[dict]:
        """Drafts whose last step was "send back", after I submitted them."""
        return self._memo("sent_back", self._sent_back)

    def _sent_back(self):
        found = {}
        queries = [{"Creator": self.user_id}]
        if self.edits:
            queries.append({"department": sorted(self.edits)})
        for extra in queries:
            for brain in self._search(
                CANDIDATES, portal_type=WORK_TYPES, review_state="draft", **extra
            ):
                found.setdefault(brain.getPath(), brain)
        entries = []
        for brain in sorted(found.values(), key=lambda b: b.modified, reverse=True):
            step = self._last_step(brain.getObject())
            if step is None or step.get("action") != "reject":
                continue
            entries.append(
                self._entry(
                    brain,
                    date=day(step.get("time")),
                    note=step.get("comments") or "",
                )
            )
        return entries[:LIMIT]

    def _last_step(self, obj):
        history = getattr(obj, "workflow_history", {}) or {}
        for chain in api.portal.get_tool("portal_workflow").getChainFor(obj):
            steps = history.get(chain) or ()
            if steps and last_actor(obj, "submit") == self.user_id:
                return steps[-1]
        return None

    def drafts(self) -> list[dict]:
        """My drafts (not those sent back); a draft plan's parts go with it."""
        return self._memo("drafts", self._drafts)

    def _drafts(self):
        returned = {e["url"] for e in self.sent_back()}
        brains = self._search(
            LIMIT * 2,
            portal_type=WORK_TYPES,
            review_state="draft",
            Creator=self.user_id,
        )
        plans = {b.getPath() for b in brains if b.portal_type == "Plan"}
        entries = [
            self._entry(brain)
            for brain in brains
            if brain.getPath().rsplit("/", 1)[0] not in plans
            and brain.getURL() not in returned
        ]
        return entries[:LIMIT]

    def waiting(self) -> list[dict]:
        """Submitted plans and reports that I may approve (four eyes kept)."""
        return self._memo("waiting", self._waiting)

    def _waiting(self):
        if not (self.approves or self.approves_all):
            return []
        query = {"portal_type": REVIEWED_TYPES, "review_state": "pending"}
        if not self.approves_all:
            query["department"] = sorted(self.approves)
        entries = []
        for brain in self._search(LIMIT * 2, **query):
            obj = brain.getObject()
            if not api.user.has_permission("Review portal content", obj=obj):
                continue
            if not may_approve(obj):
                continue
            entries.append(self._entry(brain))
        return entries[:LIMIT]

    def reports_due(self) -> list[dict]:
        """My departments' reports not yet approved, due soon or overdue."""
        return self._memo("reports_due", self._reports_due)

    def _reports_due(self):
        departments = self.edits | self.approves
        if not departments:
            return []
        plans = self._search(
            LIMIT,
            portal_type="Plan",
            department=sorted(departments),
            review_state=("approved", "published"),
            year={"query": self.today.year - 1, "range": "min"},
            sort_on="year",
        )
        entries = []
        for plan in plans:
            deadline = _deadline(plan.getObject())
            if deadline is None or (deadline - self.today).days > SOON_DAYS:
                continue
            report = self._best_report(plan)
            if report is not None and ORDER.get(report.review_state, 0) >= 3:
                continue
            entries.append(self._due_entry(plan, report, deadline))
        return sorted(entries, key=lambda e: e["deadline"])[:LIMIT]

    def _best_report(self, plan):
        reports = self.catalog.searchResults(
            portal_type="Report", path={"query": plan.getPath(), "depth": 1}
        )
        return max(reports, key=lambda r: ORDER.get(r.review_state, 0), default=None)

    def _due_entry(self, plan, report, deadline):
        days = (deadline - self.today).days
        entry = self._entry(report if report is not None else plan)
        entry["title"] = plan.Title
        entry["url"] = report.getURL() if report is not None else plan.getURL()
        if report is None:
            entry["state"] = translate(_("No report yet"), context=self.request)
        if days < 0:
            note = _("Overdue by ${days} days", mapping={"days": -days})
        elif days == 0:
            note = _("Due today")
        else:
            note = _("Due in ${days} days", mapping={"days": days})
        note = translate(note, context=self.request)
        entry.update(date=day(deadline), deadline=deadline, days=days, note=note)
        return entry

    def counts(self) -> dict:
        """How many entries each list has (the front page's box)."""
        return {
            "drafts": len(self.drafts()),
            "waiting": len(self.waiting()),
            "sent_back": len(self.sent_back()),
            "reports_due": len(self.reports_due()),
        }


def _deadline(plan):
    """The earliest report deadline of the plans ``plan`` implements."""
    deadlines = []
    for relation in getattr(plan, "implements", None) or []:
        target = None if relation.isBroken() else relation.to_object
        value = getattr(target, "report_deadline", None) if target else None
        if value:
            deadlines.append(value)
    return min(deadlines) if deadlines else None
