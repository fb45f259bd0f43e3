"""Screenshots of published plans as an anonymous visitor sees them: on a desktop,
on a phone and printed, a plan with an appendix (its slogans) and one without.
The PNGs go to tests/artifacts/; the checks say what each must show."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME

import pytest
import transaction


pytestmark = pytest.mark.browser

VIEWS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True},
    "print": {"viewport": {"width": 1280, "height": 900}},
}


def without_slogans(plan):
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        for slogan in plan.listFolderContents(contentFilter={"portal_type": "Slogan"}):
            api.content.delete(obj=slogan)
    transaction.commit()
    return plan


@pytest.mark.parametrize("view", sorted(VIEWS))
@pytest.mark.parametrize("appendix", [True, False], ids=["appendix", "no-appendix"])
def test_anonymous_visitor_reads_the_whole_document(
    make_plan, new_page, url_of, screenshot, view, appendix
):
    plan = make_plan(publish=True)
    if not appendix:
        without_slogans(plan)
    page = new_page(**VIEWS[view])
    response = page.goto(url_of(plan))
    assert response.status == 200
    if view == "print":
        page.emulate_media(media="print")
    screenshot(page, f"plan-{'appendix' if appendix else 'no-appendix'}-{view}")

    document = page.locator("article.thdtre-document")
    assert document.locator(".thdtre-signer-name").inner_text() == "Triệu Ngọc Trung"
    assert document.locator(".thdtre-appendix").count() == (1 if appendix else 0)
    assert (
        page.evaluate("document.documentElement.scrollWidth")
        <= VIEWS[view]["viewport"]["width"]
    )
    shown = page.locator(".thdtre-activity-table").is_visible()
    assert shown is (view != "print")
