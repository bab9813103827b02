"""目录/提纲 blocks: a table of contents that paywalled 文秘 sites put above the text.

目录/提纲：付费文秘网站在正文前列出全文提纲，而正文在后面被截断。
这一块不属于正文：从文本中移出，条目留给标题树（source: toc）。

The block starts with a 目录/提纲/目次 line and runs to a closing ``……`` line,
or, without one, for as long as its lines start with heading markers.
"""
from __future__ import annotations

import re

from ..document import Document, Heading
from ..markers import heading_from_line

START = re.compile(r"^(?:目录|提纲|目次|目录\s*/\s*提纲|提纲\s*/\s*目录|内容提要|本文提纲)\s*[:]?\s*(?:……|…|\.{3,})?\s*$")
END = re.compile(r"^\s*[….]{2,}\s*$")  # one class: alternatives that overlap backtrack
#: A table of contents longer than this is not one.
MAX_ENTRIES = 80


def find_toc(doc: Document, articles: bool = False) -> None:
    """Step ``toc-block``: move a 目录/提纲 block out of the text into ``doc.toc``."""
    lines = doc.lines
    for i, ln in enumerate(lines[:200]):
        if not START.match(ln.view.strip()):
            continue
        entries: list[Heading] = []
        j = i + 1
        closed = False
        while j < len(lines) and j - i <= MAX_ENTRIES:
            view = lines[j].view.strip()
            if END.match(view):
                closed = True
                break
            head = heading_from_line(lines[j], articles=articles, whole=True)
            if head is None:
                break
            head.source, head.index = "toc", -1
            entries.append(head)
            j += 1
        if len(entries) < 2:
            continue
        stop = j + 1 if closed else j
        for gone in lines[i:stop]:
            gone.role = "toc"
            doc.remove(gone, "toc-block", "toc")
        doc.toc = entries
        doc.lines = lines[:i] + lines[stop:]
        return
