"""Control panel @@thdtre-settings: settings, indicators, departments and people."""

from collective.thdtre import _
from collective.thdtre.departments import get_departments
from collective.thdtre.departments import PUBLISHERS_GROUP
from collective.thdtre.departments.api import department_info
from collective.thdtre.exporter.reports import vn_number
from collective.thdtre.interfaces import IThdtreSettings
from collective.thdtre.reports.indicators import indicator_rows
from plone import api
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from urllib.parse import quote
from z3c.form import button


# Empty rows under the configured indicators, to add new ones.
BLANK_INDICATOR_ROWS = 3


class SettingsForm(RegistryEditForm):
    schema = IThdtreSettings
    schema_prefix = IThdtreSettings.__identifier__
    label = _("Action Month for Children")
    description = _(
        "Who may draft, approve and publish is decided per department: put people "
        "into the department's editors or approvers group, or into the publishers "
        "group, in Users and Groups."
    )

    def updateFields(self):
        super().updateFields()
        # Departments and indicators have forms of their own below, not raw JSON.
        self.fields = self.fields.omit("departments", "metrics")

    # The add-on's own buttons, so that they are translated in its domain
    # (plone.app.registry's "Save" and "Cancel" lack a Vietnamese translation).
    @button.buttonAndHandler(_("Save"), name="save")
    def handleSave(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = _("There were some errors: see the messages by the fields.")
            return
        self.applyChanges(data)
        IStatusMessage(self.request).add(_("Changes saved."), type="info")
        self.request.response.redirect(self.request.getURL())

    @button.buttonAndHandler(_("Cancel"), name="cancel")
    def handleCancel(self, action):
        IStatusMessage(self.request).add(_("Changes canceled."), type="info")
        self.request.response.redirect(
            f"{api.portal.get().absolute_url()}/@@overview-controlpanel"
        )


def person(user_id: str) -> dict:
    """A member by full name (the id when none), with the link to their page."""
    user = api.user.get(userid=user_id)
    fullname = (user.getProperty("fullname") or "").strip() if user else ""
    portal_url = api.portal.get().absolute_url()
    return {
        "id": user_id,
        "name": fullname or user_id,
        "url": f"{portal_url}/@@user-information?userid={quote(user_id)}",
    }


def group(group_id: str) -> dict:
    """A group by title (the id when none), with the link to its members."""
    found = api.group.get(groupname=group_id)
    title = (found.getProperty("title") or "").strip() if found else ""
    portal_url = api.portal.get().absolute_url()
    return {
        "id": group_id,
        "title": title or group_id,
        "url": f"{portal_url}/@@usergroup-groupmembership?groupname={quote(group_id)}",
    }


class SettingsView(ControlPanelFormWrapper):
    form = SettingsForm
    index = ViewPageTemplateFile("../templates/controlpanel.pt")

    def departments(self):
        rows = []
        for department in get_departments():
            info = department_info(id=department["id"])
            info["editors_people"] = [person(u) for u in info["editors"]]
            info["approvers_people"] = [person(u) for u in info["approvers"]]
            info["editors_group_info"] = group(info["editors_group"])
            info["approvers_group_info"] = group(info["approvers_group"])
            rows.append(info)
        return rows

    def publishers(self):
        members = api.user.get_users(groupname=PUBLISHERS_GROUP)
        return {
            "group": group(PUBLISHERS_GROUP),
            "people": sorted(
                (person(u.getId()) for u in members), key=lambda p: p["name"]
            ),
        }

    def target_text(self, target) -> str:
        """A target as administrators write it (1.000), empty when none."""
        return vn_number(target) if target is not None else ""

    def indicator_rows(self):
        """Configured indicators, then blank rows to add more."""
        rows = indicator_rows()
        blank = {"year": "", "id": "", "title": "", "unit": "", "target": None}
        return rows + [dict(blank) for _i in range(BLANK_INDICATOR_ROWS)]
