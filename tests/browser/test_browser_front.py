"""The front page and "Việc của tôi" in a real browser, on a desktop and on a
390 px phone: what each shows, no page wider than the phone, a visible focus.
Screenshots go to tests/artifacts/front-*.png and my-work-*.png."""

from plone import api

import pytest
import transaction


pytestmark = pytest.mark.browser

VIEWS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True},
}
DRAFT = "Dự thảo kế hoạch của chuyên viên"


def fits(page, view) -> bool:
    width = VIEWS[view]["viewport"]["width"]
    return page.evaluate("document.documentElement.scrollWidth") <= width


def test_front_page_and_my_work_on_desktop_and_phone(
    make_plan, department, new_page, site_url, log_in, screenshot
):
    make_plan(publish=True)
    with api.env.adopt_user(username=department["editor"]):
        api.content.create(
            container=department["folder"], type="Plan", id="du-thao", title=DRAFT
        )
    transaction.commit()

    for view, options in VIEWS.items():
        page = new_page(**options)
        response = page.goto(f"{site_url}/@@thdtre-home")
        assert response.status == 200
        heading = page.locator("h1.documentFirstHeading").inner_text()
        assert "Tháng hành động vì trẻ em" in heading
        theme = page.locator(".thdtre-theme").inner_text()
        assert "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em" in theme
        assert "63/KH-KHCN" in page.locator(".thdtre-front-plans").inner_text()
        assert page.locator(".thdtre-front-links a").count() == 3
        assert DRAFT not in page.content()
        assert fits(page, view), f"front page wider than the {view}"
        screenshot(page, f"front-{view}")

        # Keyboard users see where they are.
        link = page.locator(".thdtre-front-links a").first
        link.focus()
        outline = link.evaluate("e => getComputedStyle(e).outlineStyle")
        assert outline != "none"

        log_in(page, department["editor"])
        page.goto(f"{site_url}/@@thdtre-my-work")
        assert page.locator("h1.documentFirstHeading").inner_text() == "Việc của tôi"
        drafts = page.locator(".thdtre-work-drafts").inner_text()
        assert DRAFT in drafts
        assert "Sở Khoa học và Công nghệ" in drafts
        assert page.title().startswith("Việc của tôi — ")
        assert fits(page, view), f"my work wider than the {view}"
        screenshot(page, f"my-work-{view}")

        # Back on the front page, the editor's box leads to the same list.
        page.goto(f"{site_url}/@@thdtre-home")
        box = page.locator(".thdtre-my-work-box")
        assert "1 dự thảo của tôi" in box.inner_text()
        assert fits(page, view)
