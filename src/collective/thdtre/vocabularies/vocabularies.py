"""Named vocabularies ``collective.thdtre.vocabularies.*``."""

from collective.thdtre import _
from collective.thdtre.departments import get_departments
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


PROGRESS = (
    ("planned", _("Planned")),
    ("ongoing", _("Ongoing")),
    ("done", _("Done")),
    ("cancelled", _("Cancelled")),
)


@provider(IVocabularyFactory)
def DepartmentsVocabularyFactory(context=None):
    """The departments the site administrator configured."""
    return SimpleVocabulary(
        [
            SimpleTerm(value=d["id"], token=d["id"], title=d.get("title") or d["id"])
            for d in get_departments()
        ]
    )


@provider(IVocabularyFactory)
def ProgressVocabularyFactory(context=None):
    """Progress of an activity."""
    return SimpleVocabulary(
        [SimpleTerm(value=value, token=value, title=title) for value, title in PROGRESS]
    )
