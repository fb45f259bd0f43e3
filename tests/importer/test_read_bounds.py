"""Every reader has a bound besides the upload size: a Word file's inflated size
and parts, a PDF's pages; the old module's names still import."""

from collective.thdtre.importer.parse import parse_document
from collective.thdtre.importer.parse import ParseError
from collective.thdtre.importer.readers import docx as docx_reader
from collective.thdtre.importer.readers import pdf as pdf_reader
from importer_docs import build_pdf
from importer_docs import docx_from_seed
from importer_docs import fixture_text

import io
import pytest
import zipfile


def seed_docx() -> bytes:
    return docx_from_seed(
        fixture_text("003_c6cfd6b9ad409e01.txt"),
        parent="UBND TỈNH BẮC GIANG",
        body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    )


def with_member(data: bytes, name: str, content: bytes) -> bytes:
    """The .docx ``data`` with one more part (compressed)."""
    stream = io.BytesIO(data)
    with zipfile.ZipFile(stream, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr(name, content)
    return stream.getvalue()


def test_a_zip_bomb_docx_is_refused_before_it_is_unpacked():
    bomb = with_member(seed_docx(), "word/media/padding.bin", bytes(120 * 2**20))
    assert len(bomb) < 2**20  # small on the wire, 120 MB inflated
    with pytest.raises(ParseError) as info:
        parse_document("plan.docx", bomb)
    assert info.value.code == "docx_too_large"
    assert info.value.mapping == {"limit_mb": 100}


def test_a_huge_xml_part_is_refused(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_XML_PART", 1024)
    with pytest.raises(ParseError) as info:
        parse_document("plan.docx", seed_docx())
    assert info.value.code == "docx_too_large"


def test_a_docx_with_too_many_parts_is_damaged(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_PARTS", 5)
    with pytest.raises(ParseError) as info:
        parse_document("plan.docx", seed_docx())
    assert info.value.code == "damaged_docx"


def test_a_docx_within_the_bounds_reads():
    assert parse_document("plan.docx", seed_docx())["plan"]["number"] == 63


def test_a_pdf_with_too_many_pages_is_refused(monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 3)
    data = build_pdf([b"BT /F1 9 Tf 50 800 Td (Trang) Tj ET"] * 4)
    with pytest.raises(ParseError) as info:
        parse_document("plan.pdf", data)
    assert info.value.code == "too_many_pages"
    assert info.value.mapping == {"pages": 4, "limit": 3}
    assert "has 4 pages; at most 3" in info.value.message


def test_the_names_others_import_are_still_there():
    from collective.thdtre.importer import readers

    for name in (
        "read_text", "ParseError", "MAX_BYTES", "MESSAGES", "MSG_EMPTY",
        "MSG_NOT_A_PLAN", "MSG_BINARY", "MSG_DAMAGED_DOCX", "MSG_DAMAGED_PDF",
        "MSG_NEEDS_OCR", "MSG_UNKNOWN_EXTENSION", "MSG_TOO_LARGE",
        "MSG_BAD_ENCODING", "decode_text", "normalise", "read_docx", "read_pdf",
        "reflow", "TEXT_EXTENSIONS",
    ):  # fmt: skip
        assert hasattr(readers, name), name
    assert readers.MESSAGES["needs_ocr"] == readers.MSG_NEEDS_OCR
