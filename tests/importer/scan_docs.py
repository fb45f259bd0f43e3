"""Scanned pages for the OCR tests and the bench: a seed's first page drawn as an
image (Pillow, DejaVu Serif from fonts-dejavu-extra, which scripts/ensure_ocr.sh
installs) and saved as a PDF that has no text layer, as a scanner makes it."""

from pathlib import Path

import io
import textwrap


FONTS = Path("/usr/share/fonts/truetype/dejavu")
DPI = 300
A4 = (2480, 3508)  # pixels at 300 dpi
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP = 354, 236, 236  # 30, 20, 20 mm


def font(size_pt: float, bold: bool = False, *, italic: bool = False):
    from PIL import ImageFont

    style = ("Bold" if bold else "") + ("Italic" if italic else "")
    # Condensed: near the width of Times New Roman, which official documents use.
    name = f"DejaVuSerifCondensed-{style}.ttf" if style else "DejaVuSerifCondensed.ttf"
    return ImageFont.truetype(str(FONTS / name), round(size_pt * DPI / 72))


def fonts_present() -> bool:
    return (FONTS / "DejaVuSerifCondensed.ttf").exists()


def header_page(
    *,
    parent: str,
    body: str,
    number: str,
    place_date: str,
    title: str,
    paragraphs: list[str],
) -> "Image":  # noqa: F821
    """An A4 page laid out like Decree 30/2020: the header's two columns, the
    type and summary centred, then the body's paragraphs."""
    from PIL import Image
    from PIL import ImageDraw

    page = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(page)
    width = A4[0] - MARGIN_LEFT - MARGIN_RIGHT
    left_mid = MARGIN_LEFT + width * 0.18
    right_mid = MARGIN_LEFT + width * 0.7

    def centred(x_mid, y, text, face):
        draw.text((x_mid, y), text, font=face, fill=0, anchor="ma")
        return y + face.size * 1.45

    y = MARGIN_TOP
    left = centred(left_mid, y, parent, font(12))
    left = centred(left_mid, left, body, font(12, bold=True))
    centred(left_mid, left + 40, number, font(13))
    motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right = centred(right_mid, y, motto, font(12, bold=True))
    right = centred(right_mid, right, "Độc lập - Tự do - Hạnh phúc", font(13, True))
    centred(right_mid, right + 40, place_date, font(13, italic=True))
    y = centred(A4[0] / 2, MARGIN_TOP + 520, "KẾ HOẠCH", font(14, bold=True))
    y = centred(A4[0] / 2, y, title, font(14, bold=True)) + 60
    face = font(13)
    per_line = int(width / (face.size * 0.46))
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, per_line):
            draw.text((MARGIN_LEFT, y), line, font=face, fill=0)
            y += face.size * 1.45
            if y > A4[1] - MARGIN_TOP:
                return page
        y += face.size * 0.4
    return page


def scanned_pdf(pages: list) -> bytes:
    """The page images as a PDF without a text layer (what a scanner sends)."""
    stream = io.BytesIO()
    pages[0].save(stream, "PDF", resolution=DPI, save_all=True, append_images=pages[1:])
    return stream.getvalue()


def seed_003_page() -> "Image":  # noqa: F821
    """The first page of seed 003 (plan 63/KH-KHCN) as printed and signed."""
    from importer_docs import fixture_text

    text = fixture_text("003_c6cfd6b9ad409e01.txt")
    start = text.index("Thực hiện Kế hoạch số 26")
    body = [
        p.replace("**", "").strip() for p in text[start:].split("\n\n") if p.strip()
    ][:12]
    return header_page(
        parent="UBND TỈNH BẮC GIANG",
        body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        number="Số: 63/KH-KHCN",
        place_date="Bắc Giang, ngày 17 tháng 4 năm 2024",
        title="Tổ chức Tháng hành động vì trẻ em năm 2024",
        paragraphs=body,
    )


def seed_003_scan() -> bytes:
    return scanned_pdf([seed_003_page()])
