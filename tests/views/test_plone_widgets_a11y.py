"""Plone's widgets and toolbar on the add-on's forms, as the server sends them
(before any JavaScript): every form control has a label, the toolbar's pin
buttons are buttons, the history link has a text, and TinyMCE is told to name
its editing area and to resize vertically only.

The browser tests (tests/browser/test_accessibility.py) run axe-core once
Plone's JavaScript has drawn the page; these pin what the add-on's templates
send, which axe sees only when it runs before TinyMCE starts.
"""

from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import department_folder
from lxml import html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.namedfile.file import NamedBlobFile
from plone.testing.zope import Browser

import json
import pytest
import transaction


# Controls a person fills in; hidden inputs and buttons carry their own text.
CONTROLS = (
    "//form[@id='form']//textarea"
    " | //form[@id='form']//select"
    " | //form[@id='form']//input[not(@type='hidden') and not(@type='submit')"
    " and not(@type='button')]"
)


@pytest.fixture
def browser(functional_app):
    browser = Browser(functional_app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    return browser


@pytest.fixture
def plan(functional_portal):
    """A department's plan with an activity, a report and an appendix with its
    file."""
    api.portal.set_registry_record("plone.default_language", "vi")
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        create_department(
            id="so-khcn", title="Sở Khoa học và Công nghệ", abbreviation="KHCN"
        )
        plan = api.content.create(
            container=department_folder(id="so-khcn"),
            type="Plan",
            id="kh",
            title="Kế hoạch",
        )
        api.content.create(container=plan, type="Activity", id="hd", title="Tọa đàm")
        api.content.create(container=plan, type="Report", id="bc", title="Báo cáo")
        appendix = api.content.create(
            container=plan, type="Appendix", id="pl", title="Phụ lục I"
        )
        appendix.file = NamedBlobFile(b"Danh sach", filename="phu-luc.txt")
    transaction.commit()
    return plan


def unlabelled(page) -> list[str]:
    """The form controls that no label, aria-label or aria-labelledby names."""
    labelled = {label.get("for") for label in page.xpath("//label[@for]")}
    return [
        html.tostring(control, encoding="unicode")[:160]
        for control in page.xpath(CONTROLS)
        if control.get("id") not in labelled
        and not control.get("aria-label")
        and not control.get("aria-labelledby")
        and not control.xpath("ancestor::label")
    ]


def visible_label(page, name: str) -> str:
    """The text of the label Plone shows above the field ``name``."""
    (label,) = page.xpath(f"//label[@for='form-widgets-{name}']")
    return label.text_content().strip()


@pytest.mark.parametrize(
    "path",
    (
        "../++add++Plan",
        "@@edit",
        "++add++Activity",
        "hd/@@edit",
        "++add++Report",
        "bc/@@edit",
        "++add++Appendix",
        "pl/@@edit",
        "../@@thdtre-import",
    ),
)
def test_every_control_of_the_form_has_a_label(plan, browser, path):
    browser.open(f"{plan.absolute_url()}/{path}")
    page = html.fromstring(browser.contents)
    assert page.xpath(CONTROLS)
    assert unlabelled(page) == []


def test_the_rich_text_keeps_the_id_its_label_names(plan, browser):
    browser.open(f"{plan.absolute_url()}/hd/@@edit")
    page = html.fromstring(browser.contents)
    (textarea,) = page.xpath("//textarea[@name='form.widgets.text']")
    assert textarea.get("id") == "form-widgets-text"
    (label,) = page.xpath("//label[@for='form-widgets-text_text_format']")
    assert label.text_content().strip() == "Dạng văn bản"
    assert "visually-hidden" in label.get("class")


def test_a_file_s_label_names_its_file_input(plan, browser):
    browser.open(f"{plan.absolute_url()}/pl/@@edit")
    page = html.fromstring(browser.contents)
    (label,) = page.xpath("//label[@for='form-widgets-file-input']")
    assert label.text_content().strip() == visible_label(page, "file") == "Tập tin"


def test_tinymce_names_its_editing_area_and_resizes_vertically(plan, browser):
    browser.open(f"{plan.absolute_url()}/hd/@@edit")
    page = html.fromstring(browser.contents)
    (select,) = page.xpath("//select[@id='form-widgets-text_text_format']")
    options = json.loads(select.get("data-pat-textareamimetypeselector"))
    tiny = options["widgets"]["text/html"]["patternOptions"]["tiny"]
    assert tiny["iframe_attrs"] == {"title": visible_label(page, "text")}
    assert tiny["iframe_attrs"]["title"] == "Nội dung chi tiết"
    assert tiny["resize"] is True


def test_the_toolbar_s_buttons_and_history_link_have_names(plan, browser):
    browser.open(f"{plan.absolute_url()}/@@edit")
    page = html.fromstring(browser.contents)
    for pin in page.xpath("//a[@class='toolbar-collapse' or @class='toolbar-expand']"):
        assert pin.get("role") == "button"
        assert pin.get("aria-label")
    (history,) = page.xpath("//li[@id='contentview-history']/a")
    assert history.text_content().strip() == "Nhật ký"
