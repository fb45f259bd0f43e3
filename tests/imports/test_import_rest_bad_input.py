"""Every bad upload answers 400 with a message in the user's language, never a
traceback, and leaves the folder as it was."""

from collective.thdtre import _
from collective.thdtre.importer.mapping import ERROR_MESSAGES
from collective.thdtre.interfaces import IThdtreSettings
from importer_docs import build_pdf
from imports_http import body
from imports_http import counts
from imports_http import fixture_bytes
from imports_http import post_import
from imports_http import SEED_003
from imports_http import session
from plone import api
from zope.i18n import translate

import pytest
import random
import requests
import transaction


GARBAGE = random.Random(5).randbytes(4000)
NO_FILENAME = _("Give the file's name in 'filename'.")
NOT_BASE64 = _("'data' is not valid base64.")
ONLY_BASE64 = _("Only 'base64' encoding is supported.")
NOT_AN_OBJECT = _("Send a JSON object with filename, data and encoding.")
TOO_LARGE = _(ERROR_MESSAGES["too_large"], mapping={"limit_mb": 1})


def plan_of_size(size: int) -> bytes:
    """A real plan, made ``size`` bytes long with blank lines."""
    seed = fixture_bytes(SEED_003)
    return seed + b"\n" * (size - len(seed))


# name: (request body, the message it gets)
CASES = {
    "empty": (body("plan.txt", b""), ERROR_MESSAGES["empty"]),
    "blank": (body("plan.txt", b" \r\n\t\n"), ERROR_MESSAGES["empty"]),
    "garbage": (body("plan.txt", GARBAGE), ERROR_MESSAGES["binary"]),
    "not a plan": (
        body("note.txt", "Thông báo lịch họp giao ban tuần.".encode()),
        ERROR_MESSAGES["not_a_plan"],
    ),
    "fake docx": (
        body("plan.docx", b"PK\x03\x04" + GARBAGE[:300]),
        ERROR_MESSAGES["damaged_docx"],
    ),
    "fake pdf": (
        body("plan.pdf", b"%PDF-1.4\n" + GARBAGE[:500]),
        ERROR_MESSAGES["damaged_pdf"],
    ),
    "pdf without text": (
        body("scan.pdf", build_pdf([b"0 0 m 500 700 l S", b"10 10 500 700 re f"])),
        ERROR_MESSAGES["needs_ocr"],
    ),
    "unknown extension": (
        body("plan.doc", fixture_bytes(SEED_003)),
        ERROR_MESSAGES["unknown_extension"],
    ),
    "too large": (body("plan.txt", plan_of_size(1_572_864)), TOO_LARGE),
    "invalid base64": (
        {"filename": "plan.txt", "data": "S+G6vsBIT0FDSA==!!", "encoding": "base64"},
        NOT_BASE64,
    ),
    "missing filename": (body(None, fixture_bytes(SEED_003)), NO_FILENAME),
    "blank filename": (body("  ", fixture_bytes(SEED_003)), NO_FILENAME),
    "other encoding": (
        dict(body("plan.txt", fixture_bytes(SEED_003)), encoding="hex"),
        ONLY_BASE64,
    ),
    "not an object": (["plan.txt"], NOT_AN_OBJECT),
    "not json": (b'{"filename": "plan.txt", "data": ', NOT_AN_OBJECT),
}


@pytest.fixture
def small_limit(site):
    """Uploads over 1 MB are refused."""
    api.portal.set_registry_record("import_max_mb", 1, interface=IThdtreSettings)
    transaction.commit()
    return site


def refusal(response) -> str:
    assert response.status_code == 400, response.text
    assert "Traceback" not in response.text
    assert response.headers["Content-Type"].startswith("application/json")
    answer = response.json()
    assert answer["type"] == "BadRequest"
    return answer["message"]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_in_the_users_language(
    small_limit, folder, case, language
):
    payload, message = CASES[case]
    before = counts(small_limit)
    text = refusal(post_import(folder, payload, language=language))
    english = translate(message, target_language="en")
    vietnamese = translate(message, target_language="vi")
    assert english != vietnamese, "the vi catalogue lacks this message"
    assert text == (vietnamese if language == "vi" else english)
    assert counts(small_limit) == before


def test_dry_run_of_a_bad_file_is_refused_too(site, folder):
    before = counts(site)
    text = refusal(post_import(folder, body("plan.txt", GARBAGE, dry_run=True)))
    assert text == translate(ERROR_MESSAGES["binary"], target_language="en")
    assert counts(site) == before


def test_the_limit_follows_the_registry(site, folder):
    """Under the default 20 MB limit the same 1.5 MB plan is imported."""
    response = post_import(folder, body("plan.txt", plan_of_size(1_572_864)))
    assert response.status_code == 201, response.text


def test_a_vietnamese_site_answers_in_vietnamese(site, folder):
    api.portal.set_registry_record("plone.available_languages", ["vi", "en"])
    api.portal.set_registry_record("plone.default_language", "vi")
    api.portal.set_registry_record("plone.use_request_negotiation", False)
    transaction.commit()
    before = counts(site)
    with session() as http:  # no Accept-Language
        response = http.post(
            f"{folder.absolute_url()}/@thdtre-import",
            json=body("plan.txt", GARBAGE),
        )
    text = refusal(response)
    assert text == translate(ERROR_MESSAGES["binary"], target_language="vi")
    assert text.startswith("Đây không phải là tệp văn bản")
    assert counts(site) == before


def test_an_anonymous_visitor_cannot_import(site, folder):
    before = counts(site)
    response = requests.post(
        f"{folder.absolute_url()}/@thdtre-import",
        json=body(SEED_003, fixture_bytes(SEED_003)),
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 401
    assert counts(site) == before
