"""HTML fragments (Mastodon statuses, feed descriptions, comments) -> plain text."""

import re
from html.parser import HTMLParser

_BLOCKS = {
    "p", "div", "li", "ul", "ol", "blockquote", "pre", "tr", "table",
    "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer",
}  # fmt: skip
_SKIPPED = {"script", "style", "template"}


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(re.sub(r"[ \t\r\n\f]+", " ", data))


def html_to_text(html):
    """Plain text of an HTML fragment: entities decoded, link text kept, <br>/<p> kept
    as line breaks."""
    if not html:
        return ""
    extractor = _TextExtractor()
    extractor.feed(str(html))
    extractor.close()
    text = "".join(extractor.parts)
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
