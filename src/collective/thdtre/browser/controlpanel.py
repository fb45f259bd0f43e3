"""Control panel @@thdtre-settings: settings, departments and who holds which role."""

from collective.thdtre import _
from collective.thdtre.departments import get_departments
from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import department_info
from collective.thdtre.errors import DepartmentError
from collective.thdtre.interfaces import IThdtreSettings
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import MethodNotAllowed


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
        # Departments are managed in the table below, not as raw JSON.
        self.fields = self.fields.omit("departments")


class SettingsView(ControlPanelFormWrapper):
    form = SettingsForm
    index = ViewPageTemplateFile("templates/controlpanel.pt")

    def departments(self):
        return [department_info(id=d["id"]) for d in get_departments()]


class AddDepartment(BrowserView):
    """POST target of the control panel's 'Add department' form."""

    def __call__(self):
        if self.request.method != "POST":
            raise MethodNotAllowed("POST only")
        CheckAuthenticator(self.request)
        form = self.request.form
        messages = IStatusMessage(self.request)
        try:
            create_department(
                id=form.get("id", "").strip(),
                title=form.get("title", "").strip(),
                abbreviation=form.get("abbreviation", "").strip(),
                parent_body=form.get("parent_body", "").strip(),
            )
        except DepartmentError as error:
            messages.add(error.args[0], type="error")
        else:
            messages.add(_("Department added."), type="info")
        self.request.response.redirect(
            f"{self.context.absolute_url()}/@@thdtre-settings"
        )
        return ""
