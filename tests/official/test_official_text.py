"""A plan's text as written is cut where the official layout takes over."""

from collective.thdtre.official.text import blocks_of
from collective.thdtre.official.text import body_and_appendix
from collective.thdtre.official.text import body_text
from collective.thdtre.official.text import split_document
from pathlib import Path


SEEDS = Path(__file__).resolve().parents[1] / "fixtures"


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def test_body_runs_from_after_the_summary_to_the_recipients():
    parts = split_document(seed("003"))
    assert parts.head[-2:] == ["KẾ HOẠCH", "Tổ chức Tháng hành động vì trẻ em năm 2024"]
    assert parts.body[0].startswith("Thực hiện Kế hoạch số 26/KH-UBND")
    assert parts.body[-1].endswith("Sở Khoa học và Công nghệ./.")
    assert parts.tail[0] == "Nơi nhận:"
    assert parts.appendix[0] == "Phụ lục"
    assert parts.appendix[3].startswith("(kèm theo Kế hoạch số 63 /KH-KHCN")


def test_a_wrapped_summary_ends_where_the_imported_title_ends():
    text = (
        "KẾ HOẠCH\nTổ chức Tháng hành động\nvì trẻ em năm 2024\nThực hiện Kế hoạch..."
    )
    parts = split_document(text, title="Tổ chức Tháng hành động vì trẻ em năm 2024")
    assert parts.body == ["Thực hiện Kế hoạch..."]


def test_the_documents_own_numbering_is_kept_and_gives_the_heading_levels():
    blocks = blocks_of(
        "I. MỤC ĐÍCH\n1. Mục đích\na) Tuyên truyền\n2.1. Ở cấp tỉnh\n- Một ý"
    )
    assert [(b.text, b.kind, b.level) for b in blocks] == [
        ("I. MỤC ĐÍCH", "heading", 1),
        ("1. Mục đích", "heading", 2),
        ("a) Tuyên truyền", "heading", 3),
        ("2.1. Ở cấp tỉnh", "heading", 3),
        ("- Một ý", "para", 0),
    ]


def test_stored_text_gives_back_the_body_and_the_appendix():
    body, appendix = body_and_appendix(body_text(seed("003")))
    assert body[0].text.startswith("Thực hiện")
    assert appendix[0].text == "Phụ lục"
    assert appendix[-1].text.startswith("- 12- Lắng nghe trẻ em")


def test_markdown_marks_of_a_copied_text_are_not_words_of_the_document():
    assert blocks_of("**KT. GIÁM ĐỐC**\n## II. CHỦ ĐỀ")[1].text == "II. CHỦ ĐỀ"
