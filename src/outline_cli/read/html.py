"""Read a saved web page (.html/.htm): visible text in block order, one block a line,
with the page's own evidence kept on each line.

网页：按块输出可见文字（每块一行），去掉 script/style/隐藏元素；保留网页自身的证据——
<title>、<h1>–<h6>、整段加粗、<meta> 作者/日期/描述、导航/页脚等容器、链接密度——
供后面的清理和标题步骤使用。证据只影响判断，不直接删除任何一句正文。

Built on the standard library's ``html.parser``: it never fetches anything (no
network, no external entities), expands only HTML's own named entities, and is event
based, so deeply nested markup cannot exhaust the stack.  ``line`` numbers of HTML
input count the page's text blocks, as ``-f text`` prints them.
"""
from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from ..document import Line

BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
         "header", "footer", "nav", "aside", "main", "table", "tbody", "thead", "tr", "blockquote",
         "pre", "dd", "dt", "dl", "form", "figure", "figcaption", "center", "address", "hr", "title",
         "caption", "fieldset", "legend", "details", "summary", "body", "html"}
SKIP = {"script", "style", "noscript", "template", "iframe", "svg", "select", "object", "embed",
        "canvas", "audio", "video", "head", "button", "input", "textarea", "map"}
VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source",
        "track", "wbr", "param"}
FURNITURE_TAGS = {"nav", "footer", "aside"}
_FURNITURE_ATTR = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|sidebar|side|breadcrumb|crumb|"
                             r"copyright|comment|comments|share|related|recommend|hot|rank|login|topbar|"
                             r"header|banner|ad|ads|advert|social|pagination|pager)(?:$|[\s_-]|\d)", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACES = re.compile(r"[ \r\n\f\u00a0]+")
BR = "\u2029"
#: Elements nested deeper than this are flattened (their text still counts).
MAX_DEPTH = 2000


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[dict] = []
        self.stack: list[tuple[str, bool, bool, str]] = []  # (tag, skip, furniture, heading)
        self.parts: list[str] = []
        self.link_chars = 0
        self.bold_chars = 0
        self.in_link = 0
        self.in_bold = 0
        self.title = ""
        self._in_title = False
        self.meta: dict[str, str] = {}

    # -- state of the current element path -------------------------------------------
    def _skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _furniture(self) -> bool:
        return bool(self.stack) and self.stack[-1][2]

    def _heading(self) -> str:
        return self.stack[-1][3] if self.stack else ""

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.parts)).strip().replace(BR, "\n")
        if text:
            plain = len(text.replace(" ", ""))
            self.blocks.append({
                "text": text,
                "heading": self._heading(),
                "bold": self.bold_chars >= plain * 0.9 and plain > 0,
                "furniture": self._furniture(),
                "links": min(1.0, self.link_chars / max(1, plain)),
            })
        self.parts, self.link_chars, self.bold_chars = [], 0, 0

    def parse_marked_section(self, i, report=1):
        """``<![…`` outside SVG/MathML: the standard library asserts on anything but a
        well-formed CDATA/IF section (``<![CDA``); HTML5 reads it as a bogus comment
        that ends at the next ``>``."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1

    # -- parser events -------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self._meta(attrs)
            return
        if tag == "br":
            self.parts.append(BR)  # a line break the page asks for (newlines in the source are spaces)
            return
        if tag in ("td", "th"):
            self.parts.append("\t")
        if tag in VOID:
            return
        if tag == "title" and not self._skipping():
            self._in_title = True
        skip = self._skipping() or tag in SKIP or "hidden" in attrs \
            or bool(_HIDDEN_STYLE.search(attrs.get("style") or "")) or attrs.get("aria-hidden") == "true"
        if tag == "head":
            skip = True
        marks = " ".join(filter(None, (attrs.get("class"), attrs.get("id"), attrs.get("role"))))
        furniture = self._furniture() or tag in FURNITURE_TAGS or bool(_FURNITURE_ATTR.search(marks))
        heading = tag if tag in ("h1", "h2", "h3", "h4", "h5", "h6") else self._heading()
        if tag in BLOCK:
            self.flush()
        if len(self.stack) < MAX_DEPTH:
            self.stack.append((tag, skip, furniture, heading))
        if tag == "a":
            self.in_link += 1
        if tag in ("b", "strong"):
            self.in_bold += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in VOID:
            return
        if tag in BLOCK:
            self.flush()
        # pop to the matching tag (HTML in the wild does not always close in order)
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][0] == tag:
                del self.stack[k:]
                break
        if tag == "a" and self.in_link:
            self.in_link -= 1
        if tag in ("b", "strong") and self.in_bold:
            self.in_bold -= 1
        if tag in ("td", "th"):
            self.parts.append("\t")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
            return
        if self._skipping():
            return
        self.parts.append(data)
        n = len(data.strip())
        if self.in_link:
            self.link_chars += n
        if self.in_bold:
            self.bold_chars += n

    def _meta(self, attrs):
        key = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").lower()
        value = (attrs.get("content") or "").strip()
        if not key or not value:
            charset = attrs.get("charset")
            if charset:
                self.meta.setdefault("charset", charset)
            if (attrs.get("http-equiv") or "").lower() == "content-type":
                m = re.search(r"charset=([\w-]+)", value or attrs.get("content") or "", re.I)
                if m:
                    self.meta.setdefault("charset", m.group(1))
            return
        names = {"author": "author", "article:author": "author", "description": "description",
                 "og:title": "og_title", "pubdate": "date", "publishdate": "date", "publish_date": "date",
                 "article:published_time": "date", "datepublished": "date", "og:description": "description",
                 "source": "source", "contentsource": "source", "title": "og_title"}
        if key in names:
            self.meta.setdefault(names[key], value)


_META_CHARSET = re.compile(r"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first few KB (<meta charset> or http-equiv),
    when the declaration is believable: a text encoding under which the page's own
    head still reads as the markup it is (its <meta … charset> found again).  A wrong
    one (cp037, utf-16, idna in an ASCII page) turns the whole page into other
    characters, so it loses to detection — as browsers treat a meta utf-16."""
    head = data[:4096]
    m = _META_CHARSET.search(head.decode("ascii", errors="ignore"))
    if not m:
        return None
    name = m.group(1).lower()
    try:
        if not codecs.lookup(name)._is_text_encoding:
            return None
        decoded = head.decode(name, errors="replace")
    except (LookupError, UnicodeError, ValueError, TypeError):  # idna takes no error handler
        return None
    return name if _META_CHARSET.search(decoded) else None


def parse(text: str) -> tuple[list[Line], dict]:
    page = _Page()
    page.feed(text)
    page.close()
    page.flush()
    lines: list[Line] = []
    for block in page.blocks:
        for piece in block["text"].split("\n"):
            piece = piece.strip(" \t")
            if not piece:
                continue
            ln = Line(len(lines) + 1, piece.replace("\t", " \t").strip())
            if block["furniture"]:
                ln.hint = "furniture"  # a heading inside a menu or footer is furniture too
            elif block["heading"]:
                ln.hint, ln.hint_level = "heading", int(block["heading"][1])
            elif block["bold"]:
                ln.hint = "bold"
            ln.link_share = block["links"]
            lines.append(ln)
    meta = dict(page.meta)
    title = _SPACES.sub(" ", page.title).strip()
    if title:
        meta["page_title"] = title
    return lines, meta


def read(data: bytes, config, declared: str | None = None) -> "Reading":
    """A saved page: decoded by what it declares (or ``declared``, the charset a
    container such as .mhtml gives), unless it is valid UTF-8 (pages are often re-saved
    as UTF-8 with the old declaration left in)."""
    from . import InputError, decode
    from .formats import Reading

    notes: list[str] = []
    encoding = config.encoding or declared or declared_charset(data)  # a container's charset wins
    if not config.encoding:
        try:
            data.decode("utf-8")
            encoding = None  # valid UTF-8 beats a declaration
        except UnicodeDecodeError:
            pass
    try:
        text, encoding = decode(data, encoding, notes)
    except InputError:
        if config.encoding:
            raise
        text, encoding = decode(data, None, notes)  # the declaration was wrong
    lines, facts = parse(text)
    if not lines:
        from ..i18n import _

        raise InputError(_("web page has no visible text"))
    return Reading(encoding, lines=lines, facts=facts, notes=notes)
