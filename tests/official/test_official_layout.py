"""What Decree 30/2020/NĐ-CP fixes, from the one pure module that holds it."""

from collective.thdtre.official import layout
from datetime import date

import pytest


@pytest.mark.parametrize(
    "number,symbol,line",
    [
        (63, "KH-KHCN", "Số: 63/KH-KHCN"),
        (9, "KHPH-ĐTN", "Số: 09/KHPH-ĐTN"),
        (None, "KH-STP", "Số:      /KH-STP"),
        (None, None, ""),
        (None, "", ""),
    ],
)
def test_number_line_pads_numbers_below_ten_and_keeps_a_drafts_blank(
    number, symbol, line
):
    assert layout.number_line(number, symbol) == line


def test_place_and_date_line_has_leading_zeros_for_days_below_10_and_months_below_3():
    assert (
        layout.place_and_date("Hà Nội", date(2024, 1, 5))
        == "Hà Nội, ngày 05 tháng 01 năm 2024"
    )
    assert (
        layout.place_and_date("Bắc Giang", date(2024, 4, 17))
        == "Bắc Giang, ngày 17 tháng 4 năm 2024"
    )


def test_section_numbering_is_roman_then_arabic_then_letters():
    assert [layout.section_label(1, i) for i in (1, 4, 9)] == ["I.", "IV.", "IX."]
    assert layout.section_label(2, 3) == "3."
    assert layout.section_label(3, 2) == "b)"


def test_signing_authority_is_printed_one_prefix_a_line():
    lines, name = layout.signature_lines(
        authority="TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH",
        title="PHÓ CHỦ TỊCH",
        name="Lê Khắc Nam",
    )
    assert lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert name == "Lê Khắc Nam"
    assert layout.signing_lines("TL. GIÁM ĐỐC TUQ. CHÁNH VĂN PHÒNG") == [
        "TL. GIÁM ĐỐC",
        "TUQ. CHÁNH VĂN PHÒNG",
    ]


def test_recipients_end_each_line_with_a_semicolon_and_the_last_with_a_full_stop():
    assert layout.recipient_lines(["Như trên", "- Lãnh đạo Sở;", "Lưu: VT, VP."]) == [
        "- Như trên;",
        "- Lãnh đạo Sở;",
        "- Lưu: VT, VP.",
    ]


def test_appendix_heading_names_the_plan_it_goes_with():
    assert (
        layout.appendix_heading(
            number=63,
            symbol="KH-KHCN",
            issue_date=date(2024, 4, 17),
            issuing_body="Sở Khoa học và Công nghệ",
        )
        == "(Kèm theo Kế hoạch số 63/KH-KHCN ngày 17/4/2024"
        " của Sở Khoa học và Công nghệ)"
    )


def test_last_paragraph_of_the_body_closes_with_the_end_mark_once():
    assert layout.with_closing_mark("đề nghị thực hiện.") == "đề nghị thực hiện./."
    assert layout.with_closing_mark("thực hiện./.") == "thực hiện./."


def test_a_joint_plan_is_titled_by_the_kind_its_symbol_names():
    assert layout.document_type("KHPH-ĐTN") == "KẾ HOẠCH PHỐI HỢP"
    assert layout.document_type("KH-UBND") == "KẾ HOẠCH"
