"""POST targets of the control panel's forms: departments and indicators.

Each checks the CSRF token and takes POST only; the ZCML permission
(``collective.thdtre: Manage departments``) keeps editors out. A refusal is a
status message in the user's language and changes nothing.
"""

from collective.thdtre import _
from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import update_department
from collective.thdtre.departments.retire import set_retired
from collective.thdtre.errors import DepartmentError
from collective.thdtre.reports.indicators import IndicatorError
from collective.thdtre.reports.indicators import MAX_ROWS
from collective.thdtre.reports.indicators import parse_rows
from collective.thdtre.reports.indicators import set_indicators
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import MethodNotAllowed


# Longer than any department's name or abbreviation; longer input is refused.
MAX_LENGTH = 200
INDICATOR_FIELDS = ("year", "id", "title", "unit", "target")


class TooLong(DepartmentError):
    pass


class ControlPanelAction(BrowserView):
    """POST only, with the CSRF token; back to the control panel with a message."""

    anchor = ""

    def __call__(self):
        if self.request.method != "POST":
            raise MethodNotAllowed("POST only")
        CheckAuthenticator(self.request)
        messages = IStatusMessage(self.request)
        try:
            message = self.act()
        except (DepartmentError, IndicatorError) as error:
            messages.add(error.args[0], type="error")
        else:
            messages.add(message, type="info")
        self.request.response.redirect(
            f"{self.context.absolute_url()}/@@thdtre-settings{self.anchor}"
        )
        return ""

    def text(self, name: str) -> str:
        value = self.request.form.get(name, "")
        if not isinstance(value, str):
            return ""
        if len(value) > MAX_LENGTH:
            raise TooLong(
                _(
                    "A value is too long: at most ${max} characters.",
                    mapping={"max": MAX_LENGTH},
                )
            )
        return value.strip()

    def act(self):
        raise NotImplementedError


class AddDepartment(ControlPanelAction):
    def act(self):
        create_department(
            id=self.text("id"),
            title=self.text("title"),
            abbreviation=self.text("abbreviation"),
            parent_body=self.text("parent_body"),
        )
        return _("Department added.")


class UpdateDepartment(ControlPanelAction):
    """Rename: title, abbreviation, parent body; the id stays."""

    def act(self):
        info = update_department(
            id=self.text("id"),
            title=self.text("title"),
            abbreviation=self.text("abbreviation"),
            parent_body=self.text("parent_body"),
        )
        return _(
            "Department ${title} saved: its folders and groups carry the new name.",
            mapping={"title": info["title"]},
        )


class RetireDepartment(ControlPanelAction):
    """Retire (``retired=1``) or reactivate (``retired=0``) a department."""

    def act(self):
        choice = self.text("retired")
        if choice not in ("0", "1"):
            raise DepartmentError(
                _("Choose to retire or to reactivate the department.")
            )
        info = set_retired(id=self.text("id"), retired=choice == "1")
        if info["retired"]:
            return _(
                "Department ${title} retired: its content stays; no new plans "
                "can be added in it.",
                mapping={"title": info["title"]},
            )
        return _(
            "Department ${title} is in use again.", mapping={"title": info["title"]}
        )


class SaveIndicators(ControlPanelAction):
    """The per-year indicators, as rows ``year_N``, ``id_N``, ``title_N``, ..."""

    anchor = "#thdtre-indicators"

    def act(self):
        count = self.text("rows")
        if not count.isdigit() or int(count) > MAX_ROWS + 10:
            raise IndicatorError(
                _("Give at most ${max} indicators.", mapping={"max": MAX_ROWS})
            )
        rows = [
            {field: self.text(f"{field}_{i}") for field in INDICATOR_FIELDS}
            for i in range(int(count))
        ]
        set_indicators(parse_rows(rows))
        return _("Indicators saved.")
