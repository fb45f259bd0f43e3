"""Import plan: upload a file or give a web address, check the preview, confirm."""

from collective.thdtre import _
from collective.thdtre.browser.importpreview import preview_rows
from collective.thdtre.browser.importpreview import preview_sections
from collective.thdtre.browser.importpreview import preview_warnings
from collective.thdtre.browser.importpreview import shown
from collective.thdtre.errors import ThdtreError
from collective.thdtre.importer.load import fetch_document
from collective.thdtre.importer.load import import_document
from plone.autoform.form import AutoExtensibleForm
from plone.namedfile.field import NamedFile
from plone.supermodel import model
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from z3c.form import button
from z3c.form import form
from z3c.form.interfaces import HIDDEN_MODE
from zope import schema
from zope.i18n import translate

import base64
import binascii
import transaction


class IImportForm(model.Schema):
    document = NamedFile(
        title=_("Document"),
        description=_(
            "A plan or a news article: .docx, .pdf (also a scan), .html or .txt."
        ),
        required=False,
    )
    url = schema.TextLine(
        title=_("Or its web address"),
        description=_(
            "The address of the plan or news article on a website "
            "(https://...): the page's main text is imported."
        ),
        required=False,
    )
    # The previewed file travels back with the confirmation, so nothing is stored
    # before the editor confirms.
    payload = schema.ASCII(required=False)
    filename = schema.TextLine(required=False)


class ImportForm(AutoExtensibleForm, form.Form):
    schema = IImportForm
    ignoreContext = True
    label = _("Import plan")
    description = _(
        "The plan, its slogans and its activities are created from the document; "
        "check the preview before you confirm."
    )
    template = ViewPageTemplateFile("templates/importform.pt")
    preview = None

    def rows(self):
        """The preview's fields with the line each value was read from."""
        return preview_rows(self.preview or {}, self.request)

    def sections(self):
        """The rows before the activities and slogans, and those after them.

        Rich text rows carry ``html``: the safe-HTML transform's output, which the
        template inserts as markup (``importpreview.safe_html``)."""
        return preview_sections(self.preview or {}, self.request)

    def activities(self):
        """The activities with their units and dates as dd/mm/yyyy."""
        return [
            {
                "title": activity.get("title") or "",
                "lead_unit": activity.get("lead_unit") or "",
                "coordinating_units": ", ".join(
                    activity.get("coordinating_units") or []
                ),
                "time": " – ".join(
                    shown(activity[k]) for k in ("start", "end") if activity.get(k)
                ),
            }
            for activity in (self.preview or {}).get("activities") or []
        ]

    def warnings(self):
        """The parser's warnings, then the site's: the number, the issuer."""
        found = list((self.preview or {}).get("warnings") or [])
        for message in preview_warnings(self.preview or {}, self.context):
            found.append(translate(message, context=self.request))
        return found

    def updateActions(self):
        super().updateActions()
        self._style_actions()

    def _style_actions(self):
        # The main step is the primary button: Preview first, then Import.
        primary = "import" if "import" in self.actions else "preview"
        for name, action in self.actions.items():
            kind = "btn-primary" if name == primary else "btn-secondary"
            action.klass = f"submit-widget btn {kind}"

    def updateWidgets(self):
        super().updateWidgets()
        self.widgets["payload"].mode = HIDDEN_MODE
        self.widgets["filename"].mode = HIDDEN_MODE

    def _refuse(self, message):
        IStatusMessage(self.request).add(message, type="error")

    def _posted(self) -> bool:
        return self.request.get("REQUEST_METHOD", "GET").upper() == "POST"

    def update(self):
        # A link (a GET) never previews or imports, even with a valid
        # _authenticator: its buttons are dropped before the handlers run.
        pressed = [key for key in self.request.form if key.startswith("form.buttons.")]
        if pressed and not self._posted():
            for key in pressed:
                del self.request.form[key]
            self._refuse(
                _(
                    "Use the form's buttons to preview and import: a link cannot "
                    "start an import."
                )
            )
        super().update()

    @button.buttonAndHandler(
        _("Import"), name="import", condition=lambda form: form.can_import()
    )
    def handle_import(self, action):
        data, errors = self.extractData()
        try:
            payload = base64.b64decode(data.get("payload") or "", validate=True)
        except (binascii.Error, ValueError):
            payload = b""
        if errors or not payload:
            self._refuse(_("Preview the document first."))
            return
        savepoint = transaction.savepoint()
        try:
            _result, created = import_document(
                container=self.context,
                filename=data.get("filename") or "",
                data=payload,
            )
        except ThdtreError as error:
            savepoint.rollback()
            self._refuse(error.args[0])
            return
        IStatusMessage(self.request).add(_("Imported."), type="info")
        self.request.response.redirect(created.absolute_url())

    @button.buttonAndHandler(_("Preview"), name="preview")
    def handle_preview(self, action):
        data, errors = self.extractData()
        upload, url = data.get("document"), (data.get("url") or "").strip()
        if errors or not (upload or url):
            self._refuse(_("Choose a file to import, or give its web address."))
            return
        try:
            if upload:
                filename, source, fetched = upload.filename or "", upload.data, None
            else:
                fetched = fetch_document(url=url)
                filename, source = fetched.filename, fetched.data
            self.preview, _created = import_document(
                container=self.context,
                filename=filename,
                data=source,
                dry_run=True,
            )
        except ThdtreError as error:
            self._refuse(error.args[0])
            return
        if fetched is not None:
            self.preview["url"] = fetched.url
        # What was previewed is what gets imported: the page is not fetched again.
        self.widgets["payload"].value = base64.b64encode(source).decode("ascii")
        self.widgets["filename"].value = filename
        # The buttons were set up before this handler ran: offer Import now.
        self.actions.update()
        self._style_actions()

    def can_import(self):
        if self.preview:
            return True
        return self._posted() and bool(self.request.form.get("form.widgets.payload"))
