"""A department editor imports into the department's folder; a refusal shows them
the message only (the traceback is plone.rest's aid for Managers)."""

from collective.thdtre.departments import editors_group
from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import department_folder
from collective.thdtre.importer.mapping import ERROR_MESSAGES
from imports_http import body
from imports_http import counts
from imports_http import document
from imports_http import imported
from imports_http import post_import
from imports_http import SEED_003
from plone import api
from zope.i18n import translate

import pytest
import transaction


EDITOR = ("editor-khcn", "secret-Passw0rd-thdtre")


@pytest.fixture
def khcn(site):
    """The Sở KHCN department, with an editor."""
    with api.env.adopt_roles(["Manager"]):
        create_department(
            id="so-khcn", title="Sở Khoa học và Công nghệ", abbreviation="KHCN"
        )
        api.user.create(username=EDITOR[0], email="e@example.org", password=EDITOR[1])
        api.group.add_user(groupname=editors_group("so-khcn"), username=EDITOR[0])
    transaction.commit()
    return department_folder(id="so-khcn")


def test_an_editor_imports_a_plan_into_the_department(site, khcn):
    response = post_import(khcn, body(*document(SEED_003)), auth=EDITOR)
    plan = imported(site, response)
    assert plan.aq_parent == khcn
    assert plan.department == "so-khcn"
    # The document's number is a proposal: only approval makes it official.
    assert plan.document_number == "/KH-KHCN"
    assert any("63" in w for w in response.json()["warnings"])
    assert plan.Creator() == EDITOR[0]
    kinds = [child.portal_type for child in plan.objectValues()]
    assert (kinds.count("Slogan"), kinds.count("Activity")) == (12, 4)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_an_editor_sees_the_message_without_a_traceback(site, khcn, language):
    before = counts(site)
    response = post_import(
        khcn, body("plan.docx", b"PK\x03\x04garbage"), language=language, auth=EDITOR
    )
    assert response.status_code == 400, response.text
    message = translate(ERROR_MESSAGES["damaged_docx"], target_language=language)
    assert response.json() == {
        "type": "BadRequest",
        "message": message,
        "context": khcn.absolute_url(),
    }
    assert "Traceback" not in response.text
    assert counts(site) == before
    assert khcn.objectIds() == []
