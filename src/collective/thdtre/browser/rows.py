"""@@thdtre-add-rows: a plan's slogans and activities added several at a time.

One form of rows instead of one add form per item: a plan's 12 slogans and 4
activities take one page and one click. Empty rows are ignored; one invalid row
and nothing is created, and the rows come back with their messages. Items are
created by ``plone.api`` as the add forms create them (events, workflow,
department roles, the plan's numbering rules all apply).
"""

from collective.thdtre import _
from collective.thdtre.browser.datewidget import DEFAULT_FORMAT
from collective.thdtre.browser.datewidget import parse_date
from collective.thdtre.content.activity import IActivity
from collective.thdtre.content.slogan import ISlogan
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import Unauthorized
from zope.i18n import translate
from zope.schema import ValidationError


MAX_ROWS = 50
SLOGAN_ROWS = 12
ACTIVITY_ROWS = 6
MORE = {"slogans": (10, 0), "activities": (0, 5)}
ADD_SLOGAN = "collective.thdtre: Add Slogan"
ADD_ACTIVITY = "collective.thdtre: Add Activity"
ACTIVITY_KEYS = ("title", "lead_unit", "coordinating_units", "start", "end")


def may_add_rows(plan) -> bool:
    """True when the current user may add slogans or activities to ``plan``."""
    return api.user.has_permission(ADD_SLOGAN, obj=plan) or api.user.has_permission(
        ADD_ACTIVITY, obj=plan
    )


def _count(value, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return max(1, min(MAX_ROWS, number))


def _text(value) -> str:
    """A form value as one line of text (a repeated name is not text: empty)."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def parse_day(text: str):
    """``date`` from ``dd/mm/yyyy`` (the date widget's reading); None for empty;
    ValueError when not a date."""
    return parse_date(text, DEFAULT_FORMAT) if text else None


def units(text: str) -> list[str]:
    """Coordinating units, separated by semicolons (a unit's name has commas)."""
    return [u.strip() for u in (text or "").split(";") if u.strip()]


class AddRows(BrowserView):
    """GET shows empty rows; POST validates every row, then creates them all.

    The "more rows" buttons post the same form: it comes back with every typed
    value and more empty rows (at most ``MAX_ROWS`` of a kind), nothing created.
    """

    errors = None

    def __call__(self):
        if api.user.is_anonymous() or not may_add_rows(self.context):
            raise Unauthorized("You may not add slogans or activities to this plan.")
        form = self.request.form
        self.slogan_count = _count(form.get("slogans"), SLOGAN_ROWS)
        self.activity_count = _count(form.get("activities"), ACTIVITY_ROWS)
        self.errors = {}
        if self.request.method != "POST":
            return self.index()
        if form.get("form.buttons.more"):
            # More rows: the typed rows come back with empty ones after them;
            # nothing is read or created, so no authenticator is needed.
            slogans, activities = MORE.get(_text(form["form.buttons.more"]), (0, 0))
            self.slogan_count = min(MAX_ROWS, self.slogan_count + slogans)
            self.activity_count = min(MAX_ROWS, self.activity_count + activities)
            return self.index()
        if form.get("form.submitted"):
            CheckAuthenticator(self.request)
            if self._save():
                return ""
        return self.index()

    # What the template shows

    def may_add_slogans(self):
        return api.user.has_permission(ADD_SLOGAN, obj=self.context)

    def may_add_activities(self):
        return api.user.has_permission(ADD_ACTIVITY, obj=self.context)

    def slogan_rows(self):
        form = self.request.form
        return [
            {
                "index": i,
                "text": _text(form.get(f"slogan-{i}")),
                "errors": self.errors.get(("slogan", i), []),
            }
            for i in range(1, self.slogan_count + 1)
        ]

    def activity_rows(self):
        form = self.request.form
        rows = []
        for i in range(1, self.activity_count + 1):
            row = {k: _text(form.get(f"activity-{i}-{k}")) for k in ACTIVITY_KEYS}
            row.update(index=i, errors=self.errors.get(("activity", i), []))
            rows.append(row)
        return rows

    def may_have_more(self, kind: str) -> bool:
        """True while ``kind`` (slogans, activities) is under its row maximum."""
        count = self.slogan_count if kind == "slogans" else self.activity_count
        return count < MAX_ROWS

    # Reading and saving

    def _message(self, message) -> str:
        return translate(message, context=self.request)

    def _check(self, field, value, errors):
        try:
            field.bind(self.context).validate(value)
        except ValidationError as error:
            errors.append(
                self._message(
                    _(
                        "${field}: ${error}",
                        mapping={
                            "field": self._message(field.title),
                            "error": self._message(error.doc()),
                        },
                    )
                )
            )

    def _read_slogans(self):
        slogans = []
        for row in self.slogan_rows():
            if not row["text"]:
                continue
            errors = []
            self._check(ISlogan["title"], row["text"], errors)
            if not self.may_add_slogans():
                errors.append(self._message(_("You may not add slogans here.")))
            if errors:
                self.errors[("slogan", row["index"])] = errors
            slogans.append(row["text"])
        return slogans

    def _read_activity(self, row):
        errors = []
        values = {"coordinating_units": units(row["coordinating_units"])}
        if not row["title"]:
            errors.append(self._message(_("Give the activity a title.")))
        else:
            values["title"] = row["title"]
        if row["lead_unit"]:
            values["lead_unit"] = row["lead_unit"]
        for name in ("start", "end"):
            try:
                values[name] = parse_day(row[name])
            except ValueError:
                errors.append(
                    self._message(
                        _(
                            "${field}: write the date as dd/mm/yyyy, e.g. 01/06/2024.",
                            mapping={"field": self._message(IActivity[name].title)},
                        )
                    )
                )
        for name, value in values.items():
            if value:
                self._check(IActivity[name], value, errors)
        start, end = values.get("start"), values.get("end")
        if start and end and end < start:
            errors.append(
                self._message(_("The activity must end on or after the day it starts."))
            )
        if not self.may_add_activities():
            errors.append(self._message(_("You may not add activities here.")))
        return values, errors

    def _read_activities(self):
        activities = []
        for row in self.activity_rows():
            if not any(row[k] for k in ACTIVITY_KEYS):
                continue
            values, errors = self._read_activity(row)
            if errors:
                self.errors[("activity", row["index"])] = errors
            activities.append({k: v for k, v in values.items() if v})
        return activities

    def _save(self) -> bool:
        messages = IStatusMessage(self.request)
        slogans = self._read_slogans()
        activities = self._read_activities()
        if self.errors:
            messages.add(
                _("Nothing was saved: correct the rows marked below."), type="error"
            )
            return False
        if not slogans and not activities:
            messages.add(_("Fill in at least one row."), type="error")
            return False
        self._create(slogans, activities)
        messages.add(
            _(
                "${slogans} slogans and ${activities} activities added.",
                mapping={"slogans": len(slogans), "activities": len(activities)},
            ),
            type="info",
        )
        self.request.response.redirect(self.context.absolute_url())
        return True

    def _create(self, slogans, activities):
        positions = [
            getattr(s, "position", None) or 0
            for s in self.context.listFolderContents({"portal_type": "Slogan"})
        ]
        position = max(positions, default=0)
        # All rows or none: a failure here aborts the request's transaction.
        for text in slogans:
            position += 1
            api.content.create(
                container=self.context, type="Slogan", title=text, position=position
            )
        for values in activities:
            api.content.create(container=self.context, type="Activity", **values)
