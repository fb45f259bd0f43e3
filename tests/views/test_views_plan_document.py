"""The plan page shows the document as written: its numbering, every paragraph,
slogans where the document puts them, recipients with their ';' and the closing
'./.'; the activities with units, dates and progress follow as their own block."""

from collective.thdtre.importer.load import import_document
from datetime import date
from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from views_world import browser
from views_world import by_class
from views_world import folder_of
from views_world import KHCN
from views_world import make_plan
from views_world import parse
from views_world import setup_world
from views_world import STEPS
from views_world import text

import pytest
import transaction


SEED = next((Path(__file__).parents[1] / "fixtures").glob("003_*.txt"))


@pytest.fixture(scope="class")
def world(functional_portal_class):
    setup_world()
    typed = make_plan(
        state="published",
        title="Tổ chức Tháng hành động vì trẻ em năm 2024",
        number=64,  # the imported seed is 63/KH-KHCN of the same year
        symbol="KH-KHCN",
        issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        issue_place="Bắc Giang",
        issue_date=date(2024, 4, 17),
        theme="Hành động thiết thực, ưu tiên nguồn lực cho trẻ em",
        period_start=date(2024, 6, 1),
        period_end=date(2024, 6, 30),
        recipients=["Sở Lao động, Thương binh và Xã hội", "Lưu: VT, VP"],
        signing_authority="KT. GIÁM ĐỐC",
        signer_title="PHÓ GIÁM ĐỐC",
        signer_name="Triệu Ngọc Trung",
        slogans=[{"title": "Toàn dân chăm sóc, giáo dục và bảo vệ trẻ em."}],
        activities=[
            {
                "title": "Tuyên truyền trên website của Sở",
                "description": "Đăng tải tin bài, khẩu hiệu về Tháng hành động.",
                "lead_unit": "Trung tâm Ứng dụng",
            }
        ],
    )
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        _result, imported = import_document(
            container=folder_of(KHCN), filename=SEED.name, data=SEED.read_bytes()
        )
        imported.department = KHCN
        for transition in STEPS["published"]:
            api.content.transition(obj=imported, transition=transition)
    transaction.commit()
    return {"typed": typed.absolute_url(), "imported": imported.absolute_url()}


def document_area(app, url):
    made = browser(app)
    made.open(url)
    page = parse(made)
    return page, text(by_class(page, "thdtre-document")[0])


class TestPlanPageShowsTheDocumentAsWritten:
    def test_typed_plan_numbers_theme_and_period_and_has_no_progress_column(
        self, app, world
    ):
        page, document = document_area(app, world["typed"])
        assert "I. CHỦ ĐỀ, THỜI GIAN" in document
        assert "1. Chủ đề: “Hành động thiết thực" in document
        assert "2. Thời gian: Từ ngày 01/6/2024 đến ngày 30/6/2024." in document
        assert "Progress" not in document and "Tiến độ" not in document

    def test_typed_plan_has_each_activitys_text_in_place(self, app, world):
        _page, document = document_area(app, world["typed"])
        assert "II. NỘI DUNG HOẠT ĐỘNG 1. Tuyên truyền trên website" in document
        assert "Đăng tải tin bài, khẩu hiệu về Tháng hành động." in document
        assert "- Đơn vị chủ trì: Trung tâm Ứng dụng." in document

    def test_typed_plans_slogans_are_an_appendix_that_names_the_plan(self, app, world):
        page, _document = document_area(app, world["typed"])
        appendix = text(by_class(page, "thdtre-appendix")[0])
        assert appendix.startswith("PHỤ LỤC")
        assert "(Kèm theo Kế hoạch số 64/KH-KHCN ngày 17/4/2024" in appendix
        assert "1. Toàn dân chăm sóc, giáo dục và bảo vệ trẻ em." in appendix

    def test_recipients_keep_their_semicolons_and_the_full_stop(self, app, world):
        page, _document = document_area(app, world["typed"])
        recipients = [
            text(li) for li in page.xpath("//td[@class='thdtre-recipients']//li")
        ]
        assert recipients == [
            "- Sở Lao động, Thương binh và Xã hội;",
            "- Lưu: VT, VP.",
        ]

    def test_activity_list_with_progress_follows_the_document(self, app, world):
        page, _document = document_area(app, world["typed"])
        table = by_class(page, "thdtre-activity-table")[0]
        assert not table.xpath("ancestor::*[contains(@class, 'thdtre-document')]")
        assert "Tuyên truyền trên website của Sở" in text(table)

    def test_imported_plan_shows_every_paragraph_in_its_own_numbering(self, app, world):
        _page, document = document_area(app, world["imported"])
        assert "II. CHỦ ĐỀ, THỜI GIAN TỔ CHỨC 1. Chủ đề" in document
        assert "(khẩu hiệu tuyên truyền theo Phụ lục)" in document
        assert document.count("Sở Khoa học và Công nghệ./.") == 1
        assert "- 12- Lắng nghe trẻ em để chăm sóc" in document

    def test_print_button_and_downloads_are_outside_the_document(self, app, world):
        page, document = document_area(app, world["imported"])
        assert page.xpath("//button[contains(@class, 'thdtre-print')]")
        assert "Word" not in document
