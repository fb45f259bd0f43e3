"""A document that fails validation half-way (the plan and its first activity are
created, the second activity ends before it starts) leaves nothing behind."""

from collective.thdtre import _
from imports_http import body
from imports_http import counts
from imports_http import fixture_text
from imports_http import post_import
from imports_http import TABLE_PLAN
from zope.i18n import translate

import pytest


ACTIVITY_DATES = _("The activity must end on or after the day it starts.")


def reversed_activity() -> bytes:
    """The table plan whose second activity runs from 10/6 back to 5/6."""
    text = fixture_text(TABLE_PLAN)
    dates = "Từ ngày 05/6/2024 đến ngày 10/6/2024"
    assert dates in text
    return text.replace(dates, "Từ ngày 10/6/2024 đến ngày 05/6/2024").encode()


def test_the_dry_run_shows_the_dates_as_written(site, folder):
    response = post_import(folder, body("kh-45.md", reversed_activity(), dry_run=True))
    assert response.status_code == 200, response.text
    second = response.json()["activities"][1]
    assert (second["start"], second["end"]) == ("2024-06-10", "2024-06-05")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_failure_half_way_leaves_nothing(site, folder, language):
    before = counts(site)
    response = post_import(
        folder, body("kh-45.md", reversed_activity()), language=language
    )
    assert response.status_code == 400, response.text
    assert response.json()["type"] == "BadRequest"
    message = response.json()["message"]
    assert translate(ACTIVITY_DATES, target_language=language) in message
    assert counts(site) == before
    assert counts(site)["Activity"] == 0
