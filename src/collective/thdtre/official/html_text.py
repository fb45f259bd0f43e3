"""The paragraphs of a rich-text field (simple HTML), for layouts that are not HTML."""

from html.parser import HTMLParser


class _Paragraphs(HTMLParser):
    """The text of each block element of simple HTML, in order."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "div", "br", "tr", "blockquote"}

    def __init__(self):
        super().__init__()
        self.items, self.current = [], []

    def flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.items.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data):
        self.current.append(data)


def html_paragraphs(html: str) -> list[str]:
    """The text of each paragraph, list item or heading of ``html``, in order."""
    parser = _Paragraphs()
    parser.feed(html or "")
    parser.close()
    parser.flush()
    return parser.items
