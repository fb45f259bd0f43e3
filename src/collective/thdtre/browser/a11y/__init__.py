"""Plone's own widgets and toolbar, mended for assistive technology on the
add-on's sites (axe-core finds nothing serious on the editors' forms).

Each override is a copy of Plone 6.2's template with the smallest change, for
the add-on's browser layer only, so uninstalling the add-on restores Plone's:

- the rich text's textarea keeps the id its label names, and the text format
  select gets a label (plone.app.z3cform renders both without when a site
  offers more than one format, as Plone does by default);
- TinyMCE's editing area is named after its field, and its resize handle
  resizes vertically, where TinyMCE gives it the value a separator must have;
- a file field's label names its file input too;
- the toolbar's pin buttons are buttons, and the history link says what it is
  when it shows only its icon.
"""
