"""The official document as HTML: the plan page's document area, print and PDF.

Every value is escaped here; the page inserts the result as it is.
"""

from collective.thdtre.official import layout
from collective.thdtre.official.document import Document
from collective.thdtre.official.text import Block
from html import escape


def _div(css: str, text: str) -> str:
    return f'<div class="{css}">{escape(text)}</div>\n'


def block_html(block: Block) -> str:
    text = escape(block.text)
    if block.kind == "heading":
        tag = {1: "h2", 2: "h3"}.get(block.level, "h4")
        return f'<{tag} class="thdtre-h{block.level}">{text}</{tag}>\n'
    level = f" thdtre-l{block.level}" if block.level else ""
    return f'<p class="thdtre-para{level}">{text}</p>\n'


def _header(doc: Document) -> str:
    issuer = "".join(
        _div(
            "thdtre-parent-body" if i < len(doc.issuer) - 1 else "thdtre-issuing-body",
            line,
        )
        for i, line in enumerate(doc.issuer)
    )
    motto = "".join(
        _div(f"thdtre-motto-{i}", line) for i, line in enumerate(doc.motto, start=1)
    )
    return (
        '<table class="thdtre-header" role="presentation"><tr>'
        f'<td class="thdtre-issuer">{issuer}<hr class="thdtre-rule"/>'
        f"{_div('thdtre-number', doc.number_line)}</td>"
        '<td class="thdtre-motto">'
        f"{motto}"
        '<hr class="thdtre-rule"/>'
        f"{_div('thdtre-place-date', doc.place_and_date)}</td></tr></table>"
    )


def _footer(doc: Document) -> str:
    recipients = ""
    if doc.recipients:
        items = "".join(f"<li>{escape(line)}</li>\n" for line in doc.recipients)
        recipients = (
            f'<p class="thdtre-recipients-label">{escape(layout.RECIPIENTS_LABEL)}</p>'
            f"<ul>{items}</ul>"
        )
    signature = "".join(_div("thdtre-signing-authority", s) for s in doc.signature)
    return (
        '<table class="thdtre-footer" role="presentation"><tr>'
        f'<td class="thdtre-recipients">{recipients}</td>'
        f'<td class="thdtre-signature">{signature}'
        '<div class="thdtre-seal-space"></div>'
        f"{_div('thdtre-signer-name', doc.signer_name)}</td></tr></table>"
    )


def document_html(doc: Document) -> str:
    """The document: header, type and summary, body, signature, appendix."""
    body = "".join(block_html(b) for b in doc.body)
    parts = [
        _header(doc),
        '<h1 class="thdtre-type documentFirstHeading">'
        f'<span class="thdtre-doctype">{escape(doc.document_type)}</span><br/>'
        f'<span class="thdtre-summary">{escape(doc.title)}</span></h1>',
        f'<div class="thdtre-body">{body}</div>',
        _footer(doc),
    ]
    if doc.appendix:
        appendix = "".join(block_html(b) for b in doc.appendix)
        parts.append(f'<section class="thdtre-appendix">{appendix}</section>')
    return "\n".join(parts)
