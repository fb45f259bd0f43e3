"""Printing a plan from chromium gives the Decree 30 page: A4, its margins, only the
document (no banner, navigation, toolbar, counters or footer), the motto on one
line, page numbers from page 2, links not underlined."""

from io import BytesIO

import pytest
import re


pytestmark = pytest.mark.browser

MM = 72 / 25.4  # PDF points per millimetre
A4 = (210, 297)
MARGINS = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
LONG_PURPOSE = "\n".join(
    f"- Mục đích thứ {i}: nâng cao nhận thức của cán bộ, công chức, viên chức và "
    "người lao động về quyền trẻ em, phòng, chống xâm hại, bạo lực trẻ em."
    for i in range(1, 41)
)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def text_positions(page):
    """(x, y, text) of each piece of text on a PDF page, in points from bottom left."""
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            found.append((x, y, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


@pytest.fixture
def printed(make_plan, new_page, url_of, screenshot):
    pypdf = pytest.importorskip("pypdf")
    plan = make_plan(publish=True, purpose=LONG_PURPOSE)
    page = new_page()
    page.goto(url_of(plan))
    page.emulate_media(media="print")
    screenshot(page, "plan-print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=False)
    return page, pypdf.PdfReader(BytesIO(pdf))


def test_print_is_a4_within_decree_30_margins(printed):
    _page, reader = printed
    assert len(reader.pages) >= 2
    for number, pdf_page in enumerate(reader.pages, start=1):
        box = pdf_page.mediabox
        assert (round(float(box.width) / MM), round(float(box.height) / MM)) == A4
        positions = [
            p for p in text_positions(pdf_page) if not re.fullmatch(r"\d+", p[2])
        ]
        left = min(x for x, _y, _t in positions) / MM
        top = A4[1] - max(y for _x, y, _t in positions) / MM
        bottom = min(y for _x, y, _t in positions) / MM
        assert MARGINS["left"][0] - 1 <= left <= MARGINS["left"][1] + 3, (number, left)
        assert top >= MARGINS["top"][0] - 1, (number, top)
        assert bottom >= MARGINS["bottom"][0] - 6, (number, bottom)


def test_only_the_document_prints(printed):
    page, reader = printed
    for selector in (
        "#portal-header",
        "#mainnavigation-wrapper",
        "#portal-breadcrumbs",
        "#portal-footer-wrapper",
        ".thdtre-visits",
        ".thdtre-downloads",
        ".thdtre-activities",
    ):
        for element in page.locator(selector).all():
            assert not element.is_visible(), selector
    # pypdf spaces out Vietnamese letters with combining marks: compare unspaced.
    first = squash(reader.pages[0].extract_text())
    assert first.startswith(squash("UBND TỈNH BẮC GIANG"))
    everything = squash(" ".join(p.extract_text() for p in reader.pages))
    for chrome in ("Thống kê truy cập", "Đăng nhập", "Tải về dạng PDF", "Tiến độ"):
        assert squash(chrome) not in everything


def test_motto_on_one_line_and_links_not_underlined(printed):
    page, _reader = printed
    motto = page.locator(".thdtre-motto-1")
    height = motto.evaluate("el => el.getBoundingClientRect().height")
    line = motto.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)")
    assert height < 1.5 * line
    for link in page.locator(".thdtre-document a").all():
        assert "underline" not in link.evaluate(
            "el => getComputedStyle(el).textDecorationLine"
        )


def test_page_numbers_from_page_two(printed):
    _page, reader = printed

    def numbers(pdf_page):
        return [t for _x, _y, t in text_positions(pdf_page) if re.fullmatch(r"\d+", t)]

    height = float(reader.pages[1].mediabox.height)
    top_of_second = [
        t
        for x, y, t in text_positions(reader.pages[1])
        if y > height - 20 * MM and t == "2"
    ]
    assert top_of_second, numbers(reader.pages[1])
    first_height = float(reader.pages[0].mediabox.height)
    assert not [
        t
        for x, y, t in text_positions(reader.pages[0])
        if y > first_height - 20 * MM and re.fullmatch(r"\d+", t)
    ]
