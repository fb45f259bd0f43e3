"""Our caching rulesets and their settings in plone.app.caching's registry.

Every ruleset uses plone.app.caching's *moderate caching*: browsers revalidate
every time (``max-age=0`` with an ETag, so unchanged pages cost a 304), the
caching proxy keeps the page for ``smaxage`` seconds or until it is purged.
``anonOnly`` keeps logged-in users out of every shared cache: their pages are
always rendered fresh.
"""

from plone.registry import FieldRef
from plone.registry import Record
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


OPERATION = "plone.app.caching.moderateCaching"
MAPPING = "plone.caching.interfaces.ICacheSettings.operationMapping"
PURGED_TYPES = "plone.app.caching.interfaces.IPloneCacheSettings.purgedContentTypes"

# What a page depends on besides its own object: ``catalogCounter`` changes with
# any catalogued change (a plan's activities, slogans, the archive's plans).
_PAGE_ETAGS = ("userid", "catalogCounter", "userLanguage", "skin", "resourceRegistries")

RULESETS = {
    # A plan laid out as the official document; purged with its parts.
    "collective.thdtre.plan": {
        "smaxage": 3600,
        "etags": _PAGE_ETAGS + ("locked",),
        "lastModified": True,
        "anonOnly": True,
    },
    # @@thdtre-plans and @@thdtre-calendar; purged when a plan changes.
    "collective.thdtre.archive": {
        "smaxage": 600,
        "etags": _PAGE_ETAGS,
        "lastModified": False,
        "anonOnly": True,
    },
    # @@thdtre-slogans; purged when a plan or a slogan changes.
    "collective.thdtre.slogans": {
        "smaxage": 3600,
        "etags": _PAGE_ETAGS,
        "lastModified": False,
        "anonOnly": True,
    },
    # A news item. Purged when it changes; the "Tin khác" list of the *other*
    # news pages catches up within smaxage.
    "collective.thdtre.news": {
        "smaxage": 300,
        "etags": _PAGE_ETAGS + ("locked",),
        "lastModified": True,
        "anonOnly": True,
    },
}

# Our types a purge is sent for (plone.app.caching purges News Item already).
PURGED = ("Plan", "Activity", "Slogan", "Report")


def option_name(ruleset: str, option: str) -> str:
    """The registry record of one option of one ruleset."""
    return f"{OPERATION}.{ruleset}.{option}"


def install_rules(registry=None) -> None:
    """Map our rulesets to moderate caching and set their options.

    Only where plone.app.caching is activated (it is not our dependency: when
    an administrator activates it later, ``caching_activated`` calls this).
    Touches only our own keys: the rulesets' mapping entries and option
    records, and our types in the purged types. Caching stays as it was (off
    until the administrator turns it on).
    """
    registry = registry or getUtility(IRegistry)
    if MAPPING not in registry.records or PURGED_TYPES not in registry.records:
        return
    mapping = dict(registry[MAPPING] or {})
    for ruleset, options in RULESETS.items():
        mapping[ruleset] = OPERATION
        for option, value in options.items():
            name = option_name(ruleset, option)
            master = f"{OPERATION}.{option}"
            if name not in registry.records:
                field = registry.records[master].field
                registry.records[name] = Record(FieldRef(master, field))
            registry[name] = value
    registry[MAPPING] = mapping
    purged = tuple(registry[PURGED_TYPES] or ())
    registry[PURGED_TYPES] = purged + tuple(t for t in PURGED if t not in purged)


def remove_rules(registry=None) -> None:
    """Undo ``install_rules`` (uninstall), leaving everything else as it was."""
    registry = registry or getUtility(IRegistry)
    if MAPPING in registry.records:
        mapping = dict(registry[MAPPING] or {})
        for ruleset in RULESETS:
            mapping.pop(ruleset, None)
        registry[MAPPING] = mapping
    for ruleset, options in RULESETS.items():
        for option in options:
            name = option_name(ruleset, option)
            if name in registry.records:
                del registry.records[name]
    if PURGED_TYPES in registry.records:
        purged = registry[PURGED_TYPES] or ()
        registry[PURGED_TYPES] = tuple(t for t in purged if t not in PURGED)


def caching_activated(event) -> None:
    """plone.app.caching was activated after us: add our rules to its settings."""
    if event.profile_id != "profile-plone.app.caching:default":
        return
    setup = event.tool
    if setup.getLastVersionForProfile("collective.thdtre:default") == "unknown":
        return
    install_rules()
