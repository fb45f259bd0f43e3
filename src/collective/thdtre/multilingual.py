"""Sites with plone.app.multilingual: translatable types and per-language places.

plone.app.multilingual is not a dependency: everything here does nothing on a
site that has not activated it. Where it is active, the four types get the
``plone.translatable`` behavior (also when the site activates it after us), the
departments' folders exist in every language root (translations of each other,
with the same groups), and the public listings show the current language.
"""

from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from zope.component import queryUtility


PAM_PROFILE = "plone.app.multilingual:default"
# The tagged value plone.app.multilingual's schema plugin reads (its
# ``languageindependent`` directive writes the same), without importing it.
LANGUAGE_INDEPENDENT_KEY = "plone.app.multilingual.languageindependent"
BEHAVIOR = "plone.translatable"
TYPES = ("Plan", "Activity", "Slogan", "Report")


def language_independent(schema, *names: str) -> None:
    """Mark fields that translations share (copied to every translation)."""
    from zope.interface import Interface

    schema.setTaggedValue(
        LANGUAGE_INDEPENDENT_KEY, [(Interface, name, "true") for name in names]
    )


def is_multilingual() -> bool:
    """Whether the site has plone.app.multilingual activated."""
    setup = api.portal.get_tool("portal_setup")
    return setup.getLastVersionForProfile(PAM_PROFILE) != "unknown"


def enable_translation() -> None:
    """Give our types the behavior plone.app.multilingual translates with."""
    if not is_multilingual():
        return
    for type_id in TYPES:
        fti = queryUtility(IDexterityFTI, name=type_id)
        if fti is not None and BEHAVIOR not in fti.behaviors:
            fti.behaviors = (*fti.behaviors, BEHAVIOR)


def language_roots() -> list:
    """The language root folders, default language first; [site] without them."""
    portal = api.portal.get()
    if not is_multilingual():
        return [portal]
    from plone.app.multilingual.interfaces import ILanguageRootFolder

    tool = api.portal.get_tool("portal_languages")
    default = tool.getDefaultLanguage()
    languages = [default] + [
        code for code in tool.getSupportedLanguages() if code != default
    ]
    roots = [
        portal[code]
        for code in languages
        if code in portal.objectIds() and ILanguageRootFolder.providedBy(portal[code])
    ]
    return roots or [portal]


def language_of(obj) -> str:
    """The language of a language root folder ('' for the site itself)."""
    return getattr(obj, "language", "") or ""


def set_language_of_root(obj, root) -> None:
    """Give ``obj`` the language of its language root (not left to a subscriber:
    plone.app.multilingual sets it only for requests with its browser layer)."""
    language = language_of(root)
    if not language or not is_multilingual():
        return
    from plone.base.interfaces import ILanguage

    if ILanguage(obj).get_language() != language:
        ILanguage(obj).set_language(language)
        obj.reindexObject(idxs=["Language"])


def link_translations(objects: list) -> None:
    """Register ``objects`` (one per language root) as translations of the first."""
    if len(objects) < 2:
        return
    from plone.app.multilingual.interfaces import ITranslationManager
    from plone.base.interfaces import ILanguage

    manager = ITranslationManager(objects[0])
    for obj in objects[1:]:
        language = ILanguage(obj).get_language()
        if language and not manager.has_translation(language):
            manager.register_translation(language, obj)


def current_language_query() -> dict:
    """Catalog criteria for the current language's content (and neutral content)."""
    if not is_multilingual():
        return {}
    return {"Language": [api.portal.get_current_language(), ""]}


def language_from_parent(obj, event) -> None:
    """New content takes its container's language (also outside web requests,
    where plone.app.multilingual's own subscriber does not run: imports,
    scripts)."""
    if not is_multilingual():
        return
    from plone.base.interfaces import ILanguage

    parent = event.newParent
    mine = ILanguage(obj, None)
    theirs = ILanguage(parent, None)
    if mine is None or theirs is None or mine.get_language():
        return
    language = theirs.get_language()
    if language:
        mine.set_language(language)


def multilingual_activated(event) -> None:
    """plone.app.multilingual was activated after us: translatable types."""
    if event.profile_id != f"profile-{PAM_PROFILE}":
        return
    if event.tool.getLastVersionForProfile("collective.thdtre:default") == "unknown":
        return
    enable_translation()
