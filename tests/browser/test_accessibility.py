"""Accessibility: axe-core finds no serious or critical violation on the public
pages and the editor's forms; a skip link leads to the content; the add-on's
links and buttons show their focus; no public page is wider than a 390 px phone.

axe-core is the ``axe.min.js`` of axe-playwright-python (pinned in
constraints.txt). Pages that do not exist yet (others' work in progress) are
skipped with the reason; every other page must pass.
"""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.namedfile.file import NamedBlobFile
from visitor_world import DESKTOP
from visitor_world import EDITOR
from visitor_world import path_of
from visitor_world import PHONE

import pytest
import transaction


# The class-scoped world and browser pages of the visitor's tests.
pytest_plugins = ["visitor_world"]
SERIOUS = ("serious", "critical")
# Anonymous pages: (name, path below the site, given the world).
PUBLIC = {
    "front page": lambda w: "",
    "home": lambda w: "@@thdtre-home",
    "archive": lambda w: "@@thdtre-plans",
    "calendar": lambda w: "@@thdtre-calendar",
    "slogans": lambda w: "@@thdtre-slogans",
    "plan": lambda w: path_of(w["plan"]),
    "activity": lambda w: path_of(w["activity"]),
    "slogan": lambda w: path_of(w["slogan"]),
    "news item": lambda w: path_of(w["news"]),
}
EDITOR_PAGES = {
    "add plan": lambda w: f"{path_of(w['folder'])}/++add++Plan",
    "edit plan": lambda w: f"{path_of(w['draft'])}/@@edit",
    "add activity": lambda w: f"{path_of(w['draft'])}/++add++Activity",
    "edit activity": lambda w: f"{path_of(w['parts']['Activity'])}/@@edit",
    "add slogan": lambda w: f"{path_of(w['draft'])}/++add++Slogan",
    "edit slogan": lambda w: f"{path_of(w['parts']['Slogan'])}/@@edit",
    "add report": lambda w: f"{path_of(w['draft'])}/++add++Report",
    "edit report": lambda w: f"{path_of(w['parts']['Report'])}/@@edit",
    "add appendix": lambda w: f"{path_of(w['draft'])}/++add++Appendix",
    "edit appendix": lambda w: f"{path_of(w['parts']['Appendix'])}/@@edit",
    "import": lambda w: f"{path_of(w['folder'])}/@@thdtre-import",
    "my work": lambda w: "@@thdtre-my-work",
    "add rows": lambda w: f"{path_of(w['draft'])}/@@thdtre-add-rows",
}
# The add-on's links and buttons whose focus must show, by page.
FOCUS = {
    "calendar": (".thdtre-calendar a.btn", ".thdtre-calendar button"),
    "slogans": (".thdtre-slogan-list a",),
    "news item": (".thdtre-share a", ".thdtre-news-meta a"),
}
# A part of each kind in the draft plan, for their edit forms: rich text on the
# first tab, a file with its keep, remove and replace choices.
PARTS = {
    "Activity": {"title": "Tọa đàm về quyền trẻ em", "lead_unit": "Văn phòng Sở"},
    "Slogan": {"title": "Lắng nghe trẻ em", "position": 1},
    "Report": {"title": "Báo cáo kết quả năm 2025"},
    "Appendix": {"title": "Phụ lục I"},
}


@pytest.fixture(scope="class")
def parts(world):
    """The world, with a part of each kind in the draft plan."""
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        made = {
            portal_type: api.content.create(
                container=world["draft"], type=portal_type, **fields
            )
            for portal_type, fields in PARTS.items()
        }
        made["Appendix"].file = NamedBlobFile(b"Danh sach", filename="phu-luc.txt")
    transaction.commit()
    return dict(world, parts=made)


def open_page(page, world, name, path):
    url = f"{world['url']}/{path}".rstrip("/")
    if page.url == url:  # the page the class's browser shows already
        return None
    response = page.goto(url)
    assert response.status == 200, f"{name}: {response.status} {response.url}"
    page.wait_for_load_state("load")
    return response


# Plone's JavaScript has drawn the page as the editor sees it: a TinyMCE for
# each rich text (with its word count) and the toolbar's modification time.
SETTLED = """() => {
    const all = s => document.querySelectorAll(s).length;
    const editors = all('select.pat-textareamimetypeselector, textarea.pat-tinymce');
    return all('.tox-tinymce') >= editors
        && !all('.tox-statusbar__wordcount:empty')
        && !all('time.pat-display-time:empty');
}"""


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    # Not into iframes (TinyMCE's editing areas): axe waits on each for an
    # answer that never comes, since it is injected into the page alone.
    results = Axe().run(page, options={"resultTypes": ["violations"], "iframes": False})
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in SERIOUS:
            continue
        for node in violation["nodes"]:
            line = (
                f"{violation['impact']} {violation['id']}: {violation['help']}\n"
                f"    {node['target']}: {node['html'][:200]}\n"
                f"    {node.get('failureSummary', '')[:300]}"
            )
            found.append(line)
    return found


def assert_accessible(page, name):
    found = serious_violations(page)
    if found:
        print(f"\naxe on {name} ({page.url}):\n" + "\n".join(found))
    assert not found, f"{len(found)} serious/critical axe violations on {name}:\n" + (
        "\n".join(found)
    )


def assert_focus_visible(page, selector):
    element = page.locator(selector).first
    element.focus()
    style = element.evaluate(
        "e => { const s = getComputedStyle(e);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
    )
    outline, width, shadow = style
    assert (outline != "none" and width != "0px") or shadow != "none", (
        f"no visible focus on {selector}: {style}"
    )


def assert_fits_a_phone(page, name):
    """The page, laid out again for a 390 px phone, is no wider than it."""
    page.set_viewport_size(PHONE)
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate(
            """w => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > w + 1)
            .slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id)""",
            PHONE["width"],
        )
    finally:
        page.set_viewport_size(DESKTOP)
    assert width <= PHONE["width"], f"{name} is {width} px wide on a phone: {wide}"


class TestAccessibility:
    @pytest.mark.parametrize("name", PUBLIC)
    def test_public_page(self, world, pages, name):
        """axe finds nothing serious; focus shows; nothing wider than a phone."""
        page = pages(DESKTOP)
        open_page(page, world, name, PUBLIC[name](world))
        assert_accessible(page, name)
        for selector in FOCUS.get(name, ()):
            assert_focus_visible(page, selector)
        assert_fits_a_phone(page, name)

    @pytest.mark.parametrize("name", EDITOR_PAGES)
    def test_editors_form(self, parts, pages, name):
        """axe finds nothing serious, in Plone's widgets and toolbar too."""
        page = pages(DESKTOP, EDITOR)
        open_page(page, parts, name, EDITOR_PAGES[name](parts))
        page.wait_for_function(SETTLED)
        assert_accessible(page, name)

    def test_skip_link_leads_to_the_content(self, world, pages):
        page = pages(DESKTOP)
        page.goto(f"{world['url']}/@@thdtre-calendar")
        link = page.locator("a.thdtre-skip-link")
        assert link.count() == 1
        target = link.get_attribute("href")
        assert page.locator(target).count() == 1, f"no {target} on the page"
        # Hidden until focused, then visible; following it moves to the content.
        assert link.bounding_box()["width"] <= 1
        link.focus()
        assert link.bounding_box()["width"] > 10
        page.keyboard.press("Enter")
        assert page.url.endswith(target)

    @pytest.mark.parametrize("name", ("front page", "calendar", "plan"))
    def test_skip_link_is_the_first_tab_stop(self, world, pages, name):
        """The first Tab on a public page lands on the skip link, before the
        personal tools' "Đăng nhập" and the logo."""
        page = pages(DESKTOP)
        page.goto(f"{world['url']}/{PUBLIC[name](world)}".rstrip("/"))
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return e.outerHTML.slice(0, 200); }"
        )
        assert "thdtre-skip-link" in focused, f"first Tab on {name}: {focused}"

    def test_tinymce_and_the_toolbar_still_work(self, parts, pages):
        """Plone's JavaScript works with the mended templates: TinyMCE edits
        and saves an activity's details, the toolbar pins and unpins."""
        page = pages(DESKTOP, EDITOR)
        activity = path_of(parts["parts"]["Activity"])
        page.goto(f"{parts['url']}/{activity}/@@edit")
        page.wait_for_function(SETTLED)
        editing_area = page.frame_locator("iframe[title='Nội dung chi tiết']")
        editing_area.locator("body").click()
        editing_area.locator("body").press_sequentially("Tọa đàm tại hội trường Sở")
        with page.expect_navigation():
            page.click("#form-buttons-save")
        assert "Tọa đàm tại hội trường Sở" in page.inner_text("#content-core")

        def pinned():
            return page.evaluate(
                "document.body.classList.contains('plone-toolbar-left-expanded')"
            )

        before = pinned()
        # Both links are named in Vietnamese ("Bỏ ghim", "Ghim").
        labels = {
            page.get_attribute(link, "aria-label")
            for link in (".toolbar-collapse", ".toolbar-expand")
        }
        assert labels == {"Bỏ ghim", "Ghim"}
        page.click(".toolbar-collapse" if before else ".toolbar-expand")
        assert pinned() is not before
        page.click(".toolbar-expand" if before else ".toolbar-collapse")
        assert pinned() is before
