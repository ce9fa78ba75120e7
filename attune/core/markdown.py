"""Markdown to safe HTML, done once when content is imported."""

import re

import nh3
from markdown_it import MarkdownIt

# Raw HTML in content is shown as text, and the output is sanitized again as a second wall:
# nothing an editor types can put a script on a page.
_renderer = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(
    ["table", "strikethrough", "replacements", "smartquotes"]
)

_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "kbd",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}


def render_markdown(text: str) -> str:
    """Render Markdown to sanitized HTML, with headings one level down."""
    # Section bodies sit under the page's own h1 and h2, so their headings move down a level.
    html = _HEADING_TAG.sub(
        lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}>",
        _renderer.render(text),
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def render_inline(text: str) -> str:
    """Render one line of Markdown (a title, a question) without a wrapping paragraph."""
    html = _renderer.renderInline(text)
    return nh3.clean(html, tags={"em", "strong", "code", "del"}, attributes={})
