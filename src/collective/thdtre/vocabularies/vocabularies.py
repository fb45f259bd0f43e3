"""Named vocabularies ``collective.thdtre.vocabularies.*``."""

from collective.thdtre import _
from collective.thdtre.departments import get_departments
from collective.thdtre.departments import is_retired
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


def _department_of(context):
    # Late import: content imports this module's names through the vocabulary.
    from collective.thdtre.content.utils import department_of

    return department_of(context) if context is not None else None


@provider(IVocabularyFactory)
def DepartmentsVocabularyFactory(context=None):
    """The departments the site administrator configured; a retired one only for
    the content that names it already (new content cannot choose it)."""
    own = _department_of(context)
    return SimpleVocabulary(
        [
            SimpleTerm(value=d["id"], token=d["id"], title=d.get("title") or d["id"])
            for d in get_departments()
            if not is_retired(d) or d["id"] == own
        ]
    )


@provider(IVocabularyFactory)
def ProgressVocabularyFactory(context=None):
    """Progress of an activity."""
    return SimpleVocabulary(
        [SimpleTerm(value=value, token=value, title=title) for value, title in PROGRESS]
    )
