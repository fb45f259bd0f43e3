"""Scanned PDFs: Tesseract reads a rendered page of a seed, only when the PDF has
no text layer, within 15 s a page; without Tesseract the editor is told so."""

from collective.thdtre.importer.parse import parse_document
from collective.thdtre.importer.parse import ParseError
from collective.thdtre.importer.readers import ocr
from collective.thdtre.importer.readers import pdf
from importer_docs import fixture_text
from importer_docs import pdf_from_text
from scan_docs import fonts_present
from scan_docs import scanned_pdf
from scan_docs import seed_003_page

import functools
import pytest
import time


needs_ocr = pytest.mark.skipif(
    not (ocr.available() and fonts_present()),
    reason="Tesseract (vie), pdftoppm or DejaVu fonts missing: scripts/ensure_ocr.sh",
)


@functools.cache
def scan() -> bytes:
    return scanned_pdf([seed_003_page()])


@needs_ocr
def test_a_scanned_plan_gives_its_number_date_and_issuing_body():
    plan = parse_document("scan.pdf", scan())["plan"]
    assert (plan["number"], plan["symbol"]) == (63, "KH-KHCN")
    assert plan["issue_date"] == "2024-04-17"
    assert plan["issuing_body"] == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert plan["parent_body"] == "UBND TỈNH BẮC GIANG"
    assert plan["title"] == "Tổ chức Tháng hành động vì trẻ em năm 2024"
    assert plan["theme"] == "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em"


@needs_ocr
def test_two_scanned_pages_are_read_in_order():
    page = seed_003_page()
    pages = ocr.read_scan(scanned_pdf([page, page.copy()]), pages=2)
    assert len(pages) == 2
    assert all("63/KH-KHCN" in text for text in pages)


def test_a_pdf_with_a_text_layer_never_runs_ocr(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("OCR ran on a PDF with a text layer")

    monkeypatch.setattr(ocr, "read_scan", refuse)
    plan = parse_document(
        "kh.pdf", pdf_from_text(fixture_text("003_c6cfd6b9ad409e01.txt"))
    )
    assert plan["plan"]["number"] == 63


def test_without_tesseract_a_scan_gets_a_clear_message(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(ParseError) as info:
        parse_document("scan.pdf", scanned_pdf([seed_003_page()]))
    assert info.value.code == "ocr_missing"
    assert "not installed on this server" in info.value.message


def test_ocr_can_be_refused_by_the_caller():
    with pytest.raises(ParseError) as info:
        pdf.read_pdf(scanned_pdf([seed_003_page()]), use_ocr=False)
    assert info.value.code == "needs_ocr"


def test_available_is_false_without_the_tools(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    ocr.available.cache_clear()
    try:
        assert ocr.available() is False
    finally:
        monkeypatch.undo()
        ocr.available.cache_clear()


def test_too_many_scanned_pages_are_refused_before_any_ocr(monkeypatch):
    monkeypatch.setattr(ocr, "MAX_PAGES", 2)
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "read_page", pytest.fail)
    page = seed_003_page().resize((620, 877))
    with pytest.raises(ParseError) as info:
        parse_document("scan.pdf", scanned_pdf([page, page, page]))
    assert info.value.code == "too_many_pages"
    assert info.value.mapping == {"pages": 3, "limit": 2}


@needs_ocr
def test_a_page_over_its_time_is_stopped(monkeypatch):
    ocr.available.cache_clear()  # the tools are found whatever a page's limit
    monkeypatch.setattr(ocr, "PAGE_SECONDS", 0.05)
    start = time.monotonic()
    with pytest.raises(ParseError) as info:
        parse_document("scan.pdf", scan())
    assert info.value.code == "ocr_timeout"
    assert info.value.mapping == {"page": 1, "seconds": 0.05}
    assert time.monotonic() - start < 2
