"""A plan whose Vietnamese lost its accents (the text layer of a scan, a copy
typed without diacritics) is refused with a message that says why and what to
upload instead, not with "this does not look like a plan"."""

from collective.thdtre.importer.mapping import ERROR_MESSAGES
from collective.thdtre.importer.parse import parse_document
from collective.thdtre.importer.readers.base import ParseError

import pytest


# Our own words, written as a scan's text layer reads: no accents, one long line.
WITHOUT_ACCENTS = (
    "UY BAN NHAN DAN HUYEN BINH AN CONG HOA XA HOI CHU NGHIA VIET NAM Doc lap - "
    "Tu do - Hanh phuc So: 12 /KH-UBND Binh An, ngay 3 thang 5 nam 2024 KE HOACH "
    "To chuc Thang hanh dong vi tre em nam 2024 I. MUC DICH, YEU CAU 1. Muc dich "
    "Nang cao nhan thuc cua cac cap, cac nganh va gia dinh ve bao ve tre em; tao "
    "moi truong an toan, lanh manh cho tre em trong dip he. 2. Yeu cau Cac hoat "
    "dong thiet thuc, tiet kiem, huong ve co so. II. NOI DUNG 1. Chu de: Hanh "
    "dong vi tre em 2. Thoi gian: tu ngay 01/6/2024 den ngay 30/6/2024."
)
WITH_ACCENTS = (
    "ỦY BAN NHÂN DÂN HUYỆN BÌNH AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nSố: 12/KH-UBND\nBình An, ngày 03 tháng 5 năm 2024\n"
    "KẾ HOẠCH\nTổ chức Tháng hành động vì trẻ em năm 2024\nI. MỤC ĐÍCH, YÊU CẦU\n"
    "1. Mục đích\nNâng cao nhận thức của các cấp, các ngành và gia đình về bảo vệ "
    "trẻ em; tạo môi trường an toàn, lành mạnh cho trẻ em trong dịp hè.\n"
)


def test_a_plan_without_its_accents_is_refused_with_its_own_reason():
    with pytest.raises(ParseError) as refused:
        parse_document("scan-layer.txt", WITHOUT_ACCENTS.encode())
    assert refused.value.code == "no_diacritics"
    assert "accents" in ERROR_MESSAGES["no_diacritics"]


def test_the_same_plan_with_its_accents_is_read():
    parsed = parse_document("plan.txt", WITH_ACCENTS.encode())
    assert parsed["kind"] == "plan"
    assert parsed["plan"]["number"] == 12


def test_a_short_unaccented_note_is_not_taken_for_a_plan_that_lost_its_accents():
    with pytest.raises(ParseError) as refused:
        parse_document("note.txt", b"Hello, this is a note about nothing at all.")
    assert refused.value.code == "not_a_plan"
