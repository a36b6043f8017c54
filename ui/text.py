"""Article text as safe HTML: escaped first, then wrapped in our own tags.

Article text is data, never markup: `<script>` or `[x](javascript:...)` in an
article must show as those characters. So every function here escapes the text
with html.escape *before* adding <mark>/<span> tags, and no page passes
article text to st.markdown, st.write, a button label or an expander title
(those render Markdown). Pure functions: no streamlit import, golden-tested.
"""
from __future__ import annotations

import hashlib
import re
from html import escape
from typing import Iterable, Optional, Sequence
from urllib.parse import urlparse

from claims.text.diff import differing_words
from claims.text.vocab import REPEAT

# Background per statement kind in the article view (the legend shows the same).
KIND_COLOURS = {
    "direct_quote": "#fde68a",
    "indirect_quote": "#bfdbfe",
    "narration": "#e5e7eb",
}
# Underline colours per speaker (picked by a stable hash of the name).
SPEAKER_COLOURS = ("#dc2626", "#2563eb", "#059669", "#d97706", "#7c3aed", "#db2777", "#0891b2", "#65a30d")

STYLE = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem !important; }
.cd-text { white-space: pre-wrap; line-height: 1.55; font-size: 0.98rem; }
.cd-text mark { background: #fde047; padding: 0 .1em; }
.cd-text mark.cd-diff, .cd-meta mark.cd-diff { background: #fecaca; }
.cd-meta { color: #4b5563; font-size: 0.85rem; }
.cd-badge { display: inline-block; padding: 0 .45em; border-radius: .4em; font-size: .8rem; font-weight: 600; }
.cd-contradicts { background: #fee2e2; color: #991b1b; }
.cd-supports { background: #dcfce7; color: #166534; }
.cd-related { background: #e5e7eb; color: #374151; }
.cd-repeat { background: #e0e7ff; color: #3730a3; }
.cd-stmt { border-bottom: 3px solid transparent; }
/* The verdict keys (Alt+1 ... Alt+9): small, in rows, not a tall column of buttons. */
[class*="st-key-verdict_keys_"] button { min-height: 1.6rem; padding: 0 .35rem; }
[class*="st-key-verdict_keys_"] { row-gap: .1rem !important; }
/* The statement a link landed on: it must stand out from the quote colouring around it. */
.cd-text mark.cd-focus { background: #facc15; outline: 3px solid #b45309; outline-offset: 2px; font-weight: 600;
  scroll-margin-top: 6rem; }
</style>"""


def text_html(text: Optional[str], *, tag: str = "div", css: str = "cd-text") -> str:
    """Plain text as an HTML block (escaped; line breaks kept by CSS)."""
    return f'<{tag} class="{css}">{escape(text or "")}</{tag}>'


def highlight_span(text: str, start: int, end: int) -> str:
    """`text` escaped, with [start, end) wrapped in <mark> (offsets clamped to the text)."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return (
        escape(text[:start]) + "<mark>" + escape(text[start:end]) + "</mark>" + escape(text[end:])
    )


def highlight_spans(text: str, spans: Iterable[tuple[int, int]], *, css: str = "cd-diff") -> str:
    """`text` escaped, each (non-overlapping, sorted) span wrapped in <mark class=css>."""
    out: list[str] = []
    pos = 0
    for a, b in sorted(spans):
        if a < pos:
            continue
        out.append(escape(text[pos:a]))
        out.append(f'<mark class="{css}">{escape(text[a:b])}</mark>')
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)


def context_line(sentence: str, claim_text: str) -> str:
    """The whole sentence a claim text stands in, when the frame makes it longer ('..., he said')."""
    if not claim_text or sentence.strip() == claim_text.strip():
        return ""
    return f'<div class="cd-meta">In context: {escape(sentence)}</div>'


def diff_html(claim: str, match: str) -> str:
    return highlight_spans(match, differing_words(claim, match))


def speaker_colour(name: Optional[str]) -> str:
    if not name:
        return "transparent"
    h = int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:8], 16)
    return SPEAKER_COLOURS[h % len(SPEAKER_COLOURS)]


def statements_html(text: str, statements: Sequence[dict], *, focus: Optional[int] = None) -> str:
    """The article with each statement shaded by kind and underlined in its speaker's colour.

    The tooltip (title attribute, escaped) names the kind, speaker and claim status. The statement
    whose id is `focus` is marked (id "cd-focus"): a link from a search hit lands on it.
    """
    out: list[str] = []
    pos = 0
    for st in sorted(statements, key=lambda s: (s["start"], s["end"])):
        a, b = max(pos, int(st["start"])), min(len(text), int(st["end"]))
        if b <= a:
            continue
        out.append(escape(text[pos:a]))
        tip = st.get("kind") or "statement"
        if st.get("speaker"):
            tip += f" · {st['speaker']}"
        if st.get("claim_id"):
            tip += f" · claim {st['claim_id']} ({st.get('status') or 'unreviewed'})"
        style = (
            f"background:{KIND_COLOURS.get(st.get('kind') or '', '#f3f4f6')};"
            f"border-bottom-color:{speaker_colour(st.get('speaker'))}"
        )
        if focus is not None and st.get("id") == focus:
            out.append(f'<mark id="cd-focus" class="cd-focus" title="{escape(tip)}">{escape(text[a:b])}</mark>')
        else:
            out.append(
                f'<span class="cd-stmt" style="{style}" title="{escape(tip)}">{escape(text[a:b])}</span>'
            )
        pos = b
    out.append(escape(text[pos:]))
    return '<div class="cd-text">' + "".join(out) + "</div>"


def safe_url(url: Optional[str]) -> Optional[str]:
    """The URL if it is http(s), else None: a `javascript:` link must never be clickable."""
    if not url:
        return None
    try:
        scheme = urlparse(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def link_html(url: Optional[str], label: str) -> str:
    """An external link (escaped label; plain text when the URL is not http(s))."""
    good = safe_url(url)
    if good is None:
        return escape(label)
    return f'<a href="{escape(good, quote=True)}" target="_blank" rel="noopener noreferrer">{escape(label)}</a>'


def badge(stance: str) -> str:
    css = {"contradicts": "cd-contradicts", "supports": "cd-supports", REPEAT: "cd-repeat"}.get(stance, "cd-related")
    return f'<span class="cd-badge {css}">{escape(stance)}</span>'


def meta_line(*parts: Optional[str]) -> str:
    """Escaped parts joined with middots, empty ones dropped."""
    return '<div class="cd-meta">' + " · ".join(escape(str(p)) for p in parts if p) + "</div>"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(value: object) -> str:
    """A value made inert for widgets that render Markdown (alerts, captions, labels)."""
    return _MD_SPECIAL.sub(r"\\\1", str(value))
