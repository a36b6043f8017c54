"""Deeply nested HTML, made shallow enough for lxml without losing its text.

libxml2 (under lxml, under trafilatura) stops building the tree at 256 levels: a page whose
article sits inside 500 nested <div>s came out with no text at all. A page nested deeper
than MAX_DEPTH is rewritten once before extraction: down to MAX_DEPTH every tag stays as it
was; below it tags are dropped, block-level ones replaced by a line break (so paragraphs stay
apart), and the text of script, style and template elements is dropped as a browser would
not show it. Pages of ordinary depth are never touched.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Well below libxml2's 256, with room for what trafilatura wraps around the content.
MAX_DEPTH = 150
# Elements that never have an end tag: they do not nest.
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Below MAX_DEPTH these become a line break: the text of two of them must not run together.
BLOCK = frozenset(
    """address article aside blockquote dd details dialog div dl dt fieldset figcaption figure footer
    form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead
    tr ul br""".split()
)
# Their content is not text a reader sees.
HIDDEN = frozenset("script style template noscript svg math head title".split())
END_TAG_REACH = 1_000
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>")


def nesting_depth(page: str) -> int:
    """An upper bound on how deep the page's elements nest (end tags left out, as HTML allows
    for <p> and <li>, only make it larger). A scan of the tags, no tree."""
    depth = deepest = 0
    for m in _TAG.finditer(page):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if name in VOID or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


class _Flattener(HTMLParser):
    def __init__(self, max_depth: int) -> None:
        super().__init__(convert_charrefs=True)
        self.max_depth = max_depth
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, kept as it was)
        self.hidden = 0  # open hidden elements below max_depth

    def _break(self) -> None:
        if not self.out or self.out[-1] != "<br>":  # one break for a run of nested blocks
            self.out.append("<br>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.handle_startendtag(tag, attrs)
            return
        keep = len(self.stack) < self.max_depth
        if keep:
            self.out.append(self.get_starttag_text() or f"<{tag}>")
        elif tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCK and not self.hidden:
            self._break()
        self.stack.append((tag, keep))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(self.stack) < self.max_depth:
            self.out.append(self.get_starttag_text() or f"<{tag}/>")
        elif tag in BLOCK and not self.hidden:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        # Close up to the nearest open element of that name (looked for among the innermost
        # END_TAG_REACH only: a page of stray end tags stays linear); a stray one closes nothing.
        for i in range(len(self.stack) - 1, max(-1, len(self.stack) - 1 - END_TAG_REACH), -1):
            if self.stack[i][0] == tag:
                break
        else:
            if len(self.stack) < self.max_depth:
                self.out.append(f"</{tag}>")
            return
        while len(self.stack) > i:
            name, kept = self.stack.pop()
            if kept:
                self.out.append(f"</{name}>")
            elif name in HIDDEN:
                self.hidden -= 1
            elif name in BLOCK and not self.hidden:
                self._break()

    def handle_data(self, data: str) -> None:
        if self.hidden and len(self.stack) >= self.max_depth:
            return
        if self.stack and self.stack[-1][0] in ("script", "style") and self.stack[-1][1]:
            self.out.append(data)  # raw text: escaping would change it
        else:
            self.out.append(html.escape(data, quote=False))

    def handle_comment(self, data: str) -> None:
        pass

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")


def flatten(page: str, max_depth: int = MAX_DEPTH) -> str:
    """The page with no element nested deeper than max_depth, every visible word kept."""
    parser = _Flattener(max_depth)
    parser.feed(page)
    parser.close()
    while parser.stack:
        name, kept = parser.stack.pop()
        if kept:
            parser.out.append(f"</{name}>")
    return "".join(parser.out)


def shallow(page: str, max_depth: int = MAX_DEPTH) -> str:
    """The page as it is when it nests no deeper than max_depth, else flattened."""
    return page if nesting_depth(page) <= max_depth else flatten(page, max_depth)
