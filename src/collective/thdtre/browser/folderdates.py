"""Folder contents on a Vietnamese site: dates as 17/04/2024 08:30.

Plone 6.2's folder contents (mockup's structure pattern) writes its date
columns with the browser's ``Date.toLocaleString(<html lang>, dateFormat)``;
in Vietnamese that reads "08:30:00 17 thg 4, 2024". The pattern's
``dateFormat`` option cannot change it: it is merged into the default
``{dateStyle, timeStyle}``, and with those the shortest Vietnamese form is
"17/4/24". So a small script, loaded on folder contents only and only in
Vietnamese, writes each date cell again from the ISO value the pattern keeps
in its ``data-order`` attribute. The script is a ``<script>`` among the page's
scripts: no change to the resource registry.
"""

from collective.thdtre.browser.datetimewidget import is_vietnamese
from plone.app.layout.viewlets import ViewletBase


SCRIPT = "++plone++collective.thdtre/folderdates.js"


class FolderDatesViewlet(ViewletBase):
    def render(self):
        if not is_vietnamese(self.request):
            return ""
        return f'<script src="{self.site_url}/{SCRIPT}" defer></script>'
