"""Caching for anonymous visitors with plone.app.caching.

``rules`` says which of our pages are cached how (one ruleset per kind of page)
and writes that into plone.app.caching's registry; ``purge`` says which URLs a
caching proxy must forget when a plan, one of its parts or a news item changes.
Caching itself stays off until the site administrator turns it on in Site Setup
> Caching (``make cluster`` does, for its nginx).
"""
