"""Page furniture: what a web page prints around the text it publishes.

Pages copied from portals, newspapers and legal-text sites carry the page's
address, banners, menus, breadcrumbs, timestamps, view counters, share buttons,
font-size controls, image captions and lists of other articles. ``strip_page``
removes them before the text is read, so none of it becomes a title, a
dateline or a date; it keeps what is worth keeping (the view count, the year a
crawler stamped on the page). Pure Python, line by line.
"""

from typing import NamedTuple

import re


WEEKDAY = r"(?:Thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|Chủ\s*nhật|CN)"
DAY = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}"
TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:AM|PM|SA|CH))?"
ZONE = r"(?:\s*[\[(]?\s*GMT\s*[+-]?\s*\d*\s*[\])]?)?"

# A page's address, and a crawler's stamp glued before the text (" date 2025-05").
URL_RE = re.compile(r"^\s*(?:https?://|www\.)\S*\s*$")
CRAWL_RE = re.compile(r"^\s*date\s+(\d{4})(?:-\d{1,2}){0,2}\b\s*")

# Lines that are furniture wherever they stand, in a document's page too.
ANYWHERE = [
    re.compile(p, re.I)
    for p in (
        # banners: "Thứ Sáu, 08/05/2015, 16:10 [GMT+7]", "Cập nhật: 10/5/2024"
        rf"^{WEEKDAY}\s*,?\s*(?:ngày\s*)?{DAY}\b.{{0,40}}$",
        rf"^\(?\s*(?:ngày\s+)?(?:cập nhật|đăng|xuất bản|đăng ngày|đăng lúc)"
        rf"(?:\s+ngày)?\s*:?\s*{DAY}.{{0,30}}$",
        r"\|\s*(?:English|Tiếng Anh|中文|Français)\b",
        # counters, font-size controls, share and print buttons
        r"^(?:số\s+)?lượt\s+(?:xem|truy cập|đọc)\s*:?\s*[\d.,]*$",
        r"^[\d.,]+\s+lượt\s+(?:xem|đọc)$",
        r"^(?:A\s*[-+]?\s*){2,3}$|^aa$|^Cỡ chữ\b.{0,40}$",
        r"^(?:Chia sẻ|Share|Tweet|In bài(?: viết)?|Bản in|Gửi email|Print|Lưu bài"
        r"|Đang tải\b.*)\s*:?\s*(?:\S+\s*){0,3}$",
        # image captions and placeholders
        r"^\(?\s*Ảnh(?:\s+minh\s+h(?:ọa|oạ)|\s+đại diện tin bài)?"
        r"\s*(?:[:–-].{0,60})?\)?$",
        r"^(?:Image result for\b.*|Related image|anh (?:bia|nen)\b.*|bia \d+)$",
        r"\s-\s*ảnh\s*\d+$",
        r"^.{0,160}\((?:Ảnh|Nguồn)\s*:[^)]*\)+\s*$",
        # document-sharing sites: file facts, scanner banners, breadcrumbs
        r"^(?:Định dạng|Số trang|Dung lượng|Lượt tải)\b.{0,20}$",
        r"^CamScanner\b.*$|^Tài liệu (?:được|đã được)\b.*$",
        r"^(?:\d+\.\s*)?(?:Trang chủ|Trang nhất)\b.{0,60}$|^(?:\d+\.\s*)?»|»\s*\S",
        r"^(?:THÔNG TIN TÀI LIỆU|Thông tin cơ bản|Các công cụ chuyển đổi\b.*)$",
        r"^of \d+\s*/\s*\d+$",
    )
]
# Lines that are furniture around an article (in a plan they could be content).
AROUND_ARTICLE = [
    re.compile(p, re.I)
    for p in (
        rf"^(?:[^\s:]+\s+){{0,4}}?(?:{DAY}(?:\s*[-|,]?\s*{TIME})?|{TIME}\s+{DAY}){ZONE}$",
        r"^\d{1,3}(?:\s+\d{1,3})+$",
        r"^(?:Skip to (?:main )?content|Bỏ qua nội dung|Đăng nhập|Đăng ký|Menu|Tag"
        r"|Tìm kiếm\b.{0,20}|Liên kết website|Chung nhan Tin Nhiem Mang)$",
        r"^(?:[a-z]{2}-[A-Z]{2}){1,3}$|^title\s",
        r"^Nguồn\s*:?\s*$|^Tác giả\s*:?\s*$|^Nội dung$",
    )
]

# Lines after which the article has ended: related links, comments, visit box.
FOOTER_RE = re.compile(
    r"^(?:Tin khác|Các tin khác|Tin liên quan|Bài viết liên quan|Tin cùng chuyên mục"
    r"|Cùng chuyên mục|Các tin/bài khác|Tin mới hơn|Tin đã đưa|Tin cũ hơn|Tin mới"
    r"|Bài trước|Bài sau|Phản hồi|Bình luận|Ý kiến bạn đọc|Mới\s*-\s*Nóng"
    r"|Xem thêm(?:\s+\S+){0,4}|Thống kê truy cập|Nguồn\s*:\s*$)"
    r"(?!\w)|^(?:Bài trước|Bài sau)(?=(?-i:[A-ZĐ]))",  # "Bài trướcThị trấn ..."
    re.I,
)
# A caption run into a paragraph: "... Can Lộc... Trong ảnh: Hội LHPN tỉnh ..."
CAPTION_TAIL = re.compile(r"\s*\bTrong ảnh\s*:.*$")
# A news agency's tag before the lead: "(QBĐT) - ", "TP - ", "TTTĐ - ", " - ".
SOURCE_TAG = re.compile(
    r"^\s*(?:\((?:[^()]{1,30})\)\s*[-–]?\s*|[A-ZĐ]{2,6}\s*[-–]\s+|[-–]\s+)(?=\S)"
)
VIEWS_RE = re.compile(
    r"(?:lượt\s+xem\s*:?\s*([\d.,]+))|(?:^([\d.,]+)\s+lượt\s+xem)", re.I
)


class Page(NamedTuple):
    """The text of a page without its furniture, and what the furniture said."""

    text: str
    view_count: int | None
    year: int | None  # a crawler's stamp: when the page was seen


def is_furniture(line: str, *, article: bool = True) -> bool:
    text = line.strip()
    patterns = ANYWHERE + AROUND_ARTICLE if article else ANYWHERE
    return bool(text) and (
        bool(URL_RE.match(text)) or any(p.search(text) for p in patterns)
    )


def view_count(line: str) -> int | None:
    match = VIEWS_RE.search(line.strip())
    if not match:
        return None
    digits = re.sub(r"\D", "", match[1] or match[2] or "")
    return int(digits) if digits else None


def strip_page(text: str, *, article: bool = True) -> Page:
    """``text`` without furniture lines; an article also loses its footer (the
    related links and visit box after it) and its agency tags."""
    kept, views, year = [], None, None
    for raw in text.split("\n"):
        crawl = CRAWL_RE.match(raw)
        if crawl:
            year = year or int(crawl[1])
            raw = raw[crawl.end() :]
        line = raw.strip()
        if FOOTER_RE.match(line) and kept and (article or len(line.split()) <= 5):
            break  # the page's related links and visit box, after the text
        if is_furniture(line, article=article):
            views = views if views is not None else view_count(line)
            continue
        if article:
            line = CAPTION_TAIL.sub("", line)
            if is_stub(line) or (kept and line and line == kept[-1].strip()):
                continue  # a stray letter, or a caption printed twice
            raw = SOURCE_TAG.sub("", line)
        kept.append(raw)
    return Page("\n".join(kept), views, year)


def is_stub(line: str) -> bool:
    """A stray word of one to three letters: a widget's label or a cut word."""
    return bool(re.fullmatch(r"[^\W\d_]{1,3}|\.", line))
