"""TinyMCE's options for the add-on's rich text fields.

TinyMCE 8 names its editing iframe only in Firefox, and gives its resize handle
(a focusable ``role="separator"``) the required ``aria-valuenow`` only when it
resizes vertically. Plone passes the ``tiny`` options of the ``pattern_settings``
adapter straight to TinyMCE, so the iframe gets the field's title through
``iframe_attrs``, and ``resize: "both"`` becomes vertical.
"""

from Products.CMFPlone.patterns.settings import PatternSettingsAdapter
from zope.i18n import translate

import json


class RichTextPatternSettings(PatternSettingsAdapter):
    """Plone's pattern settings, with a named and vertically resized editor."""

    def tinymce(self):
        settings = super().tinymce()
        options = json.loads(settings["data-pat-tinymce"])
        tiny = options["tiny"]
        if tiny.get("resize") == "both":
            tiny["resize"] = True
        title = translate(self.field.title, context=self.request)
        tiny["iframe_attrs"] = dict(tiny.get("iframe_attrs") or {}, title=title)
        return {"data-pat-tinymce": json.dumps(options)}
