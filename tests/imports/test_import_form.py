"""The @@thdtre-import form: upload, preview every field, slogan and activity, then
confirm; a bad file shows its message and creates nothing."""

from imports_http import counts
from imports_http import document
from imports_http import make_plan
from imports_http import SEED_003
from imports_http import SLOGANS_003
from imports_http import sync
from imports_http import TABLE_PLAN
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser

import html
import pytest
import re


CONTENT_TYPES = {"txt": "text/plain", "md": "text/markdown", "pdf": "application/pdf"}
CONTENT_TYPES["docx"] = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)


@pytest.fixture
def browser(site, functional_app):
    browser = Browser(functional_app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.addHeader("Accept-Language", "en")
    return browser


def upload(browser, folder, filename: str, data: bytes):
    """Open the form, choose the file and press Preview."""
    browser.open(f"{folder.absolute_url()}/@@thdtre-import")
    content_type = CONTENT_TYPES.get(filename.rsplit(".", 1)[-1], "text/plain")
    browser.getControl(name="form.widgets.document").add_file(
        data, content_type, filename
    )
    browser.getControl(name="form.buttons.preview").click()
    return html.unescape(browser.contents)


@pytest.mark.parametrize("kind", [SEED_003, "docx", "pdf"])
def test_preview_then_import_creates_the_plan(site, folder, browser, kind):
    province = make_plan(site, number=26, symbol="KH-UBND", title="Kế hoạch tỉnh")
    before = counts(site)
    filename, data = document(kind)
    page = upload(browser, folder, filename, data)
    for text in (
        "Tổ chức Tháng hành động vì trẻ em năm 2024",
        "KH-KHCN",
        "17/04/2024",
        "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em",
        "Triệu Ngọc Trung",
        "26/KH-UBND",
        "Vận động sự đóng góp tự nguyện",
        "Tổ chức tuyên dương, khen thưởng",
        *SLOGANS_003,
    ):
        assert text in page, text
    assert counts(site) == before  # the preview creates nothing
    browser.getControl("Import").click()
    sync(site)
    plans = [obj for obj in folder.objectValues() if obj.portal_type == "Plan"]
    assert len(plans) == 1
    plan = plans[0]
    assert browser.url == plan.absolute_url()
    assert "Imported." in browser.contents
    assert plan.document_number == "63/KH-KHCN"
    assert [s.title for s in plan.objectValues() if s.portal_type == "Slogan"] == (
        SLOGANS_003
    )
    assert [r.to_object for r in plan.implements] == [province]
    assert plan.original_file.data == data


def test_the_preview_shows_the_line_each_value_was_read_from(site, folder, browser):
    page = upload(browser, folder, *document(SEED_003))
    rows = {
        label.strip(): (value.strip(), source)
        for label, value, source in re.findall(
            r'<th scope="row">([^<]*)</th>\s*<td>([^<]*)</td>\s*'
            r'<td class="thdtre-source">\s*(?:<q>([^<]*)</q>)?',
            page,
        )
    }
    assert rows["Date of issue"] == (
        "17/04/2024",
        "Bắc Giang, ngày 17 tháng 4 năm 2024",
    )
    assert rows["Number"][1] == "Số: 63 /KH-KHCN"
    assert "Hành động thiết thực" in rows["Theme"][1]
    assert "issue_date" not in rows  # titles, not field names


def test_preview_shows_the_units_of_each_activity(site, folder, browser):
    page = upload(browser, folder, *document(TABLE_PLAN))
    for text in (
        "Lễ phát động Tháng hành động vì trẻ em",
        "Phòng Lao động - Thương binh và Xã hội",
        "Huyện đoàn, Hội Liên hiệp Phụ nữ huyện",
        "Trung tâm Y tế huyện",
    ):
        assert text in page, text


@pytest.mark.parametrize(
    "filename,data,message",
    [
        ("plan.txt", b"", "The file is empty"),
        ("plan.docx", b"PK\x03\x04garbage", "The Word file is damaged"),
        ("plan.doc", b"KE HOACH", "Unknown file type"),
    ],
)
def test_a_bad_file_shows_the_message(site, folder, browser, filename, data, message):
    before = counts(site)
    page = upload(browser, folder, filename, data)
    assert message in page
    assert "Traceback" not in page
    with pytest.raises(LookupError):
        browser.getControl("Import")
    assert counts(site) == before


def test_a_bad_file_in_vietnamese(site, folder, browser):
    browser.addHeader("Accept-Language", "vi")
    page = upload(browser, folder, "plan.txt", b"")
    assert "Tệp trống: không có nội dung để nhập." in page
    assert counts(site)["Plan"] == 0


def test_a_failure_on_import_rolls_back(site, folder, browser):
    """The preview passes, the import fails on an activity's dates: nothing stays."""
    before = counts(site)
    text = document(TABLE_PLAN)[1].decode()
    text = text.replace("05/6/2024 đến ngày 10/6/2024", "10/6/2024 đến ngày 05/6/2024")
    upload(browser, folder, "kh-45.md", text.encode())
    browser.getControl("Import").click()
    page = html.unescape(browser.contents)
    assert "The activity must end on or after the day it starts." in page
    assert browser.url.endswith("/@@thdtre-import")
    assert counts(site) == before
