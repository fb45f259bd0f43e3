"""A plan as PDF, made on the server by WeasyPrint in the print layout of the page.

The document area is the page's (``official.html``) and the stylesheet is the
page's own (static/document.css, print media): paper and screen cannot drift
apart. WeasyPrint needs Debian's pango (scripts/ensure_pango.sh).
"""

from collective.thdtre.official.document import Document
from collective.thdtre.official.html import document_html
from html import escape
from pathlib import Path


STYLESHEET = Path(__file__).resolve().parents[1] / "browser" / "static" / "document.css"


def pdf_html(doc: Document, *, draft_mark: str = "") -> str:
    """The standalone HTML page that is printed to PDF."""
    mark = (
        f'<p class="thdtre-draft-mark">{escape(draft_mark)}</p>' if draft_mark else ""
    )
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{escape(doc.title)}</title>"
        f'<meta name="author" content="{escape(doc.author)}">'
        "</head><body>"
        f'<article class="thdtre-document">{mark}{document_html(doc)}</article>'
        "</body></html>"
    )


def write_pdf(doc: Document, *, draft_mark: str = "") -> bytes:
    """The PDF bytes of an official document (A4, Decree 30 margins, page numbers)."""
    from weasyprint import CSS  # imported late: loading pango takes a moment
    from weasyprint import HTML

    css = CSS(string=STYLESHEET.read_text(encoding="utf-8"))
    html = HTML(string=pdf_html(doc, draft_mark=draft_mark))
    return html.write_pdf(stylesheets=[css])
