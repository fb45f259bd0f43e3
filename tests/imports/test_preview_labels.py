"""The import preview speaks the editor's language: Vietnamese labels in the
document's order, rich text rendered, dates as dd/mm/yyyy, warnings for a number
already on the site or another department's document, "Nhập" as the main button."""

from collective.thdtre.browser.importpreview import HEAD
from collective.thdtre.browser.importpreview import preview_warnings
from collective.thdtre.browser.importpreview import TAIL
from collective.thdtre.content.plan import IPlan
from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import department_folder
from imports_http import counts
from imports_http import document
from imports_http import SEED_003
from lxml import html as lxml_html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser
from zope.i18n import translate

import pytest
import transaction


@pytest.fixture
def departments(site):
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        for id_, title, abbreviation in (
            ("so-khcn", "Sở Khoa học và Công nghệ", "KHCN"),
            ("so-tu-phap", "Sở Tư pháp", "STP"),
        ):
            create_department(
                id=id_,
                title=title,
                abbreviation=abbreviation,
                parent_body="UBND TỈNH BẮC GIANG",
            )
    transaction.commit()
    return {d: department_folder(id=d) for d in ("so-khcn", "so-tu-phap")}


def preview(app, folder):
    made = Browser(app)
    made.handleErrors = False
    made.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    made.addHeader("Accept-Language", "vi")
    made.open(f"{folder.absolute_url()}/@@thdtre-import")
    filename, data = document(SEED_003)
    made.getControl(name="form.widgets.document").add_file(data, "text/plain", filename)
    made.getControl(name="form.buttons.preview").click()
    return made, lxml_html.fromstring(made.contents)


def texts(nodes) -> list[str]:
    return [" ".join(n.text_content().split()) for n in nodes]


def vi(name) -> str:
    return translate(IPlan[name].title, target_language="vi")


def test_preview_in_vietnamese_in_the_documents_order_with_warnings(
    site, departments, functional_app
):
    """One upload (a parse takes seconds): into Sở Tư pháp's folder, while
    63/KH-KHCN of 2024 is already Sở Khoa học và Công nghệ's."""
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        api.content.create(
            container=departments["so-khcn"],
            type="Plan",
            title="Kế hoạch đã có",
            department="so-khcn",
            number=63,
            symbol="KH-KHCN",
            year=2024,
        )
    transaction.commit()
    made, page = preview(functional_app, departments["so-tu-phap"])
    labels = texts(
        page.xpath('//table[contains(@class, "import-fields")]//th[@scope="row"]')
    )
    order = [n for n in HEAD + TAIL if vi(n) in labels]
    known = {vi(n) for n in order}
    assert [vi(n) for n in order] == [label for label in labels if label in known]
    for name in ("issuing_body", "issue_date", "title", "theme", "legal_basis"):
        assert vi(name) in labels and vi(name) != IPlan[name].title, name
    assert "issue_date" not in labels
    assert labels.index(vi("issue_date")) < labels.index(vi("title"))
    assert labels.index(vi("legal_basis")) < labels.index(vi("purpose"))
    # Activities and slogans sit between the sections and the signature block.
    body = made.contents
    assert body.index("thdtre-import-activities") < body.index(vi("signer_name"))
    cells = texts(page.xpath('//th[@scope="row"]/following-sibling::td[1]'))
    assert "17/04/2024" in cells
    assert not [c for c in cells if "<p>" in c or "2024-04-17" in c]
    times = texts(page.xpath('//table[contains(@class, "import-activities")]//td[4]'))
    assert times and all("/" in t and "-0" not in t for t in times if t)
    rich = page.xpath('//td[contains(@class, "thdtre-rich")]')
    assert rich and all(r.xpath(".//p") for r in rich)
    # The main button is "Nhập", and nothing is created before it is pressed.
    (button,) = page.xpath('//*[@name="form.buttons.import"]')
    assert "Nhập" in (button.get("value") or button.text_content())
    assert "btn-primary" in button.get("class")
    (other,) = page.xpath('//*[@name="form.buttons.preview"]')
    assert "btn-primary" not in other.get("class")
    assert counts(site)["Plan"] == 1
    warnings = texts(page.xpath('//*[contains(@class, "thdtre-import-warnings")]/li'))
    assert any(
        "63/KH-KHCN" in w and "Sở Khoa học và Công nghệ" in w and "Kế hoạch đã có" in w
        for w in warnings
    ), warnings
    assert any(
        "sở khoa học và công nghệ" in w.casefold() and "Sở Tư pháp" in w
        for w in warnings
    ), warnings


def test_no_warning_for_a_new_number_in_its_own_department(site, departments):
    plan = {
        "number": 63,
        "symbol": "KH-KHCN",
        "year": 2024,
        "issuing_body": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    }
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        assert preview_warnings({"plan": plan}, departments["so-khcn"]) == []
        # Numbered the same, but another year: not the same document.
        api.content.create(
            container=departments["so-khcn"],
            type="Plan",
            title="Năm trước",
            department="so-khcn",
            number=63,
            symbol="KH-KHCN",
            year=2023,
        )
        assert preview_warnings({"plan": plan}, departments["so-khcn"]) == []
        (warning,) = preview_warnings({"plan": plan}, departments["so-tu-phap"])
        assert warning.mapping["department"] == "Sở Tư pháp"
